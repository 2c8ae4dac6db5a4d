// The public surface of @provision/domain. Everything here is meant to be used by other
// projects; helpers not listed (Seoul calendar internals, parser pieces) stay private.

export { type Catalog, type CatalogEntry, type Label, createCatalog, parentKey } from './catalog.js';
export {
  ITEM_CATALOG,
  ITEM_KEYS,
  ITEM_SENSITIVITIES,
  type ItemCatalogKey,
  type ItemEntry,
  type ItemKey,
  type ItemSensitivity,
  isGrantableItem,
  isUniqueIdentifier,
} from './item.catalog.js';
export {
  PURPOSE_CATALOG,
  PURPOSE_KEYS,
  type PurposeEntry,
  type PurposeKey,
  isGrantablePurpose,
  isPurposeKey,
  purposeCovers,
} from './purpose.catalog.js';
export { describeLegalBasis } from './legal-basis.js';
export { STATUTE_CATALOG, type StatuteEntry, type StatuteKey, isCitableStatute } from './statute.catalog.js';
export {
  isDisclosureNotifiable,
  MAX_DISCLOSURE_SUBJECTS,
  type StatutoryDisclosureDraft,
  validateStatutoryDisclosure,
  type ValidatedStatutoryDisclosure,
} from './statutory-disclosure.js';
export { type AgeFacts, bornUnder14At, isUnder14At } from './child.js';
export { type CalendarDuration, SEOUL_OFFSET_MS, addInSeoul, isCalendarDate, seoulDayOf, startOfSeoulDay } from './seoul-time.js';
export {
  LANGUAGES,
  type Language,
  RETENTION_ANCHORS,
  type RetentionAnchor,
  type RetentionAnchors,
  type RetentionRule,
  RetentionRuleSyntaxError,
  describeRetentionRule,
  formatRetentionRule,
  isWindowOpen,
  parseRetentionRule,
  windowClosesAt,
} from './retention-rule.js';
export {
  BACKDATING_TOLERANCE_MS,
  STATUS_ACTIONS,
  type StatusAction,
  type StatusChange,
  planStatusChange,
  statusAt,
  terminatedAt,
} from './partner-status.js';
export {
  type AgreementContext,
  type AgreementDraft,
  type AgreementQuota,
  type Grant,
  MAX_QUOTA,
  type ValidatedAgreement,
  agreementInForce,
  grantCovers,
  validateAgreementDraft,
} from './agreement.js';
export {
  type Decision,
  type ProvisionAgreement,
  type ProvisionConsent,
  type ProvisionCorrection,
  type ProvisionDailyCeiling,
  type ProvisionFacts,
  type ProvisionGrant,
  type ProvisionPartner,
  type ProvisionSuspension,
  decide,
  withoutCeilingPlace,
} from './decision.js';
export {
  DENIAL_REASONS,
  type DenialReason,
  DomainError,
  ERROR_CODES,
  type ErrorCode,
  InputError,
  NotFoundError,
} from './errors.js';
export {
  CLIENT_KINDS,
  type ClientKind,
  CONSENT_CHANNELS,
  type ConsentChannel,
  FIXED_SCOPES,
  type FixedScope,
  LEGAL_BASES,
  type LegalBasis,
  NOTICE_TYPES,
  DESTRUCTION_NOTICE_TYPES,
  type NoticeType,
  ORDER_STATUSES,
  type OrderStatus,
  PARTNER_KINDS,
  PARTNER_ROLES,
  PARTNER_STATUSES,
  type PartnerKind,
  type PartnerRole,
  type PartnerStatus,
  type PiiScope,
  type Scope,
  SUBJECT_KINDS,
  type SubjectKind,
  isKnownScope,
  isOneOf,
  itemOfScope,
  piiScope,
} from './vocabulary.js';
export { type Actor, type Person } from './actor.js';
