import { MIN_RETENTION_MONTHS, purgeLedger, retentionCutoff } from '@provision/audit';
import { DEMO_CLIENT_IDS, Notice, Order, Partner, ProvisionRecord, sealWebhookSecret } from '@provision/db';
import { parseRetentionRule, windowClosesAt } from '@provision/domain';
import { runWindowSweep, type WindowClosedPayload } from '@provision/lifecycle';
import { deliverDueNotices } from '@provision/notices';
import { startWebhookReceiver, type TestDatabase, type WebhookReceiver } from '@provision/testing';
import { type GatewayHarness, type GraphQLBody, type SeededGateway, useSeededGateway } from './gateway.harness.js';
import { loadOperation } from './operations.harness.js';

// Windows that end at an event of the engagement, end to end. Dr.esthetique+ Art. 4: shipping data is kept until delivery completes. The demo's
// Skin Dermatech keeps it `P1D after delivery-completion`: the shop records the delivery over HTTP,
// the seller reads the receiver until a day later and is refused WINDOW_CLOSED from then on, and
// the sweep's window-closed notice reaches its webhook, signed.
const NOW = '2026-03-01T03:00:00Z';
const HOUR = 60 * 60 * 1000;
const at = (offsetMs: number) => new Date(Date.parse(NOW) + offsetMs).toISOString();
const SECRET = 'whsec-skin-dermatech-0123456789';
const ORDER = 'MIK-DLV-0001';

const RECORD_ORDER = loadOperation('shop/record-order');
const CONFIRM_DELIVERY = loadOperation('shop/confirm-delivery');
const SELLER_ORDERS = loadOperation('partner/seller-orders');
const CUSTOMS_CLEARANCE = loadOperation('partner/customs-clearance');
const PUBLISH_AGREEMENT = loadOperation('admin/publish-agreement');
const SELLER_SCOPES = ['partner:read', 'pii:receiver.name', 'pii:receiver.phone', 'pii:receiver.address'];

interface OrderNode {
  shopOrderId: string;
  provisionClosesAt: string | null;
  receiver: { name: string | null; phone: string | null; address: string | null };
}

describe('a window that ends at delivery completion, over HTTP', () => {
  let db: TestDatabase;
  let harness: GatewayHarness;
  let receiver: WebhookReceiver;

  const suite = useSeededGateway(NOW);
  beforeAll(async () => {
    ({ db, harness } = suite);
    receiver = await startWebhookReceiver({ secret: SECRET, now: () => harness.clock.now() });
    const em = db.orm.em.fork();
    const seller = await em.findOneOrFail(Partner, { code: 'skin-dermatech' });
    seller.webhookUrl = receiver.url;
    seller.webhookSecret = sealWebhookSecret(db.keyring, seller.id, SECRET);
    await em.flush();
  });
  afterAll(() => receiver?.stop());

  async function shop(query: string, input: Record<string, unknown>): Promise<void> {
    const token = await harness.token(DEMO_CLIENT_IDS.shopBackend, ['shop:read', 'shop:write']);
    const { body } = await harness.post({ query, variables: { input } }, token);
    expect(body.errors).toBeUndefined();
  }

  /**
   * The order as the seller reads it, with the denial reasons at its receiver's fields — but the
   * customs code, which the shared operation asks for and Skin Dermatech has no grant of.
   */
  async function sellerReads(): Promise<{ node: OrderNode; reasons: string[] }> {
    const token = await harness.token(DEMO_CLIENT_IDS.skinDermatech, SELLER_SCOPES);
    const { body } = await harness.post<{ orders: { nodes: OrderNode[] } }>({ query: SELLER_ORDERS, variables: {} }, token);
    const index = dataOf(body).orders.nodes.findIndex((node) => node.shopOrderId === ORDER);
    if (index < 0) throw new Error(`${ORDER} not listed`);
    const reasons = (body.errors ?? [])
      .filter((error) => (error.path as unknown[])[2] === index && error.extensions?.['item'] !== 'customsCode')
      .map((error) => `${String(error.extensions?.['item'])}:${String(error.extensions?.['reason'])}`)
      .sort();
    return { node: dataOf(body).orders.nodes[index]!, reasons };
  }

  it('releases the receiver until a day after delivery, refuses it WINDOW_CLOSED from then on, and sends the window-closed notice', async () => {
    // The buyer consented to Skin Dermatech in the demo data.
    await shop(RECORD_ORDER, {
      shopOrderId: ORDER,
      buyerShopSubjectId: 'member-0001',
      receiverShopSubjectId: 'receiver-0002',
      sellerCode: 'skin-dermatech',
      orderedAt: at(-48 * HOUR),
    });
    // On its way: the window has not started, whenever the seller reads.
    const shipped = await sellerReads();
    expect(shipped.reasons).toEqual([]);
    expect(shipped.node.provisionClosesAt).toBeNull();
    expect(shipped.node.receiver.address).toBe('대전광역시 유성구 샘플길 7');

    await shop(CONFIRM_DELIVERY, { shopOrderId: ORDER, deliveredAt: at(-2 * HOUR) });
    const deliveredAt = (await db.orm.em.fork().findOneOrFail(Order, { shopOrderId: ORDER })).deliveredAt;
    const closesAt = windowClosesAt(parseRetentionRule('P1D after delivery-completion'), { deliveredAt }) as Date;
    expect(closesAt.toISOString()).toBe(at(22 * HOUR));

    harness.clock.set(new Date(closesAt.getTime() - 1));
    const lastMoment = await sellerReads();
    expect(lastMoment.reasons).toEqual([]);
    expect(lastMoment.node.provisionClosesAt).toBe(closesAt.toISOString());
    expect(lastMoment.node.receiver.name).toBe('정다은');

    harness.clock.set(closesAt);
    const closed = await sellerReads();
    expect(closed.reasons).toEqual(['receiver.address:WINDOW_CLOSED', 'receiver.name:WINDOW_CLOSED', 'receiver.phone:WINDOW_CLOSED']);
    expect(closed.node.receiver).toMatchObject({ name: null, phone: null, address: null });

    // The sweep records the closure and the outbox delivers the notice: to Skin Dermatech for
    // MIK-DEMO-0004 of the demo data (closed two days ago) and MIK-DLV-0001 (now); the third closure
    // is Seoul Sneakers' MIK-DEMO-0002, whose notice has no webhook to go to here.
    expect(await runWindowSweep(db.orm, harness.clock)).toEqual({ closures: 3, notices: 2 });
    const report = await deliverDueNotices({ orm: db.orm, clock: harness.clock, keyring: db.keyring });
    expect(report.delivered).toBe(1);
    expect(receiver.notices).toHaveLength(1);
    const [received] = receiver.notices;
    expect(received!.body).toMatchObject({ type: 'window-closed', partner: { code: 'skin-dermatech' } });
    const payload = received!.body['payload'] as WindowClosedPayload;
    expect(payload.retentionRule).toBe('P1D after delivery-completion');
    expect(payload.orders.map((order) => order.shopId)).toEqual(['MIK-DEMO-0004', ORDER]);
    expect(payload.orders.at(-1)!.windowClosedAt).toBe(closesAt.toISOString());
    // Ids only: none of the receiver's values travel with the notice.
    expect(received!.rawBody).not.toMatch(/정다은|샘플길|010-0000-0012/);
    expect(await db.orm.em.fork().count(Notice, { id: received!.id, status: 'DELIVERED' })).toBe(1);
  });
});

/** The customs broker's orders, with the denial reasons at their receivers' fields. */
async function brokerReads(harness: GatewayHarness): Promise<{ listed: string[]; reasons: string[] }> {
  const token = await harness.token(DEMO_CLIENT_IDS.customsBroker, ['partner:read', 'pii:receiver.name', 'pii:receiver.address', 'pii:customsCode']);
  const { body } = await harness.post<{ orders: { nodes: { shopOrderId: string }[] } }>({ query: CUSTOMS_CLEARANCE }, token);
  const listed = dataOf(body).orders.nodes.map((node) => node.shopOrderId);
  const reasons = (body.errors ?? []).map((error) => `${listed[(error.path as number[])[2]!]} ${String(error.extensions?.['item'])}:${String(error.extensions?.['reason'])}`);
  return { listed, reasons: reasons.sort() };
}

/** The admin publishes a new agreement of the customs broker with `retentionRule`, effective now; answers the broker. */
async function publishBrokerRule({ db, harness }: SeededGateway, retentionRule: string): Promise<Partner> {
  const broker = await db.orm.em.fork().findOneOrFail(Partner, { code: 'incheon-customs-brokerage' });
  const admin = await harness.token(DEMO_CLIENT_IDS.privacyAdmin, ['admin:read', 'admin:write']);
  const grants = ['customsCode', 'receiver.name', 'receiver.address'].map((item) => ({ item, purpose: 'customs.clearance' }));
  const { body } = await harness.post(
    {
      query: PUBLISH_AGREEMENT,
      variables: {
        input: { partnerId: broker.id, grants, retentionRule, legalBasis: 'STATUTE', statute: 'customs-act.art-241', consentRequired: false },
      },
    },
    admin,
  );
  expect(body.errors).toBeUndefined();
  return broker;
}

/** Every granted item of both the broker's demo orders refused with `reason`, as `brokerReads` lists them. */
const BROKER_ALL_REFUSED = (reason: string) =>
  ['MIK-DEMO-0001', 'MIK-DEMO-0003'].flatMap((order) => ['customsCode', 'receiver.address', 'receiver.name'].map((item) => `${order} ${item}:${reason}`));

describe('a window that ends a period after provision, over HTTP', () => {
  let db: TestDatabase;
  let harness: GatewayHarness;
  const suite = useSeededGateway(NOW);
  beforeAll(() => ({ db, harness } = suite));

  it("refuses WINDOW_CLOSED 30 days after the partner's first release, the instant the sweep closes the orders", async () => {
    const broker = await publishBrokerRule(suite, 'P30D after provision');

    harness.clock.set(at(HOUR));
    const first = await brokerReads(harness);
    expect(first).toEqual({ listed: ['MIK-DEMO-0003', 'MIK-DEMO-0001'], reasons: [] });
    const closesAt = windowClosesAt(parseRetentionRule('P30D after provision'), { providedAt: new Date(at(HOUR)) }) as Date;

    // Reading again does not move the anchor: the first release does.
    harness.clock.set(new Date(closesAt.getTime() - 1));
    expect((await brokerReads(harness)).reasons).toEqual([]);
    harness.clock.set(closesAt);
    expect((await brokerReads(harness)).reasons).toEqual(BROKER_ALL_REFUSED('WINDOW_CLOSED'));

    await runWindowSweep(db.orm, harness.clock);
    const notices = await db.orm.em.fork().find(Notice, { partner: broker, type: 'window-closed' });
    // Orders closing at the same instant come in id order (random ids here): compare them as a set.
    const closed = (notice: Notice) => (notice.payload as unknown as WindowClosedPayload).orders.map((order) => [order.shopId, order.windowClosedAt]).sort();
    expect(notices.map(closed)).toEqual([
      [
        ['MIK-DEMO-0001', closesAt.toISOString()],
        ['MIK-DEMO-0003', closesAt.toISOString()],
      ],
    ]);
  });
});

// The ledger is purged after 2 years (the worker's ledger-purge job); the window's anchor is the
// partner's first release, which the purge must not take with it. The suite's clock starts more than
// 2 years before the database's own time, since the database refuses to purge anything younger.
describe('a window after provision, once the purge has deleted the release that started it, over HTTP', () => {
  const RELEASED = '2023-06-01T03:00:00Z';
  const suite = useSeededGateway(RELEASED);

  it('still refuses WINDOW_CLOSED: the window does not open again', async () => {
    const { db, harness } = suite;
    const broker = await publishBrokerRule(suite, 'P1Y after provision');
    expect(await brokerReads(harness)).toEqual({ listed: ['MIK-DEMO-0003', 'MIK-DEMO-0001'], reasons: [] });

    harness.clock.set('2026-06-01T03:00:00Z');
    expect((await brokerReads(harness)).reasons).toEqual(BROKER_ALL_REFUSED('WINDOW_CLOSED'));

    const releases = () => db.orm.em.fork().count(ProvisionRecord, { partner: broker, itemsReleased: { $ne: [] } });
    expect(await releases()).toBe(2);
    await purgeLedger(db.orm.em.fork(), { cutoff: retentionCutoff(new Date(), MIN_RETENTION_MONTHS) });
    expect(await releases()).toBe(0);
    expect((await brokerReads(harness)).reasons).toEqual(BROKER_ALL_REFUSED('WINDOW_CLOSED'));
  });
});

function dataOf<TData>(body: GraphQLBody<TData>): TData {
  if (!body.data) throw new Error(`no data: ${JSON.stringify(body.errors)}`);
  return body.data;
}
