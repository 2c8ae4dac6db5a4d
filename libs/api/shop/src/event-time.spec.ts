import { InputError } from '@provision/domain';
import { assertNotBefore, assertSameTime, EARLIEST_EVENT_TIME, eventTime, FUTURE_TOLERANCE_MS, seoulDate } from './event-time.js';

const NOW = new Date('2026-03-01T03:00:00Z');
const at = (offsetMs: number) => new Date(NOW.getTime() + offsetMs);

function fieldOf(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    if (error instanceof InputError) return error.field;
    throw error;
  }
  throw new Error('expected an InputError');
}

describe('eventTime', () => {
  it('takes the time the shop reports, or now when it reports none', () => {
    expect(eventTime(at(-60_000), 'givenAt', NOW)).toEqual(at(-60_000));
    expect(eventTime(undefined, 'givenAt', NOW)).toEqual(NOW);
    expect(eventTime(null, 'givenAt', NOW)).toEqual(NOW);
  });

  it('allows five minutes of clock skew, not a millisecond more', () => {
    expect(eventTime(at(FUTURE_TOLERANCE_MS), 'confirmedAt', NOW)).toEqual(at(FUTURE_TOLERANCE_MS));
    expect(fieldOf(() => eventTime(at(FUTURE_TOLERANCE_MS + 1), 'confirmedAt', NOW))).toBe('confirmedAt');
  });

  it('refuses a time before 2000-01-01 00:00 in Seoul (a default value or a typo such as year 1)', () => {
    expect(EARLIEST_EVENT_TIME.toISOString()).toBe('1999-12-31T15:00:00.000Z');
    expect(eventTime(EARLIEST_EVENT_TIME, 'orderedAt', NOW)).toEqual(EARLIEST_EVENT_TIME);
    expect(fieldOf(() => eventTime(new Date(EARLIEST_EVENT_TIME.getTime() - 1), 'orderedAt', NOW))).toBe('orderedAt');
    expect(fieldOf(() => eventTime(new Date('0001-01-01T00:00:00Z'), 'orderedAt', NOW))).toBe('orderedAt');
  });
});

describe('assertNotBefore', () => {
  it('accepts the same instant and refuses an earlier one on the field', () => {
    expect(() => assertNotBefore(NOW, NOW, 'endedAt', 'the start')).not.toThrow();
    expect(fieldOf(() => assertNotBefore(at(-1), NOW, 'endedAt', 'the start'))).toBe('endedAt');
  });
});

describe('assertSameTime', () => {
  it('lets a replay repeat the recorded time or omit it, and refuses another time', () => {
    expect(() => assertSameTime(new Date(NOW), NOW, 'withdrawnAt', 'x')).not.toThrow();
    expect(() => assertSameTime(undefined, NOW, 'withdrawnAt', 'x')).not.toThrow();
    expect(() => assertSameTime(null, NOW, 'withdrawnAt', 'x')).not.toThrow();
    expect(fieldOf(() => assertSameTime(at(1), NOW, 'withdrawnAt', 'x'))).toBe('withdrawnAt');
  });
});

describe('seoulDate', () => {
  it('is the calendar date in Korea, nine hours ahead of UTC', () => {
    expect(seoulDate(new Date('2026-03-01T14:59:59Z'))).toBe('2026-03-01');
    expect(seoulDate(new Date('2026-03-01T15:00:00Z'))).toBe('2026-03-02');
  });
});
