/** Bounds of the wait between delivery attempts. */
export interface BackoffOptions {
  /** Ceiling of the first wait; doubles with every failed attempt. */
  baseDelayMs: number;
  /** No ceiling grows beyond this. */
  maxDelayMs: number;
}

/**
 * Wait after failed attempt number `attempt` (1 = the first attempt failed): exponential backoff
 * with full jitter, a uniformly random delay in `[0, min(maxDelayMs, baseDelayMs × 2^(attempt-1))]`.
 * Full jitter spreads the retries of a partner that was down for everyone at once, so they do not
 * all come back in the same second. `random` returns a number in [0, 1), like `Math.random`.
 */
export function retryDelayMs(attempt: number, { baseDelayMs, maxDelayMs }: BackoffOptions, random: () => number): number {
  if (!Number.isInteger(attempt) || attempt < 1) throw new RangeError('attempt must be a positive integer');
  // 2^(attempt-1) overflows nothing below 2^1023; the cap wins long before that.
  const ceiling = Math.min(maxDelayMs, baseDelayMs * 2 ** Math.min(attempt - 1, 1000));
  return Math.floor(ceiling * Math.min(Math.max(random(), 0), 1));
}
