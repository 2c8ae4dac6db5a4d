import type { SqlParams } from '@provision/db';

/** The bucket every partner gets unless its agreement in force sets its own. */
export interface RateLimitDefaults {
  /** Most tokens a bucket holds: the burst a partner may spend at once. */
  capacity: number;
  /** Tokens added per minute, continuously. */
  refillPerMinute: number;
}

/** Whether a partner request may run; when not, how many whole seconds until it may. */
export type RateVerdict = { admitted: true } | { admitted: false; retryAfterSeconds: number };

/** What the {@link rateTakeCte} returns for the partner it took from. */
export interface RateTakeRow {
  tokens: number;
  admitted: boolean;
  refill_per_second: number;
}

// The refilled balance: what the bucket held, less the charges of earlier requests not yet applied
// (`rate_due`), plus the refill since its last update, at most its capacity. `excluded` is the row
// this request proposes (capacity and rate in force now, its time). greatest(0, …): a replica whose
// clock lags must not drain the bucket.
const REFILLED = `least(excluded.capacity, b.tokens - (select owed from rate_due) + excluded.refill_per_second
  * greatest(0, extract(epoch from excluded.updated_at - b.updated_at)))`;

/**
 * Data-modifying CTEs ending in `rate_take` that, before a partner request executes, apply the
 * charges earlier requests left in `partner_rate_debits` (deleting them), refill the partner's
 * bucket for the time elapsed and take one token when it holds at least one — or create the bucket
 * full minus this token. `partner` is an SQL expression (a parameter, or a column of an earlier
 * CTE); for null nothing is taken and `rate_take` has no row. It returns `tokens`, `admitted` and
 * `refill_per_second` ({@link RateTakeRow}, read with {@link rateVerdictOf}).
 *
 * The capacity and refill rate are those of the agreement in force at `now`, or the defaults. The
 * row lock of INSERT … ON CONFLICT DO UPDATE serializes concurrent requests of one partner on every
 * replica, each seeing the balance the previous one left, and is held only for its statement.
 */
export function rateTakeCte(params: SqlParams, partner: string, now: Date, defaults: RateLimitDefaults): string {
  const at = params.add(now, 'timestamptz');
  return `rate_owed as (
  delete from partner_rate_debits where partner_id = ${partner} returning subjects
), rate_due as (
  select coalesce(sum(subjects), 0)::float8 as owed from rate_owed
), rate_take as (
  insert into partner_rate_buckets as b (partner_id, tokens, capacity, refill_per_second, admitted, updated_at)
  select p.id, terms.capacity - 1, terms.capacity, terms.per_second, true, ${at}
  from (select ${partner} as id) as p
  cross join lateral (
    select coalesce(a.rate_capacity, ${params.add(defaults.capacity, 'int')})::float8 as capacity,
           coalesce(a.rate_refill_per_minute, ${params.add(defaults.refillPerMinute, 'int')})::float8 / 60 as per_second
    from (select 1) as one
    left join lateral (
      select rate_capacity, rate_refill_per_minute from agreements
      where partner_id = p.id and effective_from <= ${at}
      order by version desc limit 1
    ) as a on true
  ) as terms
  where p.id is not null
  on conflict (partner_id) do update set
    tokens = case when ${REFILLED} >= 1 then ${REFILLED} - 1 else ${REFILLED} end,
    admitted = ${REFILLED} >= 1,
    capacity = excluded.capacity,
    refill_per_second = excluded.refill_per_second,
    updated_at = greatest(b.updated_at, excluded.updated_at)
  returning tokens, admitted, refill_per_second
)`;
}

/** The verdict of a {@link rateTakeCte}: admitted, or the whole seconds until one token is back. */
export function rateVerdictOf(row: RateTakeRow): RateVerdict {
  if (row.admitted) return { admitted: true };
  return { admitted: false, retryAfterSeconds: Math.max(1, Math.ceil((1 - Number(row.tokens)) / Number(row.refill_per_second))) };
}

/**
 * A data-modifying CTE `rate_debit` that, after a partner request, charges one token per distinct
 * subject it released (`subjects`, an SQL expression of the count) when `when` holds. The charge is
 * appended to `partner_rate_debits` rather than subtracted from the bucket row, so it locks nothing
 * that the partner's other requests wait for; the partner's next take applies it before deciding.
 * The balance may go below zero (the request was already let in); later requests then wait until
 * the refill pays the debt.
 */
export function rateDebitCte(params: SqlParams, partnerId: string, subjects: string, when: string): string {
  return `rate_debit as (
  insert into partner_rate_debits (partner_id, subjects)
  select ${params.add(partnerId, 'uuid')}, d.n from (select (${subjects})::int as n) as d
  where d.n > 0 and ${when}
  returning id
)`;
}
