import type { MikroORM } from '@mikro-orm/postgresql';
import { openOrm, seedDemo } from '@provision/db';
import { createTestDatabase, type TestDatabase } from '@provision/testing';
import { ManualClock } from '@provision/util';
import { buildSubjectReport } from './subject-report.js';

// The report's cost does not depend on the subject's history: the ledger is aggregated in SQL and
// everything else is loaded in batches. HTTP behaviour is tested in the gateway's provision-report suite.
const NOW = new Date('2026-03-01T03:00:00Z');

describe('buildSubjectReport', () => {
  let db: TestDatabase;

  beforeAll(async () => {
    db = await createTestDatabase();
    await seedDemo(db.orm.em.fork(), new ManualClock(NOW), db.keyring);
  });
  afterAll(() => db.drop());

  /**
   * `count` ledger rows of receiver-0001 by the seller and the broker of MIK-DEMO-0001, a minute
   * apart, in one statement (a chain of their own, hashed with placeholders: the report reads no
   * chain column, and 2,000 requests through RequestLedger would only slow the test).
   */
  async function addRows(orm: MikroORM, count: number, from: Date): Promise<void> {
    await orm.em.fork().execute(
      `insert into provision_records (occurred_at, partner_id, client_id, purpose, subject_id, order_id, items_released, items_denied, request_id,
                                      chain_key, chain_seq, hash)
       select ?::timestamptz + i * interval '1 minute', case when i % 2 = 0 then o.seller_id else o.customs_broker_id end, 'test',
              case when i % 2 = 0 then 'order.delivery' else 'customs.clearance' end, o.receiver_id, o.id,
              '{receiver.name,receiver.address}', case when i % 3 = 0 then '[{"item": "receiver.phone", "reason": "SCOPE_MISSING"}]'::jsonb else '[]'::jsonb end,
              'request-' || i, 'test:' || ?::text, i + 1, sha256(('request-' || i)::bytea)
         from orders o, generate_series(0, ? - 1) i
        where o.shop_order_id = 'MIK-DEMO-0001'`,
      [from.toISOString(), from.toISOString(), count],
    );
  }

  it('runs the same statements for 2 and for 2,002 ledger rows, and counts every row', async () => {
    const statements: string[] = [];
    const counting = await openOrm(db.url, { poolSize: 1, onQuery: (statement) => statements.push(statement) });
    try {
      await counting.em.fork().execute('select 1'); // the first use of an ORM checks the database
      await addRows(db.orm, 2, new Date(NOW.getTime() - 2 * 24 * 60 * 60 * 1000));
      statements.length = 0;
      const small = await buildSubjectReport(counting.em.fork(), 'receiver-0001', NOW);
      const forTwo = statements.length;
      expect(small?.partners.map((partner) => partner.code)).toEqual(['hanbok-house', 'incheon-customs-brokerage']);

      await addRows(db.orm, 2000, new Date(NOW.getTime() - 36 * 60 * 60 * 1000));
      statements.length = 0;
      const large = await buildSubjectReport(counting.em.fork(), 'receiver-0001', NOW);
      expect(statements.length).toBe(forTwo);

      const [seller, broker] = large!.partners;
      expect(seller.releases.map((release) => [release.item.key, release.purpose.key, release.times])).toEqual([
        ['receiver.address', 'order.delivery', 1001],
        ['receiver.name', 'order.delivery', 1001],
      ]);
      expect(broker.releases.reduce((sum, release) => sum + release.times, 0)).toBe(2 * 1001);
      expect(seller.denials.reduce((sum, denial) => sum + denial.times, 0) + broker.denials.reduce((sum, denial) => sum + denial.times, 0)).toBe(
        1 + 667,
      );
      expect(seller.engagements).toEqual([expect.objectContaining({ kind: 'ORDER', shopId: 'MIK-DEMO-0001', windowOpen: true })]);
    } finally {
      await counting.close(true);
    }
  });

  it("closes a window anchored on delivery completion when the read path does: a day after MIK-DEMO-0004's delivery", async () => {
    const [order] = await db.orm.em.fork().execute<{ id: string; seller_id: string; receiver_id: string; delivered_ms: number }[]>(
      `select id, seller_id, receiver_id, (extract(epoch from delivered_at) * 1000)::float8 as delivered_ms from orders where shop_order_id = 'MIK-DEMO-0004'`,
    );
    const deliveredAt = new Date(order!.delivered_ms);
    await db.orm.em.fork().execute(
      `insert into provision_records (occurred_at, partner_id, client_id, purpose, subject_id, order_id, items_released, items_denied, request_id,
                                      chain_key, chain_seq, hash)
       values (?, ?, 'test', 'order.delivery', ?, ?, '{receiver.name}', '[]', 'request-delivered', 'test:delivered', 1, sha256('delivered'::bytea))`,
      [new Date(deliveredAt.getTime() - 60 * 60 * 1000), order!.seller_id, order!.receiver_id, order!.id],
    );
    const report = await buildSubjectReport(db.orm.em.fork(), 'receiver-0001', NOW);
    const seller = report!.partners.find((partner) => partner.code === 'skin-dermatech');
    expect(seller?.engagements).toEqual([
      expect.objectContaining({ shopId: 'MIK-DEMO-0004', windowOpen: false, windowClosesAt: new Date(deliveredAt.getTime() + 24 * 60 * 60 * 1000) }),
    ]);
  });

  it('answers null for an unknown subject and an empty report for one without provision', async () => {
    expect(await buildSubjectReport(db.orm.em.fork(), 'nobody', NOW)).toBeNull();
    expect(await buildSubjectReport(db.orm.em.fork(), 'member-0002', NOW)).toEqual({
      shopSubjectId: 'member-0002',
      generatedAt: NOW,
      partners: [],
      statutoryDisclosures: [],
    });
  });
});
