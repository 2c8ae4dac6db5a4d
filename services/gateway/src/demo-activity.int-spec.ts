import { verifyLedger } from '@provision/audit';
import { seedDemo } from '@provision/db';
import { createTestDatabase, type TestDatabase } from '@provision/testing';
import { ManualClock } from '@provision/util';
import { seedDemoActivity } from './demo-activity.js';

describe('demo activity for npm start', () => {
  let db: TestDatabase;
  const now = new Date('2026-12-06T03:00:00Z');

  beforeAll(async () => {
    db = await createTestDatabase();
    await seedDemo(db.orm.em.fork(), new ManualClock(now.toISOString()), db.keyring);
  });
  afterAll(() => db?.drop());

  it('gives the overview a month of releases and denials per partner and one harvest alert, on an intact ledger, once', async () => {
    const first = await seedDemoActivity(db.orm.em.fork(), now);
    expect(first.ledgerRows).toBeGreaterThan(100);
    // The worker's own check finds the harvester's day of denials.
    expect(first.harvestAlerts.map(({ partnerCode, kind, day }) => [partnerCode, kind, day])).toEqual([['hanbok-house', 'DENIAL_RATE', '2026-12-04']]);

    const perPartner = await db.orm.em.fork().execute<{ code: string; days: number; releases: number; denials: number }[]>(
      `select p.code, count(distinct (r.occurred_at at time zone 'Asia/Seoul')::date)::int as days,
              sum(cardinality(r.items_released))::int as releases, sum(jsonb_array_length(r.items_denied))::int as denials
         from provision_records r join partners p on p.id = r.partner_id
        where r.occurred_at >= ? group by p.code order by p.code`,
      [new Date(now.getTime() - 30 * 24 * 3600_000)],
    );
    expect(perPartner.length).toBeGreaterThanOrEqual(5);
    for (const partner of perPartner) {
      expect(partner.days).toBeGreaterThanOrEqual(14);
      expect(partner.releases).toBeGreaterThan(0);
      expect(partner.denials).toBeGreaterThan(0);
    }

    const ledger = await verifyLedger(db.orm.em.fork());
    expect(ledger.breaks).toEqual([]);
    expect(ledger.rows).toBe(first.ledgerRows);

    const again = await seedDemoActivity(db.orm.em.fork(), now);
    expect(again).toEqual({ ledgerRows: 0, harvestAlerts: [] });
  });
});
