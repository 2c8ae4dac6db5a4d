import type { EntityManager } from '@mikro-orm/postgresql';
import type { HarvestAlertKind } from '@provision/db';
import { seoulDayOf, startOfSeoulDay } from '@provision/domain';

/** When a partner's day counts as a jump above its own baseline. */
export interface HarvestThresholds {
  /** The day's value must exceed the baseline times this factor. */
  factor: number;
  /** Days with fewer distinct subjects released (subject alert) or fewer decided items (denial-rate alert) never alarm. */
  minVolume: number;
}

/** An alert raised by one check (already recorded; a partner-day-kind alarms once). */
export interface RaisedHarvestAlert {
  id: string;
  partnerId: string;
  partnerCode: string;
  day: string;
  kind: HarvestAlertKind;
  observed: number;
  baseline: number;
}

/** Days before the checked one that make up a partner's baseline. */
export const BASELINE_DAYS = 28;
/** A partner needs this many active days in the baseline before it can alarm (new partners have no normal yet). */
export const MIN_BASELINE_DAYS = 7;
/**
 * Floor of the denial-rate baseline: a partner that is never denied would otherwise alarm on its
 * first few denials. With the default factor 3 it alarms above 6 % of its decided items.
 */
export const MIN_DENIAL_RATE_BASELINE = 0.02;

// Per partner and Seoul day, from the ledger (partner rows only): distinct subjects with any item
// released, decided items and denied items, over the baseline days and the checked day. Then the
// baseline is the median of the partner's active days before the checked day, and the checked day
// is compared with it; new alerts are inserted (one per partner, day and kind) and returned.
const CHECK_SQL = `
with daily as (
  select r.partner_id,
         ((r.occurred_at at time zone 'UTC') + interval '9 hours')::date as day,
         count(distinct r.subject_id) filter (where cardinality(r.items_released) > 0)::float8 as subjects,
         sum(cardinality(r.items_released) + jsonb_array_length(r.items_denied))::float8 as decided,
         sum(jsonb_array_length(r.items_denied))::float8 as denied
  from provision_records r
  where r.partner_id is not null and r.occurred_at >= ?::timestamptz and r.occurred_at < ?::timestamptz
  group by 1, 2
), baseline as (
  select partner_id,
         percentile_cont(0.5) within group (order by subjects) as subjects,
         percentile_cont(0.5) within group (order by denied / decided) as denial_rate
  from daily
  where day < ?::date and decided > 0
  group by partner_id
  having count(*) >= ?
), observed as (
  select d.partner_id, d.subjects, d.denied / nullif(d.decided, 0) as denial_rate, d.decided,
         b.subjects as subjects_baseline, greatest(b.denial_rate, ?) as denial_rate_baseline
  from daily d join baseline b using (partner_id)
  where d.day = ?::date
), jumps as (
  select partner_id, 'DISTINCT_SUBJECTS' as kind, subjects as observed, subjects_baseline as baseline from observed
  where subjects >= ? and subjects > ? * subjects_baseline
  union all
  select partner_id, 'DENIAL_RATE', denial_rate, denial_rate_baseline from observed
  where decided >= ? and denial_rate > ? * denial_rate_baseline
), inserted as (
  insert into harvest_alerts (id, partner_id, day, kind, observed, baseline, created_at)
  select gen_random_uuid(), partner_id, ?::date, kind, observed, baseline, ?::timestamptz from jumps
  on conflict (partner_id, day, kind) do nothing
  returning id, partner_id, day, kind, observed, baseline
)
select i.id, i.partner_id, p.code as partner_code, to_char(i.day, 'YYYY-MM-DD') as day, i.kind, i.observed, i.baseline
from inserted i join partners p on p.id = i.partner_id
order by p.code, i.kind`;

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Compares every partner's Seoul day `day` (default: today so far) with its own baseline — the
 * median over its active days among the {@link BASELINE_DAYS} before — and records an alert when
 * its distinct subjects released, or its rate of denied items, jumps above `factor` × baseline on at
 * least `minVolume` subjects (or decided items). Set-based: one statement over the ledger whatever
 * the number of partners. Returns the alerts this check raised (not those raised before).
 */
export async function checkHarvest(
  em: EntityManager,
  options: HarvestThresholds & { now: Date; day?: string },
): Promise<RaisedHarvestAlert[]> {
  const day = options.day ?? seoulDayOf(options.now);
  const dayStart = startOfSeoulDay(day);
  const from = new Date(dayStart.getTime() - BASELINE_DAYS * DAY_MS);
  const until = new Date(dayStart.getTime() + DAY_MS);
  const { factor, minVolume } = options;
  const rows = await em.execute<
    { id: string; partner_id: string; partner_code: string; day: string; kind: HarvestAlertKind; observed: number; baseline: number }[]
  >(CHECK_SQL, [
    from,
    until,
    day,
    MIN_BASELINE_DAYS,
    MIN_DENIAL_RATE_BASELINE,
    day,
    minVolume,
    factor,
    minVolume,
    factor,
    day,
    options.now,
  ]);
  return rows.map((row) => ({
    id: row.id,
    partnerId: row.partner_id,
    partnerCode: row.partner_code,
    day: row.day,
    kind: row.kind,
    observed: Number(row.observed),
    baseline: Number(row.baseline),
  }));
}

/** Alerts recorded so far, by kind: the value of the `harvest_alerts_total` counter (rows are never deleted). */
export async function harvestAlertTotals(em: EntityManager): Promise<Map<HarvestAlertKind, number>> {
  const rows = await em.execute<{ kind: HarvestAlertKind; total: string }[]>(
    'select kind, count(*) as total from harvest_alerts group by kind',
  );
  return new Map(rows.map((row) => [row.kind, Number(row.total)]));
}

/**
 * Deletes the daily ceiling's per-subject rows of days before yesterday (Seoul): the ceiling only
 * reads today's, and the ledger keeps the history. Returns how many rows went.
 */
export async function pruneDailySubjects(em: EntityManager, now: Date): Promise<number> {
  const yesterday = seoulDayOf(new Date(now.getTime() - DAY_MS));
  const subjects = await em.execute('delete from partner_daily_subjects where day < ?::date', [yesterday], 'run');
  await em.execute('delete from partner_daily_counts where day < ?::date', [yesterday], 'run');
  return (subjects as { affectedRows?: number }).affectedRows ?? 0;
}
