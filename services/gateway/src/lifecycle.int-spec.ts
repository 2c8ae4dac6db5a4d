import { createHash } from 'node:crypto';
import { DEMO_CLIENT_IDS, Notice, Partner } from '@provision/db';
import { noticePayload } from '@provision/notices';
import { type TestDatabase } from '@provision/testing';
import { type GatewayHarness, type GraphQLBody, useSeededGateway } from './gateway.harness.js';
import { loadOperation } from './operations.harness.js';

// The lifecycle events of issue 4 end to end: the shop's and the admins' events over HTTP with
// signed tokens, the notices they put in the outbox (read back from PostgreSQL), provision closing
// at read time, and partners confirming destruction. Delivery and the window sweep are the
// worker's and are tested there.
const NOW = '2026-03-01T03:00:00Z';
const MINUTE = 60 * 1000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const at = (offsetMs: number) => new Date(Date.parse(NOW) + offsetMs).toISOString();
const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

const OPERATIONS = {
  upsertSubject: loadOperation('shop/upsert-subject'),
  recordOrder: loadOperation('shop/record-order'),
  confirmPurchase: loadOperation('shop/confirm-purchase'),
  recordConsent: loadOperation('shop/record-consent'),
  withdrawConsent: loadOperation('shop/withdraw-consent'),
  withdrawMembership: loadOperation('shop/withdraw-membership'),
  startSubscription: loadOperation('shop/start-subscription'),
  openSupportCase: loadOperation('shop/open-support-case'),
  suspendProcessing: loadOperation('shop/suspend-processing'),
  resumeProcessing: loadOperation('shop/resume-processing'),
  requestCorrection: loadOperation('shop/request-correction'),
  applyCorrection: loadOperation('shop/apply-correction'),
  shopProcessingSuspensions: loadOperation('shop/processing-suspensions'),
  shopCorrections: loadOperation('shop/corrections'),
} as const;
type ShopOperation = keyof typeof OPERATIONS;

const TERMINATE = loadOperation('admin/terminate-partner');
const NOTICES = loadOperation('admin/notices');
const OVERDUE = loadOperation('admin/overdue-destructions');
const SELLER_ORDERS = loadOperation('partner/seller-orders');
const SUBSCRIBERS = loadOperation('partner/gift-voucher-subscribers');
const CASES = loadOperation('partner/call-center-cases');
const CUSTOMS = loadOperation('partner/customs-clearance');
const CONFIRM = loadOperation('partner/confirm-destruction');
const RECORD_DESTRUCTION = loadOperation('admin/record-destruction');

const SELLER_SCOPES = ['partner:read', 'pii:receiver.name', 'pii:receiver.phone', 'pii:receiver.address', 'pii:customsCode'];
const SERVICE_SCOPES = ['partner:read', 'pii:memberId', 'pii:name', 'pii:mobile', 'pii:companyName', 'pii:email'];
const CASE_SCOPES = ['partner:read', 'pii:name', 'pii:mobile', 'pii:memberId', 'pii:email'];
const CUSTOMS_SCOPES = ['partner:read', 'pii:receiver.name', 'pii:receiver.address', 'pii:customsCode'];
const RECEIVER_ITEMS = ['customsCode', 'receiver.address', 'receiver.name', 'receiver.phone'];

/** Every table an event writes: a refused request must leave each exactly as it was. */
const EVENT_TABLES = [
  'notices',
  'processing_suspensions',
  'correction_requests',
  'subjects',
  'consents',
  'partner_status_changes',
] as const;

interface ReceiverResult {
  name: string | null;
  phone: string | null;
  address: string | null;
  customsCode: string | null;
}
interface OrdersResult {
  orders: { nodes: { shopOrderId: string; receiver: ReceiverResult }[] };
}
interface NoticeRow {
  id: string;
  partner: string;
  type: string;
  payload: Record<string, unknown>;
  createdAt: string;
  acknowledgedAt: Date | null;
}
interface SuspensionResult {
  id: string;
  shopSubjectId: string;
  partnerCode: string | null;
  requestedAt: string;
  resumedAt: string | null;
}
interface CorrectionResult {
  id: string;
  items: string[];
  requestedAt: string;
  appliedAt: string | null;
}

describe('lifecycle events over HTTP', () => {
  let db: TestDatabase;
  let harness: GatewayHarness;

  const suite = useSeededGateway(NOW);
  beforeAll(() => ({ db, harness } = suite));
  const em = () => db.orm.em.fork();

  async function send<TData>(query: string, variables: Record<string, unknown>, bearer: string): Promise<GraphQLBody<TData>> {
    return (await harness.post<TData>({ query, variables }, bearer)).body;
  }
  const shopToken = () => harness.token(DEMO_CLIENT_IDS.shopBackend, ['shop:read', 'shop:write']);
  const adminToken = () => harness.token(DEMO_CLIENT_IDS.privacyAdmin, ['admin:read', 'admin:write']);

  /** A shop operation that must succeed; returns what it answered. */
  async function shop<TResult>(name: ShopOperation, variables: Record<string, unknown>): Promise<TResult> {
    const body = await send<Record<string, TResult>>(OPERATIONS[name], variables, await shopToken());
    return dataOf(body)[Object.keys(dataOf(body))[0]!]!;
  }
  const mutate = <TResult>(name: ShopOperation, input: Record<string, unknown>) => shop<TResult>(name, { input });

  async function admin<TData>(query: string, variables: Record<string, unknown> = {}): Promise<GraphQLBody<TData>> {
    return send<TData>(query, variables, await adminToken());
  }

  async function asPartner<TData>(clientId: string, query: string, scopes: string[], variables: Record<string, unknown> = {}) {
    return send<TData>(query, variables, await harness.token(clientId, scopes));
  }

  /** The receiver of one of the seller's orders as the seller reads it, with the denial reasons at its fields. */
  async function sellerReads(clientId: string, shopOrderId: string) {
    const body = await asPartner<OrdersResult>(clientId, SELLER_ORDERS, SELLER_SCOPES);
    const index = body.data?.orders.nodes.findIndex((node) => node.shopOrderId === shopOrderId) ?? -1;
    if (index < 0) throw new Error(`${shopOrderId} not listed for ${clientId}`);
    const reasons = (body.errors ?? [])
      .filter((error) => (error.path as unknown[])[2] === index)
      .map((error) => `${String(error.extensions?.['item'])}:${String(error.extensions?.['reason'])}`)
      .sort();
    return { receiver: body.data!.orders.nodes[index]!.receiver, reasons };
  }

  /** The outbox, oldest first, as the worker would read it. */
  async function noticeRows(filter: (row: NoticeRow) => boolean = () => true): Promise<NoticeRow[]> {
    const rows = await em().find(Notice, {}, { populate: ['partner'], orderBy: { createdAt: 'asc', id: 'asc' } });
    return rows
      .map((notice) => ({
        id: notice.id,
        partner: notice.partner.getEntity().code,
        type: notice.type,
        // As the partner receives it: with the sealed personal values opened.
        payload: noticePayload(suite.db.keyring, notice),
        createdAt: notice.createdAt.toISOString(),
        acknowledgedAt: notice.acknowledgedAt,
      }))
      .filter(filter);
  }
  const aboutSubject = (shopSubjectId: string) => noticeRows((row) => row.payload['shopSubjectId'] === shopSubjectId);

  /** Count and content fingerprint of every event table, so that an update is caught as well as an insert. */
  async function snapshot(): Promise<Record<string, string>> {
    const connection = em().getConnection();
    const fingerprints: Record<string, string> = {};
    for (const table of EVENT_TABLES) {
      const [row] = await connection.execute<{ fingerprint: string }[]>(
        `select count(*) || ':' || coalesce(md5(string_agg(t::text, ',' order by t::text)), '') as fingerprint from ${table} t`,
      );
      fingerprints[table] = row.fingerprint;
    }
    return fingerprints;
  }

  /** A request that must be refused with BAD_USER_INPUT on `field` and change nothing; returns the message. */
  async function expectRefused(request: () => Promise<GraphQLBody>, field: string): Promise<string> {
    const before = await snapshot();
    const body = await request();
    expect(body.data ?? null).toBeNull();
    expect(body.errors).toHaveLength(1);
    expect(body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
    expect(await snapshot()).toEqual(before);
    return body.errors?.[0]?.message ?? '';
  }
  const shopRefused = async (name: ShopOperation, input: Record<string, unknown>, field: string) =>
    expectRefused(async () => send(OPERATIONS[name], { input }, await shopToken()), field);

  /** A replay: the same answer, and nothing written (no second notice in particular). */
  async function expectReplay<TResult>(name: ShopOperation, input: Record<string, unknown>, first: TResult): Promise<void> {
    const before = await snapshot();
    expect(await mutate<TResult>(name, input)).toEqual(first);
    expect(await snapshot()).toEqual(before);
  }

  /** The payload carries none of these personal values. */
  function expectNoValues(payloads: unknown, values: Record<string, string>): void {
    const text = JSON.stringify(payloads);
    for (const value of Object.values(values)) expect(text).not.toContain(value);
  }

  // Fixtures through the shop API, as the shop's backend would record them.
  const upsert = (shopSubjectId: string, kind: string, values: Record<string, string>) =>
    mutate('upsertSubject', { shopSubjectId, kind, ...values });
  const order = (shopOrderId: string, buyer: string, receiver: string, sellerCode: string, orderedAt = at(-HOUR)) =>
    mutate('recordOrder', { shopOrderId, buyerShopSubjectId: buyer, receiverShopSubjectId: receiver, sellerCode, orderedAt });
  const consent = (shopSubjectId: string, partnerCode: string) =>
    mutate('recordConsent', {
      shopConsentId: `CNS-${shopSubjectId}-${partnerCode}`,
      shopSubjectId,
      partnerCode,
      agreementVersion: 1,
      channel: 'WEB',
      wordingHash: sha256(`consent of ${shopSubjectId} to ${partnerCode}`),
      givenAt: at(-DAY),
    });

  describe('consent withdrawn', () => {
    const buyer = { name: '강소라', mobile: '010-0000-7100', email: 'sora.kang@example.org' };
    const receiver = { name: '문하늘', phone: '010-0000-7101', address: '인천광역시 연수구 예시로 100' };

    beforeAll(async () => {
      await upsert('member-L100', 'MEMBER', buyer);
      await upsert('receiver-L100', 'RECEIVER', receiver);
      await order('MIK-L-0100', 'member-L100', 'receiver-L100', 'hanbok-house');
      await consent('member-L100', 'hanbok-house');
    });

    it('sends consent-withdrawn to the partner of the agreement, without personal values, and closes provision at once', async () => {
      expect((await sellerReads(DEMO_CLIENT_IDS.hanbokHouse, 'MIK-L-0100')).receiver.name).toBe(receiver.name);

      const withdrawn = await mutate<{ withdrawnAt: string }>('withdrawConsent', {
        shopConsentId: 'CNS-member-L100-hanbok-house',
        withdrawnAt: at(-MINUTE),
      });
      expect(withdrawn.withdrawnAt).toBe(at(-MINUTE));

      const notices = await aboutSubject('member-L100');
      expect(notices).toEqual([
        {
          id: expect.any(String),
          partner: 'hanbok-house',
          type: 'consent-withdrawn',
          createdAt: at(0),
          acknowledgedAt: null,
          payload: {
            action: 'DESTROY',
            shopSubjectId: 'member-L100',
            cause: 'CONSENT',
            agreementVersion: 1,
            withdrawnAt: at(-MINUTE),
            held: { items: RECEIVER_ITEMS, shopOrderIds: ['MIK-L-0100'], subscriptionIds: [], shopCaseIds: [] },
          },
        },
      ]);
      expectNoValues(notices, { ...buyer, ...receiver });

      const after = await sellerReads(DEMO_CLIENT_IDS.hanbokHouse, 'MIK-L-0100');
      expect(after.receiver).toEqual({ name: null, phone: null, address: null, customsCode: null });
      expect(after.reasons).toEqual(RECEIVER_ITEMS.map((item) => `${item}:CONSENT_WITHDRAWN`));
    });

    it('sends nothing again on a replay, with the time or without', async () => {
      const input = { shopConsentId: 'CNS-member-L100-hanbok-house', withdrawnAt: at(-MINUTE) };
      const first = await mutate('withdrawConsent', input);
      harness.clock.advance(HOUR);
      await expectReplay('withdrawConsent', input, first);
      await expectReplay('withdrawConsent', { shopConsentId: input.shopConsentId }, first);
      expect(await aboutSubject('member-L100')).toHaveLength(1);
    });

    it('refuses another time or an unknown consent, naming the field, and sends nothing', async () => {
      await shopRefused('withdrawConsent', { shopConsentId: 'CNS-member-L100-hanbok-house', withdrawnAt: at(-HOUR) }, 'withdrawnAt');
      await shopRefused('withdrawConsent', { shopConsentId: 'CNS-NOPE' }, 'shopConsentId');
    });
  });

  describe('membership withdrawn', () => {
    const member = {
      name: '유지호',
      mobile: '010-0000-7200',
      email: 'jiho.yoo@example.org',
      memberId: 'jiho_l200',
      companyName: '지호상회',
    };
    const receiver = { name: '배수아', phone: '010-0000-7201', address: '광주광역시 북구 샘플길 200' };
    let subscriptionId: string;

    beforeAll(async () => {
      await upsert('member-L200', 'MEMBER', member);
      await upsert('receiver-L200', 'RECEIVER', receiver);
      await order('MIK-L-0200', 'member-L200', 'receiver-L200', 'seoul-sneakers');
      await consent('member-L200', 'seoul-sneakers');
      await consent('member-L200', 'kt-mhows');
      ({ id: subscriptionId } = await mutate<{ id: string }>('startSubscription', {
        shopSubscriptionId: 'SUB-L-0200',
        shopSubjectId: 'member-L200',
        partnerCode: 'kt-mhows',
        purpose: 'service.gift-voucher',
        startedAt: at(-HOUR),
      }));
      await mutate('openSupportCase', {
        shopCaseId: 'CASE-L-0200',
        shopSubjectId: 'member-L200',
        partnerCode: 'ktis',
        purpose: 'support.call-center',
        openedAt: at(-HOUR),
      });
    });

    it('sends one consent-withdrawn to every partner that received data of the member or under its consent', async () => {
      // Three partners read what they serve; web-fax has nothing of this member and must hear nothing.
      expect((await sellerReads(DEMO_CLIENT_IDS.seoulSneakers, 'MIK-L-0200')).receiver.name).toBe(receiver.name);
      const subscribers = await asPartner<{ subscribers: { nodes: { name: string | null }[] } }>(
        DEMO_CLIENT_IDS.ktMhows,
        SUBSCRIBERS,
        SERVICE_SCOPES,
      );
      expect(subscribers.data!.subscribers.nodes.map((node) => node.name)).toContain(member.name);
      const cases = await asPartner<{ supportCases: { nodes: { shopCaseId: string; name: string | null }[] } }>(
        DEMO_CLIENT_IDS.ktis,
        CASES,
        CASE_SCOPES,
      );
      expect(cases.data!.supportCases.nodes).toContainEqual(expect.objectContaining({ shopCaseId: 'CASE-L-0200', name: member.name }));
      await asPartner(DEMO_CLIENT_IDS.sisWebfax, SUBSCRIBERS.replace('service.gift-voucher', 'service.web-fax'), SERVICE_SCOPES);

      await mutate('withdrawMembership', { shopSubjectId: 'member-L200', withdrawnAt: at(-MINUTE) });

      const notices = (await aboutSubject('member-L200')).sort((a, b) => a.partner.localeCompare(b.partner));
      const payload = (held: Record<string, string[]>) => ({
        action: 'DESTROY',
        shopSubjectId: 'member-L200',
        cause: 'MEMBERSHIP',
        agreementVersion: null,
        withdrawnAt: at(-MINUTE),
        held: { shopOrderIds: [], subscriptionIds: [], shopCaseIds: [], ...held },
      });
      expect(notices.map(({ partner, type, payload: body }) => ({ partner, type, payload: body }))).toEqual([
        {
          partner: 'kt-mhows',
          type: 'consent-withdrawn',
          payload: payload({ items: ['companyName', 'email', 'memberId', 'mobile', 'name'], subscriptionIds: [subscriptionId] }),
        },
        {
          partner: 'ktis',
          type: 'consent-withdrawn',
          payload: payload({ items: ['email', 'memberId', 'mobile', 'name'], shopCaseIds: ['CASE-L-0200'] }),
        },
        {
          partner: 'seoul-sneakers',
          type: 'consent-withdrawn',
          payload: payload({ items: RECEIVER_ITEMS, shopOrderIds: ['MIK-L-0200'] }),
        },
      ]);
      expectNoValues(notices, { ...member, ...receiver });

      // Closed for every partner at once, whatever the agreement's basis (ktis works under contract).
      const seller = await sellerReads(DEMO_CLIENT_IDS.seoulSneakers, 'MIK-L-0200');
      expect(new Set(seller.reasons.map((reason) => reason.split(':')[1]))).toEqual(new Set(['CONSENT_WITHDRAWN']));
      const casesAfter = await asPartner<{ supportCases: { nodes: { shopCaseId: string; name: string | null }[] } }>(
        DEMO_CLIENT_IDS.ktis,
        CASES,
        CASE_SCOPES,
      );
      expect(casesAfter.data!.supportCases.nodes).toContainEqual(expect.objectContaining({ shopCaseId: 'CASE-L-0200', name: null }));
    });

    it('sends nothing again on a replay', async () => {
      const first = await mutate('withdrawMembership', { shopSubjectId: 'member-L200' });
      harness.clock.advance(MINUTE);
      await expectReplay('withdrawMembership', { shopSubjectId: 'member-L200', withdrawnAt: at(-MINUTE) }, first);
      expect(await aboutSubject('member-L200')).toHaveLength(3);
      await shopRefused('withdrawMembership', { shopSubjectId: 'member-L200', withdrawnAt: at(-HOUR) }, 'withdrawnAt');
    });
  });

  describe('partnership terminated', () => {
    const partnerId = async (code: string) => (await em().findOneOrFail(Partner, { code })).id;

    it('asks the partner to destroy everything, listing what the ledger shows it received', async () => {
      const read = await asPartner<{ orders: { nodes: unknown[] } }>(DEMO_CLIENT_IDS.customsBroker, CUSTOMS, CUSTOMS_SCOPES);
      expect(read.data!.orders.nodes).toHaveLength(2);

      const id = await partnerId('incheon-customs-brokerage');
      const body = await admin<{ terminatePartner: { status: string } }>(TERMINATE, { input: { partnerId: id, reason: 'contract ended' } });
      expect(body.data!.terminatePartner.status).toBe('TERMINATED');

      const notices = await noticeRows((row) => row.partner === 'incheon-customs-brokerage');
      expect(notices).toEqual([
        expect.objectContaining({
          type: 'partnership-terminated',
          createdAt: at(0),
          payload: {
            action: 'DESTROY_ALL',
            partnerCode: 'incheon-customs-brokerage',
            effectiveAt: at(0),
            reason: 'contract ended',
            instruction: expect.stringMatching(/^Destroy all personal data/),
            held: {
              shopSubjectIds: ['receiver-0001', 'receiver-0002'],
              shopOrderIds: ['MIK-DEMO-0001', 'MIK-DEMO-0003'],
              subjectCount: 2,
              orderCount: 2,
              complete: true,
            },
          },
        }),
      ]);
      expectNoValues(notices, { name: '최영희', address: '부산광역시 해운대구 예시로 45, 702호' });

      // Provision closing and token refusal happen at read time.
      const { response } = await harness.post(
        { query: CUSTOMS },
        await harness.token(DEMO_CLIENT_IDS.customsBroker, CUSTOMS_SCOPES),
      );
      expect(response.status).toBe(401);
    });

    it("lets an admin record the terminated partner's destruction evidence, since its tokens are refused", async () => {
      const [notice] = await noticeRows((row) => row.type === 'partnership-terminated' && row.partner === 'incheon-customs-brokerage');
      harness.clock.set(at(DAY));
      const refused = await asPartner(DEMO_CLIENT_IDS.customsBroker, CONFIRM, CUSTOMS_SCOPES, {
        input: { noticeId: notice!.id, destroyedAt: at(HOUR), method: 'SHREDDED' },
      });
      expect(refused.data).toBeUndefined();
      expect(refused.errors?.[0]?.extensions?.['code']).toBe('UNAUTHENTICATED');

      const body = await admin<{ recordDestruction: Record<string, unknown> }>(RECORD_DESTRUCTION, {
        input: { noticeId: notice!.id, destroyedAt: at(HOUR), method: 'SHREDDED' },
      });
      expect(body.errors).toBeUndefined();
      expect(body.data!.recordDestruction).toEqual({
        noticeId: notice!.id,
        type: 'partnership-terminated',
        acknowledgedAt: at(DAY),
        acknowledgedBy: DEMO_CLIENT_IDS.privacyAdmin,
        destroyedAt: at(HOUR),
        method: 'SHREDDED',
      });
      const row = await em().findOneOrFail(Notice, { id: notice!.id });
      expect(row.acknowledgedBy).toBe(DEMO_CLIENT_IDS.privacyAdmin);
      // Later tests read this notice as still unconfirmed.
      await em().nativeUpdate(
        Notice,
        { id: notice!.id },
        { acknowledgedAt: null, acknowledgedBy: null, destroyedAt: null, destructionMethod: null },
      );
    });

    it('refuses a second termination and an unknown partner, and sends nothing', async () => {
      const id = await partnerId('incheon-customs-brokerage');
      const terminate = (input: Record<string, unknown>) => async () => admin(TERMINATE, { input });
      expect(await expectRefused(terminate({ partnerId: id, reason: 'again' }), 'partnerId')).toMatch(/already terminated/);
      await expectRefused(terminate({ partnerId: '00000000-0000-4000-8000-000000000000', reason: 'x' }), 'partnerId');
    });

    it('dates the destruction from a termination planned ahead', async () => {
      const read = await asPartner<{ subscribers: { nodes: { name: string | null }[] } }>(
        DEMO_CLIENT_IDS.sisWebfax,
        SUBSCRIBERS.replace('service.gift-voucher', 'service.web-fax'),
        SERVICE_SCOPES,
      );
      expect(read.data!.subscribers.nodes.map((node) => node.name)).toEqual(['이준호']);
      const id = await partnerId('seoul-information-system');
      const body = await admin(TERMINATE, { input: { partnerId: id, reason: 'service discontinued', effectiveAt: at(2 * DAY) } });
      expect(body.errors).toBeUndefined();

      const [notice] = await noticeRows((row) => row.partner === 'seoul-information-system');
      expect(notice?.payload).toMatchObject({
        effectiveAt: at(2 * DAY),
        held: { shopSubjectIds: ['member-0002'], shopOrderIds: [], subjectCount: 1, orderCount: 0, complete: true },
      });
      const listed = await admin<{ notices: Record<string, unknown>[] }>(NOTICES, {
        filter: { partnerId: id, type: 'partnership-terminated' },
      });
      expect(listed.data!.notices).toEqual([
        expect.objectContaining({
          id: notice!.id,
          partnerCode: 'seoul-information-system',
          status: 'PENDING',
          shopSubjectId: null,
          asksDestruction: true,
          createdAt: at(0),
          destructionDueFrom: at(2 * DAY),
          acknowledgedAt: null,
        }),
      ]);
    });
  });

  describe('processing suspended', () => {
    const receiver = { name: '서지안', phone: '010-0000-7401', address: '울산광역시 남구 예시로 400' };

    beforeAll(async () => {
      await upsert('member-L400', 'MEMBER', { name: '노은채' });
      await upsert('receiver-L400', 'RECEIVER', receiver);
      await order('MIK-L-0400', 'member-L400', 'receiver-L400', 'hanbok-house');
      await consent('member-L400', 'hanbok-house');
    });

    const suspend = (partnerCodes?: string[]) =>
      mutate<SuspensionResult[]>('suspendProcessing', {
        shopSubjectId: 'receiver-L400',
        reason: '수신인 본인 요청: 처리 정지',
        requestedAt: at(-MINUTE),
        ...(partnerCodes ? { partnerCodes } : {}),
      });

    it('tells only the named partners that hold the data, and denies their reads at once', async () => {
      expect((await sellerReads(DEMO_CLIENT_IDS.hanbokHouse, 'MIK-L-0400')).receiver.name).toBe(receiver.name);

      const rows = await suspend(['hanbok-house', 'seoul-sneakers']);
      expect(rows.map(({ partnerCode, requestedAt, resumedAt }) => ({ partnerCode, requestedAt, resumedAt }))).toEqual([
        { partnerCode: 'hanbok-house', requestedAt: at(-MINUTE), resumedAt: null },
        { partnerCode: 'seoul-sneakers', requestedAt: at(-MINUTE), resumedAt: null },
      ]);

      const notices = await aboutSubject('receiver-L400');
      expect(notices.map(({ partner, type, payload }) => ({ partner, type, payload }))).toEqual([
        {
          partner: 'hanbok-house',
          type: 'processing-suspended',
          payload: {
            action: 'SUSPEND_PROCESSING',
            shopSubjectId: 'receiver-L400',
            suspendedFrom: at(-MINUTE),
            allPartners: false,
            held: { items: RECEIVER_ITEMS, shopOrderIds: ['MIK-L-0400'], subscriptionIds: [], shopCaseIds: [] },
          },
        },
      ]);
      // Neither the subject's values nor the reason it gave reach a partner.
      expectNoValues(notices, { ...receiver, reason: '처리 정지' });

      const read = await sellerReads(DEMO_CLIENT_IDS.hanbokHouse, 'MIK-L-0400');
      expect(read.receiver).toEqual({ name: null, phone: null, address: null, customsCode: null });
      expect(read.reasons).toEqual(RECEIVER_ITEMS.map((item) => `${item}:PROCESSING_SUSPENDED`));
    });

    it('answers a replay with the same suspensions and tells no one again', async () => {
      const first = await shop<SuspensionResult[]>('shopProcessingSuspensions', { shopSubjectId: 'receiver-L400' });
      await expectReplay(
        'suspendProcessing',
        { shopSubjectId: 'receiver-L400', partnerCodes: ['hanbok-house', 'seoul-sneakers'], reason: '수신인 본인 요청: 처리 정지' },
        first,
      );
    });

    it.each([
      ['partnerCodes[0]', { partnerCodes: ['no-such-partner'] }, /no partner/],
      ['partnerCodes[1]', { partnerCodes: ['hanbok-house', 'hanbok-house'] }, /listed twice/],
      ['partnerCodes', { partnerCodes: ['Hanbok House'] }, /partner code/],
      ['reason', { reason: '' }, /reason must be/],
      ['requestedAt', { requestedAt: at(6 * MINUTE) }, /future/],
      ['shopSubjectId', { shopSubjectId: 'nobody-0001' }, /no subject/],
    ])('refuses a bad %s and changes nothing', async (field, change, message) => {
      const input = { shopSubjectId: 'receiver-L400', reason: 'r', partnerCodes: ['seoul-sneakers'], ...change };
      expect(await shopRefused('suspendProcessing', input, field)).toMatch(message);
    });

    it('resumes: released again; a replay answers the same; resuming what is not suspended is refused', async () => {
      harness.clock.advance(HOUR);
      const resumed = await mutate<SuspensionResult[]>('resumeProcessing', { shopSubjectId: 'receiver-L400', resumedAt: at(HOUR) });
      expect(resumed.map((row) => [row.partnerCode, row.resumedAt])).toEqual([
        ['hanbok-house', at(HOUR)],
        ['seoul-sneakers', at(HOUR)],
      ]);
      expect((await sellerReads(DEMO_CLIENT_IDS.hanbokHouse, 'MIK-L-0400')).receiver.name).toBe(receiver.name);
      await expectReplay('resumeProcessing', { shopSubjectId: 'receiver-L400' }, resumed);
      await expectReplay('resumeProcessing', { shopSubjectId: 'receiver-L400', partnerCodes: ['hanbok-house'] }, [resumed[0]]);
      expect(
        await shopRefused('resumeProcessing', { shopSubjectId: 'receiver-L400', resumedAt: at(30 * MINUTE) }, 'resumedAt'),
      ).toMatch(/already resumed at another time/);
      await shopRefused('resumeProcessing', { shopSubjectId: 'receiver-L400', partnerCodes: ['kt-mhows'] }, 'partnerCodes[0]');
      await shopRefused('resumeProcessing', { shopSubjectId: 'member-L400' }, 'shopSubjectId');
    });

    it('suspends towards every partner: tells every partner that holds the data, once', async () => {
      harness.clock.advance(2 * HOUR);
      const before = (await aboutSubject('receiver-L400')).length;
      const [all] = await mutate<SuspensionResult[]>('suspendProcessing', { shopSubjectId: 'receiver-L400', reason: 'all partners' });
      expect(all).toMatchObject({ partnerCode: null, requestedAt: at(2 * HOUR), resumedAt: null });

      const notices = (await aboutSubject('receiver-L400')).slice(before);
      expect(notices.map(({ partner, payload }) => [partner, payload['allPartners']])).toEqual([['hanbok-house', true]]);
      expect((await sellerReads(DEMO_CLIENT_IDS.hanbokHouse, 'MIK-L-0400')).reasons).toContain('receiver.name:PROCESSING_SUSPENDED');

      // Naming a partner while every partner is suspended tells no one again.
      await mutate('suspendProcessing', { shopSubjectId: 'receiver-L400', reason: 'again', partnerCodes: ['hanbok-house'] });
      expect(await aboutSubject('receiver-L400')).toHaveLength(before + 1);
      await shopRefused('resumeProcessing', { shopSubjectId: 'receiver-L400', partnerCodes: ['seoul-sneakers'] }, 'partnerCodes[0]');
      await mutate('resumeProcessing', { shopSubjectId: 'receiver-L400' });
      expect((await sellerReads(DEMO_CLIENT_IDS.hanbokHouse, 'MIK-L-0400')).reasons).toEqual([]);
    });
  });

  describe('correction', () => {
    const receiver = { name: '황보민', phone: '010-0000-7501', address: '세종특별자치시 예시로 500' };
    const NEW_ADDRESS = '세종특별자치시 샘플길 501, 2층';
    const NEW_NAME = '황보민서';

    beforeAll(async () => {
      await upsert('member-L500', 'MEMBER', { name: '권도윤' });
      await upsert('receiver-L500', 'RECEIVER', receiver);
      // The same receiver on two sellers' orders; sneakers' purchase is confirmed, so its window runs.
      await order('MIK-L-0500', 'member-L500', 'receiver-L500', 'hanbok-house');
      await order('MIK-L-0501', 'member-L500', 'receiver-L500', 'seoul-sneakers', at(-2 * DAY));
      await mutate('confirmPurchase', { shopOrderId: 'MIK-L-0501', confirmedAt: at(-DAY) });
      await consent('member-L500', 'hanbok-house');
      await consent('member-L500', 'seoul-sneakers');
    });

    let correction: CorrectionResult;

    it('withholds the disputed item, and every item read from the same value, while the request is pending; no notice', async () => {
      expect((await sellerReads(DEMO_CLIENT_IDS.hanbokHouse, 'MIK-L-0500')).receiver.address).toBe(receiver.address);
      const before = (await noticeRows()).length;

      correction = await mutate<CorrectionResult>('requestCorrection', { shopSubjectId: 'receiver-L500', items: ['address'] });
      expect(correction).toMatchObject({ items: ['address', 'receiver.address'], requestedAt: at(0), appliedAt: null });

      const read = await sellerReads(DEMO_CLIENT_IDS.hanbokHouse, 'MIK-L-0500');
      expect(read.receiver).toEqual({ name: receiver.name, phone: receiver.phone, address: null, customsCode: null });
      expect(read.reasons).toEqual(['receiver.address:UNDER_CORRECTION']);
      expect(await noticeRows()).toHaveLength(before);
      await expectReplay('requestCorrection', { shopSubjectId: 'receiver-L500', items: ['address'] }, correction);
    });

    it.each([
      ['items[0]', { items: ['receiver'] }, /group of items/],
      ['items[1]', { items: ['name', 'shoeSize'] }, /not an item/],
      ['items', { items: [] }, /at least one/],
      ['requestedAt', { requestedAt: at(-HOUR) }, /pending since another time/],
      ['shopSubjectId', { shopSubjectId: 'nobody-0001' }, /no subject/],
    ])('refuses a request with a bad %s and changes nothing', async (field, change, message) => {
      const input = { shopSubjectId: 'receiver-L500', items: ['address'], ...change };
      expect(await shopRefused('requestCorrection', input, field)).toMatch(message);
    });

    it.each([
      ['values', { values: {} }, /at least one/],
      ['values.address', { values: { address: 'line\nbreak' } }, /control characters/],
      ['values.birthDate', { values: { birthDate: '2026-03-02' } }, /future/],
      ['values.name', { correctionId: '<id>', values: { name: NEW_NAME } }, /not under this correction/],
      ['correctionId', { correctionId: '00000000-0000-4000-8000-000000000000', values: { address: NEW_ADDRESS } }, /no correction/],
      ['appliedAt', { values: { address: NEW_ADDRESS }, appliedAt: at(-HOUR) }, /correction request/],
    ])('refuses a correction with a bad %s and changes nothing', async (field, change, message) => {
      const input: Record<string, unknown> = { shopSubjectId: 'receiver-L500', ...change };
      if (input['correctionId'] === '<id>') input['correctionId'] = correction.id;
      expect(await shopRefused('applyCorrection', input, field)).toMatch(message);
    });

    it('applies it: released again with the new value, which goes only to the partner that received the old one', async () => {
      const subject = await mutate<{ updatedAt: string }>('applyCorrection', {
        shopSubjectId: 'receiver-L500',
        correctionId: correction.id,
        values: { address: NEW_ADDRESS },
      });
      expect(subject.updatedAt).toBe(at(0));
      const [applied] = await shop<CorrectionResult[]>('shopCorrections', { shopSubjectId: 'receiver-L500' });
      expect(applied).toMatchObject({ id: correction.id, appliedAt: at(0) });

      // seoul-sneakers has an order with this receiver too, but never received anything of it.
      const notices = await aboutSubject('receiver-L500');
      expect(notices.map(({ partner, type, payload }) => ({ partner, type, payload }))).toEqual([
        {
          partner: 'hanbok-house',
          type: 'subject-corrected',
          payload: {
            action: 'CORRECT',
            shopSubjectId: 'receiver-L500',
            correctedAt: at(0),
            values: { 'receiver.address': NEW_ADDRESS },
            held: { items: ['receiver.address'], shopOrderIds: ['MIK-L-0500'], subscriptionIds: [], shopCaseIds: [] },
          },
        },
      ]);
      // Exactly the corrected item's new value, nothing else of the subject.
      expectNoValues(notices, receiver);

      const read = await sellerReads(DEMO_CLIENT_IDS.hanbokHouse, 'MIK-L-0500');
      expect(read.receiver).toEqual({ name: receiver.name, phone: receiver.phone, address: NEW_ADDRESS, customsCode: null });
      expect(read.reasons).toEqual([]);
    });

    it('sends nothing again on a replay, by request id or without', async () => {
      harness.clock.advance(MINUTE);
      const again = { shopSubjectId: 'receiver-L500', values: { address: NEW_ADDRESS } };
      const first = await mutate('applyCorrection', again);
      await expectReplay('applyCorrection', again, first);
      await expectReplay('applyCorrection', { ...again, correctionId: correction.id }, first);
      expect(await aboutSubject('receiver-L500')).toHaveLength(1);
      await shopRefused('applyCorrection', { ...again, correctionId: correction.id, values: { address: 'elsewhere' } }, 'correctionId');
    });

    it('tells no partner whose window has closed since it received the old value', async () => {
      expect((await sellerReads(DEMO_CLIENT_IDS.seoulSneakers, 'MIK-L-0501')).receiver.name).toBe(receiver.name);
      expect((await sellerReads(DEMO_CLIENT_IDS.hanbokHouse, 'MIK-L-0500')).receiver.name).toBe(receiver.name);

      // Three months after sneakers' purchase confirmation its window is closed; hanbok's order is unconfirmed.
      harness.clock.set(at(100 * DAY));
      expect((await sellerReads(DEMO_CLIENT_IDS.seoulSneakers, 'MIK-L-0501')).reasons).toContain('receiver.name:WINDOW_CLOSED');
      await mutate('applyCorrection', { shopSubjectId: 'receiver-L500', values: { name: NEW_NAME } });

      const latest = (await aboutSubject('receiver-L500')).slice(1);
      expect(latest.map(({ partner, payload }) => ({ partner, values: payload['values'] }))).toEqual([
        { partner: 'hanbok-house', values: { 'receiver.name': NEW_NAME } },
      ]);
    });
  });

  describe('destruction evidence', () => {
    let noticeId: string;

    beforeAll(async () => {
      const [notice] = await noticeRows((row) => row.type === 'consent-withdrawn' && row.payload['shopSubjectId'] === 'member-L100');
      noticeId = notice!.id;
    });

    const confirm = (clientId: string, input: Record<string, unknown>) =>
      asPartner<{ confirmDestruction: Record<string, unknown> }>(clientId, CONFIRM, SELLER_SCOPES, { input });

    it("records the partner's confirmation on its notice", async () => {
      harness.clock.set(at(2 * HOUR));
      const body = await confirm(DEMO_CLIENT_IDS.hanbokHouse, { noticeId, destroyedAt: at(HOUR), method: 'DELETED' });
      expect(body.errors).toBeUndefined();
      expect(body.data!.confirmDestruction).toEqual({
        noticeId,
        type: 'consent-withdrawn',
        noticeCreatedAt: at(0),
        acknowledgedAt: at(2 * HOUR),
        acknowledgedBy: DEMO_CLIENT_IDS.hanbokHouse,
        destroyedAt: at(HOUR),
        method: 'DELETED',
      });
      const row = await em().findOneOrFail(Notice, { id: noticeId });
      expect([row.acknowledgedAt?.toISOString(), row.destroyedAt?.toISOString(), row.destructionMethod]).toEqual([
        at(2 * HOUR),
        at(HOUR),
        'DELETED',
      ]);

      harness.clock.advance(HOUR);
      const before = await snapshot();
      const replay = await confirm(DEMO_CLIENT_IDS.hanbokHouse, { noticeId, destroyedAt: at(HOUR), method: 'DELETED' });
      expect(replay.data).toEqual(body.data);
      expect(await snapshot()).toEqual(before);
    });

    it("answers another partner's notice exactly like a missing one", async () => {
      const foreign = await expectRefused(
        () => confirm(DEMO_CLIENT_IDS.seoulSneakers, { noticeId, destroyedAt: at(0), method: 'DELETED' }),
        'noticeId',
      );
      const missing = await expectRefused(
        () => confirm(DEMO_CLIENT_IDS.seoulSneakers, { noticeId: '00000000-0000-4000-8000-000000000000', destroyedAt: at(0), method: 'DELETED' }),
        'noticeId',
      );
      const malformed = await expectRefused(
        () => confirm(DEMO_CLIENT_IDS.seoulSneakers, { noticeId: 'not-an-id', destroyedAt: at(0), method: 'DELETED' }),
        'noticeId',
      );
      expect(foreign).toBe(missing);
      expect(malformed).toBe(missing);
    });

    it('refuses a different confirmation, an impossible time and a notice that asks no destruction', async () => {
      harness.clock.set(at(3 * HOUR));
      const hanbok = (input: Record<string, unknown>) => () => confirm(DEMO_CLIENT_IDS.hanbokHouse, input);
      expect(await expectRefused(hanbok({ noticeId, destroyedAt: at(HOUR), method: 'SHREDDED' }), 'method')).toMatch(/another method/);
      await expectRefused(hanbok({ noticeId, destroyedAt: at(2 * HOUR), method: 'DELETED' }), 'destroyedAt');

      const [suspended] = await noticeRows((row) => row.partner === 'hanbok-house' && row.type === 'processing-suspended');
      const [withdrawal] = await noticeRows((row) => row.partner === 'seoul-sneakers' && row.type === 'consent-withdrawn');
      expect(await expectRefused(hanbok({ noticeId: suspended!.id, destroyedAt: at(HOUR), method: 'DELETED' }), 'noticeId')).toMatch(
        /asks for no destruction/,
      );
      const sneakers = (input: Record<string, unknown>) => () => confirm(DEMO_CLIENT_IDS.seoulSneakers, input);
      expect(await expectRefused(sneakers({ noticeId: withdrawal!.id, destroyedAt: at(4 * HOUR), method: 'DELETED' }), 'destroyedAt')).toMatch(
        /future/,
      );
      expect(await expectRefused(sneakers({ noticeId: withdrawal!.id, destroyedAt: at(-HOUR), method: 'DELETED' }), 'destroyedAt')).toMatch(
        /precede the notice/,
      );
    });

    it('needs a declared purpose, like every partner operation', async () => {
      const { response, body } = await harness.post(
        { query: CONFIRM.replace(' @purpose(code: "order.delivery")', ''), variables: { input: { noticeId, destroyedAt: at(0), method: 'DELETED' } } },
        await harness.token(DEMO_CLIENT_IDS.hanbokHouse, SELLER_SCOPES),
      );
      expect(response.status).toBe(400);
      expect(body.errors?.[0]?.extensions?.['code']).toBe('PURPOSE_REQUIRED');
    });
  });

  describe('admin visibility', () => {
    interface NoticeResult {
      id: string;
      partnerCode: string;
      type: string;
      status: string;
      attempts: number;
      lastError: string | null;
      acknowledgedAt: string | null;
      destructionMethod: string | null;
    }
    interface OverdueResult {
      partnerCode: string;
      privacyContact: { email: string };
      count: number;
      oldestDueFrom: string;
      notices: NoticeResult[];
    }
    const overdue = async (olderThanDays?: number) => {
      const body = await admin<{ overdueDestructions: OverdueResult[] }>(OVERDUE, olderThanDays === undefined ? {} : { olderThanDays });
      return dataOf(body).overdueDestructions;
    };

    it('lists notices with delivery state, dead letters included, and no personal value', async () => {
      const [dead] = await noticeRows((row) => row.partner === 'kt-mhows' && row.type === 'consent-withdrawn');
      // What the worker does after its last attempt.
      await em().nativeUpdate(Notice, { id: dead!.id }, { status: 'DEAD', attempts: 8, lastError: 'HTTP 503' });

      const deadLetters = await admin<{ notices: NoticeResult[] }>(NOTICES, { filter: { status: 'DEAD' } });
      expect(dataOf(deadLetters).notices).toEqual([
        expect.objectContaining({ id: dead!.id, partnerCode: 'kt-mhows', status: 'DEAD', attempts: 8, lastError: 'HTTP 503' }),
      ]);

      const all = dataOf(await admin<{ notices: NoticeResult[] }>(NOTICES));
      expect(all.notices.length).toBe((await noticeRows()).length);
      expect(new Set(all.notices.map((notice) => notice.type))).toEqual(
        new Set(['consent-withdrawn', 'partnership-terminated', 'processing-suspended', 'subject-corrected']),
      );
      // The corrections' payloads hold new values; the list shows none of them.
      expectNoValues(all, { address: '세종특별자치시 샘플길 501, 2층', name: '황보민서' });
      const confirmed = all.notices.find((notice) => notice.acknowledgedAt !== null);
      expect(confirmed).toMatchObject({ partnerCode: 'hanbok-house', type: 'consent-withdrawn', destructionMethod: 'DELETED' });

      const corrected = await admin<{ notices: NoticeResult[] }>(NOTICES, { filter: { type: 'subject-corrected' }, first: 1 });
      expect(dataOf(corrected).notices).toHaveLength(1);
    });

    it.each([
      ['type', { filter: { type: 'window-opened' } }],
      ['partnerId', { filter: { partnerId: 'hanbok-house' } }],
      ['first', { first: 0 }],
    ])('refuses a bad %s', async (field, variables) => {
      const body = await admin(NOTICES, variables);
      expect(body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
    });

    it('lists unconfirmed destructions per partner once they are 5 days overdue', async () => {
      harness.clock.set(new Date(Date.parse(NOW) + 5 * DAY - 1));
      expect(await overdue()).toEqual([]);

      harness.clock.set(at(5 * DAY));
      const groups = await overdue();
      // hanbok confirmed its destruction; web-fax's termination only takes effect in 2 days.
      expect(groups.map((group) => [group.partnerCode, group.count, group.oldestDueFrom])).toEqual(
        expect.arrayContaining([
          ['incheon-customs-brokerage', 1, at(0)],
          ['kt-mhows', 1, at(0)],
          ['ktis', 1, at(0)],
          ['seoul-sneakers', 1, at(0)],
        ]),
      );
      expect(groups).toHaveLength(4);
      expect(groups.find((group) => group.partnerCode === 'incheon-customs-brokerage')).toMatchObject({
        privacyContact: { email: 'privacy@incheon-customs.example' },
        notices: [expect.objectContaining({ type: 'partnership-terminated', acknowledgedAt: null })],
      });

      harness.clock.set(at(7 * DAY));
      expect((await overdue()).map((group) => group.partnerCode)).toContain('seoul-information-system');
      expect((await overdue(30)).map((group) => group.partnerCode)).toEqual([]);
    });

    it('lets a partner confirm before its planned termination takes effect, which clears it from the list', async () => {
      harness.clock.set(at(DAY));
      const [notice] = await noticeRows((row) => row.partner === 'seoul-information-system');
      const body = await asPartner(DEMO_CLIENT_IDS.sisWebfax, CONFIRM.replace('order.delivery', 'service.web-fax'), SERVICE_SCOPES, {
        input: { noticeId: notice!.id, destroyedAt: at(DAY - HOUR), method: 'ANONYMIZED' },
      });
      expect(body.errors).toBeUndefined();
      harness.clock.set(at(7 * DAY));
      expect((await overdue()).map((group) => group.partnerCode)).not.toContain('seoul-information-system');
    });
  });
});

/** The data of a response that must have succeeded. */
function dataOf<TData>(body: GraphQLBody<TData>): TData {
  expect(body.errors).toBeUndefined();
  if (body.data === undefined || body.data === null) throw new Error('the response has no data');
  return body.data;
}
