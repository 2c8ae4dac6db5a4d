import { DestructionResolver } from './destruction.resolver.js';
import { PartnerReadResolver } from './partner.resolver.js';
import { ProvisionScopeResolver } from './provision-scope.resolver.js';

/** Resolvers of the partner API; the gateway passes them to `buildSchema`. */
export const partnerResolvers = [PartnerReadResolver, ProvisionScopeResolver, DestructionResolver] as const;

/** Global middleware that releases `@personal` fields; the gateway installs it in `buildSchema`. */
export { personalDataGuard } from './personal-data.guard.js';
