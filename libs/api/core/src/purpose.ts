import { GraphQLError, type OperationDefinitionNode } from 'graphql';
import { isPurposeKey } from '@provision/domain';
import { declaredPurposes } from './directives.js';
import { type Principal } from './request-context.js';

function refuse(code: 'PURPOSE_REQUIRED' | 'BAD_USER_INPUT', message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code, field: 'purpose', http: { status: 400 } } });
}

/**
 * The purpose an operation declares, checked before anything executes: a partner must declare
 * exactly one known purpose, or the whole operation is refused with no data at all. The shop
 * backend and admins need none, but what they declare must still be a known purpose.
 */
export function operationPurpose(
  principal: Principal,
  operation: OperationDefinitionNode,
  variables: Readonly<Record<string, unknown>> = {},
): string | null {
  const purposes = declaredPurposes(operation, variables);
  if (purposes.length === 0) {
    if (principal.kind === 'PARTNER') {
      throw refuse('PURPOSE_REQUIRED', 'a partner operation must declare its purpose: @purpose(code: "…")');
    }
    return null;
  }
  if (purposes.length > 1) throw refuse('BAD_USER_INPUT', 'an operation declares exactly one purpose');
  const [code] = purposes;
  if (code === null || code === undefined || !isPurposeKey(code)) {
    throw refuse('BAD_USER_INPUT', 'unknown purpose: see the purpose catalog');
  }
  return code;
}
