import { AccessResolver } from './access.resolver.js';
import { AgreementDraftResolver } from './agreement-draft.resolver.js';
import { CatalogResolver } from './catalog.resolver.js';
import { HarvestResolver } from './harvest.resolver.js';
import { NoticeResolver } from './notice.resolver.js';
import { OverviewResolver } from './overview.resolver.js';
import { PartnerResolver } from './partner.resolver.js';
import { ReviewResolver } from './review.resolver.js';
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
] as const;
