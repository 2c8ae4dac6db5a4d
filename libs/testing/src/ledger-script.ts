import type { EntityManager } from '@mikro-orm/postgresql';
import { RequestLedger } from '@provision/audit';
import { nativePool, Partner, Subject } from '@provision/db';

/** Prefix of the shop ids of the subjects `addLedgerSubjects` makes. */
const SCRIPT_SUBJECT_PREFIX = 'ledger-script-';

/** `count` receivers with no personal values, for scripted ledger rows. */
export async function addLedgerSubjects(em: EntityManager, count: number): Promise<void> {
  await em.execute(
    `insert into subjects (id, shop_subject_id, kind, created_at, updated_at)
     select gen_random_uuid(), ? || lpad(n::text, 6, '0'), 'RECEIVER', now(), now() from generate_series(1, ?) n`,
    [SCRIPT_SUBJECT_PREFIX, count],
    'run',
  );
}

/**
 * Ledger rows of one partner for one Seoul calendar day (at 10:00 KST): `subjects` distinct subjects
 * (of those `addLedgerSubjects` made) released one item each, the first `denied` of them also
 * denied one item. Written through the real `RequestLedger`, so they join the partner's hash chain
 * as any request's would. For tests of what reads the ledger (harvest detection).
 */
export async function scriptLedgerDay(
  em: EntityManager,
  day: { partnerCode: string; day: string; subjects: number; denied?: number },
): Promise<void> {
  const partner = await em.findOneOrFail(Partner, { code: day.partnerCode });
  const subjects = await em.find(
    Subject,
    { shopSubjectId: { $like: `${SCRIPT_SUBJECT_PREFIX}%` } },
    { orderBy: { shopSubjectId: 'asc' }, limit: day.subjects, fields: ['id'] },
  );
  const ledger = new RequestLedger({
    actorKind: 'PARTNER',
    partnerId: partner.id,
    clientId: 'ledger-script',
    tokenId: null,
    requestId: `ledger-script-${day.day}`,
  });
  subjects.forEach(({ id: subjectId }, index) => {
    ledger.record({ purpose: 'order.delivery', subjectId, orderId: null, item: 'receiver.name', denied: null });
    if (index < (day.denied ?? 0)) {
      ledger.record({ purpose: 'order.delivery', subjectId, orderId: null, item: 'receiver.phone', denied: 'SCOPE_MISSING' });
    }
  });
  await ledger.flush(await nativePool(em), new Date(`${day.day}T01:00:00Z`));
}
