import { assertUnreachable } from '@provision/util';
import { InputError } from './errors.js';
import type { PartnerStatus } from './vocabulary.js';

/**
 * How far in the past an admin may date a change or an agreement: enough for a form that sat
 * open for a moment, too little to rewrite what partners were already allowed to read.
 */
export const BACKDATING_TOLERANCE_MS = 5 * 60 * 1000;

/** One entry of a partner's status history. Registration is the first, ACTIVE, change. */
export interface StatusChange {
  readonly status: PartnerStatus;
  readonly effectiveAt: Date;
}

/** What an admin can do to a partnership. */
export const STATUS_ACTIONS = ['SUSPEND', 'RESUME', 'TERMINATE'] as const;
/** An admin action on a partnership's status. */
export type StatusAction = (typeof STATUS_ACTIONS)[number];

/**
 * The status in force at `at`: that of the last change whose `effectiveAt` is not after `at`.
 * `history` must be ordered by `effectiveAt` (ties in the order recorded). There is no status
 * before registration, so an empty history or an instant before the first change is a bug in
 * the caller and throws a RangeError rather than guessing ACTIVE.
 */
export function statusAt(history: readonly StatusChange[], at: Date): PartnerStatus {
  if (history.length === 0) throw new RangeError('a partner always has at least its registration in its history');
  let current: StatusChange | undefined;
  for (let index = 0; index < history.length; index += 1) {
    const change = history[index];
    if (index > 0 && change.effectiveAt.getTime() < history[index - 1].effectiveAt.getTime()) {
      throw new RangeError('status history must be ordered by effectiveAt');
    }
    if (change.effectiveAt.getTime() <= at.getTime()) current = change;
  }
  if (current === undefined) throw new RangeError('the partner was not registered yet at that instant');
  return current.status;
}

function targetOf(action: StatusAction): PartnerStatus {
  switch (action) {
    case 'SUSPEND':
      return 'SUSPENDED';
    case 'RESUME':
      return 'ACTIVE';
    case 'TERMINATE':
      return 'TERMINATED';
    default:
      return assertUnreachable(action);
  }
}

/** Why `action` cannot apply to a partner in status `from`; null when it can. */
function refusal(action: StatusAction, from: PartnerStatus): string | null {
  if (from === 'TERMINATED') return 'partner is already terminated';
  switch (action) {
    case 'SUSPEND':
      return from === 'SUSPENDED' ? 'partner is already suspended' : null;
    case 'RESUME':
      return from === 'ACTIVE' ? 'partner is not suspended' : null;
    case 'TERMINATE':
      return null;
    default:
      return assertUnreachable(action);
  }
}

/**
 * Checks a suspension, resumption or termination against the partner's history and returns the
 * change to record. `effectiveAt` may be now or later, or at most five minutes ago; it may not
 * precede the latest recorded change, so history only ever grows at its end. Nothing can be
 * planned after a termination, even a future-dated one: termination is final.
 * @throws InputError on `partnerId` (the transition is not allowed) or `effectiveAt`
 */
export function planStatusChange(
  history: readonly StatusChange[],
  action: StatusAction,
  effectiveAt: Date,
  now: Date,
): StatusChange {
  if (Number.isNaN(effectiveAt.getTime())) throw new InputError('effectiveAt', 'must be a valid date');
  const latest = history.at(-1);
  if (latest === undefined) throw new RangeError('a partner always has at least its registration in its history');
  const termination = history.find((change) => change.status === 'TERMINATED');
  if (termination !== undefined) {
    throw new InputError(
      'partnerId',
      termination.effectiveAt.getTime() <= now.getTime()
        ? 'partner is already terminated'
        : 'partner has a termination planned; nothing can follow it',
    );
  }
  if (effectiveAt.getTime() < now.getTime() - BACKDATING_TOLERANCE_MS) {
    throw new InputError('effectiveAt', 'must not be more than 5 minutes in the past');
  }
  if (effectiveAt.getTime() < latest.effectiveAt.getTime()) {
    throw new InputError('effectiveAt', 'must not precede the latest status change');
  }
  const reason = refusal(action, statusAt(history, effectiveAt));
  if (reason !== null) throw new InputError('partnerId', reason);
  return { status: targetOf(action), effectiveAt: new Date(effectiveAt.getTime()) };
}

/**
 * When the partnership ends or ended: the `effectiveAt` of the TERMINATED change, or null when
 * none is recorded. A future-dated termination is returned too, because a provision window
 * closes at it (the window check compares it with now). Termination is final, so there is at
 * most one; if a history held more, the earliest wins.
 */
export function terminatedAt(history: readonly StatusChange[]): Date | null {
  let earliest: Date | null = null;
  for (const change of history) {
    if (change.status === 'TERMINATED' && (earliest === null || change.effectiveAt.getTime() < earliest.getTime())) {
      earliest = change.effectiveAt;
    }
  }
  return earliest;
}
