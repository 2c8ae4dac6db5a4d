import { AccessResolver } from './access.resolver.js';
import { AgreementDraftResolver } from './agreement-draft.resolver.js';
import { CatalogResolver } from './catalog.resolver.js';
import { HarvestResolver } from './harvest.resolver.js';
import { NoticeResolver } from './notice.resolver.js';
import { OverviewResolver } from './overview.resolver.js';
import { PartnerResolver } from './partner.resolver.js';
import { ReviewResolver } from './review.resolver.js';
import { StatutoryDisclosureResolver } from './statutory-disclosure.resolver.js';
import { SubjectDataResolver } from './subject-data.resolver.js';

/** Resolvers of the admin API; the gateway passes them to `buildSchema`. */
export const adminResolvers = [
  PartnerResolver,
  AgreementDraftResolver,
  CatalogResolver,
  NoticeResolver,
  OverviewResolver,
  HarvestResolver,
  SubjectDataResolver,
  AccessResolver,
  ReviewResolver,
  StatutoryDisclosureResolver,
] as const;
/** For the `clients` command line tool: the same rules and permission history as `addClient`. */
export { AddClientInput } from './client.input.js';
export { ClientRegistryService } from './client-registry.service.js';
