import { ManualClock } from './clock.js';

describe('ManualClock', () => {
  it('stands still until moved', () => {
    const clock = new ManualClock('2026-01-01T00:00:00Z');
    expect(clock.now().toISOString()).toBe('2026-01-01T00:00:00.000Z');
    clock.advance(1500);
    expect(clock.now().toISOString()).toBe('2026-01-01T00:00:01.500Z');
    clock.set('2027-05-05T00:00:00Z');
    expect(clock.now().toISOString()).toBe('2027-05-05T00:00:00.000Z');
  });

  it('hands out copies so callers cannot move it by mutating a Date', () => {
    const clock = new ManualClock('2026-01-01T00:00:00Z');
    clock.now().setFullYear(1999);
    expect(clock.now().getUTCFullYear()).toBe(2026);
  });
});
