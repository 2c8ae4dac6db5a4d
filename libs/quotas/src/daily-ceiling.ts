import type { EntityManager } from '@mikro-orm/postgresql';

// One statement. `wanted`: the asked subjects not yet counted that day, in the order asked. `counted`:
// the partner-day's counter row, upserted — INSERT … ON CONFLICT DO UPDATE locks the row and always
// updates its latest version, so concurrent claims of one partner-day take their places one after
// another; `last_granted` is how many places this claim took (never above the ceiling). `inserted`:
// that many of the wanted subjects join the day's set; one another request inserted meanwhile is
// taken as counted (DO UPDATE returns it). Then every asked subject that holds a place.
const CLAIM_SQL = `
with asked as (
  select u.s, min(u.i) as i from unnest(?::uuid[]) with ordinality as u(s, i) group by u.s
), already as (
  select d.subject_id from partner_daily_subjects d
  where d.partner_id = ? and d.day = ?::date and d.subject_id in (select s from asked)
), wanted as (
  select a.s, a.i from asked a where a.s not in (select subject_id from already)
), counted as (
  insert into partner_daily_counts as c (partner_id, day, subjects, last_granted)
  select ?, ?::date, least(count(*), ?), least(count(*), ?) from wanted
  on conflict (partner_id, day) do update set
    subjects = greatest(c.subjects, least(c.subjects + excluded.last_granted, ?)),
    last_granted = greatest(0, least(c.subjects + excluded.last_granted, ?) - c.subjects)
  returning c.last_granted
), inserted as (
  insert into partner_daily_subjects (partner_id, day, subject_id)
  select ?, ?::date, w.s from wanted w order by w.i limit (select last_granted from counted)
  on conflict (partner_id, day, subject_id) do update set subject_id = excluded.subject_id
  returning subject_id
)
select subject_id from already
union all
select subject_id from inserted`;

/**
 * Claims places among a partner's distinct subjects of one Seoul calendar day, under its ceiling:
 * returns the subjects (of `subjectIds`) that hold a place — released to the partner earlier that
 * day, or counted now, in the order given, while fewer than `ceiling` were. The others have no
 * place: their fields are denied `DAILY_CEILING_REACHED`.
 *
 * One statement, correct under concurrent requests on any number of replicas: the day's count never
 * exceeds the ceiling. In a race on the same new subject between two requests, the count may
 * include it twice, or the later request may be refused it; both err on the side of releasing less.
 * A subject counted stays counted for the day even if the response later fails.
 */
export async function claimDailySubjects(
  em: EntityManager,
  claim: { partnerId: string; day: string; ceiling: number; subjectIds: readonly string[] },
): Promise<Set<string>> {
  if (claim.subjectIds.length === 0) return new Set();
  const { partnerId, day, ceiling } = claim;
  // An array literal: the ids are the database's own uuids, so no element needs quoting.
  const subjects = `{${claim.subjectIds.join(',')}}`;
  const rows = await em.execute<{ subject_id: string }[]>(CLAIM_SQL, [
    subjects,
    partnerId,
    day,
    partnerId,
    day,
    ceiling,
    ceiling,
    ceiling,
    ceiling,
    partnerId,
    day,
  ]);
  return new Set(rows.map((row) => row.subject_id));
}
