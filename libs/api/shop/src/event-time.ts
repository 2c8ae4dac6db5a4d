import { InputError, SEOUL_OFFSET_MS } from '@provision/domain';

/**
 * How far ahead of the gateway's clock the shop's clock may run. More than that is not skew but a
 * wrong time, and a future-dated event (a purchase confirmation, a withdrawal) would move when
 * provision stops.
 */
export const FUTURE_TOLERANCE_MS = 5 * 60 * 1000;

/**
 * The earliest time a shop event may carry: 2000-01-01 00:00 in Seoul. Nothing this gateway serves
 * happened earlier (PIPA itself dates from 2011); an earlier time is a default value or a typo (year
 * 1), and as an anchor it would close a provision window before it opened.
 */
export const EARLIEST_EVENT_TIME = new Date('2000-01-01T00:00:00+09:00');

/**
 * When an event happened: the time the shop reports, or now when it reports none. Refused on
 * `field` when more than five minutes ahead of now, or before {@link EARLIEST_EVENT_TIME}.
 */
export function eventTime(reported: Date | null | undefined, field: string, now: Date): Date {
  const at = reported ?? now;
  if (at.getTime() > now.getTime() + FUTURE_TOLERANCE_MS) {
    throw new InputError(field, 'must not be more than 5 minutes in the future');
  }
  if (at.getTime() < EARLIEST_EVENT_TIME.getTime()) throw new InputError(field, 'must not be before 2000-01-01 (Seoul time)');
  return at;
}

/** Refuses `at` on `field` when it precedes `earliest` (`what` names the earlier event). */
export function assertNotBefore(at: Date, earliest: Date, field: string, what: string): void {
  if (at.getTime() < earliest.getTime()) throw new InputError(field, `must not precede ${what}`);
}

/**
 * For a replay of an event that is already recorded: a time the shop reports again must be the
 * recorded one (a different time is a different event, refused with `message`); an omitted time
 * matches, so a retry without a time stays idempotent.
 */
export function assertSameTime(reported: Date | null | undefined, recorded: Date, field: string, message: string): void {
  if (reported != null && reported.getTime() !== recorded.getTime()) throw new InputError(field, message);
}

/** Today's date in Korea (`YYYY-MM-DD`), where the shop's subjects are born and live. */
export function seoulDate(now: Date): string {
  return new Date(now.getTime() + SEOUL_OFFSET_MS).toISOString().slice(0, 10);
}
