/**
 * The instant the anchor `provision` of a retention rule stands for, as an SQL expression: the
 * partner's first release of any item of the given data subjects (the subjects of one engagement:
 * an order's receiver and buyer, a subscriber, a case's subject), or null when it has released
 * nothing of them. Ledger rows that only denied do not count. The read path, the window sweep and
 * the subject report all use this one definition, so the window they compute is the same; the index
 * `(subject_id, occurred_at)` finds it by walking each subject's ledger from its oldest row.
 */
export function firstReleaseSql(subjectIds: readonly string[], partnerId: string): string {
  return `(select min(released.occurred_at) from provision_records released
   where released.subject_id in (${subjectIds.join(', ')}) and released.partner_id = ${partnerId}
     and cardinality(released.items_released) > 0)`;
}
