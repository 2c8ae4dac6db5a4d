/**
 * Errors the domain raises, each with a stable code that the GraphQL edge maps to
 * `extensions.code`. Messages are written for an operator and never contain personal data:
 * they name fields and rules, not values.
 */

/** Every code a domain error can carry; the edge's mapper switches over it exhaustively. */
export const ERROR_CODES = ['BAD_USER_INPUT', 'NOT_FOUND', 'CONFLICT', 'FORBIDDEN', 'UNAUTHENTICATED'] as const;
/** A stable, machine-readable error code. */
export type ErrorCode = (typeof ERROR_CODES)[number];

/** Base of every error the domain throws on purpose; anything else is a bug. */
export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

/** The caller's input breaks a rule; `field` is the path of the offending input, e.g. `grants[2].item`. */
export class InputError extends DomainError {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super('BAD_USER_INPUT', message);
  }
}

/** Something the caller referred to does not exist (or must not be revealed to exist). */
export class NotFoundError extends DomainError {
  constructor(
    readonly entity: string,
    message = `${entity} not found`,
  ) {
    super('NOT_FOUND', message);
  }
}

/**
 * Why a personal field was withheld (DESIGN.md, "The decision"). Partners read these in
 * `extensions.reason`, so the values are part of the public contract: add, never rename.
 */
export const DENIAL_REASONS = [
  'SCOPE_MISSING',
  'PARTNERSHIP_ENDED',
  'PARTNER_SUSPENDED',
  'ITEM_NOT_GRANTED',
  'PURPOSE_NOT_PERMITTED',
  'CONSENT_MISSING',
  'CONSENT_WITHDRAWN',
  'GUARDIAN_CONSENT_MISSING',
  'WINDOW_CLOSED',
  'PROCESSING_SUSPENDED',
  'UNDER_CORRECTION',
  'OVERSEAS_TRANSFER_NOT_PERMITTED',
  'DAILY_CEILING_REACHED',
] as const;
/** A machine-readable reason for withholding one personal field. */
export type DenialReason = (typeof DENIAL_REASONS)[number];
