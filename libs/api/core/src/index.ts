export { actorOf, type Principal, type RequestContext } from './request-context.js';
export { assertAnyScope, authChecker } from './auth-checker.js';
export { formatError, INTERNAL_ERROR_MESSAGE, isUnexpectedError, toGraphQLError } from './graphql-errors.js';
export { firstInvalidPath, validateArgument } from './validation.js';
export { DateTimeScalar, scalarsMap } from './scalars.js';
export { declaredPurposes, personalDirective, purposeDirective } from './directives.js';
export { operationPurpose } from './purpose.js';
export { enumOf, OrderStatusEnum } from './enums.js';
export { IsEmailAddress, IsPlainText, IsPrintableAscii } from './text-rules.js';
