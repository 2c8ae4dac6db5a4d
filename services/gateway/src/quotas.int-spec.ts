import type { MikroORM } from '@mikro-orm/postgresql';
import { verifyLedger } from '@provision/audit';
import { DEMO_CLIENT_IDS, openOrm, Partner, ProvisionRecord, seedDemo } from '@provision/db';
import { createTestDatabase, type SqlWire, startSqlWire, type TestDatabase } from '@provision/testing';
import { ManualClock } from '@provision/util';
import { addBulkOrders, type GatewayHarness, type GraphQLBody, startGatewayHarness } from './gateway.harness.js';
import { loadOperation } from './operations.harness.js';

// Per-partner quotas end to end: HTTP, real partner tokens, real PostgreSQL, a clock the test moves.
// 12:00 KST on 1 March; the Seoul day turns at 15:00 UTC.
const NOW = '2026-03-01T03:00:00Z';
const SELLER_ORDERS = loadOperation('partner/seller-orders');
const PUBLISH = loadOperation('admin/publish-agreement');
const SELLER_SCOPES = ['partner:read', 'pii:receiver.name', 'pii:receiver.phone', 'pii:receiver.address', 'pii:customsCode'];
const SELLER_GRANTS = ['receiver.name', 'receiver.phone', 'receiver.address', 'customsCode'].flatMap((item) =>
  ['order.delivery', 'order.customer-service'].map((purpose) => ({ item, purpose })),
);

interface OrdersResult {
  orders: {
    nodes: { shopOrderId: string; receiver: { name: string | null } }[];
    pageInfo: { endCursor: string | null };
  };
}

describe('per-partner quotas over HTTP', () => {
  let db: TestDatabase;
  let counted: MikroORM;
  let wire: SqlWire;
  let harness: GatewayHarness;
  let hanbokId: string;

  beforeAll(async () => {
    db = await createTestDatabase();
    await seedDemo(db.orm.em.fork(), new ManualClock(NOW), db.keyring);
    await addBulkOrders(db.orm, { sellerCode: 'hanbok-house', count: 12, now: NOW });
    hanbokId = (await db.orm.em.fork().findOneOrFail(Partner, { code: 'hanbok-house' })).id;
    wire = await startSqlWire(db.url);
    counted = await openOrm(wire.url);
    // A small default bucket: 5 tokens, refilled at one a second.
    harness = await startGatewayHarness(counted, NOW, { rateLimit: { capacity: 5, refillPerMinute: 60 } });
  });

  afterAll(async () => {
    await harness?.stop();
    await counted?.close();
    await wire?.stop();
    await db?.drop();
  });

  const sql = () => db.orm.em.fork().getConnection();

  async function sellerOrders(clientId: string, variables: { first: number; after?: string | null }) {
    const token = await harness.token(clientId, SELLER_SCOPES);
    return harness.post<OrdersResult>({ query: SELLER_ORDERS, variables }, token);
  }

  async function ledgerRows(): Promise<number> {
    return db.orm.em.fork().count(ProvisionRecord, {});
  }

  describe('rate limit, weighted by subjects released', () => {
    // hanbok-house's first agreement sets no bucket: it has the default one (capacity 5, 1 token a second).
    it('lets requests through until the bucket is spent, then refuses with RATE_LIMITED and a retryAfter that holds', async () => {
      // 1 token for the request + 3 distinct subjects released = 4 of 5.
      const first = await sellerOrders(DEMO_CLIENT_IDS.hanbokHouse, { first: 3 });
      expect(first.response.status).toBe(200);
      expect(first.body.data!.orders.nodes.map((node) => node.receiver.name)).toEqual(['수령인0', '수령인1', '수령인2']);
      // 1 token left: let in, then charged 3 more: the balance is -3.
      const second = await sellerOrders(DEMO_CLIENT_IDS.hanbokHouse, { first: 3 });
      expect(second.response.status).toBe(200);

      const ledgerBefore = await ledgerRows();
      wire.reset();
      const refused = await sellerOrders(DEMO_CLIENT_IDS.hanbokHouse, { first: 3 });
      expect(refused.response.status).toBe(429);
      // -3 + 1 a second reaches the one token a request needs in 4 seconds.
      expect(refused.response.headers.get('retry-after')).toBe('4');
      expect(refused.body).toEqual({
        errors: [{ message: 'Rate limit reached: retry after 4 s', extensions: { code: 'RATE_LIMITED', retryAfter: 4 } }],
      });
      // No database work for the query: the one admission statement (client, registry version, bucket) only.
      const { statements } = wire;
      expect(statements.filter((statement) => /partner_rate_buckets/.test(statement))).toHaveLength(1);
      expect(statements.some((statement) => /\b(from|join|into)\s+(orders|subjects|provision_records|partner_daily_\w+)\b/.test(statement))).toBe(false);
      expect(statements).toHaveLength(1);
      expect(await ledgerRows()).toBe(ledgerBefore);

      harness.clock.advance(3_000);
      const early = await sellerOrders(DEMO_CLIENT_IDS.hanbokHouse, { first: 1 });
      expect(early.response.status).toBe(429);
      expect(early.body.errors?.[0]?.extensions).toEqual({ code: 'RATE_LIMITED', retryAfter: 1 });

      harness.clock.advance(1_000);
      const refilled = await sellerOrders(DEMO_CLIENT_IDS.hanbokHouse, { first: 1 });
      expect(refilled.response.status).toBe(200);
      expect(refilled.body.data!.orders.nodes[0]!.receiver.name).toBe('수령인0');
    });

    it('lets only one of two parallel requests spend the last token', async () => {
      // A balance of exactly one token: no charge of earlier requests left to apply.
      await sql().execute('delete from partner_rate_debits where partner_id = (select id from partners where code = ?)', ['hanbok-house']);
      await sql().execute('update partner_rate_buckets set tokens = 1, updated_at = ? where partner_id = (select id from partners where code = ?)', [
        harness.clock.now(),
        'hanbok-house',
      ]);
      const results = await Promise.all([
        sellerOrders(DEMO_CLIENT_IDS.hanbokHouse, { first: 2 }),
        sellerOrders(DEMO_CLIENT_IDS.hanbokHouse, { first: 2 }),
      ]);
      expect(results.map(({ response }) => response.status).sort()).toEqual([200, 429]);
      // The one let in was charged its two subjects after the fact: 1 - 1 - 2.
      // The balance: the bucket less the charges the partner's next take will apply.
      const [bucket] = await sql().execute<{ tokens: number }[]>(
        `select b.tokens - coalesce((select sum(d.subjects) from partner_rate_debits d where d.partner_id = b.partner_id), 0) as tokens
           from partner_rate_buckets b where b.partner_id = (select id from partners where code = ?)`,
        ['hanbok-house'],
      );
      expect(Number(bucket!.tokens)).toBe(-2);
    });
  });

  describe('daily ceiling of distinct subjects', () => {
    let afterSecond: string | null = null;
    let afterThird: string | null = null;

    beforeAll(async () => {
      // A new agreement version for hanbok-house: a ceiling of 3 subjects a day, and a bucket too large to matter.
      const admin = await harness.token(DEMO_CLIENT_IDS.privacyAdmin, ['admin:read', 'admin:write']);
      const { body } = await harness.post<{ publishAgreement: { dailySubjectCeiling: number; rateCapacity: number } }>(
        {
          query: PUBLISH,
          variables: {
            input: {
              partnerId: hanbokId,
              grants: SELLER_GRANTS,
              retentionRule: 'P3M after purchase-confirmation',
              legalBasis: 'CONSENT',
              consentRequired: true,
              dailySubjectCeiling: 3,
              rateCapacity: 10_000,
              rateRefillPerMinute: 10_000,
            },
          },
        },
        admin,
      );
      expect(body.errors).toBeUndefined();
      expect(body.data!.publishAgreement).toMatchObject({ dailySubjectCeiling: 3, rateCapacity: 10_000 });
      // A minute on, the new bucket has refilled whatever the rate-limit tests left.
      harness.clock.advance(60_000);
    });

    const names = (body: GraphQLBody<OrdersResult>) => body.data!.orders.nodes.map((node) => node.receiver.name);
    const ceilingDenials = (body: GraphQLBody) =>
      (body.errors ?? []).filter((error) => error.extensions?.['reason'] === 'DAILY_CEILING_REACHED').map((error) => error.path);

    it('releases up to exactly the ceiling and denies the fields of the subject one over it', async () => {
      const atLimit = await sellerOrders(DEMO_CLIENT_IDS.hanbokHouse, { first: 3 });
      expect(atLimit.body.errors).toBeUndefined();
      expect(names(atLimit.body)).toEqual(['수령인0', '수령인1', '수령인2']);
      afterThird = atLimit.body.data!.orders.pageInfo.endCursor;
      afterSecond = (await sellerOrders(DEMO_CLIENT_IDS.hanbokHouse, { first: 2 })).body.data!.orders.pageInfo.endCursor;

      const oneOver = await sellerOrders(DEMO_CLIENT_IDS.hanbokHouse, { first: 4 });
      // The three counted today are released again; the fourth subject gets no place.
      expect(names(oneOver.body)).toEqual(['수령인0', '수령인1', '수령인2', null]);
      expect(ceilingDenials(oneOver.body)).toEqual(
        ['name', 'phone', 'address', 'customsCode'].map((field) => ['orders', 'nodes', 3, 'receiver', field]),
      );
      const [latest] = await db.orm.em.fork().find(ProvisionRecord, { partner: hanbokId }, { orderBy: { id: 'desc' }, limit: 1 });
      expect(latest!.itemsReleased).toEqual([]);
      expect(new Set(latest!.itemsDenied.map((denied) => denied.reason))).toEqual(new Set(['DAILY_CEILING_REACHED']));
      // The row kept is the one prepared without a place, and it hashes as written.
      expect((await verifyLedger(db.orm.em.fork())).breaks).toEqual([]);

      const scope = await harness.post<{ myProvisionScope: { dailySubjectCeiling: number } }>(
        { query: loadOperation('partner/my-provision-scope') },
        await harness.token(DEMO_CLIENT_IDS.hanbokHouse, SELLER_SCOPES),
      );
      expect(scope.body.data!.myProvisionScope.dailySubjectCeiling).toBe(3);
    });

    it('counts afresh from midnight in Seoul', async () => {
      harness.clock.set('2026-03-01T14:59:59Z'); // 23:59:59 KST
      const lastSecond = await sellerOrders(DEMO_CLIENT_IDS.hanbokHouse, { first: 1, after: afterThird });
      expect(names(lastSecond.body)).toEqual([null]);

      harness.clock.set('2026-03-01T15:00:00Z'); // 00:00 KST on 2 March
      // The subject refused yesterday is today's first; the ceiling then leaves room for two more.
      const fourth = await sellerOrders(DEMO_CLIENT_IDS.hanbokHouse, { first: 1, after: afterThird });
      expect(names(fourth.body)).toEqual(['수령인3']);
      const page = await sellerOrders(DEMO_CLIENT_IDS.hanbokHouse, { first: 3 });
      expect(names(page.body)).toEqual(['수령인0', '수령인1', null]);
    });

    it('lets only one of two parallel requests take the last place', async () => {
      harness.clock.set('2026-03-02T15:00:00Z'); // 00:00 KST on 3 March
      expect(names((await sellerOrders(DEMO_CLIENT_IDS.hanbokHouse, { first: 2 })).body)).toEqual(['수령인0', '수령인1']);
      const [third, fourth] = await Promise.all([
        sellerOrders(DEMO_CLIENT_IDS.hanbokHouse, { first: 1, after: afterSecond }),
        sellerOrders(DEMO_CLIENT_IDS.hanbokHouse, { first: 1, after: afterThird }),
      ]);
      expect([...names(third.body), ...names(fourth.body)].filter((name) => name !== null)).toHaveLength(1);
      const [count] = await sql().execute<{ subjects: number }[]>(
        'select subjects from partner_daily_counts where partner_id = ? and day = ?',
        [hanbokId, '2026-03-03'],
      );
      expect(count!.subjects).toBe(3);
    });
  });

  describe('harvest alerts', () => {
    const HARVEST_ALERTS = loadOperation('admin/harvest-alerts');

    beforeAll(async () => {
      await sql().execute(
        `insert into harvest_alerts (id, partner_id, day, kind, observed, baseline, created_at)
         values (gen_random_uuid(), ?, '2026-02-27', 'DISTINCT_SUBJECTS', 400, 97, ?), (gen_random_uuid(), ?, '2026-02-28', 'DENIAL_RATE', 0.2, 0.02, ?)`,
        [hanbokId, NOW, hanbokId, NOW],
        'run',
      );
    });

    async function asAdmin(variables: Record<string, unknown>, scopes = ['admin:read']) {
      return harness.post<{ harvestAlerts: { partnerCode: string; day: string; kind: string; observed: number; baseline: number }[] }>(
        { query: HARVEST_ALERTS, variables },
        await harness.token(DEMO_CLIENT_IDS.privacyAdmin, scopes),
      );
    }

    it('lists alerts for admins, newest day first, filtered by partner and days', async () => {
      const all = await asAdmin({});
      expect(all.body.data!.harvestAlerts.map(({ partnerCode, day, kind, observed, baseline }) => [partnerCode, day, kind, observed, baseline])).toEqual([
        ['hanbok-house', '2026-02-28', 'DENIAL_RATE', 0.2, 0.02],
        ['hanbok-house', '2026-02-27', 'DISTINCT_SUBJECTS', 400, 97],
      ]);
      expect((await asAdmin({ partnerCode: 'hanbok-house', from: '2026-02-28' })).body.data!.harvestAlerts).toHaveLength(1);
      expect((await asAdmin({ to: '2026-02-27' })).body.data!.harvestAlerts).toHaveLength(1);
      expect((await asAdmin({ partnerCode: 'seoul-sneakers' })).body.data!.harvestAlerts).toEqual([]);
    });

    it('refuses a day that does not exist, naming the argument, and callers without admin:read', async () => {
      const bad = await asAdmin({ from: '2026-02-30' });
      expect(bad.body.errors?.[0]?.extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'from' });
      const shop = await harness.post({ query: HARVEST_ALERTS }, await harness.token(DEMO_CLIENT_IDS.shopBackend, ['shop:read']));
      expect(shop.body.errors?.[0]?.extensions?.['code']).toBe('FORBIDDEN');
    });

    it('counts them in harvest_alerts_total on /metrics', async () => {
      const text = await (await fetch(`${harness.base}/metrics`)).text();
      expect(text).toContain('harvest_alerts_total{kind="DISTINCT_SUBJECTS"} 1');
      expect(text).toContain('harvest_alerts_total{kind="DENIAL_RATE"} 1');
    });
  });
});
