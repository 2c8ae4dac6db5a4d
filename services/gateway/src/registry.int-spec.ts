import { Agreement, AgreementGrant, Client, DEMO_CLIENT_IDS, Partner, PartnerStatusChange } from '@provision/db';
import { type TestDatabase } from '@provision/testing';
import { type GatewayHarness, useSeededGateway } from './gateway.harness.js';
import { loadOperation } from './operations.harness.js';

// The admin registry end to end: HTTP, signed tokens, the real schema, real PostgreSQL.
const NOW = '2026-03-01T03:00:00Z';
const DAY = 24 * 60 * 60 * 1000;

interface PartnerResult {
  id: string;
  code: string;
  kind: string;
  status: string;
  parentId: string | null;
  clientIds: string[];
  statusHistory: { status: string; reason: string; effectiveAt: string; recordedBy: string }[];
  currentAgreement: { version: number; retentionRule: string } | null;
  agreements: { version: number }[];
}

const REGISTER = loadOperation('admin/register-partner');
const PUBLISH = loadOperation('admin/publish-agreement');
const PARTNERS = loadOperation('admin/partners');
const statusMutation = (action: 'suspend' | 'resume' | 'terminate') => loadOperation(`admin/${action}-partner`);

const recipient = (overrides: Record<string, unknown> = {}) => ({
  code: 'gangnam-outlet',
  nameKo: '(주)강남아울렛',
  nameEn: 'Gangnam Outlet Co., Ltd.',
  kind: 'RECIPIENT',
  role: 'SELLER',
  privacyContact: { name: 'Privacy Officer', email: 'privacy@gangnam-outlet.example', phone: '02-000-0000' },
  webhookUrl: 'https://hooks.gangnam-outlet.example/provision',
  clientIds: ['seller-gangnam-outlet'],
  ...overrides,
});

const deliveryAgreement = (partnerId: string, overrides: Record<string, unknown> = {}) => ({
  partnerId,
  grants: [
    { item: 'receiver.name', purpose: 'order.delivery' },
    { item: 'receiver.address', purpose: 'order.delivery' },
    { item: 'receiver.phone', purpose: 'order' },
  ],
  retentionRule: 'P3M after purchase-confirmation',
  legalBasis: 'CONSENT',
  consentRequired: true,
  ...overrides,
});

describe('admin registry over HTTP', () => {
  let db: TestDatabase;
  let harness: GatewayHarness;

  /** Sends an admin operation with a token minted at the clock's time (tests move the clock). */
  async function admin<TData>(query: string, variables: Record<string, unknown> = {}) {
    const adminToken = await harness.token(DEMO_CLIENT_IDS.privacyAdmin, ['admin:read', 'admin:write']);
    const { body } = await harness.post<TData>({ query, variables }, adminToken);
    return body;
  }

  /** Row counts of every registry table: a refused request must leave all of them as they were. */
  async function registryCounts() {
    const em = db.orm.em.fork();
    return {
      partners: await em.count(Partner),
      statusChanges: await em.count(PartnerStatusChange),
      agreements: await em.count(Agreement),
      grants: await em.count(AgreementGrant),
      clients: await em.count(Client),
    };
  }

  /** Runs a request that must be refused with BAD_USER_INPUT on `field`, and proves nothing changed. */
  async function expectRefused(query: string, input: Record<string, unknown>, field: string) {
    const before = await registryCounts();
    const body = await admin(query, { input });
    expect(body.data ?? null).toBeNull();
    expect(body.errors).toHaveLength(1);
    expect(body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
    expect(await registryCounts()).toEqual(before);
    return body.errors?.[0]?.message ?? '';
  }

  async function partnerByCode(code: string): Promise<PartnerResult> {
    const body = await admin<{ partners: PartnerResult[] }>(PARTNERS);
    const found = body.data?.partners.find((partner) => partner.code === code);
    if (!found) throw new Error(`partner ${code} not listed`);
    return found;
  }

  async function register(overrides: Record<string, unknown> = {}) {
    const body = await admin<{ registerPartner: { webhookSecret: string | null; partner: PartnerResult } }>(REGISTER, {
      input: recipient(overrides),
    });
    expect(body.errors).toBeUndefined();
    return body.data!.registerPartner;
  }

  const suite = useSeededGateway(NOW);
  beforeAll(() => ({ db, harness } = suite));

  describe('listing', () => {
    it('lists the demo partners with their agreement in force and status history', async () => {
      const hanbok = await partnerByCode('hanbok-house');
      expect(hanbok).toMatchObject({
        kind: 'RECIPIENT',
        status: 'ACTIVE',
        clientIds: [DEMO_CLIENT_IDS.hanbokHouse],
        currentAgreement: { version: 1, retentionRule: 'P3M after purchase-confirmation' },
      });
      expect(hanbok.statusHistory.map((change) => change.status)).toEqual(['ACTIVE']);
    });

    it('filters by kind and by the status in force', async () => {
      const consignees = await admin<{ partners: PartnerResult[] }>(
        '{ partners(filter: { kind: CONSIGNEE }) { code kind } }',
      );
      const codes = consignees.data!.partners.map((partner) => partner.code);
      expect(codes).toEqual(expect.arrayContaining(['ktis', 'korea-mobile-certification', 'impix-visionmeet']));
      expect(consignees.data!.partners.every((partner) => partner.kind === 'CONSIGNEE')).toBe(true);

      const suspended = await admin<{ partners: PartnerResult[] }>('{ partners(filter: { status: SUSPENDED }) { code } }');
      expect(suspended.data!.partners).toEqual([]);
    });

    it('answers null for an unknown partner id', async () => {
      const body = await admin<{ partner: PartnerResult | null }>('query ($id: ID!) { partner(id: $id) { code } }', {
        id: '00000000-0000-4000-8000-000000000000',
      });
      expect(body).toEqual({ data: { partner: null } });
      // Not even a uuid (a look-alike one here): the same null, not a database error.
      const malformed = await admin<{ partner: PartnerResult | null }>('query ($id: ID!) { partner(id: $id) { code } }', {
        id: '00000000-0000-4000-8000-00000000000О',
      });
      expect(malformed).toEqual({ data: { partner: null } });
    });

    it('serves the item and purpose catalogs with Korean labels', async () => {
      const body = await admin<{
        itemCatalog: { key: string; labelKo: string; sensitivity: string | null; grantable: boolean }[];
        purposeCatalog: { key: string; parent: string | null }[];
      }>('{ itemCatalog { key labelKo sensitivity grantable } purposeCatalog { key parent } }');
      const items = new Map(body.data!.itemCatalog.map((item) => [item.key, item]));
      expect(items.get('receiver.address')).toMatchObject({ labelKo: '배송지 주소', grantable: true });
      expect(items.get('receiver')).toMatchObject({ grantable: false });
      expect(items.get('customsCode')).toMatchObject({ sensitivity: 'unique-identifier' });
      expect(body.data!.purposeCatalog).toContainEqual({ key: 'order.delivery', parent: 'order' });
    });
  });

  describe('registering partners', () => {
    it('registers a recipient with its client ids and hands out the webhook secret once', async () => {
      const { partner, webhookSecret } = await register();
      expect(partner).toMatchObject({
        code: 'gangnam-outlet',
        status: 'ACTIVE',
        parentId: null,
        clientIds: ['seller-gangnam-outlet'],
        currentAgreement: null,
        statusHistory: [{ status: 'ACTIVE', reason: 'registered', effectiveAt: NOW.replace('Z', '.000Z'), recordedBy: 'privacy-admin' }],
      });
      expect(webhookSecret).toMatch(/^[A-Za-z0-9_-]{43}$/);
      const listed = await admin<{ partner: Record<string, unknown> }>(
        'query ($id: ID!) { partner(id: $id) { code webhookUrl } }',
        { id: partner.id },
      );
      expect(listed.data!.partner).toEqual({ code: 'gangnam-outlet', webhookUrl: 'https://hooks.gangnam-outlet.example/provision' });

      // The new client id is a registered client now: its token authenticates (and lacks admin scopes).
      const sellerToken = await harness.token('seller-gangnam-outlet', ['partner:read']);
      const asSeller = await harness.post({ query: 'query @purpose(code: "order") { partners { code } }' }, sellerToken);
      expect(asSeller.response.status).toBe(200);
      expect(asSeller.body.errors?.[0]?.extensions?.['code']).toBe('FORBIDDEN');
    });

    it('registers a re-consignee under a consignee', async () => {
      const ktis = await partnerByCode('ktis');
      const { partner } = await register({
        code: 'ktis-busan-center',
        nameKo: '(주)케이티아이에스 부산센터',
        nameEn: 'KTIS Busan call center',
        kind: 'CONSIGNEE',
        role: 'SUPPORT',
        parentPartnerId: ktis.id,
        consignedTaskKo: '콜센터 상담 초과 물량 처리',
        consignedTaskEn: 'Overflow call-center consultation',
        webhookUrl: null,
        clientIds: ['ktis-busan-center'],
      });
      expect(partner).toMatchObject({
        kind: 'CONSIGNEE',
        parentId: ktis.id,
        nameKo: '(주)케이티아이에스 부산센터',
        nameEn: 'KTIS Busan call center',
        consignedTaskKo: '콜센터 상담 초과 물량 처리',
        consignedTaskEn: 'Overflow call-center consultation',
      });
    });

    it('refuses a re-consignee whose parent is not a consignee', async () => {
      const hanbok = await partnerByCode('hanbok-house');
      const message = await expectRefused(
        REGISTER,
        recipient({
          code: 'sub-of-recipient',
          kind: 'CONSIGNEE',
          role: 'SUPPORT',
          consignedTaskKo: '포장',
          consignedTaskEn: 'packing',
          parentPartnerId: hanbok.id,
          clientIds: ['sub-of-recipient'],
        }),
        'parentPartnerId',
      );
      expect(message).toMatch(/consignee/);
    });

    it('refuses a recipient with a parent, a consignee without its task in either language, a recipient with one, and an unknown parent', async () => {
      const ktis = await partnerByCode('ktis');
      await expectRefused(REGISTER, recipient({ code: 'r-with-parent', parentPartnerId: ktis.id, clientIds: ['r-with-parent'] }), 'parentPartnerId');
      await expectRefused(
        REGISTER,
        recipient({ code: 'no-task', kind: 'CONSIGNEE', role: 'SUPPORT', clientIds: ['no-task'] }),
        'consignedTaskKo',
      );
      await expectRefused(
        REGISTER,
        recipient({ code: 'no-task', kind: 'CONSIGNEE', role: 'SUPPORT', consignedTaskKo: '시스템 유지보수', clientIds: ['no-task'] }),
        'consignedTaskEn',
      );
      await expectRefused(REGISTER, recipient({ code: 'task-recipient', consignedTaskEn: 'packing', clientIds: ['task-recipient'] }), 'consignedTaskEn');
      await expectRefused(
        REGISTER,
        recipient({
          code: 'orphan',
          kind: 'CONSIGNEE',
          role: 'SUPPORT',
          consignedTaskKo: '가',
          consignedTaskEn: 'x',
          parentPartnerId: '00000000-0000-4000-8000-000000000000',
          clientIds: ['orphan'],
        }),
        'parentPartnerId',
      );
    });

    it('refuses a taken code or client id, and a client id listed twice', async () => {
      await expectRefused(REGISTER, recipient({ code: 'hanbok-house', clientIds: ['fresh-client'] }), 'code');
      await expectRefused(REGISTER, recipient({ code: 'fresh-code', clientIds: ['fresh-client', DEMO_CLIENT_IDS.sisWebfax] }), 'clientIds[1]');
      await expectRefused(REGISTER, recipient({ code: 'fresh-code', clientIds: ['twice-client', 'twice-client'] }), 'clientIds[1]');
    });

    it('validates formats at the edge and names the field', async () => {
      await expectRefused(REGISTER, recipient({ code: 'Bad Code!' }), 'code');
      await expectRefused(REGISTER, recipient({ code: 'mail-check', privacyContact: { name: 'x', email: 'not-an-email' } }), 'privacyContact.email');
      await expectRefused(REGISTER, recipient({ code: 'country-check', country: 'korea' }), 'country');
      await expectRefused(REGISTER, recipient({ code: 'hook-check', webhookUrl: 'http://hooks.example.com/x' }), 'webhookUrl');
      await expectRefused(REGISTER, recipient({ code: 'no-clients', clientIds: [] }), 'clientIds');
      await expectRefused(REGISTER, recipient({ code: 'enum-check', kind: 'FRIEND' }), 'kind');
    });
  });

  describe('publishing agreements', () => {
    let partnerId: string;

    beforeAll(async () => {
      ({ id: partnerId } = (await register({ code: 'jeju-tangerine', clientIds: ['seller-jeju-tangerine'] })).partner);
    });

    it('publishes immutable versions; the newest in force is current', async () => {
      const first = await admin<{ publishAgreement: Record<string, unknown> }>(PUBLISH, { input: deliveryAgreement(partnerId) });
      expect(first.errors).toBeUndefined();
      expect(first.data!.publishAgreement).toMatchObject({
        version: 1,
        retentionRule: 'P3M after purchase-confirmation',
        retentionEn: '3 months after purchase confirmation',
        retentionKo: '구매확정 후 3개월',
        legalBasis: 'CONSENT',
        consentRequired: true,
        publishedBy: 'privacy-admin',
      });
      expect(first.data!.publishAgreement['grants']).toEqual([
        { item: 'receiver.address', purpose: 'order.delivery' },
        { item: 'receiver.name', purpose: 'order.delivery' },
        { item: 'receiver.phone', purpose: 'order' },
      ]);

      const second = await admin<{ publishAgreement: { version: number } }>(PUBLISH, {
        input: deliveryAgreement(partnerId, { grants: [{ item: 'customsCode', purpose: 'order.delivery' }] }),
      });
      expect(second.data!.publishAgreement.version).toBe(2);

      const partner = await partnerByCode('jeju-tangerine');
      expect(partner.currentAgreement?.version).toBe(2);
      expect(partner.agreements.map((agreement) => agreement.version)).toEqual([2, 1]);
      const grantsOfFirst = await db.orm.em.fork().find(AgreementGrant, { agreement: { partner: partnerId, version: 1 } });
      expect(grantsOfFirst.map((grant) => grant.item).sort()).toEqual(['receiver.address', 'receiver.name', 'receiver.phone']);

      // The partner's client may now ask for the granted items (scope lets it ask; the agreement decides).
      const client = await db.orm.em.fork().findOneOrFail(Client, { clientId: 'seller-jeju-tangerine' });
      expect(client.allowedScopes).toEqual(
        expect.arrayContaining(['partner:read', 'pii:receiver.name', 'pii:receiver.address', 'pii:receiver.phone', 'pii:customsCode']),
      );
    });

    it('keeps a future-dated version out of force until its date', async () => {
      const effectiveFrom = new Date(Date.parse(NOW) + 7 * DAY).toISOString();
      const published = await admin<{ publishAgreement: { version: number } }>(PUBLISH, {
        input: deliveryAgreement(partnerId, { retentionRule: 'P1M after purchase-confirmation', effectiveFrom }),
      });
      const version = published.data!.publishAgreement.version;
      expect((await partnerByCode('jeju-tangerine')).currentAgreement?.version).toBe(version - 1);
      harness.clock.set(effectiveFrom);
      expect((await partnerByCode('jeju-tangerine')).currentAgreement).toEqual({
        version,
        retentionRule: 'P1M after purchase-confirmation',
        legalBasis: 'CONSENT',
        statute: null,
        legalBasisKo: '정보주체의 동의 (개인정보 보호법 제17조제1항제1호)',
      });
    });

    it('refuses bad drafts, naming the field, and publishes nothing', async () => {
      await expectRefused(PUBLISH, deliveryAgreement(partnerId, { grants: [] }), 'grants');
      await expectRefused(
        PUBLISH,
        deliveryAgreement(partnerId, { grants: [{ item: 'shoeSize', purpose: 'order.delivery' }] }),
        'grants[0].item',
      );
      await expectRefused(
        PUBLISH,
        deliveryAgreement(partnerId, {
          grants: [
            { item: 'receiver.name', purpose: 'order.delivery' },
            { item: 'receiver.name', purpose: 'marketing' },
          ],
        }),
        'grants[1].purpose',
      );
      const message = await expectRefused(PUBLISH, deliveryAgreement(partnerId, { retentionRule: 'three months' }), 'retentionRule');
      expect(message.length).toBeLessThan(300);
      await expectRefused(PUBLISH, deliveryAgreement(partnerId, { consentRequired: false }), 'consentRequired');
      await expectRefused(PUBLISH, deliveryAgreement('00000000-0000-4000-8000-000000000000'), 'partnerId');
      await expectRefused(
        PUBLISH,
        deliveryAgreement(partnerId, { effectiveFrom: new Date(Date.parse(NOW) - DAY).toISOString() }),
        'effectiveFrom',
      );
    });

    it('publishes a STATUTE basis naming its article, and refuses one without an article or with an act', async () => {
      const broker = (await register({ code: 'gimpo-customs', role: 'CUSTOMS_BROKER', clientIds: ['gimpo-customs'] })).partner.id;
      const published = await admin<{ publishAgreement: Record<string, unknown> }>(PUBLISH, {
        input: deliveryAgreement(broker, { legalBasis: 'STATUTE', consentRequired: false, statute: 'customs-act.art-241' }),
      });
      expect(published.errors).toBeUndefined();
      expect(published.data!.publishAgreement).toMatchObject({
        legalBasis: 'STATUTE',
        statute: 'customs-act.art-241',
        legalBasisKo: '관세법 제241조(수출·수입 또는 반송의 신고) — 법률의 특별한 규정 (개인정보 보호법 제17조제1항제2호)',
        legalBasisEn: 'Customs Act, Art. 241 (import and export declarations) — special provision of law (PIPA Art. 17(1)2)',
      });
      await expectRefused(PUBLISH, deliveryAgreement(partnerId, { legalBasis: 'STATUTE', consentRequired: false }), 'statute');
      await expectRefused(
        PUBLISH,
        deliveryAgreement(partnerId, { legalBasis: 'STATUTE', consentRequired: false, statute: 'customs-act' }),
        'statute',
      );
      await expectRefused(PUBLISH, deliveryAgreement(partnerId, { statute: 'customs-act.art-241' }), 'statute');
    });

    it("refuses to grant one of the shop's own duties (a statutory purpose) to a partner", async () => {
      await expectRefused(
        PUBLISH,
        deliveryAgreement(partnerId, { grants: [{ item: 'receiver.name', purpose: 'statutory.investigation' }] }),
        'grants[0].purpose',
      );
    });

    it('refuses a consent basis for a consignee', async () => {
      const ktis = await partnerByCode('ktis');
      await expectRefused(
        PUBLISH,
        deliveryAgreement(ktis.id, { grants: [{ item: 'name', purpose: 'support.call-center' }] }),
        'legalBasis',
      );
    });
  });

  describe('suspending, resuming and terminating', () => {
    it('suspends and resumes, keeping every change with its reason', async () => {
      const { id } = (await register({ code: 'mapo-books', clientIds: ['seller-mapo-books'] })).partner;
      const suspended = await admin<{ suspendPartner: PartnerResult }>(statusMutation('suspend'), {
        input: { partnerId: id, reason: 'late destruction report' },
      });
      expect(suspended.data!.suspendPartner.status).toBe('SUSPENDED');
      await expectRefused(statusMutation('suspend'), { partnerId: id, reason: 'again' }, 'partnerId');

      const resumed = await admin<{ resumePartner: PartnerResult }>(statusMutation('resume'), {
        input: { partnerId: id, reason: 'report received' },
      });
      expect(resumed.data!.resumePartner.status).toBe('ACTIVE');
      expect(resumed.data!.resumePartner.statusHistory.map(({ status, reason }) => [status, reason])).toEqual([
        ['ACTIVE', 'registered'],
        ['SUSPENDED', 'late destruction report'],
        ['ACTIVE', 'report received'],
      ]);
      await expectRefused(statusMutation('resume'), { partnerId: id, reason: 'not suspended' }, 'partnerId');
    });

    it('terminates at the effective time, for good', async () => {
      const { id } = (await register({ code: 'itaewon-vintage', clientIds: ['seller-itaewon-vintage'] })).partner;
      const at = new Date(Date.parse(NOW) + 30 * DAY).toISOString();
      const planned = await admin<{ terminatePartner: PartnerResult }>(statusMutation('terminate'), {
        input: { partnerId: id, reason: 'contract ends', effectiveAt: at },
      });
      expect(planned.data!.terminatePartner.status).toBe('ACTIVE');

      harness.clock.set(at);
      expect((await partnerByCode('itaewon-vintage')).status).toBe('TERMINATED');
      await expectRefused(statusMutation('resume'), { partnerId: id, reason: 'changed our mind' }, 'partnerId');
      await expectRefused(statusMutation('terminate'), { partnerId: id, reason: 'twice' }, 'partnerId');
      await expectRefused(PUBLISH, deliveryAgreement(id), 'partnerId');
    });

    it('refuses an unknown partner and an effective time far in the past', async () => {
      await expectRefused(
        statusMutation('suspend'),
        { partnerId: '00000000-0000-4000-8000-000000000000', reason: 'x' },
        'partnerId',
      );
      const hanbok = await partnerByCode('hanbok-house');
      await expectRefused(
        statusMutation('suspend'),
        { partnerId: hanbok.id, reason: 'x', effectiveAt: new Date(Date.parse(NOW) - DAY).toISOString() },
        'effectiveAt',
      );
    });
  });
});
