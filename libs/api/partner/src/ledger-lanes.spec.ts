import { LedgerLanes } from './ledger-lanes.js';

describe('LedgerLanes', () => {
  it("spreads a partner's concurrent writes over its lanes, least busy first, and reuses lanes given back", () => {
    const lanes = new LedgerLanes(3);
    expect([lanes.acquire('p'), lanes.acquire('p'), lanes.acquire('p'), lanes.acquire('p')]).toEqual([0, 1, 2, 0]);
    expect(lanes.acquire('q')).toBe(0);
    lanes.release('p', 1);
    expect(lanes.acquire('p')).toBe(1);
  });

  it('keeps every write in lane 0 with one lane', () => {
    const lanes = new LedgerLanes(1);
    expect([lanes.acquire('p'), lanes.acquire('p')]).toEqual([0, 0]);
  });

  it('refuses a lane given back twice, and a partner without lanes', () => {
    const lanes = new LedgerLanes(2);
    const lane = lanes.acquire('p');
    lanes.release('p', lane);
    expect(() => lanes.release('p', lane)).toThrow(/not acquired/);
    expect(() => new LedgerLanes(0)).toThrow(RangeError);
  });
});
