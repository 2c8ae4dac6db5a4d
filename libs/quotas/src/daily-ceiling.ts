import type { EntityManager } from '@mikro-orm/postgresql';

/**
 * Claims places among a partner's distinct subjects of one Seoul calendar day, under its ceiling:
 * returns the subjects (of `subjectIds`) that hold a place — released to the partner earlier that
 * day, or counted now, in the order given, while fewer than `ceiling` were. The others have no
 * place: their fields are denied `DAILY_CEILING_REACHED`.
 *
 * One statement (the `claim_daily_subjects` function of the migration), correct under concurrent
 * requests of the partner on any number of replicas: claims of one partner-day are serialized on
 * the day's counter row, so the ceiling is never exceeded and a subject is never counted twice.
 * A subject counted stays counted for the day even if the response later fails: the ceiling
 * errs on the side of releasing less.
 */
export async function claimDailySubjects(
  em: EntityManager,
  claim: { partnerId: string; day: string; ceiling: number; subjectIds: readonly string[] },
): Promise<Set<string>> {
  if (claim.subjectIds.length === 0) return new Set();
  const rows = await em.execute<{ admitted_subject_id: string }[]>(
    'select admitted_subject_id from claim_daily_subjects(?::uuid, ?::date, ?::integer, ?::uuid[])',
    // An array literal: the ids are the database's own uuids, so no element needs quoting.
    [claim.partnerId, claim.day, claim.ceiling, `{${claim.subjectIds.join(',')}}`],
  );
  return new Set(rows.map((row) => row.admitted_subject_id));
}
