import { AccessResolver } from './access.resolver.js';
import { CatalogResolver } from './catalog.resolver.js';
import { NoticeResolver } from './notice.resolver.js';
import { PartnerResolver } from './partner.resolver.js';
import { ReviewResolver } from './review.resolver.js';

/** Resolvers of the admin API; the gateway passes them to `buildSchema`. */
export const adminResolvers = [PartnerResolver, CatalogResolver, NoticeResolver, AccessResolver, ReviewResolver] as const;
