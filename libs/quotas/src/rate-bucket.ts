import type { EntityManager } from '@mikro-orm/postgresql';

/** The bucket every partner gets unless its agreement in force sets its own. */
export interface RateLimitDefaults {
  /** Most tokens a bucket holds: the burst a partner may spend at once. */
  capacity: number;
  /** Tokens added per minute, continuously. */
  refillPerMinute: number;
}

/** Whether a partner request may run; when not, how many whole seconds until it may. */
export type RateVerdict = { admitted: true } | { admitted: false; retryAfterSeconds: number };

// The refilled balance: what the bucket held, plus the refill since its last update, at most its
// capacity. `excluded` is the row this request proposes (capacity and rate in force now, its time).
// greatest(0, …): a replica whose clock lags must not drain the bucket.
const REFILLED = `least(excluded.capacity, b.tokens + excluded.refill_per_second
  * greatest(0, extract(epoch from excluded.updated_at - b.updated_at)))`;

// One statement: the capacity and refill rate of the agreement in force (or the defaults), a new
// bucket full minus this request's token, or an existing one refilled and, if it holds a whole
// token, one token taken. The row lock of INSERT … ON CONFLICT DO UPDATE serializes concurrent
// requests of one partner on every replica, and each sees the balance the previous one left.
const TAKE_SQL = `
insert into partner_rate_buckets as b (partner_id, tokens, capacity, refill_per_second, admitted, updated_at)
select ?, terms.capacity - 1, terms.capacity, terms.per_second, true, ?::timestamptz
from (
  select coalesce(a.rate_capacity, ?)::float8 as capacity, coalesce(a.rate_refill_per_minute, ?)::float8 / 60 as per_second
  from (select 1) as one
  left join lateral (
    select rate_capacity, rate_refill_per_minute from agreements
    where partner_id = ? and effective_from <= ?::timestamptz
    order by version desc limit 1
  ) as a on true
) as terms
on conflict (partner_id) do update set
  tokens = case when ${REFILLED} >= 1 then ${REFILLED} - 1 else ${REFILLED} end,
  admitted = ${REFILLED} >= 1,
  capacity = excluded.capacity,
  refill_per_second = excluded.refill_per_second,
  updated_at = greatest(b.updated_at, excluded.updated_at)
returning tokens, admitted, refill_per_second`;

/**
 * Before a partner request executes: refills the partner's bucket for the time elapsed and takes
 * one token, in one statement, when the bucket holds at least one; otherwise refuses and says when
 * one token will be there. Every partner request costs this one token; {@link debitSubjects} then
 * charges what it released.
 */
export async function takeRequestToken(
  em: EntityManager,
  partnerId: string,
  now: Date,
  defaults: RateLimitDefaults,
): Promise<RateVerdict> {
  const [row] = await em.execute<{ tokens: number; admitted: boolean; refill_per_second: number }[]>(TAKE_SQL, [
    partnerId,
    now,
    defaults.capacity,
    defaults.refillPerMinute,
    partnerId,
    now,
  ]);
  if (!row) throw new Error('the rate bucket statement returned no row');
  if (row.admitted) return { admitted: true };
  return { admitted: false, retryAfterSeconds: Math.max(1, Math.ceil((1 - Number(row.tokens)) / Number(row.refill_per_second))) };
}

/**
 * After a partner request: takes one token per distinct subject it released. The balance may go
 * below zero (the request was already let in); later requests then wait until the refill pays the
 * debt. One statement, atomic against concurrent requests.
 */
export async function debitSubjects(em: EntityManager, partnerId: string, subjects: number): Promise<void> {
  if (subjects <= 0) return;
  await em.execute('update partner_rate_buckets set tokens = tokens - ? where partner_id = ?', [subjects, partnerId], 'run');
}
