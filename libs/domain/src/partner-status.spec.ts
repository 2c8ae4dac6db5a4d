import { BACKDATING_TOLERANCE_MS, planStatusChange, statusAt, terminatedAt, type StatusAction, type StatusChange } from './partner-status.js';
import type { PartnerStatus } from './vocabulary.js';
import { inputErrorOf } from './input-error.harness.js';

const at = (iso: string) => new Date(iso);
const change = (status: PartnerStatus, iso: string): StatusChange => ({ status, effectiveAt: at(iso) });
const ms = (date: Date, delta: number) => new Date(date.getTime() + delta);

const registered = change('ACTIVE', '2026-01-01T00:00:00Z');
const now = at('2026-03-01T00:00:00Z');


describe('statusAt', () => {
  const history = [
    registered,
    change('SUSPENDED', '2026-02-01T00:00:00Z'),
    change('ACTIVE', '2026-02-10T00:00:00Z'),
    change('TERMINATED', '2026-04-01T00:00:00Z'),
  ];

  it.each([
    ['2026-01-01T00:00:00.000Z', 'ACTIVE'],
    ['2026-01-31T23:59:59.999Z', 'ACTIVE'],
    ['2026-02-01T00:00:00.000Z', 'SUSPENDED'],
    ['2026-02-09T23:59:59.999Z', 'SUSPENDED'],
    ['2026-02-10T00:00:00.000Z', 'ACTIVE'],
    ['2026-03-31T23:59:59.999Z', 'ACTIVE'],
    ['2026-04-01T00:00:00.000Z', 'TERMINATED'],
    ['2030-01-01T00:00:00.000Z', 'TERMINATED'],
  ])('at %s is %s', (instant, status) => {
    expect(statusAt(history, at(instant))).toBe(status);
  });

  it('takes the later of two changes with the same effective time', () => {
    const tied = [registered, change('SUSPENDED', '2026-02-01T00:00:00Z'), change('ACTIVE', '2026-02-01T00:00:00Z')];
    expect(statusAt(tied, at('2026-02-01T00:00:00Z'))).toBe('ACTIVE');
  });

  it('does not assume ACTIVE for an empty history', () => {
    expect(() => statusAt([], now)).toThrow(RangeError);
  });

  it('has no status before registration', () => {
    expect(() => statusAt(history, ms(registered.effectiveAt, -1))).toThrow('not registered yet');
  });

  it('refuses a history out of order', () => {
    expect(() => statusAt([registered, change('SUSPENDED', '2025-12-01T00:00:00Z')], now)).toThrow('ordered by effectiveAt');
  });
});

describe('planStatusChange', () => {
  const active = [registered];
  const suspended = [registered, change('SUSPENDED', '2026-02-01T00:00:00Z')];

  describe('allowed transitions', () => {
    it.each<[string, StatusChange[], StatusAction, PartnerStatus]>([
      ['suspends an active partner', active, 'SUSPEND', 'SUSPENDED'],
      ['resumes a suspended partner', suspended, 'RESUME', 'ACTIVE'],
      ['terminates an active partner', active, 'TERMINATE', 'TERMINATED'],
      ['terminates a suspended partner', suspended, 'TERMINATE', 'TERMINATED'],
    ])('%s', (_, history, action, status) => {
      expect(planStatusChange(history, action, now, now)).toEqual({ status, effectiveAt: now });
    });

    it('hands back a copy of effectiveAt', () => {
      const effectiveAt = new Date(now.getTime());
      const planned = planStatusChange(active, 'SUSPEND', effectiveAt, now);
      effectiveAt.setUTCFullYear(1999);
      expect(planned.effectiveAt).toEqual(now);
    });
  });

  describe('refused transitions (field partnerId)', () => {
    it.each<[string, StatusChange[], StatusAction, string]>([
      ['suspending a suspended partner', suspended, 'SUSPEND', 'partner is already suspended'],
      ['resuming an active partner', active, 'RESUME', 'partner is not suspended'],
    ])('%s', (_, history, action, message) => {
      const error = inputErrorOf(() => planStatusChange(history, action, now, now));
      expect(error).toMatchObject({ code: 'BAD_USER_INPUT', field: 'partnerId', message });
    });

    it.each<StatusAction>(['SUSPEND', 'RESUME', 'TERMINATE'])('%s after a termination in force', (action) => {
      const terminated = [registered, change('TERMINATED', '2026-02-01T00:00:00Z')];
      expect(inputErrorOf(() => planStatusChange(terminated, action, now, now))).toMatchObject({
        field: 'partnerId',
        message: 'partner is already terminated',
      });
    });

    it.each<StatusAction>(['SUSPEND', 'RESUME', 'TERMINATE'])('%s before or after a future-dated termination', (action) => {
      const planned = [registered, change('SUSPENDED', '2026-02-01T00:00:00Z'), change('TERMINATED', '2026-06-01T00:00:00Z')];
      for (const effectiveAt of [now, at('2026-05-01T00:00:00Z'), at('2026-07-01T00:00:00Z')]) {
        expect(inputErrorOf(() => planStatusChange(planned, action, effectiveAt, now))).toMatchObject({
          field: 'partnerId',
          message: 'partner has a termination planned; nothing can follow it',
        });
      }
    });
  });

  describe('effectiveAt', () => {
    it('may be up to 5 minutes in the past', () => {
      const fiveMinutesAgo = ms(now, -BACKDATING_TOLERANCE_MS);
      expect(planStatusChange(active, 'SUSPEND', fiveMinutesAgo, now).effectiveAt).toEqual(fiveMinutesAgo);
    });

    it('may not be more than 5 minutes in the past', () => {
      const error = inputErrorOf(() => planStatusChange(active, 'SUSPEND', ms(now, -BACKDATING_TOLERANCE_MS - 1), now));
      expect(error).toMatchObject({ field: 'effectiveAt', message: 'must not be more than 5 minutes in the past' });
    });

    it('may be in the future', () => {
      const later = at('2026-06-01T00:00:00Z');
      expect(planStatusChange(active, 'TERMINATE', later, now)).toEqual({ status: 'TERMINATED', effectiveAt: later });
    });

    it('may not precede the latest change, even a future-dated one', () => {
      const futureSuspension = [registered, change('SUSPENDED', '2026-05-01T00:00:00Z')];
      const error = inputErrorOf(() => planStatusChange(futureSuspension, 'TERMINATE', now, now));
      expect(error).toMatchObject({ field: 'effectiveAt', message: 'must not precede the latest status change' });
    });

    it('may coincide with the latest change', () => {
      const justRegistered = [change('ACTIVE', now.toISOString())];
      expect(planStatusChange(justRegistered, 'SUSPEND', now, now)).toEqual({ status: 'SUSPENDED', effectiveAt: now });
    });

    it('is checked against the status in force at that time: resuming after a future-dated suspension', () => {
      const futureSuspension = [registered, change('SUSPENDED', '2026-05-01T00:00:00Z')];
      const afterIt = at('2026-05-10T00:00:00Z');
      expect(planStatusChange(futureSuspension, 'RESUME', afterIt, now)).toEqual({ status: 'ACTIVE', effectiveAt: afterIt });
      expect(inputErrorOf(() => planStatusChange(futureSuspension, 'SUSPEND', afterIt, now))).toMatchObject({
        field: 'partnerId',
        message: 'partner is already suspended',
      });
    });

    it('must be a valid date', () => {
      expect(inputErrorOf(() => planStatusChange(active, 'SUSPEND', new Date(Number.NaN), now))).toMatchObject({
        field: 'effectiveAt',
        message: 'must be a valid date',
      });
    });
  });

  it('treats an empty history as a bug, not as input', () => {
    expect(() => planStatusChange([], 'SUSPEND', now, now)).toThrow(RangeError);
  });
});

describe('terminatedAt', () => {
  it('is null while no termination is recorded', () => {
    expect(terminatedAt([registered, change('SUSPENDED', '2026-02-01T00:00:00Z'), change('ACTIVE', '2026-02-10T00:00:00Z')])).toBeNull();
  });

  it('is the effective time of a past termination', () => {
    expect(terminatedAt([registered, change('TERMINATED', '2026-02-01T00:00:00Z')])).toEqual(at('2026-02-01T00:00:00Z'));
  });

  it('is the effective time of a termination still to come', () => {
    const history = [registered, change('SUSPENDED', '2026-02-01T00:00:00Z'), change('TERMINATED', '2026-04-01T00:00:00Z')];
    expect(terminatedAt(history)).toEqual(at('2026-04-01T00:00:00Z'));
  });
});
