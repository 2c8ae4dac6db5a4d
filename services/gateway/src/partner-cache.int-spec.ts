import { verifyLedger } from '@provision/audit';
import { DEMO_CLIENT_IDS, Partner, ProvisionRecord, seedDemo } from '@provision/db';
import { createTestDatabase, type TestDatabase } from '@provision/testing';
import { ManualClock } from '@provision/util';
import { addBulkOrders, type GatewayHarness, startGatewayHarness } from './gateway.harness.js';
import { loadOperation } from './operations.harness.js';

// Each gateway process keeps its partners' facts in memory (PartnerRegistry), validated by the
// registry version read in every request's admission statement. Two gateways over one database
// stand for two replicas: a change made through one — or by hand in SQL — must decide the very
// next request on the other. And the write side folded into one statement per batch must leave
// nothing behind when it fails, and keep the chain whole under one partner's concurrent requests.
const NOW = '2026-03-01T03:00:00Z';
const SELLER_ORDERS = loadOperation('partner/seller-orders');
const TERMINATE = loadOperation('admin/terminate-partner');
const SUSPEND = loadOperation('admin/suspend-partner');
const RESUME = loadOperation('admin/resume-partner');
const REVOKE = loadOperation('admin/revoke-client');
const CHANGE_SCOPES = loadOperation('admin/change-client-scopes');
const PUBLISH = loadOperation('admin/publish-agreement');
const SELLER_SCOPES = ['partner:read', 'pii:receiver.name', 'pii:receiver.phone', 'pii:receiver.address', 'pii:customsCode'];

interface OrdersResult {
  orders: { nodes: { shopOrderId: string; receiver: { name: string | null; phone: string | null } }[] };
}

describe('partner facts cached per gateway, two gateways over one database', () => {
  let db: TestDatabase;
  let first: GatewayHarness;
  let second: GatewayHarness;
  let partnerIds: Map<string, string>;

  beforeAll(async () => {
    db = await createTestDatabase();
    await seedDemo(db.orm.em.fork(), new ManualClock(NOW), db.keyring);
    await addBulkOrders(db.orm, { sellerCode: 'seoul-sneakers', count: 3, now: NOW });
    await addBulkOrders(db.orm, { sellerCode: 'hanbok-house', count: 12, now: NOW });
    first = await startGatewayHarness(db.orm, NOW);
    second = await startGatewayHarness(db.orm, NOW, {}, { issuer: first.issuer });
    const partners = await db.orm.em.fork().find(Partner, {});
    partnerIds = new Map(partners.map((partner) => [partner.code, partner.id]));
  });

  afterAll(async () => {
    await second?.stop();
    await first?.stop();
    await db?.drop();
  });

  const sellerPage = async (via: GatewayHarness, clientId: string, scopes = SELLER_SCOPES) =>
    via.post<OrdersResult>({ query: SELLER_ORDERS, variables: { first: 3 } }, await via.token(clientId, scopes));

  const admin = async (query: string, input: Record<string, unknown>) => {
    const { body } = await first.post({ query, variables: { input } }, await first.token(DEMO_CLIENT_IDS.privacyAdmin, ['admin:read', 'admin:write']));
    expect(body.errors).toBeUndefined();
  };

  /** Both gateways have the seller's facts cached, and serve it. */
  async function bothServe(clientId: string): Promise<void> {
    for (const via of [first, second]) {
      const { response, body } = await sellerPage(via, clientId);
      expect(response.status).toBe(200);
      expect(body.data!.orders.nodes).toHaveLength(3);
    }
  }

  it('refuses a partner terminated through one gateway on the very next request to the other', async () => {
    await bothServe(DEMO_CLIENT_IDS.seoulSneakers);
    await admin(TERMINATE, { partnerId: partnerIds.get('seoul-sneakers'), reason: 'contract ended' });
    const { response, body } = await sellerPage(second, DEMO_CLIENT_IDS.seoulSneakers);
    expect(response.status).toBe(401);
    expect(body).not.toHaveProperty('data');
  });

  it('refuses a suspended partner on the other gateway at once, and serves it again at once on resumption', async () => {
    await bothServe(DEMO_CLIENT_IDS.hanbokHouse);
    await admin(SUSPEND, { partnerId: partnerIds.get('hanbok-house'), reason: 'audit' });
    expect((await sellerPage(second, DEMO_CLIENT_IDS.hanbokHouse)).response.status).toBe(401);
    await admin(RESUME, { partnerId: partnerIds.get('hanbok-house'), reason: 'audit passed' });
    expect((await sellerPage(second, DEMO_CLIENT_IDS.hanbokHouse)).response.status).toBe(200);
  });

  it('applies a scope change and a revocation made through one gateway on the next request to the other', async () => {
    await bothServe(DEMO_CLIENT_IDS.hanbokHouse);
    await admin(CHANGE_SCOPES, {
      clientId: DEMO_CLIENT_IDS.hanbokHouse,
      scopes: ['partner:read', 'pii:receiver.name'],
      reason: 'phone no longer needed',
    });
    const narrowed = await sellerPage(second, DEMO_CLIENT_IDS.hanbokHouse);
    expect(narrowed.body.data!.orders.nodes[0]!.receiver).toMatchObject({ name: expect.any(String), phone: null });
    expect(narrowed.body.errors?.map((error) => error.extensions?.['item'])).toContain('receiver.phone');
    expect(new Set(narrowed.body.errors?.map((error) => error.extensions?.['reason']))).toEqual(new Set(['SCOPE_MISSING']));

    await admin(REVOKE, { clientId: DEMO_CLIENT_IDS.hanbokHouse, reason: 'key leaked' });
    expect((await sellerPage(second, DEMO_CLIENT_IDS.hanbokHouse)).response.status).toBe(401);
  });
});

describe('a new agreement version, and a change made by hand in SQL', () => {
  let db: TestDatabase;
  let first: GatewayHarness;
  let second: GatewayHarness;
  let hanbokId: string;

  beforeAll(async () => {
    db = await createTestDatabase();
    await seedDemo(db.orm.em.fork(), new ManualClock(NOW), db.keyring);
    await addBulkOrders(db.orm, { sellerCode: 'hanbok-house', count: 3, now: NOW });
    first = await startGatewayHarness(db.orm, NOW);
    second = await startGatewayHarness(db.orm, NOW, {}, { issuer: first.issuer });
    hanbokId = (await db.orm.em.fork().findOneOrFail(Partner, { code: 'hanbok-house' })).id;
  });

  afterAll(async () => {
    await second?.stop();
    await first?.stop();
    await db?.drop();
  });

  const sellerPage = async (via: GatewayHarness) =>
    via.post<OrdersResult>({ query: SELLER_ORDERS, variables: { first: 1 } }, await via.token(DEMO_CLIENT_IDS.hanbokHouse, SELLER_SCOPES));
  const reasons = (body: { errors?: { extensions?: Record<string, unknown> }[] }) => (body.errors ?? []).map((error) => error.extensions?.['reason']);

  it('decides with an agreement version published through the other gateway from the next request on', async () => {
    expect(reasons((await sellerPage(second)).body)).toEqual([]);
    const { body } = await first.post(
      {
        query: PUBLISH,
        variables: {
          input: {
            partnerId: hanbokId,
            grants: [{ item: 'receiver.name', purpose: 'order.delivery' }],
            retentionRule: 'P3M after purchase-confirmation',
            legalBasis: 'CONSENT',
            consentRequired: true,
          },
        },
      },
      await first.token(DEMO_CLIENT_IDS.privacyAdmin, ['admin:write']),
    );
    expect(body.errors).toBeUndefined();
    const after = await sellerPage(second);
    expect(after.body.data!.orders.nodes[0]!.receiver.name).not.toBeNull();
    expect(reasons(after.body)).toEqual(['ITEM_NOT_GRANTED', 'ITEM_NOT_GRANTED', 'ITEM_NOT_GRANTED']);
  });

  it('sees a change written by hand in SQL (the version moves by trigger, whoever writes)', async () => {
    expect(reasons((await sellerPage(second)).body)).not.toContain('OVERSEAS_TRANSFER_NOT_PERMITTED');
    await db.orm.em.fork().getConnection().execute(`update partners set country = 'JP' where id = ?`, [hanbokId]);
    try {
      const { body } = await sellerPage(second);
      expect(body.data!.orders.nodes[0]!.receiver.name).toBeNull();
      expect(reasons(body)).toContain('OVERSEAS_TRANSFER_NOT_PERMITTED');
    } finally {
      await db.orm.em.fork().getConnection().execute(`update partners set country = 'KR' where id = ?`, [hanbokId]);
    }
  });
});

describe('the write side of a partner request, in one statement per batch', () => {
  let db: TestDatabase;
  let harness: GatewayHarness;
  let hanbokId: string;

  beforeAll(async () => {
    db = await createTestDatabase();
    await seedDemo(db.orm.em.fork(), new ManualClock(NOW), db.keyring);
    await addBulkOrders(db.orm, { sellerCode: 'hanbok-house', count: 20, now: NOW });
    harness = await startGatewayHarness(db.orm, NOW);
    hanbokId = (await db.orm.em.fork().findOneOrFail(Partner, { code: 'hanbok-house' })).id;
  });

  afterAll(async () => {
    await harness?.stop();
    await db?.drop();
  });

  const sql = () => db.orm.em.fork().getConnection();
  const sellerPage = async (first: number) =>
    harness.post<OrdersResult>({ query: SELLER_ORDERS, variables: { first } }, await harness.token(DEMO_CLIENT_IDS.hanbokHouse, SELLER_SCOPES));
  const state = async () => {
    const [row] = await sql().execute<{ tokens: number; claimed: string; counted: number | null; rows: string }[]>(
      `select (select tokens from partner_rate_buckets where partner_id = ?)
                - coalesce((select sum(subjects) from partner_rate_debits where partner_id = ?), 0) as tokens,
              (select count(*) from partner_daily_subjects where partner_id = ?) as claimed,
              (select sum(subjects) from partner_daily_counts where partner_id = ?) as counted,
              (select count(*) from provision_records where partner_id = ?) as rows`,
      [hanbokId, hanbokId, hanbokId, hanbokId, hanbokId],
    );
    return { tokens: Number(row!.tokens), claimed: Number(row!.claimed), counted: Number(row!.counted ?? 0), rows: Number(row!.rows) };
  };

  it('claims no place and charges no subject when the ledger rows cannot be written; the response carries no data', async () => {
    expect((await sellerPage(1)).response.status).toBe(200); // the bucket exists, the chain has its head
    const before = await state();
    // Breaking the schema is the owner's to do: the app role the gateway runs as may not alter tables.
    const owner = (await db.owner()).em.getConnection();
    await owner.execute('alter table provision_records rename to provision_records_offline');
    let result;
    try {
      result = await sellerPage(5);
    } finally {
      await owner.execute('alter table provision_records_offline rename to provision_records');
    }
    expect(result.response.status).toBe(500);
    expect(result.body).toEqual({ errors: [{ message: 'Internal server error', extensions: { code: 'INTERNAL_SERVER_ERROR' } }] });
    const after = await state();
    // Only the admission's one token was taken (the balance counts charges not yet applied): the claim
    // and the charge of the 5 subjects rolled back with the ledger write.
    expect(after).toEqual({ ...before, tokens: expect.closeTo(before.tokens - 1, 0) });
    expect(after.claimed).toBe(before.claimed);
  });

  it("keeps one partner's chain gap-free and every subject's place under 10 concurrent requests", async () => {
    const before = await state();
    const results = await Promise.all(Array.from({ length: 10 }, (_, n) => sellerPage(n + 1)));
    expect(results.map(({ response }) => response.status)).toEqual(Array(10).fill(200));
    const after = await state();
    expect(after.rows - before.rows).toBe(55);
    expect(after.claimed).toBe(Math.max(before.claimed, 10));
    // A race on the same new subject may count it twice (fewer places later that day), never fewer.
    expect(after.counted).toBeGreaterThanOrEqual(after.claimed);
    const { breaks } = await verifyLedger(db.orm.em.fork());
    expect(breaks).toEqual([]);
    expect(await db.orm.em.fork().count(ProvisionRecord, { partner: hanbokId })).toBe(after.rows);
  });
});
