import type { EntityManager } from '@mikro-orm/postgresql';

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
 * denied one item. For tests of what reads the ledger (harvest detection).
 */
export async function scriptLedgerDay(
  em: EntityManager,
  day: { partnerCode: string; day: string; subjects: number; denied?: number },
): Promise<void> {
  await em.execute(
    `insert into provision_records (occurred_at, partner_id, client_id, purpose, subject_id, items_released, items_denied, request_id)
     select (?::date + time '01:00') at time zone 'UTC', p.id, 'ledger-script', 'order.delivery', s.id, '{receiver.name}',
            case when s.n <= ? then '[{"item":"receiver.phone","reason":"SCOPE_MISSING"}]'::jsonb else '[]'::jsonb end,
            'ledger-script-' || ? || '-' || s.n
     from partners p,
          (select id, row_number() over (order by shop_subject_id) as n from subjects where shop_subject_id like ? || '%') s
     where p.code = ? and s.n <= ?`,
    [day.day, day.denied ?? 0, day.day, SCRIPT_SUBJECT_PREFIX, day.partnerCode, day.subjects],
    'run',
  );
}
