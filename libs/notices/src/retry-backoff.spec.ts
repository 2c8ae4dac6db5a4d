import { retryDelayMs } from './retry-backoff.js';

const bounds = { baseDelayMs: 60_000, maxDelayMs: 3_600_000 };
const highest = () => 0.999_999_999;

describe('retryDelayMs', () => {
  it('doubles the ceiling per failed attempt up to the cap', () => {
    const ceilings = [1, 2, 3, 4, 5, 6, 7, 8, 9].map((attempt) => retryDelayMs(attempt, bounds, () => 1));
    expect(ceilings).toEqual([60_000, 120_000, 240_000, 480_000, 960_000, 1_920_000, 3_600_000, 3_600_000, 3_600_000]);
  });

  it('draws uniformly below the ceiling (full jitter)', () => {
    expect(retryDelayMs(3, bounds, () => 0)).toBe(0);
    expect(retryDelayMs(3, bounds, () => 0.5)).toBe(120_000);
    expect(retryDelayMs(3, bounds, highest)).toBe(239_999);
  });

  it('stays capped for attempt counts far beyond any configuration', () => {
    expect(retryDelayMs(5000, bounds, highest)).toBeLessThanOrEqual(3_600_000);
  });

  it('refuses attempt numbers below 1', () => {
    expect(() => retryDelayMs(0, bounds, highest)).toThrow(RangeError);
    expect(() => retryDelayMs(1.5, bounds, highest)).toThrow(RangeError);
  });
});
