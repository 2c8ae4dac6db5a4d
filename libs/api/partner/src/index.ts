import { DestructionResolver } from './destruction.resolver.js';
import { PartnerReadResolver } from './partner.resolver.js';
import { ProvisionScopeResolver } from './provision-scope.resolver.js';

/** Partner queries that answer without a declared `@purpose` (they release no personal data). */
export { PURPOSE_FREE_QUERIES } from './provision-scope.resolver.js';

/** Resolvers of the partner API; the gateway passes them to `buildSchema`. */
export const partnerResolvers = [PartnerReadResolver, ProvisionScopeResolver, DestructionResolver] as const;

/** Destruction evidence, shared with the admin API's `recordDestruction`. */
export { ConfirmDestructionInput } from './destruction.input.js';
export { toConfirmationView } from './destruction.resolver.js';
export { DestructionService } from './destruction.service.js';
export { DestructionConfirmationView } from './destruction.type.js';

/**
 * The `@personal` fields: the gateway installs `releasePersonalField` on them with `guardPersonalFields`,
 * and releases a page's fields in one batch with `releasePagesAhead`.
 */
export { guardPersonalFields, type PersonalFieldResolver, releasePersonalField } from './personal-data.guard.js';
export { releasePagesAhead } from './release-ahead.js';
export type { ProvisionHandle } from './provision-handle.js';

/** Admission of a request (client, partner facts cached by registry version, rate limit) and the partner request's session. */
export { factsAt, type PartnerFacts, type PartnerFactsNow } from './partner-facts.js';
export { type Admission, type ClientRow, PartnerRegistry, type PartnerRegistryOptions, type ProvisionObserver } from './partner-registry.js';
export { endProvisionSession, openProvisionSession, type ProvisionSession } from './provision-session.js';

/** The connection page info, shared with the admin API's paginated queries (one `PageInfo` type). */
export { PageInfoView } from './partner.type.js';
