import { ShopConsentResolver } from './consent.resolver.js';
import { ShopEngagementResolver } from './engagement.resolver.js';
import { ShopOrderResolver } from './order.resolver.js';
import { ShopProvisionReportResolver } from './provision-report.resolver.js';
import { ShopSubjectRightsResolver } from './subject-rights.resolver.js';
import { ShopSubjectResolver } from './subject.resolver.js';

/** Resolvers of the shop-side API (`shop:write`, `shop:read`); the gateway passes them to `buildSchema`. */
export const shopResolvers = [
  ShopSubjectResolver,
  ShopOrderResolver,
  ShopConsentResolver,
  ShopEngagementResolver,
  ShopSubjectRightsResolver,
  ShopProvisionReportResolver,
] as const;
