import type { Queryable } from '@provision/db';
import { SqlParams } from '@provision/db';

/** A claim of places under a partner's daily ceiling for the subjects of one page. */
export interface DailyClaim {
  partnerId: string;
  /** The Seoul calendar day, `YYYY-MM-DD`. */
  day: string;
  ceiling: number;
  /** The subjects that would be released, in the order their places are granted. */
  subjectIds: readonly string[];
}

/**
 * Data-modifying CTEs that claim places among a partner's distinct subjects of one Seoul calendar
 * day, under its ceiling, when `when` (an SQL condition) holds; they end in `claim_admitted
 * (subject_id)`: the subjects of the claim that hold a place — released to the partner earlier that
 * day, or counted now, in the order given, while fewer than `ceiling` were. The others have no
 * place: their fields are denied `DAILY_CEILING_REACHED`.
 *
 * Correct under concurrent requests on any number of replicas: the upsert of the partner-day's
 * counter row locks it, so claims take their places one after another and the day's count never
 * exceeds the ceiling. In a race on the same new subject between two requests, the count may
 * include it twice, or the later request may be refused it; both err on the side of releasing less.
 * A subject counted stays counted for the day even if the response later fails.
 */
export function dailyClaimCtes(params: SqlParams, claim: DailyClaim, when = 'true'): string {
  const partner = params.add(claim.partnerId, 'uuid');
  const day = params.add(claim.day, 'date');
  const ceiling = params.add(claim.ceiling, 'int');
  return `claim_asked as (
  select u.s, min(u.i) as i from unnest(${params.add(claim.subjectIds, 'uuid[]')}) with ordinality as u(s, i) group by u.s
), claim_already as (
  select d.subject_id from partner_daily_subjects d
  where d.partner_id = ${partner} and d.day = ${day} and d.subject_id in (select s from claim_asked)
), claim_wanted as (
  select a.s, a.i from claim_asked a where a.s not in (select subject_id from claim_already)
), claim_counted as (
  insert into partner_daily_counts as c (partner_id, day, subjects, last_granted)
  select ${partner}, ${day}, least(count(*), ${ceiling}), least(count(*), ${ceiling}) from claim_wanted
  where ${when}
  -- Nothing new wanted: the counter row is neither written nor locked.
  having count(*) > 0
  on conflict (partner_id, day) do update set
    subjects = greatest(c.subjects, least(c.subjects + excluded.last_granted, ${ceiling})),
    last_granted = greatest(0, least(c.subjects + excluded.last_granted, ${ceiling}) - c.subjects)
  returning c.last_granted
), claim_inserted as (
  insert into partner_daily_subjects (partner_id, day, subject_id)
  select ${partner}, ${day}, w.s from claim_wanted w order by w.i limit coalesce((select last_granted from claim_counted), 0)
  on conflict (partner_id, day, subject_id) do update set subject_id = excluded.subject_id
  returning subject_id
), claim_admitted as (
  select subject_id from claim_already where ${when}
  union all
  select subject_id from claim_inserted
)`;
}

/**
 * Claims places in one statement of its own ({@link dailyClaimCtes}) and returns the subjects that
 * hold one.
 */
export async function claimDailySubjects(db: Queryable, claim: DailyClaim): Promise<Set<string>> {
  if (claim.subjectIds.length === 0) return new Set();
  const params = new SqlParams();
  const text = `with ${dailyClaimCtes(params, claim)} select subject_id from claim_admitted`;
  const { rows } = await db.query<{ subject_id: string }>(text, params.values);
  return new Set(rows.map((row) => row.subject_id));
}
