/**
 * The instant the anchor `provision` of a retention rule stands for, as an SQL expression: the
 * partner's first release of any item of the given data subjects (the subjects of one engagement:
 * an order's receiver and buyer, a subscriber, a case's subject), or null when it has released
 * nothing of them. Ledger rows that only denied do not count. The read path, the window sweep and
 * the subject report all use this one definition, so the window they compute is the same.
 *
 * It is the earlier of two answers (`least` passes over a null): the ledger's own rows, found by the
 * index `(subject_id, occurred_at)` walking each subject's ledger from its oldest row, and the
 * instant `provision_first_releases` kept when the retention purge deleted the rows of an earlier
 * release (a primary-key probe per subject). Without the second, a purged release would leave the
 * window without a start, and a window closed long ago would open again. Only partners whose rule
 * is `… after provision` pay for either.
 */
export function firstReleaseSql(subjectIds: readonly string[], partnerId: string): string {
  const subjects = subjectIds.join(', ');
  return `least(
  (select min(released.occurred_at) from provision_records released
    where released.subject_id in (${subjects}) and released.partner_id = ${partnerId}
      and cardinality(released.items_released) > 0),
  (select min(kept.first_released_at) from provision_first_releases kept
    where kept.partner_id = ${partnerId} and kept.subject_id in (${subjects})))`;
}
