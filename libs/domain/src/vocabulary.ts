import { isGrantableItem, type ItemKey } from './item.catalog.js';

// The string unions of the domain. Each is a const array first, so the GraphQL enums and the
// database check constraints are generated from the same list the type is.

/** RECIPIENT: third-party provision (PIPA Art. 17). CONSIGNEE: processing on the shop's behalf (Art. 26); a re-consignee is a CONSIGNEE with a parent. */
export const PARTNER_KINDS = ['RECIPIENT', 'CONSIGNEE'] as const;
/** Legal kind of a partner. */
export type PartnerKind = (typeof PARTNER_KINDS)[number];

/** Which engagements bind a partner to subjects (row binding). */
export const PARTNER_ROLES = ['SELLER', 'CUSTOMS_BROKER', 'SERVICE_PROVIDER', 'SUPPORT'] as const;
/** Business role of a partner. */
export type PartnerRole = (typeof PARTNER_ROLES)[number];

/** Lifecycle of a partnership; TERMINATED is final. */
export const PARTNER_STATUSES = ['ACTIVE', 'SUSPENDED', 'TERMINATED'] as const;
/** Status of a partnership at some instant. */
export type PartnerStatus = (typeof PARTNER_STATUSES)[number];

/** Ground on which an agreement lets personal data go to a partner. */
export const LEGAL_BASES = ['CONSENT', 'STATUTE', 'CONTRACT'] as const;
/** Legal basis of an agreement. */
export type LegalBasis = (typeof LEGAL_BASES)[number];

/** Who holds a client id: a partner system, the shop's own backend, or an admin. */
export const CLIENT_KINDS = ['PARTNER', 'SHOP', 'ADMIN'] as const;
/** Kind of an API client. */
export type ClientKind = (typeof CLIENT_KINDS)[number];

/** The person data is about: a member, a non-member buyer, or the receiver of a delivery. */
export const SUBJECT_KINDS = ['MEMBER', 'NON_MEMBER', 'RECEIVER'] as const;
/** Kind of a data subject. */
export type SubjectKind = (typeof SUBJECT_KINDS)[number];

/** Where an order stands; DELIVERED and PURCHASE_CONFIRMED anchor provision windows (`… after delivery-completion`, the sellers' 3 months). */
export const ORDER_STATUSES = [
  'PLACED',
  'PAID',
  'SHIPPED',
  'DELIVERED',
  'PURCHASE_CONFIRMED',
  'CANCELLED',
  'RETURNED',
] as const;
/** Status of an order. */
export type OrderStatus = (typeof ORDER_STATUSES)[number];

/** How a consent was given. */
export const CONSENT_CHANNELS = ['WEB', 'APP', 'PHONE', 'PAPER', 'IN_PERSON'] as const;
/** Channel of a consent. */
export type ConsentChannel = (typeof CONSENT_CHANNELS)[number];

/** What the service tells a partner through its webhook. */
export const NOTICE_TYPES = [
  'window-closed',
  'partnership-terminated',
  'consent-withdrawn',
  'subject-corrected',
  'processing-suspended',
] as const;
/** Type of a notice to a partner. */
export type NoticeType = (typeof NOTICE_TYPES)[number];

/** The notices that ask a partner to destroy data, and so accept a destruction confirmation. */
export const DESTRUCTION_NOTICE_TYPES = ['window-closed', 'partnership-terminated', 'consent-withdrawn'] as const satisfies readonly NoticeType[];

/**
 * Whether `value` is one of `values`; narrows unknown input (a database row, a claim) to the union.
 * @example isOneOf(PARTNER_STATUSES, row.status)
 */
export function isOneOf<const T extends string>(values: readonly T[], value: unknown): value is T {
  return typeof value === 'string' && (values as readonly string[]).includes(value);
}

/** Scopes that do not name an item. */
export const FIXED_SCOPES = ['partner:read', 'shop:read', 'shop:write', 'admin:read', 'admin:write'] as const;
/** A scope that does not name an item. */
export type FixedScope = (typeof FIXED_SCOPES)[number];
/** The scope that lets a client ask for one item, e.g. `pii:receiver.address`. */
export type PiiScope = `pii:${ItemKey}`;
/** Any scope a token may carry. */
export type Scope = FixedScope | PiiScope;

const PII_PREFIX = 'pii:';

/**
 * The scope that lets a client ask for `item`. Throws a RangeError for a key that is not a
 * releasable item, so no scope for a group or a typo is ever handed out.
 */
export function piiScope(item: string): PiiScope {
  if (!isGrantableItem(item)) throw new RangeError('not a releasable item key');
  return `${PII_PREFIX}${item}`;
}

/** The item a `pii:` scope names, or null when `scope` is not the scope of a releasable item. */
export function itemOfScope(scope: string): ItemKey | null {
  if (!scope.startsWith(PII_PREFIX)) return null;
  const item = scope.slice(PII_PREFIX.length);
  return isGrantableItem(item) ? item : null;
}

/** Whether `scope` is a scope this service knows: a fixed scope or the `pii:` scope of a releasable item. */
export function isKnownScope(scope: string): scope is Scope {
  return isOneOf(FIXED_SCOPES, scope) || itemOfScope(scope) !== null;
}
