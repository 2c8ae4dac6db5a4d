import { createHash } from 'node:crypto';
import { DEMO_CLIENT_IDS, Partner } from '@provision/db';
import { type TestDatabase } from '@provision/testing';
import { type GatewayHarness, type GraphQLBody, useSeededGateway } from './gateway.harness.js';
import { loadOperation } from './operations.harness.js';

// The subject's "who received my data" report (PIPA Art. 35) end to end: a scripted history through
// the shop, partner and admin APIs over HTTP with signed tokens, then the report as GraphQL, as a
// JSON download and as HTML pages in Korean and English.
const NOW = '2026-03-01T03:00:00Z';
const HOUR = 60 * 60 * 1000;
const DAY = 24 * HOUR;
const at = (offsetMs: number) => new Date(Date.parse(NOW) + offsetMs).toISOString();
const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

const SUBJECT = 'rpt-member-0001';
const ORDER = 'RPT-ORDER-0001';
const CONSENT = 'rpt-consent-0001';
/** Personal values of the subject: none of them may appear in any rendering of the report. */
const PERSONAL = { name: '한보고', mobile: '010-0000-7001', email: 'bogo.han@example.net', address: '서울특별시 종로구 예시로 70', customsCode: 'P700000000001' };
const CORRECTED_ADDRESS = '서울특별시 중구 샘플길 71';

const OPERATIONS = {
  upsertSubject: loadOperation('shop/upsert-subject'),
  recordOrder: loadOperation('shop/record-order'),
  recordConsent: loadOperation('shop/record-consent'),
  confirmPurchase: loadOperation('shop/confirm-purchase'),
  requestCorrection: loadOperation('shop/request-correction'),
  applyCorrection: loadOperation('shop/apply-correction'),
  withdrawConsent: loadOperation('shop/withdraw-consent'),
} as const;
const REPORT = loadOperation('shop/provision-report');
const SELLER_ORDERS = loadOperation('partner/seller-orders');
const CUSTOMER_SERVICE = loadOperation('partner/order-for-customer-service');
const CUSTOMS = loadOperation('partner/customs-clearance');
const PUBLISH = loadOperation('admin/publish-agreement');

const SELLER_SCOPES = ['partner:read', 'pii:receiver.name', 'pii:receiver.phone', 'pii:receiver.address', 'pii:customsCode'];
const CUSTOMS_SCOPES = ['partner:read', 'pii:receiver.name', 'pii:receiver.address', 'pii:customsCode'];

/** A catalog key as the GraphQL report labels it. */
interface LabelledKey {
  key: string;
  labelEn?: string;
  labelKo?: string;
}
interface ReportPartner {
  code: string;
  name: string;
  kind: string;
  role: string;
  country: string;
  status: string;
  items: LabelledKey[];
  purposes: LabelledKey[];
  firstProvidedAt: string;
  lastProvidedAt: string;
  agreementVersions: number[];
  releases: { item: LabelledKey; purpose: LabelledKey; agreementVersion: number | null; firstAt: string; lastAt: string; times: number }[];
  consents: { shopConsentId: string; givenBy: string; agreementVersion: number; givenAt: string; withdrawnAt: string | null }[];
  engagements: { kind: string; shopId: string; windowOpen: boolean; windowClosesAt: string | null; closedReason: string | null }[];
  windowOpen: boolean;
  windowClosesAt: string | null;
  denials: { item: LabelledKey; reason: string; times: number }[];
  notices: { type: string; asksForDestruction: boolean; destroyedAt: string | null; createdAt: string }[];
}
interface ReportResult {
  provisionReport: { shopSubjectId: string; generatedAt: string; partners: ReportPartner[] } | null;
}

describe('the subject provision report', () => {
  let db: TestDatabase;
  let harness: GatewayHarness;
  const suite = useSeededGateway(NOW);

  const shopToken = (scopes = ['shop:read', 'shop:write']) => harness.token(DEMO_CLIENT_IDS.shopBackend, scopes);
  async function send<TData>(query: string, variables: Record<string, unknown>, bearer: string): Promise<GraphQLBody<TData>> {
    return (await harness.post<TData>({ query, variables }, bearer)).body;
  }
  async function shop(name: keyof typeof OPERATIONS, input: Record<string, unknown>): Promise<Record<string, unknown>> {
    const body = await send<Record<string, Record<string, unknown>>>(OPERATIONS[name], { input }, await shopToken());
    expect(body.errors).toBeUndefined();
    return Object.values(body.data ?? {})[0] ?? {};
  }
  async function asPartner(clientId: string, query: string, scopes: string[], variables: Record<string, unknown> = {}) {
    return send(query, variables, await harness.token(clientId, scopes));
  }
  const report = async (shopSubjectId = SUBJECT) =>
    send<ReportResult>(REPORT, { shopSubjectId }, await shopToken(['shop:read']));
  const download = async (path: string, headers: Record<string, string> = {}, bearer?: string) =>
    fetch(`${harness.base}${path}`, {
      headers: { ...headers, ...(bearer === null ? {} : { authorization: `Bearer ${bearer ?? (await shopToken(['shop:read']))}` }) },
    });

  beforeAll(async () => {
    ({ db, harness } = suite);
    const clock = harness.clock;
    clock.set(at(-10 * DAY));
    await shop('upsertSubject', { shopSubjectId: SUBJECT, kind: 'MEMBER', ...PERSONAL });
    const order = await shop('recordOrder', {
      shopOrderId: ORDER,
      buyerShopSubjectId: SUBJECT,
      receiverShopSubjectId: SUBJECT,
      sellerCode: 'hanbok-house',
      customsBrokerCode: 'incheon-customs-brokerage',
      orderedAt: at(-10 * DAY),
    });
    await shop('recordConsent', {
      shopConsentId: CONSENT,
      shopSubjectId: SUBJECT,
      partnerCode: 'hanbok-house',
      agreementVersion: 1,
      channel: 'WEB',
      wordingHash: sha256('MIKMIK seller consent v1'),
      givenAt: at(-10 * DAY),
    });

    // Releases by the seller (delivery, then customer service with buyer items it may not have) and the broker.
    clock.set(at(-9 * DAY));
    await asPartner(DEMO_CLIENT_IDS.hanbokHouse, SELLER_ORDERS, SELLER_SCOPES);
    await asPartner(DEMO_CLIENT_IDS.customsBroker, CUSTOMS, CUSTOMS_SCOPES);
    clock.set(at(-8 * DAY));
    await asPartner(DEMO_CLIENT_IDS.hanbokHouse, CUSTOMER_SERVICE, SELLER_SCOPES, { id: order['id'] });

    clock.set(at(-7 * DAY));
    await shop('confirmPurchase', { shopOrderId: ORDER, confirmedAt: at(-7 * DAY) });

    // The broker's agreement gets a second version; its next release is under it.
    clock.set(at(-6 * DAY));
    const broker = await db.orm.em.fork().findOneOrFail(Partner, { code: 'incheon-customs-brokerage' });
    const published = await send(
      PUBLISH,
      {
        input: {
          partnerId: broker.id,
          grants: ['customsCode', 'receiver.name', 'receiver.address', 'receiver.phone'].map((item) => ({ item, purpose: 'customs.clearance' })),
          retentionRule: 'P3M after purchase-confirmation',
          legalBasis: 'STATUTE',
          statute: 'customs-act.art-241',
          consentRequired: false,
        },
      },
      await harness.token(DEMO_CLIENT_IDS.privacyAdmin, ['admin:read', 'admin:write']),
    );
    expect(published.errors).toBeUndefined();
    clock.set(at(-5 * DAY));
    await asPartner(DEMO_CLIENT_IDS.customsBroker, CUSTOMS, CUSTOMS_SCOPES);

    clock.set(at(-4 * DAY));
    await shop('requestCorrection', { shopSubjectId: SUBJECT, items: ['address'], requestedAt: at(-4 * DAY) });
    clock.set(at(-4 * DAY + HOUR));
    await shop('applyCorrection', { shopSubjectId: SUBJECT, values: { address: CORRECTED_ADDRESS }, appliedAt: at(-4 * DAY + HOUR) });

    clock.set(at(-2 * DAY));
    await shop('withdrawConsent', { shopConsentId: CONSENT, withdrawnAt: at(-2 * DAY) });
    clock.set(NOW);
  });

  /** Three months after the purchase confirmation on the Seoul calendar: 2026-02-22 12:00 KST + 3 months. */
  const WINDOW_CLOSES = '2026-05-22T03:00:00.000Z';

  it('lists every partner that received the data, with items, purposes, times, versions, consents, windows and notices', async () => {
    const body = await report();
    expect(body.errors).toBeUndefined();
    const result = body.data!.provisionReport!;
    expect(result.shopSubjectId).toBe(SUBJECT);
    expect(result.partners.map((partner) => partner.code)).toEqual(['hanbok-house', 'incheon-customs-brokerage']);
    const [seller, broker] = result.partners;

    expect(seller).toMatchObject({
      nameKo: '한복하우스',
      nameEn: 'Hanbok House',
      kind: 'RECIPIENT',
      role: 'SELLER',
      country: 'KR',
      status: 'ACTIVE',
      firstProvidedAt: at(-9 * DAY),
      lastProvidedAt: at(-8 * DAY),
      agreementVersions: [1],
      consents: [{ shopConsentId: CONSENT, givenBy: 'SUBJECT', agreementVersion: 1, givenAt: at(-10 * DAY), withdrawnAt: at(-2 * DAY) }],
      // The consent was withdrawn: the decision releases nothing more, whatever the rule says.
      engagements: [{ kind: 'ORDER', shopId: ORDER, windowOpen: false, windowClosesAt: WINDOW_CLOSES, closedReason: 'CONSENT_WITHDRAWN' }],
      windowOpen: false,
      windowClosesAt: WINDOW_CLOSES,
    });
    expect(seller.items).toEqual([
      { key: 'customsCode', labelEn: 'personal customs clearance code', labelKo: '개인통관고유부호' },
      { key: 'receiver.name', labelEn: "receiver's name", labelKo: '수령인 성명' },
      { key: 'receiver.phone', labelEn: "receiver's contact number", labelKo: '수령인 연락처' },
      { key: 'receiver.address', labelEn: 'delivery address', labelKo: '배송지 주소' },
    ]);
    expect(seller.purposes.map((purpose) => [purpose.key, purpose.labelKo])).toEqual([
      ['order.delivery', '주문 상품 배송'],
      ['order.customer-service', '고객 상담 및 불만 처리'],
    ]);
    expect(seller.releases).toContainEqual({
      item: { key: 'receiver.name', labelKo: '수령인 성명' },
      purpose: { key: 'order.customer-service', labelKo: '고객 상담 및 불만 처리' },
      agreementVersion: 1,
      firstAt: at(-8 * DAY),
      lastAt: at(-8 * DAY),
      times: 1,
    });
    // The buyer's contact items were asked for and withheld: the seller's token has no scope for them.
    expect(seller.denials.map((denial) => [denial.item.key, denial.reason]).sort()).toEqual([
      ['email', 'SCOPE_MISSING'],
      ['mobile', 'SCOPE_MISSING'],
      ['name', 'SCOPE_MISSING'],
    ]);
    expect(seller.notices.map((notice) => [notice.type, notice.createdAt, notice.asksForDestruction, notice.destroyedAt])).toEqual([
      ['subject-corrected', at(-4 * DAY + HOUR), false, null],
      ['consent-withdrawn', at(-2 * DAY), true, null],
    ]);

    expect(broker).toMatchObject({
      role: 'CUSTOMS_BROKER',
      firstProvidedAt: at(-9 * DAY),
      lastProvidedAt: at(-5 * DAY),
      agreementVersions: [1, 2],
      consents: [],
      engagements: [{ kind: 'ORDER', shopId: ORDER, windowOpen: true, windowClosesAt: WINDOW_CLOSES, closedReason: null }],
      windowOpen: true,
      windowClosesAt: WINDOW_CLOSES,
      denials: [],
    });
    expect(broker.items.map((item) => item.key)).toEqual(['customsCode', 'receiver.name', 'receiver.address']);
    expect(broker.releases.filter((release) => release.agreementVersion === 2).map((release) => release.firstAt)).toEqual([
      at(-5 * DAY),
      at(-5 * DAY),
      at(-5 * DAY),
    ]);
    expect(broker.notices.map((notice) => notice.type)).toEqual(['subject-corrected']);
  });

  it('still answers the deprecated `en` / `ko` of a label, the same as `labelEn` / `labelKo`', async () => {
    const query = `query ($id: String!) { provisionReport(shopSubjectId: $id) { partners { items { key en ko labelEn labelKo } } } }`;
    type Labels = LabelledKey & { en: string; ko: string };
    const body = await send<{ provisionReport: { partners: { items: Labels[] }[] } }>(query, { id: SUBJECT }, await shopToken(['shop:read']));
    expect(body.errors).toBeUndefined();
    const items = body.data!.provisionReport.partners.flatMap((partner) => partner.items);
    expect(items.length).toBeGreaterThan(0);
    for (const item of items) expect({ key: item.key, en: item.en, ko: item.ko }).toEqual({ key: item.key, en: item.labelEn, ko: item.labelKo });
    expect(items.find((item) => item.key === 'receiver.name')).toMatchObject({ en: "receiver's name", ko: '수령인 성명' });
  });

  it("names whose consent covered a receiver's data: the orderer's", async () => {
    const [buyer, receiver] = ['rpt-gift-buyer', 'rpt-gift-receiver'];
    await shop('upsertSubject', { shopSubjectId: buyer, kind: 'MEMBER', ...PERSONAL, customsCode: undefined });
    await shop('upsertSubject', { shopSubjectId: receiver, kind: 'MEMBER', name: '선물받은', mobile: '010-0000-7002', address: '서울특별시 중구 예시로 72' });
    await shop('recordOrder', { shopOrderId: 'RPT-GIFT-0001', buyerShopSubjectId: buyer, receiverShopSubjectId: receiver, sellerCode: 'hanbok-house', orderedAt: NOW });
    await shop('recordConsent', {
      shopConsentId: 'rpt-gift-consent',
      shopSubjectId: buyer,
      partnerCode: 'hanbok-house',
      agreementVersion: 1,
      channel: 'WEB',
      wordingHash: sha256('MIKMIK seller consent v1'),
      givenAt: NOW,
    });
    await asPartner(DEMO_CLIENT_IDS.hanbokHouse, SELLER_ORDERS, SELLER_SCOPES);

    const [seller] = (await report(receiver)).data!.provisionReport!.partners;
    expect(seller!.consents).toEqual([{ shopConsentId: 'rpt-gift-consent', givenBy: 'ORDERER', agreementVersion: 1, givenAt: new Date(NOW).toISOString(), withdrawnAt: null }]);
    const page = await (await download(`/subjects/${receiver}/provision-report?lang=en`)).text();
    expect(page).toContain("the orderer&#39;s, covering you as the receiver");
    expect(page).not.toContain('no consent needed or recorded');
  });

  it('closes the window at its rule once the clock passes it', async () => {
    harness.clock.set('2026-05-22T03:00:00Z');
    const broker = (await report()).data!.provisionReport!.partners[1];
    expect(broker.engagements[0]).toMatchObject({ windowOpen: false, closedReason: 'WINDOW_CLOSED', windowClosesAt: WINDOW_CLOSES });
  });

  it('answers null for an unknown subject and for one nobody received data of, exactly like other shop queries', async () => {
    expect((await report('no-such-subject')).data).toEqual({ provisionReport: null });
    const guest = await report('member-0002');
    expect(guest.errors).toBeUndefined();
    expect(guest.data!.provisionReport).toMatchObject({ shopSubjectId: 'member-0002', partners: [] });
    const malformed = await report('not a shop id');
    expect(malformed.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'shopSubjectId' });
  });

  it("needs shop:read, or admin:read (the privacy officer's console answering an access request)", async () => {
    const refused = await send(REPORT, { shopSubjectId: SUBJECT }, await harness.token(DEMO_CLIENT_IDS.shopBackend, ['shop:write']));
    expect(refused.errors?.[0]?.extensions?.['code']).toBe('FORBIDDEN');
    const admin = await send(REPORT, { shopSubjectId: SUBJECT }, await harness.token(DEMO_CLIENT_IDS.privacyAdmin, ['admin:read']));
    expect(admin.errors).toBeUndefined();
  });

  describe('GET /subjects/:shopSubjectId/provision-report', () => {
    const path = `/subjects/${SUBJECT}/provision-report`;

    it('downloads the same report as JSON', async () => {
      const response = await download(path, { accept: 'application/json' });
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toMatch(/^application\/json/);
      expect(response.headers.get('content-disposition')).toBe(`attachment; filename=provision-report-${SUBJECT}.json`);
      expect(response.headers.get('cache-control')).toBe('no-store');
      const text = await response.text();
      const json = JSON.parse(text) as { partners: { code: string; firstProvidedAt: string; items: { key: string; en: string; ko: string }[]; agreementVersions: number[] }[] };
      expect(json.partners.map((partner) => [partner.code, partner.firstProvidedAt, partner.agreementVersions])).toEqual([
        ['hanbok-house', at(-9 * DAY), [1]],
        ['incheon-customs-brokerage', at(-9 * DAY), [1, 2]],
      ]);
      expect(json.partners[0].items[1]).toEqual({ key: 'receiver.name', en: "receiver's name", ko: '수령인 성명' });
      for (const value of [...Object.values(PERSONAL), CORRECTED_ADDRESS]) expect(text).not.toContain(value);
      expect((await download(`${path}?format=json`)).headers.get('content-type')).toMatch(/^application\/json/);
    });

    it('renders an HTML page in Korean by default and in English on request, without personal values', async () => {
      const ko = await download(path, { accept: 'text/html' });
      expect(ko.status).toBe(200);
      expect(ko.headers.get('content-type')).toMatch(/^text\/html/);
      expect(ko.headers.get('content-security-policy')).toContain("default-src 'none'");
      const page = await ko.text();
      expect(page).toContain('<html lang="ko">');
      for (const label of ['개인정보 제3자 제공 내역', '한복하우스', '수령인 성명', '주문 상품 배송', '동의 철회', '2026-05-22 12:00 (한국 시간)', CONSENT]) {
        expect(page).toContain(label);
      }
      const en = await (await download(`${path}?lang=en`)).text();
      expect(en).toContain('<html lang="en">');
      for (const label of [
        'Provision of your personal information to third parties',
        'from MIKMIK (demo shop)',
        'Questions about this report: Privacy officer (demo) · privacy@example.com · 02-0000-0000',
        'Hanbok House',
        "receiver&#39;s name",
        'delivery of ordered goods',
        'consent withdrawn: destroy',
        '2026-05-22 12:00 KST',
      ]) {
        expect(en).toContain(label);
      }
      for (const value of [...Object.values(PERSONAL), CORRECTED_ADDRESS]) {
        expect(page).not.toContain(value);
        expect(en).not.toContain(value);
      }
    });

    it('says why a notice has not reached the partner, and never calls a closed window still to close', async () => {
      // The seller's withdrawal notice given up after 8 failed deliveries (a dead letter), as the worker leaves it.
      await db.orm.em
        .fork()
        .getConnection()
        .execute(`update notices set status = 'DEAD', attempts = 8 where type = 'consent-withdrawn'`);
      const en = await (await download(`${path}?lang=en`)).text();
      expect(en).toContain('not delivered: given up after 8 attempts; the shop sends it again');
      expect(en).toContain('not yet (attempts so far: 0)');
      expect(en).toMatch(/<th>provision period<\/th><td>closed( · [^<]+)?<\/td>/);
      expect(en).not.toMatch(/closed · closes/);
      const ko = await (await download(path)).text();
      expect(ko).toContain('전달 실패: 8회 시도 후 중단, 쇼핑몰이 다시 보냅니다');
    });

    it('refuses without a token (401), without shop:read (403) and on bad input (400)', async () => {
      const anonymous = await download(path, {}, null as unknown as string);
      expect(anonymous.status).toBe(401);
      expect(anonymous.headers.get('www-authenticate')).toBe('Bearer');
      expect(await anonymous.json()).toEqual({ errors: [{ message: 'Invalid or missing access token', extensions: { code: 'UNAUTHENTICATED' } }] });

      const partner = await download(path, {}, await harness.token(DEMO_CLIENT_IDS.hanbokHouse, SELLER_SCOPES));
      expect(partner.status).toBe(403);
      expect(await partner.json()).toEqual({ errors: [{ message: 'missing scope shop:read', extensions: { code: 'FORBIDDEN' } }] });

      for (const [query, field] of [['lang=fr', 'lang'], ['format=md', 'format']] as const) {
        const bad = await download(`${path}?${query}`);
        expect(bad.status).toBe(400);
        expect(await bad.json()).toMatchObject({ errors: [{ extensions: { code: 'BAD_USER_INPUT', field } }] });
      }
      const malformed = await download('/subjects/not%20an%20id/provision-report');
      expect(malformed.status).toBe(400);
      expect(await malformed.json()).toMatchObject({ errors: [{ extensions: { code: 'BAD_USER_INPUT', field: 'shopSubjectId' } }] });
      expect((await download('/subjects/no-such-subject/provision-report')).status).toBe(404);
    });
  });
});
