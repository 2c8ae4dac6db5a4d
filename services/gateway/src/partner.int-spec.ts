import {
  Client,
  Consent,
  CorrectionRequest,
  DEMO_CLIENT_IDS,
  Order,
  Partner,
  PartnerStatusChange,
  ProcessingSuspension,
  ProvisionRecord,
  Subject,
  seedDemo,
  openOrm,
} from '@provision/db';
import { createTestDatabase, type SqlWire, startSqlWire, type TestDatabase } from '@provision/testing';
import { DENIAL_REASONS } from '@provision/domain';
import { ManualClock } from '@provision/util';
import type { MikroORM } from '@mikro-orm/postgresql';
import { addBulkOrders, type GatewayHarness, type GraphQLBody, startGatewayHarness, useSeededGateway } from './gateway.harness.js';
import { loadOperation } from './operations.harness.js';

// The partner API end to end: HTTP, tokens signed by a test key, the real schema and decision,
// real PostgreSQL, the ledger read back after each case.
const NOW = '2026-03-01T03:00:00Z';
// MIK-DEMO-0001 was confirmed 10 days before NOW (12:00 KST on 19 Feb); 3 months later on the
// Seoul calendar is 12:00 KST on 19 May.
const HANBOK_WINDOW_CLOSES = '2026-05-19T03:00:00.000Z';

const SELLER_ORDERS = loadOperation('partner/seller-orders');
const ORDER = loadOperation('partner/order-for-customer-service');
const CUSTOMS = loadOperation('partner/customs-clearance');
const SUBSCRIBERS = loadOperation('partner/gift-voucher-subscribers');
const SCOPE = loadOperation('partner/my-provision-scope');
const CASES = loadOperation('partner/call-center-cases');

const SELLER_SCOPES = ['partner:read', 'pii:receiver.name', 'pii:receiver.phone', 'pii:receiver.address', 'pii:customsCode'];

interface ReceiverResult {
  name: string | null;
  phone: string | null;
  address: string | null;
  customsCode: string | null;
}
interface OrdersResult {
  orders: {
    nodes: { id: string; shopOrderId: string; provisionClosesAt: string | null; receiver: ReceiverResult }[];
    pageInfo: { hasNextPage: boolean; endCursor: string | null };
  };
}
type Denial = { path: (string | number)[]; reason: string; item: string; purpose: string };

/** The PROVISION_DENIED errors of a response, reduced to what a partner engineer reads. */
function denials(body: GraphQLBody): Denial[] {
  return (body.errors ?? [])
    .filter((error) => error.extensions?.['code'] === 'PROVISION_DENIED')
    .map((error) => ({
      path: error.path as (string | number)[],
      reason: String(error.extensions?.['reason']),
      item: String(error.extensions?.['item']),
      purpose: String(error.extensions?.['purpose']),
    }));
}

describe('partner API over HTTP', () => {
  let db: TestDatabase;
  let harness: GatewayHarness;
  let requestSeq = 0;

  /** Runs a partner operation as `clientId`, with a token minted at the clock's current time. */
  async function asPartner<TData>(
    clientId: string,
    query: string,
    variables: Record<string, unknown> = {},
    scopes = SELLER_SCOPES,
  ) {
    const requestId = `req-partner-${++requestSeq}`;
    const token = await harness.token(clientId, scopes);
    const { response, body } = await harness.post<TData>({ query, variables }, token, { 'x-request-id': requestId });
    return { response, body, requestId };
  }

  const em = () => db.orm.em.fork();
  const orderByShopId = (shopOrderId: string) => em().findOneOrFail(Order, { shopOrderId });
  const ledgerOf = (requestId: string) => em().find(ProvisionRecord, { requestId }, { orderBy: { id: 'asc' } });

  /** The request's ledger holds the denial of `item` with `reason` (and never a value). */
  async function expectLedgerDenial(requestId: string, item: string, reason: string) {
    const rows = await ledgerOf(requestId);
    expect(rows.flatMap((row) => row.itemsDenied)).toContainEqual({ item, reason });
  }

  /** The receiver of one of hanbok-house's orders, from the seller-orders example. */
  async function hanbokReceiver(shopOrderId: string, scopes = SELLER_SCOPES) {
    const result = await asPartner<OrdersResult>(DEMO_CLIENT_IDS.hanbokHouse, SELLER_ORDERS, {}, scopes);
    const index = result.body.data?.orders.nodes.findIndex((node) => node.shopOrderId === shopOrderId) ?? -1;
    if (index < 0) throw new Error(`${shopOrderId} not listed for hanbok-house`);
    return { ...result, index, receiver: result.body.data!.orders.nodes[index]!.receiver };
  }

  const suite = useSeededGateway(NOW);
  beforeAll(() => ({ db, harness } = suite));

  describe('releasing', () => {
    it("releases a seller's receiver data for delivery and records it in the ledger", async () => {
      const { body, requestId, receiver } = await hanbokReceiver('MIK-DEMO-0001');
      expect(body.errors).toBeUndefined();
      expect(receiver).toEqual({
        name: '최영희',
        phone: '010-0000-0011',
        address: '부산광역시 해운대구 예시로 45, 702호',
        customsCode: null,
      });
      expect(body.data!.orders.nodes.map((node) => node.shopOrderId)).toEqual(['MIK-DEMO-0003', 'MIK-DEMO-0001']);
      expect(body.data!.orders.nodes[1]!.provisionClosesAt).toBe(HANBOK_WINDOW_CLOSES);

      const order = await orderByShopId('MIK-DEMO-0001');
      const rows = await ledgerOf(requestId);
      expect(rows).toHaveLength(2);
      expect(rows.find((row) => row.order?.id === order.id)).toMatchObject({
        clientId: DEMO_CLIENT_IDS.hanbokHouse,
        purpose: 'order.delivery',
        itemsReleased: ['customsCode', 'receiver.address', 'receiver.name', 'receiver.phone'],
        itemsDenied: [],
        occurredAt: new Date(NOW),
      });
      expect(rows[0]?.tokenId).toMatch(/.+/);
      // The ledger names items, never values.
      expect(JSON.stringify(rows)).not.toContain('최영희');
    });

    it('records exactly the personal fields the operation resolves: fragments, aliases, @include and @skip', async () => {
      const query = `query Selected($phone: Boolean!) @purpose(code: "order.delivery") {
        orders(first: 10) { nodes { shopOrderId ...Names receiver { phone @include(if: $phone) again: name address @skip(if: true) } } }
      }
      fragment Names on Order { receiver { name } }`;
      const order = await orderByShopId('MIK-DEMO-0001');
      const released = async (phone: boolean) => {
        const { body, requestId } = await asPartner<{ orders: { nodes: { shopOrderId: string; receiver: Record<string, string> }[] } }>(
          DEMO_CLIENT_IDS.hanbokHouse,
          query,
          { phone },
        );
        expect(body.errors).toBeUndefined();
        const rows = await ledgerOf(requestId);
        const receiver = body.data!.orders.nodes.find((node) => node.shopOrderId === 'MIK-DEMO-0001')!.receiver;
        return { receiver, items: rows.find((row) => row.order?.id === order.id)?.itemsReleased };
      };
      expect(await released(false)).toEqual({ receiver: { name: '최영희', again: '최영희' }, items: ['receiver.name'] });
      expect(await released(true)).toEqual({
        receiver: { name: '최영희', again: '최영희', phone: '010-0000-0011' },
        items: ['receiver.name', 'receiver.phone'],
      });
    });

    it('releases and records each page of an operation that asks for two', async () => {
      const order = await orderByShopId('MIK-DEMO-0001');
      const { body, requestId } = await asPartner<{ orders: { nodes: { receiver: { name: string } }[] }; order: { receiver: { phone: string } } }>(
        DEMO_CLIENT_IDS.hanbokHouse,
        `query Two($id: ID!) @purpose(code: "order.delivery") {
          orders(first: 1) { nodes { receiver { name } } }
          order(id: $id) { receiver { phone } }
        }`,
        { id: order.id },
      );
      expect(body.errors).toBeUndefined();
      expect(body.data!.order.receiver.phone).toBe('010-0000-0011');
      const rows = await ledgerOf(requestId);
      expect(rows.filter((row) => row.order?.id === order.id).map((row) => row.itemsReleased)).toEqual([['receiver.phone']]);
      expect(rows.flatMap((row) => row.itemsReleased).sort()).toEqual(['receiver.name', 'receiver.phone']);
    });

    it('releases to a customs broker without consent (statutory basis)', async () => {
      const { body } = await asPartner<{ orders: { nodes: { shopOrderId: string; receiver: ReceiverResult }[] } }>(
        DEMO_CLIENT_IDS.customsBroker,
        CUSTOMS,
        {},
        ['partner:read', 'pii:receiver.name', 'pii:receiver.address', 'pii:customsCode'],
      );
      expect(body.errors).toBeUndefined();
      expect(body.data!.orders.nodes.map((node) => node.shopOrderId).sort()).toEqual(['MIK-DEMO-0001', 'MIK-DEMO-0003']);
      expect(body.data!.orders.nodes.every((node) => node.receiver.name !== null)).toBe(true);
    });

    it("releases a service partner's subscribers", async () => {
      const { body } = await asPartner<{ subscribers: { nodes: Record<string, unknown>[] } }>(
        DEMO_CLIENT_IDS.ktMhows,
        SUBSCRIBERS,
        {},
        ['partner:read', 'pii:memberId', 'pii:name', 'pii:mobile', 'pii:companyName', 'pii:email'],
      );
      expect(body.errors).toBeUndefined();
      expect(body.data!.subscribers.nodes).toEqual([
        expect.objectContaining({ purpose: 'service.gift-voucher', memberId: 'minji_k', name: '김민지', email: 'minji.kim@example.com' }),
      ]);
    });

    it("releases a call-center consignee's case contacts, and nothing of other engagements", async () => {
      const { body } = await asPartner<{ supportCases: { nodes: Record<string, unknown>[] } }>(
        DEMO_CLIENT_IDS.ktis,
        CASES,
        {},
        ['partner:read', 'pii:name', 'pii:mobile', 'pii:memberId', 'pii:email'],
      );
      expect(body.errors).toBeUndefined();
      expect(body.data!.supportCases.nodes).toEqual([
        expect.objectContaining({ shopCaseId: 'CASE-DEMO-0001', name: '김민지', mobile: '010-0000-0001', memberId: 'minji_k' }),
      ]);
      const orders = await asPartner<OrdersResult>(DEMO_CLIENT_IDS.ktis, SELLER_ORDERS.replace('order.delivery', 'support.call-center'));
      expect(orders.body.data!.orders.nodes).toEqual([]);
    });

    it('tells a partner what it may ask for, without a declared purpose (discovery releases no personal data)', async () => {
      const { body } = await asPartner<{ myProvisionScope: Record<string, unknown> }>(
        DEMO_CLIENT_IDS.hanbokHouse,
        SCOPE,
        {},
        ['partner:read', 'pii:receiver.name'],
      );
      expect(body.data!.myProvisionScope).toMatchObject({
        partnerCode: 'hanbok-house',
        agreementVersion: 1,
        retentionRule: 'P3M after purchase-confirmation',
        retentionKo: '구매확정 후 3개월',
        consentRequired: true,
        windowOpen: true,
        terminatesAt: null,
        scopes: ['partner:read', 'pii:receiver.name'],
      });
      const grants = body.data!.myProvisionScope['grants'] as { item: string; purpose: string; scopeGranted: boolean }[];
      expect(grants).toContainEqual({ item: 'receiver.name', purpose: 'order.delivery', scopeGranted: true });
      expect(grants).toContainEqual({ item: 'receiver.address', purpose: 'order.delivery', scopeGranted: false });
      const purposes = body.data!.myProvisionScope['purposes'] as { key: string }[];
      expect(purposes).toContainEqual({ key: 'order.delivery', parent: 'order', labelEn: 'delivery of ordered goods', labelKo: '주문 상품 배송' });
      expect(purposes.map(({ key }) => key)).not.toContain('service.gift-voucher');
      expect(body.data!.myProvisionScope['denialReasons']).toEqual([...DENIAL_REASONS]);
    });

    it('still refuses, without a purpose, an operation that asks for more than discovery', async () => {
      const { body } = await asPartner(DEMO_CLIENT_IDS.hanbokHouse, '{ myProvisionScope { partnerCode } orders(first: 1) { nodes { id } } }');
      expect(body.data).toBeUndefined();
      expect(body.errors?.[0]?.extensions?.['code']).toBe('PURPOSE_REQUIRED');
    });
  });

  describe('denying, field by field', () => {
    it('SCOPE_MISSING: the token lacks pii:<item>; sibling fields still resolve', async () => {
      const { body, index, receiver, requestId } = await hanbokReceiver('MIK-DEMO-0001', [
        'partner:read',
        'pii:receiver.name',
        'pii:receiver.address',
      ]);
      expect(receiver).toMatchObject({ name: '최영희', phone: null, customsCode: null });
      expect(denials(body)).toContainEqual({
        path: ['orders', 'nodes', index, 'receiver', 'phone'],
        reason: 'SCOPE_MISSING',
        item: 'receiver.phone',
        purpose: 'order.delivery',
      });
      const order = await orderByShopId('MIK-DEMO-0001');
      const row = (await ledgerOf(requestId)).find((record) => record.order?.id === order.id);
      expect(row?.itemsReleased).toEqual(['receiver.address', 'receiver.name']);
      expect(row?.itemsDenied).toEqual([
        { item: 'customsCode', reason: 'SCOPE_MISSING' },
        { item: 'receiver.phone', reason: 'SCOPE_MISSING' },
      ]);
    });

    it('ITEM_NOT_GRANTED: the client may ask for the item, but the agreement does not grant it', async () => {
      const order = await orderByShopId('MIK-DEMO-0001');
      const client = await em().findOneOrFail(Client, { clientId: DEMO_CLIENT_IDS.hanbokHouse });
      await em().nativeUpdate(Client, { clientId: client.clientId }, { allowedScopes: [...client.allowedScopes, 'pii:email'] });
      let body: GraphQLBody<{ order: { buyer: { email: string | null } } }>;
      let requestId: string;
      try {
        ({ body, requestId } = await asPartner<{ order: { buyer: { email: string | null } } }>(
          DEMO_CLIENT_IDS.hanbokHouse,
          ORDER,
          { id: order.id },
          [...SELLER_SCOPES, 'pii:email'],
        ));
      } finally {
        await em().nativeUpdate(Client, { clientId: client.clientId }, { allowedScopes: client.allowedScopes });
      }
      expect(body.data!.order.buyer.email).toBeNull();
      expect(denials(body)).toContainEqual({
        path: ['order', 'buyer', 'email'],
        reason: 'ITEM_NOT_GRANTED',
        item: 'email',
        purpose: 'order.customer-service',
      });
      await expectLedgerDenial(requestId, 'email', 'ITEM_NOT_GRANTED');
    });

    it('PURPOSE_NOT_PERMITTED: a granted item, asked for another purpose', async () => {
      const { body, requestId } = await asPartner<OrdersResult>(
        DEMO_CLIENT_IDS.hanbokHouse,
        SELLER_ORDERS.replace('@purpose(code: "order.delivery")', '@purpose(code: "customs.clearance")'),
      );
      await expectLedgerDenial(requestId, 'receiver.address', 'PURPOSE_NOT_PERMITTED');
      const reasons = new Set(denials(body).map((denial) => denial.reason));
      expect(reasons).toEqual(new Set(['PURPOSE_NOT_PERMITTED']));
      expect(body.data!.orders.nodes[0]!.receiver).toEqual({ name: null, phone: null, address: null, customsCode: null });
      expect(body.data!.orders.nodes[0]!.shopOrderId).toMatch(/^MIK-DEMO/);
    });

    it('CONSENT_MISSING: the buyer never consented to this seller', async () => {
      const tx = em();
      const buyer = tx.create(Subject, {
        shopSubjectId: 'member-no-consent',
        kind: 'MEMBER',
        name: '한지민',
        createdAt: new Date(NOW),
        updatedAt: new Date(NOW),
      });
      const hanbok = await tx.findOneOrFail(Partner, { code: 'hanbok-house' });
      tx.create(Order, {
        shopOrderId: 'MIK-NO-CONSENT',
        buyer,
        receiver: buyer,
        seller: hanbok,
        status: 'PAID',
        orderedAt: new Date(Date.parse(NOW) - 60_000),
        createdAt: new Date(NOW),
      });
      await tx.flush();
      try {
        const { body, index, receiver, requestId } = await hanbokReceiver('MIK-NO-CONSENT');
        expect(receiver.name).toBeNull();
        await expectLedgerDenial(requestId, 'receiver.name', 'CONSENT_MISSING');
        expect(denials(body)).toContainEqual(
          expect.objectContaining({ path: ['orders', 'nodes', index, 'receiver', 'name'], reason: 'CONSENT_MISSING' }),
        );
      } finally {
        // Scripted clean-up of the ledger, as the owner: the app role may only append to it.
        await (await db.owner()).em.fork().nativeDelete(ProvisionRecord, { subject: buyer.id });
        await em().nativeDelete(Order, { shopOrderId: 'MIK-NO-CONSENT' });
      }
    });

    it('CONSENT_WITHDRAWN: a withdrawal the shop records denies at once', async () => {
      const buyer = await em().findOneOrFail(Subject, { shopSubjectId: 'member-0001' });
      const hanbok = await em().findOneOrFail(Partner, { code: 'hanbok-house' });
      const consent = await em().findOneOrFail(Consent, { subject: buyer.id, agreement: { partner: hanbok.id } });
      expect((await hanbokReceiver('MIK-DEMO-0001')).receiver.name).toBe('최영희');

      const shopToken = await harness.token(DEMO_CLIENT_IDS.shopBackend, ['shop:write']);
      const withdrawal = await harness.post(
        { query: loadOperation('shop/withdraw-consent'), variables: { input: { shopConsentId: consent.shopConsentId } } },
        shopToken,
      );
      expect(withdrawal.body.errors).toBeUndefined();
      try {
        const { body, index, receiver, requestId } = await hanbokReceiver('MIK-DEMO-0001');
        expect(receiver).toEqual({ name: null, phone: null, address: null, customsCode: null });
        expect(new Set(denials(body).filter((d) => d.path[2] === index).map((d) => d.reason))).toEqual(new Set(['CONSENT_WITHDRAWN']));
        await expectLedgerDenial(requestId, 'receiver.name', 'CONSENT_WITHDRAWN');
      } finally {
        await em().nativeUpdate(Consent, { id: consent.id }, { withdrawnAt: null });
      }
    });

    it('GUARDIAN_CONSENT_MISSING: a buyer under 14 at read time is covered only by a legal representative (Art. 22-2)', async () => {
      const buyer = await em().findOneOrFail(Subject, { shopSubjectId: 'member-0001' });
      const shopToken = await harness.token(DEMO_CLIENT_IDS.shopBackend, ['shop:write']);
      const shop = async (operation: string, input: Record<string, unknown>) => {
        const { body } = await harness.post({ query: loadOperation(operation), variables: { input } }, shopToken);
        return body;
      };
      const upsertBuyer = (items: Record<string, unknown>) => shop('shop/upsert-subject', { shopSubjectId: 'member-0001', kind: 'MEMBER', ...items });
      const expectGuardianDenial = async () => {
        const { body, index, receiver, requestId } = await hanbokReceiver('MIK-DEMO-0001');
        expect(receiver).toEqual({ name: null, phone: null, address: null, customsCode: null });
        expect(new Set(denials(body).filter((d) => d.path[2] === index).map((d) => d.reason))).toEqual(new Set(['GUARDIAN_CONSENT_MISSING']));
        await expectLedgerDenial(requestId, 'receiver.name', 'GUARDIAN_CONSENT_MISSING');
      };
      expect((await hanbokReceiver('MIK-DEMO-0001')).receiver.name).toBe('최영희');
      try {
        // Born 2016-05-01 and not flagged: a child by the birth date, though the consent was recorded as an adult's.
        expect((await upsertBuyer({ birthDate: '2016-05-01' })).errors).toBeUndefined();
        await expectGuardianDenial();
        // The shop's flag alone, with an adult's birth date, is enough too.
        expect((await upsertBuyer({ birthDate: buyer.birthDate, under14: true })).errors).toBeUndefined();
        await expectGuardianDenial();

        // The shop records the consent of a legal representative (refused without one: the subject is a child now).
        const consent = {
          shopConsentId: 'CNS-GUARDIAN-0001',
          shopSubjectId: 'member-0001',
          partnerCode: 'hanbok-house',
          agreementVersion: 1,
          channel: 'APP',
          wordingHash: 'a'.repeat(64),
        };
        const refused = await shop('shop/record-consent', consent);
        expect(refused.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'legalRepresentative' });
        const recorded = await shop('shop/record-consent', { ...consent, legalRepresentative: { name: '김보호자', relation: 'mother' } });
        expect(recorded.errors).toBeUndefined();
        const { body, receiver } = await hanbokReceiver('MIK-DEMO-0001');
        expect(receiver.name).toBe('최영희');
        expect(denials(body).filter((d) => d.reason === 'GUARDIAN_CONSENT_MISSING')).toEqual([]);
      } finally {
        await em().nativeDelete(Consent, { shopConsentId: 'CNS-GUARDIAN-0001' });
        await em().nativeUpdate(Subject, { id: buyer.id }, { birthDate: buyer.birthDate, under14: false });
      }
    });

    it('WINDOW_CLOSED: open 1 ms before 3 months after purchase confirmation, closed at exactly 3 months', async () => {
      harness.clock.set(new Date(Date.parse(HANBOK_WINDOW_CLOSES) - 1));
      expect((await hanbokReceiver('MIK-DEMO-0001')).receiver.name).toBe('최영희');

      harness.clock.set(HANBOK_WINDOW_CLOSES);
      const { body, index, receiver, requestId } = await hanbokReceiver('MIK-DEMO-0001');
      expect(receiver.name).toBeNull();
      expect(denials(body)).toContainEqual({
        path: ['orders', 'nodes', index, 'receiver', 'name'],
        reason: 'WINDOW_CLOSED',
        item: 'receiver.name',
        purpose: 'order.delivery',
      });
      await expectLedgerDenial(requestId, 'receiver.name', 'WINDOW_CLOSED');
      // The unconfirmed order's window has not started to run: still released.
      const other = (await ledgerOf(requestId)).find((row) => row.itemsReleased.length > 0);
      expect(other?.itemsReleased).toContain('receiver.name');
    });

    it('WINDOW_CLOSED: an order confirmed 100 days ago (seed)', async () => {
      const { body, requestId } = await asPartner<OrdersResult>(DEMO_CLIENT_IDS.seoulSneakers, SELLER_ORDERS);
      expect(body.data!.orders.nodes.map((node) => node.shopOrderId)).toEqual(['MIK-DEMO-0002']);
      expect(new Set(denials(body).map((denial) => denial.reason))).toEqual(new Set(['WINDOW_CLOSED']));
      expect((await ledgerOf(requestId)).map((row) => row.itemsReleased)).toEqual([[]]);
      await expectLedgerDenial(requestId, 'receiver.address', 'WINDOW_CLOSED');
    });

    it('PROCESSING_SUSPENDED: the receiver suspended processing (Art. 37)', async () => {
      const receiverSubject = await em().findOneOrFail(Subject, { shopSubjectId: 'receiver-0001' });
      const tx = em();
      const suspension = tx.create(ProcessingSuspension, {
        subject: receiverSubject.id,
        partner: null,
        requestedAt: new Date(NOW),
        reason: 'subject request',
      });
      await tx.flush();
      try {
        const { body, index, receiver, requestId } = await hanbokReceiver('MIK-DEMO-0001');
        expect(receiver.name).toBeNull();
        expect(denials(body)).toContainEqual(expect.objectContaining({ path: ['orders', 'nodes', index, 'receiver', 'name'], reason: 'PROCESSING_SUSPENDED' }));
        await expectLedgerDenial(requestId, 'receiver.name', 'PROCESSING_SUSPENDED');
      } finally {
        await em().nativeDelete(ProcessingSuspension, { id: suspension.id });
      }
    });

    it('UNDER_CORRECTION: only the item being corrected is withheld', async () => {
      const receiverSubject = await em().findOneOrFail(Subject, { shopSubjectId: 'receiver-0001' });
      const tx = em();
      const correction = tx.create(CorrectionRequest, {
        subject: receiverSubject.id,
        items: ['receiver.address'],
        requestedAt: new Date(NOW),
      });
      await tx.flush();
      try {
        const { body, index, receiver, requestId } = await hanbokReceiver('MIK-DEMO-0001');
        expect(receiver).toMatchObject({ name: '최영희', address: null });
        await expectLedgerDenial(requestId, 'receiver.address', 'UNDER_CORRECTION');
        expect(denials(body)).toContainEqual(
          expect.objectContaining({ path: ['orders', 'nodes', index, 'receiver', 'address'], reason: 'UNDER_CORRECTION' }),
        );
      } finally {
        await em().nativeDelete(CorrectionRequest, { id: correction.id });
      }
    });

    it('OVERSEAS_TRANSFER_NOT_PERMITTED: a partner abroad without a ground on file', async () => {
      await em().nativeUpdate(Partner, { code: 'hanbok-house' }, { country: 'US' });
      try {
        const { body, receiver, requestId } = await hanbokReceiver('MIK-DEMO-0001');
        expect(receiver.name).toBeNull();
        expect(new Set(denials(body).map((denial) => denial.reason))).toEqual(new Set(['OVERSEAS_TRANSFER_NOT_PERMITTED']));
        await expectLedgerDenial(requestId, 'customsCode', 'OVERSEAS_TRANSFER_NOT_PERMITTED');
      } finally {
        await em().nativeUpdate(Partner, { code: 'hanbok-house' }, { country: 'KR' });
      }
    });
  });

  describe('purpose', () => {
    const UNPURPOSED = '{ orders { nodes { shopOrderId receiver { name } } } }';

    it('refuses an operation without a purpose with PURPOSE_REQUIRED and no data', async () => {
      const { response, body, requestId } = await asPartner(DEMO_CLIENT_IDS.hanbokHouse, UNPURPOSED);
      expect(response.status).toBe(400);
      expect(body).not.toHaveProperty('data');
      expect(body.errors).toEqual([expect.objectContaining({ extensions: { code: 'PURPOSE_REQUIRED', field: 'purpose' } })]);
      expect(await ledgerOf(requestId)).toEqual([]);
    });

    it('refuses an unknown purpose and two purposes with BAD_USER_INPUT and no data', async () => {
      for (const directives of ['@purpose(code: "marketing")', '@purpose(code: "order.delivery") @purpose(code: "order")']) {
        const { response, body } = await asPartner(DEMO_CLIENT_IDS.hanbokHouse, `query ${directives} ${UNPURPOSED}`);
        expect(response.status).toBe(400);
        expect(body).not.toHaveProperty('data');
        expect(body.errors?.[0]?.extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'purpose' });
      }
    });
  });

  describe('row binding', () => {
    it("answers another partner's order exactly like a missing one", async () => {
      const theirs = await orderByShopId('MIK-DEMO-0002');
      const foreign = await asPartner(DEMO_CLIENT_IDS.hanbokHouse, ORDER, { id: theirs.id });
      const missing = await asPartner(DEMO_CLIENT_IDS.hanbokHouse, ORDER, { id: '00000000-0000-4000-8000-000000000000' });
      expect(foreign.body).toEqual({ data: { order: null } });
      expect(missing.body).toEqual(foreign.body);
      expect(await ledgerOf(foreign.requestId)).toEqual([]);
    });

    it("lists only the caller's own orders, across two sellers", async () => {
      const hanbok = await asPartner<OrdersResult>(DEMO_CLIENT_IDS.hanbokHouse, SELLER_ORDERS);
      const sneakers = await asPartner<OrdersResult>(DEMO_CLIENT_IDS.seoulSneakers, SELLER_ORDERS);
      const ids = (result: typeof hanbok) => result.body.data!.orders.nodes.map((node) => node.shopOrderId);
      expect(ids(hanbok)).toEqual(['MIK-DEMO-0003', 'MIK-DEMO-0001']);
      expect(ids(sneakers)).toEqual(['MIK-DEMO-0002']);
    });

    it('pages with a cursor and caps the page size', async () => {
      const first = await asPartner<OrdersResult>(DEMO_CLIENT_IDS.hanbokHouse, SELLER_ORDERS, { first: 1 });
      expect(first.body.data!.orders.pageInfo.hasNextPage).toBe(true);
      const second = await asPartner<OrdersResult>(DEMO_CLIENT_IDS.hanbokHouse, SELLER_ORDERS, {
        first: 1,
        after: first.body.data!.orders.pageInfo.endCursor,
      });
      expect(second.body.data!.orders.nodes.map((node) => node.shopOrderId)).toEqual(['MIK-DEMO-0001']);
      expect(second.body.data!.orders.pageInfo.hasNextPage).toBe(false);

      const tooBig = await asPartner(DEMO_CLIENT_IDS.hanbokHouse, SELLER_ORDERS, { first: 101 });
      expect(tooBig.body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'first' });
      const forged = await asPartner(DEMO_CLIENT_IDS.hanbokHouse, SELLER_ORDERS, { after: 'bm90LWEtY3Vyc29y' });
      expect(forged.body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'after' });
    });

    it('filters by status and order date', async () => {
      const confirmed = await asPartner<OrdersResult>(DEMO_CLIENT_IDS.hanbokHouse, SELLER_ORDERS, {
        filter: { status: 'PURCHASE_CONFIRMED' },
      });
      expect(confirmed.body.data!.orders.nodes.map((node) => node.shopOrderId)).toEqual(['MIK-DEMO-0001']);
      const recent = await asPartner<OrdersResult>(DEMO_CLIENT_IDS.hanbokHouse, SELLER_ORDERS, {
        filter: { orderedFrom: new Date(Date.parse(NOW) - 5 * 86_400_000).toISOString() },
      });
      expect(recent.body.data!.orders.nodes.map((node) => node.shopOrderId)).toEqual(['MIK-DEMO-0003']);
    });
  });

  describe('lifecycle', () => {
    it("refuses a terminated partner's still-valid token at once", async () => {
      const token = await harness.token(DEMO_CLIENT_IDS.seoulSneakers, SELLER_SCOPES);
      const tx = em();
      const partner = await tx.findOneOrFail(Partner, { code: 'seoul-sneakers' });
      const termination = tx.create(PartnerStatusChange, {
        partner,
        status: 'TERMINATED',
        reason: 'contract ended',
        effectiveAt: new Date(NOW),
        recordedAt: new Date(NOW),
        recordedBy: 'test',
      });
      await tx.flush();
      try {
        const { response, body } = await harness.post({ query: SELLER_ORDERS }, token);
        expect(response.status).toBe(401);
        expect(body).not.toHaveProperty('data');
        expect(body.errors?.[0]?.extensions).toEqual({ code: 'UNAUTHENTICATED' });
      } finally {
        await em().nativeDelete(PartnerStatusChange, { id: termination.id });
      }
    });
  });

  describe('ledger', () => {
    it('withholds everything when the ledger cannot be written', async () => {
      // Breaking the schema is the owner's to do: the app role the gateway runs as may not alter tables.
      const connection = (await db.owner()).em.getConnection();
      await connection.execute('alter table provision_records rename to provision_records_offline');
      try {
        const { response, body } = await asPartner(DEMO_CLIENT_IDS.hanbokHouse, SELLER_ORDERS);
        expect(response.status).toBe(500);
        expect(body).toEqual({ errors: [{ message: 'Internal server error', extensions: { code: 'INTERNAL_SERVER_ERROR' } }] });
        expect(JSON.stringify(body)).not.toContain('최영희');
      } finally {
        await connection.execute('alter table provision_records_offline rename to provision_records');
      }
      expect(harness.logLines.some((line) => line['msg'] === 'provision ledger write failed: response withheld')).toBe(true);
    });
  });
});

describe('partner API batching', () => {
  let db: TestDatabase;
  let counted: MikroORM;
  let wire: SqlWire;
  let harness: GatewayHarness;
  /** The same gateway with every statement sent unnamed, as behind PgBouncer before 1.21 in transaction mode. */
  let unprepared: GatewayHarness;

  beforeAll(async () => {
    db = await createTestDatabase();
    const clock = new ManualClock(NOW);
    await seedDemo(db.orm.em.fork(), clock, db.keyring);
    // 120 more orders for hanbok-house, each with its own receiver, all bought by the consenting member.
    await addBulkOrders(db.orm, { sellerCode: 'hanbok-house', count: 120, now: NOW });
    wire = await startSqlWire(db.url);
    counted = await openOrm(wire.url);
    harness = await startGatewayHarness(counted, NOW);
    unprepared = await startGatewayHarness(counted, NOW, { databasePreparedStatements: false });
  });

  afterAll(async () => {
    await harness?.stop();
    await unprepared?.stop();
    await counted?.close();
    await wire?.stop();
    await db?.drop();
  });

  /** Statements, parses and transactions of one seller page, as PostgreSQL receives them. */
  async function costOf(
    first: number,
    gateway = harness,
  ): Promise<{ statements: number; parses: number; transactions: number; roundTrips: number; body: string }> {
    const token = await gateway.token(DEMO_CLIENT_IDS.hanbokHouse, SELLER_SCOPES);
    wire.reset();
    const { body } = await gateway.post<OrdersResult>({ query: SELLER_ORDERS, variables: { first } }, token);
    expect(body.errors).toBeUndefined();
    expect(body.data!.orders.nodes).toHaveLength(first);
    expect(body.data!.orders.nodes.every((node) => node.receiver.name !== null)).toBe(true);
    return {
      statements: wire.statements.length,
      parses: wire.parses,
      transactions: wire.transactions,
      roundTrips: wire.roundTrips,
      body: JSON.stringify(body),
    };
  }

  const countsOf = ({ statements, transactions, roundTrips }: { statements: number; transactions: number; roundTrips: number }) => ({
    statements,
    transactions,
    roundTrips,
  });

  it('decides a page of 100 orders with as many SQL statements as a page of 1', async () => {
    await costOf(1); // the first request fills the partner's facts into the gateway's cache
    const one = countsOf(await costOf(1));
    const hundred = countsOf(await costOf(100));
    expect(hundred).toEqual(one);
    // The admission (client, registry version, rate-limit token); then BEGIN (with its SET LOCAL)
    // sent together with the page and every fact of its subjects, and one write (ceiling claim,
    // ledger rows on the hash chain, rate debit) sent together with COMMIT.
    expect(one).toEqual({ statements: 5, transactions: 2, roundTrips: 3 });
  });

  it('parses and plans its statements once per connection, and answers the same with them sent unnamed', async () => {
    for (let i = 0; i < 3; i += 1) await costOf(10);
    const prepared = await costOf(10);
    // BEGIN and COMMIT are simple queries; the admission, the page and the write only bind and execute.
    expect(prepared).toMatchObject({ statements: 5, parses: 2, transactions: 2, roundTrips: 3 });

    const unnamed = await costOf(10, unprepared);
    expect(unnamed).toMatchObject({ statements: 5, parses: 5, transactions: 2, roundTrips: 3 });
    expect(unnamed.body).toBe(prepared.body);
  });
});
