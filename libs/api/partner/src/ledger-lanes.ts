/**
 * Which of a partner's ledger lanes (hash chains, see `chainKeyOf`) a write goes to: the lane with
 * the fewest writes of this process in flight, so a partner's concurrent requests append to
 * different chain heads instead of queueing behind one. Per process: writers of another replica may
 * pick the same lane and then simply queue behind its head for one statement, which is always
 * correct — lanes only spread the load.
 */
export class LedgerLanes {
  readonly #inFlight = new Map<string, number[]>();

  constructor(readonly count: number) {
    if (!Number.isInteger(count) || count < 1) throw new RangeError('a partner has at least one ledger lane');
  }

  /** A lane for one write of `partnerId`; give it back with {@link release} once the write has ended. */
  acquire(partnerId: string): number {
    const lanes = this.#inFlight.get(partnerId) ?? new Array<number>(this.count).fill(0);
    const lane = lanes.indexOf(Math.min(...lanes));
    lanes[lane] += 1;
    this.#inFlight.set(partnerId, lanes);
    return lane;
  }

  release(partnerId: string, lane: number): void {
    const lanes = this.#inFlight.get(partnerId);
    if (lanes === undefined || !(lanes[lane] > 0)) throw new Error('a ledger lane was released that was not acquired');
    lanes[lane] -= 1;
    if (lanes.every((writers) => writers === 0)) this.#inFlight.delete(partnerId);
  }
}
