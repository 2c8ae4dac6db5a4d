import { DestructionResolver } from './destruction.resolver.js';
import { PartnerReadResolver } from './partner.resolver.js';
import { ProvisionScopeResolver } from './provision-scope.resolver.js';

/** Resolvers of the partner API; the gateway passes them to `buildSchema`. */
export const partnerResolvers = [PartnerReadResolver, ProvisionScopeResolver, DestructionResolver] as const;

/** Destruction evidence, shared with the admin API's `recordDestruction`. */
export { ConfirmDestructionInput } from './destruction.input.js';
export { toConfirmationView } from './destruction.resolver.js';
export { DestructionService } from './destruction.service.js';
export { DestructionConfirmationView } from './destruction.type.js';

/** Global middleware that releases `@personal` fields; the gateway installs it in `buildSchema`. */
export { personalDataGuard } from './personal-data.guard.js';

/** The connection page info, shared with the admin API's paginated queries (one `PageInfo` type). */
export { PageInfoView } from './partner.type.js';
