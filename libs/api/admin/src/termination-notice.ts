import type { EntityManager } from '@mikro-orm/postgresql';
import type { Partner } from '@provision/db';
import type { StatusChange } from '@provision/domain';
import { enqueueNotice } from '@provision/notices';

/**
 * How many subject and order ids a `partnership-terminated` notice lists. The instruction is to
 * destroy everything received, whatever the list says; the list helps the partner find it. Beyond
 * this many, the notice carries the counts and `complete: false`, and the partner destroys all.
 */
export const TERMINATION_LIST_LIMIT = 1000;

/** What the ledger shows a partner received, as a termination notice lists it. */
interface Received {
  shopSubjectIds: string[];
  shopOrderIds: string[];
  subjectCount: number;
  orderCount: number;
  complete: boolean;
}

// Ledger rows that released nothing are no holding; the partner's ledger index serves all three.
const RELEASED = 'r.partner_id = ? and cardinality(r.items_released) > 0';

/** What the ledger shows a partner received: counts, and the first ids of each. */
export async function receivedBy(em: EntityManager, partnerId: string): Promise<Received> {
  const [[counts], subjects, orders] = await Promise.all([
    em.execute<{ subjectCount: number; orderCount: number }[]>(
      `select count(distinct r.subject_id)::int as "subjectCount", count(distinct r.order_id)::int as "orderCount"
         from provision_records r where ${RELEASED}`,
      [partnerId],
    ),
    em.execute<{ id: string }[]>(
      `select distinct s.shop_subject_id as id
         from provision_records r join subjects s on s.id = r.subject_id
        where ${RELEASED} order by 1 limit ?`,
      [partnerId, TERMINATION_LIST_LIMIT],
    ),
    em.execute<{ id: string }[]>(
      `select distinct o.shop_order_id as id
         from provision_records r join orders o on o.id = r.order_id
        where ${RELEASED} order by 1 limit ?`,
      [partnerId, TERMINATION_LIST_LIMIT],
    ),
  ]);
  const subjectCount = counts?.subjectCount ?? 0;
  const orderCount = counts?.orderCount ?? 0;
  return {
    shopSubjectIds: subjects.map((row) => row.id),
    shopOrderIds: orders.map((row) => row.id),
    subjectCount,
    orderCount,
    complete: subjectCount <= TERMINATION_LIST_LIMIT && orderCount <= TERMINATION_LIST_LIMIT,
  };
}

/**
 * Puts the `partnership-terminated` notice in the outbox, through the transaction that records
 * the termination: destroy everything received from the shop, from `effectiveAt` (which may lie
 * ahead; the partner may read until then, and the instruction covers that too).
 */
export async function enqueueTerminationNotice(
  em: EntityManager,
  partner: Partner,
  termination: StatusChange,
  reason: string,
  now: Date,
): Promise<void> {
  enqueueNotice(
    em,
    {
      partnerId: partner.id,
      type: 'partnership-terminated',
      payload: {
        action: 'DESTROY_ALL',
        partnerCode: partner.code,
        effectiveAt: termination.effectiveAt.toISOString(),
        reason,
        instruction:
          'Destroy all personal data received from the shop through the Provision Gateway, including copies and backups, and confirm with confirmDestruction.',
        held: await receivedBy(em, partner.id),
      },
    },
    now,
  );
}
