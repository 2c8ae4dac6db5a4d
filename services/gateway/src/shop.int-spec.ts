import { createHash } from 'node:crypto';
import {
  Consent,
  DEMO_CLIENT_IDS,
  itemValue,
  Order,
  OrderStatusEvent,
  Partner,
  PartnerStatusChange,
  Subject,
  SUBJECT_ITEM_FIELDS,
} from '@provision/db';
import { type TestDatabase } from '@provision/testing';
import { type GatewayHarness, type GraphQLBody, useSeededGateway } from './gateway.harness.js';
import { loadOperation } from './operations.harness.js';

// The shop-side API end to end: HTTP, signed tokens, the real schema, real PostgreSQL.
const NOW = '2026-03-01T03:00:00Z';
const MINUTE = 60 * 1000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const at = (offsetMs: number) => new Date(Date.parse(NOW) + offsetMs).toISOString();
const iso = (value: string) => new Date(value).toISOString();
const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/** The example operations of schema/operations/shop, by the field each one selects. */
const OPERATIONS = {
  upsertSubject: loadOperation('shop/upsert-subject'),
  withdrawMembership: loadOperation('shop/withdraw-membership'),
  shopSubject: loadOperation('shop/subject'),
  recordOrder: loadOperation('shop/record-order'),
  recordOrderStatus: loadOperation('shop/record-order-status'),
  confirmPurchase: loadOperation('shop/confirm-purchase'),
  confirmDelivery: loadOperation('shop/confirm-delivery'),
  shopOrder: loadOperation('shop/order'),
  recordConsent: loadOperation('shop/record-consent'),
  withdrawConsent: loadOperation('shop/withdraw-consent'),
  shopConsent: loadOperation('shop/consent'),
  startSubscription: loadOperation('shop/start-subscription'),
  endSubscription: loadOperation('shop/end-subscription'),
  shopSubscription: loadOperation('shop/subscription'),
  openSupportCase: loadOperation('shop/open-support-case'),
  closeSupportCase: loadOperation('shop/close-support-case'),
  shopSupportCase: loadOperation('shop/support-case'),
} as const;
type Mutation = Exclude<keyof typeof OPERATIONS, `shop${string}`>;

/** Every table the shop API writes: a refused request must leave each exactly as it was. */
const SHOP_TABLES = ['subjects', 'orders', 'order_status_events', 'consents', 'subscriptions', 'support_cases'] as const;

interface SubjectResult {
  id: string;
  shopSubjectId: string;
  kind: string;
  under14: boolean;
  itemsOnFile: string[];
  membershipWithdrawnAt: string | null;
  createdAt: string;
  updatedAt: string;
}

interface OrderResult {
  id: string;
  shopOrderId: string;
  buyerShopSubjectId: string;
  receiverShopSubjectId: string;
  sellerCode: string;
  customsBrokerCode: string | null;
  status: string;
  orderedAt: string;
  deliveredAt: string | null;
  purchaseConfirmedAt: string | null;
  statusHistory: { status: string; occurredAt: string; recordedAt: string }[];
}

interface ConsentResult {
  id: string;
  shopConsentId: string;
  agreementVersion: number;
  givenAt: string;
  withdrawnAt: string | null;
  legalRepresentativeRecorded: boolean;
}

interface EngagementResult {
  id: string;
  partnerCode: string;
  shopOrderId?: string | null;
  endedAt?: string | null;
  closedAt?: string | null;
}

/** All twelve personal items of a subject; distinctive values, so their absence elsewhere proves something. */
const PERSONAL = {
  name: '홍길순',
  mobile: '010-0000-9001',
  phone: '031-000-9001',
  email: 'gilsoon.hong@example.net',
  address: '경기도 수원시 예시로 901, 1101호',
  birthDate: '1988-07-21',
  gender: '여성',
  memberId: 'gilsoon_h',
  companyName: '길순무역',
  customsCode: 'P900000000001',
  // Connecting information is 88 characters of base64, duplicate-joining information 64.
  ci: 'U2hvcFRlc3RDSUZvck1lbWJlcjkwMDEwMTIzNDU2Nzg5QUJDREVGR0hJSktMTU5PUFFSU1RVVldYWVphYmNkZWZnaA==',
  di: 'U2hvcFRlc3RESUZvck1lbWJlcjkwMDEwMTIzNDU2Nzg5QUJDREVGR0hJSktMTU5P',
};

describe('shop-side API over HTTP', () => {
  let db: TestDatabase;
  let harness: GatewayHarness;

  const shopToken = (scopes = ['shop:read', 'shop:write']) => harness.token(DEMO_CLIENT_IDS.shopBackend, scopes);

  /** Sends an operation, by default as the shop backend with a token minted at the clock's time. */
  async function send<TData>(query: string, variables: Record<string, unknown>, bearer?: string): Promise<GraphQLBody<TData>> {
    const { body } = await harness.post<TData>({ query, variables }, bearer ?? (await shopToken()));
    return body;
  }

  /** Runs a shop mutation that must succeed and returns what it answered. */
  async function mutate<TResult>(name: Mutation, input: Record<string, unknown>): Promise<TResult> {
    return dataOf(await send<Record<string, TResult>>(OPERATIONS[name], { input }))[name] as TResult;
  }

  /** Count and content fingerprint of every shop table, so that an update is caught as well as an insert. */
  async function snapshot(): Promise<Record<string, string>> {
    const connection = db.orm.em.fork().getConnection();
    const fingerprints: Record<string, string> = {};
    for (const table of SHOP_TABLES) {
      const [row] = await connection.execute<{ fingerprint: string }[]>(
        `select count(*) || ':' || coalesce(md5(string_agg(t::text, ',' order by t::text)), '') as fingerprint from ${table} t`,
      );
      fingerprints[table] = row.fingerprint;
    }
    return fingerprints;
  }

  /** A mutation that must be refused with BAD_USER_INPUT on `field` and change nothing; returns the message. */
  async function expectRefused(name: Mutation, input: Record<string, unknown>, field: string): Promise<string> {
    const before = await snapshot();
    const body = await send(OPERATIONS[name], { input });
    expect(body.data ?? null).toBeNull();
    expect(body.errors).toHaveLength(1);
    expect(body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
    expect(await snapshot()).toEqual(before);
    return body.errors?.[0]?.message ?? '';
  }

  /** A mutation replayed: same answer, nothing written. */
  async function expectReplay<TResult>(name: Mutation, input: Record<string, unknown>, first: TResult): Promise<void> {
    const before = await snapshot();
    expect(await mutate<TResult>(name, input)).toEqual(first);
    expect(await snapshot()).toEqual(before);
  }

  // A seller whose partnership ended: no new order may be assigned to it.
  const suite = useSeededGateway(NOW, async (seeded) => {
    const em = seeded.orm.em.fork();
    const closed = em.create(Partner, {
      code: 'closed-boutique',
      nameKo: '폐점 부티크',
      nameEn: 'Closed Boutique',
      kind: 'RECIPIENT',
      role: 'SELLER',
      privacyContactName: 'Privacy Officer',
      privacyContactEmail: 'privacy@closed-boutique.example',
      registeredAt: new Date(at(-100 * DAY)),
      registeredBy: 'test',
    });
    for (const [status, daysAgo] of [['ACTIVE', 100], ['TERMINATED', 10]] as const) {
      em.create(PartnerStatusChange, {
        partner: closed,
        status,
        reason: status === 'ACTIVE' ? 'registered' : 'contract ended',
        effectiveAt: new Date(at(-daysAgo * DAY)),
        recordedAt: new Date(at(-daysAgo * DAY)),
        recordedBy: 'test',
      });
    }
    await em.flush();
  });
  beforeAll(() => ({ db, harness } = suite));

  describe('subjects', () => {
    const subject = { shopSubjectId: 'member-9001', kind: 'MEMBER', ...PERSONAL };

    it('stores every personal item and answers without any of them', async () => {
      const body = await send<{ upsertSubject: SubjectResult }>(OPERATIONS.upsertSubject, { input: subject });
      expect(body.errors).toBeUndefined();
      expect(dataOf(body).upsertSubject).toMatchObject({
        shopSubjectId: 'member-9001',
        kind: 'MEMBER',
        under14: false,
        itemsOnFile: Object.keys(PERSONAL),
        membershipWithdrawnAt: null,
        createdAt: iso(NOW),
        updatedAt: iso(NOW),
      });
      const answered = JSON.stringify(body);
      for (const value of Object.values(PERSONAL)) expect(answered).not.toContain(value);

      const row = await db.orm.em.fork().findOneOrFail(Subject, { shopSubjectId: 'member-9001' });
      // Stored as sent, the unique identifiers sealed: no plaintext of them on the row.
      const stored = Object.fromEntries(SUBJECT_ITEM_FIELDS.map((field) => [field, itemValue(row, field, db.keyring)]));
      expect(stored).toEqual(PERSONAL);
      const raw = JSON.stringify(pick(row, ['customsCode', 'ci', 'di']));
      for (const value of [PERSONAL.customsCode, PERSONAL.ci, PERSONAL.di]) expect(raw).not.toContain(value);

      const read = await send<{ shopSubject: SubjectResult }>(OPERATIONS.shopSubject, { shopSubjectId: 'member-9001' });
      expect(dataOf(read).shopSubject).toEqual(dataOf(body).upsertSubject);
      for (const value of Object.values(PERSONAL)) expect(JSON.stringify(read)).not.toContain(value);
    });

    it('treats a replay as a no-op that keeps updatedAt', async () => {
      const first = await mutate<SubjectResult>('upsertSubject', subject);
      harness.clock.advance(MINUTE);
      await expectReplay('upsertSubject', subject, first);
    });

    it('updates the items sent, keeps the omitted ones and clears those sent as null', async () => {
      harness.clock.advance(HOUR);
      const updated = await mutate<SubjectResult>('upsertSubject', {
        shopSubjectId: 'member-9001',
        kind: 'MEMBER',
        email: 'gilsoon.new@example.net',
        phone: null,
      });
      expect(updated.updatedAt).toBe(at(HOUR));
      expect(updated.createdAt).toBe(iso(NOW));
      expect(updated.itemsOnFile).not.toContain('phone');
      const row = await db.orm.em.fork().findOneOrFail(Subject, { shopSubjectId: 'member-9001' });
      expect(row).toMatchObject({ email: 'gilsoon.new@example.net', phone: null, name: PERSONAL.name, mobile: PERSONAL.mobile });
    });

    it.each([
      ['mobile', { mobile: '010-CALL-NOW' }],
      ['phone', { phone: '02 000 9001' }],
      ['email', { email: 'gilsoon@@example' }],
      ['birthDate', { birthDate: '1988-02-30' }],
      ['birthDate', { birthDate: '2026-03-02' }],
      ['customsCode', { customsCode: 'P9000' }],
      ['name', { name: '홍\u0000길순' }],
      ['name', { name: '   ' }],
      ['name', { name: ' \u3000 ' }],
      ['name', { name: '\u200b' }],
      ['name', { name: '길순\ud800' }],
      ['address', { address: '\udfff' }],
      ['address', { address: 'x'.repeat(301) }],
      ['shopSubjectId', { shopSubjectId: 'member 9001' }],
      ['kind', { kind: 'VIP' }],
      ['under14', { under14: 'no' }],
    ])('refuses a bad %s, names it and changes nothing', async (field, change) => {
      await expectRefused('upsertSubject', { ...subject, email: 'changed@example.net', ...change }, field);
    });

    it('lets birthDate be today in Korea, though it is still yesterday in UTC', async () => {
      harness.clock.set('2026-03-01T20:00:00Z');
      const created = await mutate<SubjectResult>('upsertSubject', { shopSubjectId: 'newborn-0001', kind: 'RECEIVER', birthDate: '2026-03-02' });
      expect(created.itemsOnFile).toEqual(['birthDate']);
    });

    it('creates one row when the same new subject arrives twice at once', async () => {
      const input = { shopSubjectId: 'member-9100', kind: 'NON_MEMBER', name: '동시성' };
      const [a, b] = await Promise.all([send(OPERATIONS.upsertSubject, { input }), send(OPERATIONS.upsertSubject, { input })]);
      expect([a.errors, b.errors]).toEqual([undefined, undefined]);
      expect(a.data).toEqual(b.data);
      expect(await db.orm.em.fork().count(Subject, { shopSubjectId: 'member-9100' })).toBe(1);
    });
  });

  describe('orders', () => {
    const order = {
      shopOrderId: 'MIK-T-0001',
      buyerShopSubjectId: 'member-0001',
      receiverShopSubjectId: 'receiver-0001',
      sellerCode: 'hanbok-house',
      customsBrokerCode: 'incheon-customs-brokerage',
      orderedAt: at(-HOUR),
    };
    let recorded: OrderResult;

    it('records an order with its parties and its first status event', async () => {
      recorded = await mutate<OrderResult>('recordOrder', order);
      expect(recorded).toMatchObject({
        shopOrderId: 'MIK-T-0001',
        buyerShopSubjectId: 'member-0001',
        receiverShopSubjectId: 'receiver-0001',
        sellerCode: 'hanbok-house',
        customsBrokerCode: 'incheon-customs-brokerage',
        status: 'PLACED',
        orderedAt: at(-HOUR),
        deliveredAt: null,
        purchaseConfirmedAt: null,
        statusHistory: [{ status: 'PLACED', occurredAt: at(-HOUR), recordedAt: iso(NOW) }],
      });
      const read = await send<{ shopOrder: OrderResult }>(OPERATIONS.shopOrder, { shopOrderId: 'MIK-T-0001' });
      expect(dataOf(read).shopOrder).toEqual(recorded);
    });

    it('answers a replay, with or without the order time, with the recorded order', async () => {
      harness.clock.advance(MINUTE);
      await expectReplay('recordOrder', order, recorded);
      await expectReplay('recordOrder', { ...order, orderedAt: undefined }, recorded);
    });

    it.each([
      ['sellerCode', { sellerCode: 'seoul-sneakers' }, /already recorded with another seller/],
      ['buyerShopSubjectId', { buyerShopSubjectId: 'member-0002' }, /another buyer/],
      ['receiverShopSubjectId', { receiverShopSubjectId: 'member-0001' }, /another receiver/],
      ['customsBrokerCode', { customsBrokerCode: null }, /another customs broker/],
      ['orderedAt', { orderedAt: at(-2 * HOUR) }, /another order time/],
      ['status', { status: 'PAID' }, /another first status/],
    ])('refuses a replay with another %s', async (field, change, message) => {
      expect(await expectRefused('recordOrder', { ...order, ...change }, field)).toMatch(message);
    });

    it.each([
      ['buyerShopSubjectId', { buyerShopSubjectId: 'nobody-0001' }, /no subject/],
      ['receiverShopSubjectId', { receiverShopSubjectId: 'nobody-0001' }, /no subject/],
      ['sellerCode', { sellerCode: 'no-such-shop' }, /no partner/],
      ['sellerCode', { sellerCode: 'kt-mhows' }, /not a seller/],
      ['sellerCode', { sellerCode: 'closed-boutique' }, /terminated/],
      ['customsBrokerCode', { customsBrokerCode: 'hanbok-house' }, /not a customs broker/],
      ['orderedAt', { orderedAt: at(5 * MINUTE + 1) }, /5 minutes in the future/],
      ['orderedAt', { orderedAt: '0001-01-01T00:00:00.000Z' }, /before 2000-01-01/],
      ['orderedAt', { orderedAt: '1999-12-31T14:59:59.999Z' }, /before 2000-01-01/],
      ['status', { status: 'PURCHASE_CONFIRMED' }, /confirmPurchase/],
      ['status', { status: 'DELIVERED' }, /confirmDelivery/],
      ['shopOrderId', { shopOrderId: 'MIK T 0002' }, /shopOrderId must be/],
    ])('refuses a new order with a bad %s', async (field, change, message) => {
      expect(await expectRefused('recordOrder', { ...order, shopOrderId: 'MIK-T-0002', ...change }, field)).toMatch(message);
    });

    it('creates one order and one event when the same new order arrives twice at once', async () => {
      const input = { ...order, shopOrderId: 'MIK-T-0003', customsBrokerCode: null };
      const [a, b] = await Promise.all([send(OPERATIONS.recordOrder, { input }), send(OPERATIONS.recordOrder, { input })]);
      expect([a.errors, b.errors]).toEqual([undefined, undefined]);
      expect(a.data).toEqual(b.data);
      const em = db.orm.em.fork();
      expect(await em.count(Order, { shopOrderId: 'MIK-T-0003' })).toBe(1);
      expect(await em.count(OrderStatusEvent, { order: { shopOrderId: 'MIK-T-0003' } })).toBe(1);
    });
  });

  describe('order timeline and purchase confirmation', () => {
    const placed = (shopOrderId: string, orderedAt = at(-3 * DAY)) =>
      mutate<OrderResult>('recordOrder', {
        shopOrderId,
        buyerShopSubjectId: 'guest-0001',
        receiverShopSubjectId: 'receiver-0002',
        sellerCode: 'seoul-sneakers',
        orderedAt,
      });

    beforeAll(async () => {
      await placed('MIK-T-0100');
    });

    it('appends status changes; a late report of an earlier step does not turn the order back', async () => {
      await mutate('recordOrderStatus', { shopOrderId: 'MIK-T-0100', status: 'SHIPPED', occurredAt: at(-DAY) });
      const late = await mutate<OrderResult>('recordOrderStatus', {
        shopOrderId: 'MIK-T-0100',
        status: 'PAID',
        occurredAt: at(-2 * DAY),
      });
      expect(late.status).toBe('SHIPPED');
      expect(late.statusHistory.map((event) => event.status)).toEqual(['PLACED', 'PAID', 'SHIPPED']);
      await expectReplay('recordOrderStatus', { shopOrderId: 'MIK-T-0100', status: 'PAID', occurredAt: at(-2 * DAY) }, late);
    });

    it('appends one event when the same status change arrives twice at once', async () => {
      await placed('MIK-T-0103', at(-DAY));
      const input = { shopOrderId: 'MIK-T-0103', status: 'PAID', occurredAt: at(-HOUR) };
      const [a, b] = await Promise.all([send(OPERATIONS.recordOrderStatus, { input }), send(OPERATIONS.recordOrderStatus, { input })]);
      expect([a.errors, b.errors]).toEqual([undefined, undefined]);
      expect(a.data).toEqual(b.data);
      expect(await db.orm.em.fork().count(OrderStatusEvent, { order: { shopOrderId: 'MIK-T-0103' } })).toBe(2);
    });

    it.each([
      ['occurredAt', { occurredAt: at(-4 * DAY) }, /order was placed/],
      ['occurredAt', { occurredAt: at(6 * MINUTE) }, /future/],
      ['status', { status: 'PURCHASE_CONFIRMED' }, /confirmPurchase/],
      ['status', { status: 'DELIVERED' }, /confirmDelivery/],
      ['shopOrderId', { shopOrderId: 'MIK-NOPE' }, /no order/],
    ])('refuses a status change with a bad %s', async (field, change, message) => {
      const input = { shopOrderId: 'MIK-T-0100', status: 'RETURNED', occurredAt: at(-HOUR), ...change };
      expect(await expectRefused('recordOrderStatus', input, field)).toMatch(message);
    });

    it('records delivery completion once on the timeline; the same time again is a no-op, another time is refused', async () => {
      const delivered = await mutate<OrderResult>('confirmDelivery', { shopOrderId: 'MIK-T-0100', deliveredAt: at(-2 * HOUR) });
      expect(delivered).toMatchObject({ status: 'DELIVERED', deliveredAt: at(-2 * HOUR), purchaseConfirmedAt: null });
      expect(delivered.statusHistory.at(-1)).toEqual({ status: 'DELIVERED', occurredAt: at(-2 * HOUR), recordedAt: iso(NOW) });

      await expectReplay('confirmDelivery', { shopOrderId: 'MIK-T-0100', deliveredAt: at(-2 * HOUR) }, delivered);
      const message = await expectRefused('confirmDelivery', { shopOrderId: 'MIK-T-0100', deliveredAt: at(-3 * HOUR) }, 'deliveredAt');
      expect(message).toMatch(/already completed at another time/);
      const row = await db.orm.em.fork().findOneOrFail(Order, { shopOrderId: 'MIK-T-0100' });
      expect(row.deliveredAt?.toISOString()).toBe(at(-2 * HOUR));
    });

    it('refuses a delivery before the order, or of a cancelled order', async () => {
      await placed('MIK-T-0104', at(-DAY));
      expect(await expectRefused('confirmDelivery', { shopOrderId: 'MIK-T-0104', deliveredAt: at(-DAY - 1) }, 'deliveredAt')).toMatch(
        /order was placed/,
      );
      await mutate('recordOrderStatus', { shopOrderId: 'MIK-T-0104', status: 'CANCELLED', occurredAt: at(-HOUR) });
      expect(await expectRefused('confirmDelivery', { shopOrderId: 'MIK-T-0104', deliveredAt: at(0) }, 'shopOrderId')).toMatch(
        /cancelled; there is no delivery/,
      );
    });

    it('sets the window anchor once; the same time again is a no-op, another time is refused', async () => {
      const confirmed = await mutate<OrderResult>('confirmPurchase', { shopOrderId: 'MIK-T-0100', confirmedAt: at(-HOUR) });
      expect(confirmed).toMatchObject({ status: 'PURCHASE_CONFIRMED', purchaseConfirmedAt: at(-HOUR) });
      expect(confirmed.statusHistory.at(-1)).toEqual({ status: 'PURCHASE_CONFIRMED', occurredAt: at(-HOUR), recordedAt: iso(NOW) });

      harness.clock.advance(MINUTE);
      await expectReplay('confirmPurchase', { shopOrderId: 'MIK-T-0100', confirmedAt: at(-HOUR) }, confirmed);
      const message = await expectRefused('confirmPurchase', { shopOrderId: 'MIK-T-0100', confirmedAt: at(-2 * HOUR) }, 'confirmedAt');
      expect(message).toMatch(/already confirmed at another time/);
      const row = await db.orm.em.fork().findOneOrFail(Order, { shopOrderId: 'MIK-T-0100' });
      expect(row.purchaseConfirmedAt?.toISOString()).toBe(at(-HOUR));
    });

    it('refuses a confirmation before the order or more than 5 minutes ahead, and accepts exactly 5 minutes', async () => {
      await placed('MIK-T-0101', at(-DAY));
      expect(await expectRefused('confirmPurchase', { shopOrderId: 'MIK-T-0101', confirmedAt: at(-DAY - 1) }, 'confirmedAt')).toMatch(
        /order was placed/,
      );
      await expectRefused('confirmPurchase', { shopOrderId: 'MIK-T-0101', confirmedAt: at(5 * MINUTE + 1) }, 'confirmedAt');
      await expectRefused('confirmPurchase', { shopOrderId: 'MIK-NOPE', confirmedAt: at(0) }, 'shopOrderId');
      const confirmed = await mutate<OrderResult>('confirmPurchase', { shopOrderId: 'MIK-T-0101', confirmedAt: at(5 * MINUTE) });
      expect(confirmed.purchaseConfirmedAt).toBe(at(5 * MINUTE));
    });

    it('refuses to confirm a cancelled order', async () => {
      await placed('MIK-T-0102', at(-DAY));
      await mutate('recordOrderStatus', { shopOrderId: 'MIK-T-0102', status: 'CANCELLED', occurredAt: at(-HOUR) });
      expect(await expectRefused('confirmPurchase', { shopOrderId: 'MIK-T-0102', confirmedAt: at(0) }, 'shopOrderId')).toMatch(
        /cancelled/,
      );
    });
  });

  describe('consents', () => {
    const consent = {
      shopConsentId: 'CNS-T-0001',
      shopSubjectId: 'member-0002',
      partnerCode: 'hanbok-house',
      agreementVersion: 1,
      channel: 'APP',
      wordingHash: sha256('Hanbok House receives your name, phone and address for delivery (v1).'),
      givenAt: at(-DAY),
    };
    let recorded: ConsentResult;

    it('records a consent to the exact agreement version shown; a replay is a no-op', async () => {
      recorded = await mutate<ConsentResult>('recordConsent', consent);
      expect(recorded).toMatchObject({
        shopConsentId: 'CNS-T-0001',
        shopSubjectId: 'member-0002',
        partnerCode: 'hanbok-house',
        agreementVersion: 1,
        channel: 'APP',
        wordingHash: consent.wordingHash,
        givenAt: at(-DAY),
        withdrawnAt: null,
        legalRepresentativeRecorded: false,
      });
      harness.clock.advance(MINUTE);
      await expectReplay('recordConsent', consent, recorded);
      await expectReplay('recordConsent', { ...consent, givenAt: undefined }, recorded);
      const read = await send<{ shopConsent: ConsentResult }>(OPERATIONS.shopConsent, { shopConsentId: 'CNS-T-0001' });
      expect(dataOf(read).shopConsent).toEqual(recorded);
    });

    it.each([
      ['wordingHash', { wordingHash: sha256('other wording') }],
      ['channel', { channel: 'PAPER' }],
      ['givenAt', { givenAt: at(-2 * DAY) }],
      ['shopSubjectId', { shopSubjectId: 'member-0001' }],
    ])('refuses a replay with another %s: evidence is not rewritten', async (field, change) => {
      expect(await expectRefused('recordConsent', { ...consent, ...change }, field)).toMatch(/already recorded/);
    });

    it.each([
      ['agreementVersion', { agreementVersion: 2 }, /no agreement with this version/],
      ['agreementVersion', { partnerCode: 'ktis' }, /does not ask for consent/],
      ['partnerCode', { partnerCode: 'no-such-partner' }, /no partner/],
      ['shopSubjectId', { shopSubjectId: 'nobody-0001' }, /no subject/],
      ['wordingHash', { wordingHash: consent.wordingHash.toUpperCase() }, /lowercase hex/],
      ['givenAt', { givenAt: at(6 * MINUTE) }, /future/],
      ['givenAt', { givenAt: at(-400 * DAY) }, /publication of the agreement version/],
      ['channel', { channel: 'TELEPATHY' }, /channel/],
    ])('refuses a new consent with a bad %s', async (field, change, message) => {
      expect(await expectRefused('recordConsent', { ...consent, shopConsentId: 'CNS-T-0002', ...change }, field)).toMatch(message);
    });

    it('requires a legal representative for a subject under 14, and does not echo their name', async () => {
      await mutate('upsertSubject', { shopSubjectId: 'child-0001', kind: 'MEMBER', name: '김어린', under14: true });
      const child = { ...consent, shopConsentId: 'CNS-T-0010', shopSubjectId: 'child-0001' };
      expect(await expectRefused('recordConsent', child, 'legalRepresentative')).toMatch(/under 14/);

      const body = await send<{ recordConsent: ConsentResult }>(OPERATIONS.recordConsent, {
        input: { ...child, legalRepresentative: { name: '김보호자', relation: 'mother' } },
      });
      expect(body.errors).toBeUndefined();
      expect(dataOf(body).recordConsent.legalRepresentativeRecorded).toBe(true);
      expect(JSON.stringify(body)).not.toContain('김보호자');
      const row = await db.orm.em.fork().findOneOrFail(Consent, { shopConsentId: 'CNS-T-0010' });
      expect([row.legalRepresentativeName, row.legalRepresentativeRelation]).toEqual(['김보호자', 'mother']);
    });

    it('withdraws once: the same time or none again is a no-op, another time is refused', async () => {
      const withdrawn = await mutate<ConsentResult>('withdrawConsent', { shopConsentId: 'CNS-T-0001', withdrawnAt: at(-10 * MINUTE) });
      expect(withdrawn).toEqual({ ...recorded, withdrawnAt: at(-10 * MINUTE) });
      harness.clock.advance(HOUR);
      await expectReplay('withdrawConsent', { shopConsentId: 'CNS-T-0001', withdrawnAt: at(-10 * MINUTE) }, withdrawn);
      await expectReplay('withdrawConsent', { shopConsentId: 'CNS-T-0001' }, withdrawn);
      expect(
        await expectRefused('withdrawConsent', { shopConsentId: 'CNS-T-0001', withdrawnAt: at(-5 * MINUTE) }, 'withdrawnAt'),
      ).toMatch(/already withdrawn/);
    });

    it('refuses a withdrawal before the consent was given, in the future, or of an unknown consent', async () => {
      expect(
        await expectRefused('withdrawConsent', { shopConsentId: 'CNS-T-0010', withdrawnAt: at(-2 * DAY) }, 'withdrawnAt'),
      ).toMatch(/consent was given/);
      await expectRefused('withdrawConsent', { shopConsentId: 'CNS-T-0010', withdrawnAt: at(6 * MINUTE) }, 'withdrawnAt');
      await expectRefused('withdrawConsent', { shopConsentId: 'CNS-NOPE' }, 'shopConsentId');
    });
  });

  describe('subscriptions', () => {
    const subscription = {
      shopSubscriptionId: 'SUB-T-0001',
      shopSubjectId: 'member-0002',
      partnerCode: 'kt-mhows',
      purpose: 'service.gift-voucher',
      startedAt: at(-DAY),
    };

    it('starts a subscription; a replay is a no-op and a different one is refused', async () => {
      const started = await mutate<EngagementResult>('startSubscription', subscription);
      expect(started).toMatchObject({ shopSubjectId: 'member-0002', partnerCode: 'kt-mhows', startedAt: at(-DAY), endedAt: null });
      await expectReplay('startSubscription', subscription, started);
      await expectRefused('startSubscription', { ...subscription, purpose: 'service.web-fax' }, 'purpose');
      await expectRefused('startSubscription', { ...subscription, partnerCode: 'seoul-information-system' }, 'partnerCode');
    });

    it.each([
      ['partnerCode', { partnerCode: 'hanbok-house' }, /not a service provider/],
      ['purpose', { purpose: 'service.teleport' }, /purpose catalog/],
      ['shopSubjectId', { shopSubjectId: 'nobody-0001' }, /no subject/],
      ['startedAt', { startedAt: at(6 * MINUTE) }, /future/],
    ])('refuses a new subscription with a bad %s', async (field, change, message) => {
      const input = { ...subscription, shopSubscriptionId: 'SUB-T-0002', ...change };
      expect(await expectRefused('startSubscription', input, field)).toMatch(message);
    });

    it('ends a subscription once', async () => {
      const ended = await mutate<EngagementResult>('endSubscription', { shopSubscriptionId: 'SUB-T-0001', endedAt: at(0) });
      expect(ended.endedAt).toBe(iso(NOW));
      await expectReplay('endSubscription', { shopSubscriptionId: 'SUB-T-0001' }, ended);
      await expectRefused('endSubscription', { shopSubscriptionId: 'SUB-T-0001', endedAt: at(-MINUTE) }, 'endedAt');
      const read = await send<{ shopSubscription: EngagementResult }>(OPERATIONS.shopSubscription, { shopSubscriptionId: 'SUB-T-0001' });
      expect(dataOf(read).shopSubscription).toEqual(ended);
    });

    it('refuses an end before the start, and an unknown subscription', async () => {
      await mutate('startSubscription', { ...subscription, shopSubscriptionId: 'SUB-T-0003', startedAt: at(-HOUR) });
      expect(await expectRefused('endSubscription', { shopSubscriptionId: 'SUB-T-0003', endedAt: at(-2 * HOUR) }, 'endedAt')).toMatch(
        /start of the subscription/,
      );
      await expectRefused('endSubscription', { shopSubscriptionId: 'SUB-NOPE' }, 'shopSubscriptionId');
    });
  });

  describe('support cases', () => {
    const supportCase = {
      shopCaseId: 'CASE-T-0001',
      shopSubjectId: 'member-0001',
      partnerCode: 'ktis',
      purpose: 'support.call-center',
      shopOrderId: 'MIK-DEMO-0001',
      openedAt: at(-HOUR),
    };

    it('opens a case with a consignee; a replay is a no-op and a different one is refused', async () => {
      const opened = await mutate<EngagementResult>('openSupportCase', supportCase);
      expect(opened).toMatchObject({ partnerCode: 'ktis', shopOrderId: 'MIK-DEMO-0001', closedAt: null });
      await expectReplay('openSupportCase', supportCase, opened);
      await expectRefused('openSupportCase', { ...supportCase, shopOrderId: null }, 'shopOrderId');
    });

    it.each([
      ['partnerCode', { partnerCode: 'hanbok-house' }, /not a consignee/],
      ['shopOrderId', { shopOrderId: 'MIK-DEMO-0002' }, /neither the buyer nor the receiver/],
      ['shopOrderId', { shopOrderId: 'MIK-NOPE' }, /no order/],
      ['purpose', { purpose: 'gossip' }, /purpose catalog/],
    ])('refuses a new case with a bad %s', async (field, change, message) => {
      const input = { ...supportCase, shopCaseId: 'CASE-T-0002', ...change };
      expect(await expectRefused('openSupportCase', input, field)).toMatch(message);
    });

    it('closes a case once, never before it was opened', async () => {
      expect(await expectRefused('closeSupportCase', { shopCaseId: 'CASE-T-0001', closedAt: at(-2 * HOUR) }, 'closedAt')).toMatch(
        /opening of the case/,
      );
      const closed = await mutate<EngagementResult>('closeSupportCase', { shopCaseId: 'CASE-T-0001' });
      expect(closed.closedAt).toBe(iso(NOW));
      harness.clock.advance(MINUTE);
      await expectReplay('closeSupportCase', { shopCaseId: 'CASE-T-0001' }, closed);
      await expectRefused('closeSupportCase', { shopCaseId: 'CASE-NOPE' }, 'shopCaseId');
      const read = await send<{ shopSupportCase: EngagementResult }>(OPERATIONS.shopSupportCase, { shopCaseId: 'CASE-T-0001' });
      expect(dataOf(read).shopSupportCase).toEqual(closed);
    });
  });

  describe('membership', () => {
    it('withdraws a membership once: the same time or none again is a no-op, another time is refused', async () => {
      const withdrawn = await mutate<SubjectResult>('withdrawMembership', { shopSubjectId: 'member-0002', withdrawnAt: at(-HOUR) });
      expect(withdrawn).toMatchObject({ kind: 'MEMBER', membershipWithdrawnAt: at(-HOUR), updatedAt: iso(NOW) });
      harness.clock.advance(MINUTE);
      await expectReplay('withdrawMembership', { shopSubjectId: 'member-0002', withdrawnAt: at(-HOUR) }, withdrawn);
      await expectReplay('withdrawMembership', { shopSubjectId: 'member-0002' }, withdrawn);
      await expectRefused('withdrawMembership', { shopSubjectId: 'member-0002', withdrawnAt: at(-2 * HOUR) }, 'withdrawnAt');
    });

    it.each([
      ['shopSubjectId', { shopSubjectId: 'guest-0001' }, /only a MEMBER/],
      ['shopSubjectId', { shopSubjectId: 'nobody-0001' }, /no subject/],
      ['withdrawnAt', { shopSubjectId: 'member-0001', withdrawnAt: at(6 * MINUTE) }, /future/],
    ])('refuses a withdrawal with a bad %s', async (field, input, message) => {
      expect(await expectRefused('withdrawMembership', input, field)).toMatch(message);
    });
  });

  describe('scopes', () => {
    const input = { shopSubjectId: 'member-9200', kind: 'MEMBER', name: '권한없음' };

    async function expectForbidden(bearer: string, query = OPERATIONS.upsertSubject, variables: Record<string, unknown> = { input }) {
      const before = await snapshot();
      const body = await send<Record<string, unknown>>(query, variables, bearer);
      // A refused nullable query field is null next to its error; a refused mutation has no data.
      expect(Object.values(body.data ?? {}).every((value) => value === null)).toBe(true);
      expect(body.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN' });
      expect(await snapshot()).toEqual(before);
      return body.errors?.[0]?.message;
    }

    it('refuses an admin token: admin scopes are not shop scopes, and an admin cannot be given shop:write', async () => {
      const adminToken = await harness.token(DEMO_CLIENT_IDS.privacyAdmin, ['admin:read', 'admin:write']);
      expect(await expectForbidden(adminToken)).toBe('missing scope shop:write');
      const asking = await harness.token(DEMO_CLIENT_IDS.privacyAdmin, ['admin:write', 'shop:write']);
      expect(await expectForbidden(asking)).toBe('missing scope shop:write');
    });

    it('refuses a seller token even when it asks for shop scopes', async () => {
      const sellerToken = await harness.token(DEMO_CLIENT_IDS.hanbokHouse, ['partner:read', 'shop:read', 'shop:write']);
      // Partner operations must declare a purpose, so a bare shop operation is stopped before it runs …
      const before = await snapshot();
      const bare = await send(OPERATIONS.upsertSubject, { input }, sellerToken);
      expect(bare.data ?? null).toBeNull();
      expect(bare.errors?.[0]?.extensions?.['code']).toBe('PURPOSE_REQUIRED');
      expect(await snapshot()).toEqual(before);
      // … and with a purpose it reaches the scope check, which the seller's registration cannot pass.
      const withPurpose = (operation: string) => operation.replace(/^(mutation|query) (\w+)\(([^)]*)\)/m, '$1 $2($3) @purpose(code: "order.delivery")');
      expect(withPurpose(OPERATIONS.upsertSubject)).toContain('@purpose');
      expect(await expectForbidden(sellerToken, withPurpose(OPERATIONS.upsertSubject))).toBe('missing scope shop:write');
      expect(await expectForbidden(sellerToken, withPurpose(OPERATIONS.shopOrder), { shopOrderId: 'MIK-DEMO-0001' })).toBe(
        'missing scope shop:read',
      );
    });

    it('needs shop:write to write and shop:read to read', async () => {
      const readOnly = await shopToken(['shop:read']);
      expect(await expectForbidden(readOnly)).toBe('missing scope shop:write');
      const read = await send<{ shopOrder: OrderResult }>(OPERATIONS.shopOrder, { shopOrderId: 'MIK-DEMO-0001' }, readOnly);
      expect(dataOf(read).shopOrder).toMatchObject({ sellerCode: 'hanbok-house', status: 'PURCHASE_CONFIRMED' });

      const writeOnly = await shopToken(['shop:write']);
      expect(await expectForbidden(writeOnly, OPERATIONS.shopOrder, { shopOrderId: 'MIK-DEMO-0001' })).toBe('missing scope shop:read');
    });

    it('answers an unknown id with null', async () => {
      const read = await send(OPERATIONS.shopSubject, { shopSubjectId: 'nobody-0001' });
      expect(read).toEqual({ data: { shopSubject: null } });
    });

    it('refuses a request without a token before doing anything', async () => {
      const before = await snapshot();
      const { response } = await harness.post({ query: OPERATIONS.upsertSubject, variables: { input } });
      expect(response.status).toBe(401);
      expect(await snapshot()).toEqual(before);
    });
  });

  describe('personal data', () => {
    it('appears in no response and no log line, whether the request succeeds, is replayed or is refused', async () => {
      const values = {
        name: '남궁비밀',
        mobile: '010-0000-4321',
        email: 'secret.namgung@example.org',
        address: '제주특별자치도 제주시 비밀로 77',
        customsCode: 'P777777777777',
        ci: 'U0VDUkVULUNJLTc3Nw==',
      };
      const subject = { shopSubjectId: 'member-9300', kind: 'MEMBER', ...values };
      const bodies: unknown[] = [];
      const record = async (query: string, variables: Record<string, unknown>) => {
        bodies.push(await send(query, variables));
      };

      await record(OPERATIONS.upsertSubject, { input: subject });
      await record(OPERATIONS.upsertSubject, { input: subject });
      await record(OPERATIONS.upsertSubject, { input: { ...subject, email: 'not-an-email', mobile: values.mobile } });
      await record(OPERATIONS.upsertSubject, { input: { ...subject, birthDate: values.mobile } });
      // A wrongly typed value: graphql-js would quote it in its message; the edge must not.
      await record(OPERATIONS.upsertSubject, { input: { ...subject, under14: values.email } });
      await record(OPERATIONS.recordConsent, {
        input: {
          shopConsentId: 'CNS-T-0300',
          shopSubjectId: 'member-9300',
          partnerCode: 'hanbok-house',
          agreementVersion: 1,
          channel: 'WEB',
          wordingHash: sha256('wording'),
          legalRepresentative: { name: values.name, relation: 'father' },
        },
      });

      expect(bodies.filter((body) => (body as GraphQLBody).errors !== undefined)).toHaveLength(3);
      const seen = JSON.stringify(bodies) + JSON.stringify(harness.logLines);
      expect(harness.logLines.length).toBeGreaterThan(0);
      for (const value of Object.values(values)) expect(seen).not.toContain(value);
    });
  });
});

/** The data of a response that must have succeeded. */
function dataOf<TData>(body: GraphQLBody<TData>): TData {
  expect(body.errors).toBeUndefined();
  if (body.data === undefined || body.data === null) throw new Error('the response has no data');
  return body.data;
}

function pick<T extends object>(row: T, keys: string[]): Record<string, unknown> {
  return Object.fromEntries(keys.map((key) => [key, (row as Record<string, unknown>)[key]]));
}
