// Value lists behind CHECK constraints that only the data layer knows. The domain vocabulary
// (partner kinds, statuses, …) comes from @provision/domain.

/** Outbox delivery states of a notice, in the order a notice may pass through them. */
export const NOTICE_STATES = ['PENDING', 'DELIVERED', 'DEAD'] as const;
/** Outbox delivery state of a notice. */
export type NoticeState = (typeof NOTICE_STATES)[number];

/** Who a provision ledger row records as the reader: a partner's client or an admin. */
export const LEDGER_ACTOR_KINDS = ['PARTNER', 'ADMIN'] as const;
/** Who a provision ledger row records as the reader. */
export type LedgerActorKind = (typeof LEDGER_ACTOR_KINDS)[number];

/** Kinds of entry in the permission history (`access_changes`). */
export const ACCESS_CHANGE_KINDS = [
  'PARTNER_REGISTERED',
  'AGREEMENT_PUBLISHED',
  'STATUS_CHANGED',
  'CLIENT_ADDED',
  'CLIENT_SCOPES_CHANGED',
  'CLIENT_REVOKED',
  'PARTNER_UPDATED',
  'WEBHOOK_SECRET_ROTATED',
] as const;
/** Kind of a permission-history entry. */
export type AccessChangeKind = (typeof ACCESS_CHANGE_KINDS)[number];

/** States of an agreement draft under four-eyes publishing. */
export const DRAFT_STATES = ['PENDING', 'APPROVED', 'REJECTED', 'WITHDRAWN'] as const;
/** State of an agreement draft. */
export type DraftState = (typeof DRAFT_STATES)[number];

/** A console session is a sign-in under way, then a signed-in session. */
export const CONSOLE_SESSION_STAGES = ['LOGIN', 'ACTIVE'] as const;
/** Stage of a console session. */
export type ConsoleSessionStage = (typeof CONSOLE_SESSION_STAGES)[number];
