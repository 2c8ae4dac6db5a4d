import { DEMO_CLIENT_IDS, Partner } from '@provision/db';
import { type TestDatabase } from '@provision/testing';
import { type GatewayHarness, type GraphQLBody, useSeededGateway } from './gateway.harness.js';
import { loadOperation } from './operations.harness.js';

// The published disclosure tables (PIPA Art. 17(2), 26(2)) over HTTP, without a token: generated
// from the live registry, as in force now or on a past or future date, in three renderings.
const NOW = '2026-03-01T03:00:00Z';
const DAY = 24 * 60 * 60 * 1000;
const at = (offsetMs: number) => new Date(Date.parse(NOW) + offsetMs).toISOString();

const REGISTER = loadOperation('admin/register-partner');
const PUBLISH = loadOperation('admin/publish-agreement');
const TERMINATE = loadOperation('admin/terminate-partner');

/** A name as an admin might (mis)type it: every rendering must show it as text. */
const EVIL_NAME = 'Night <script>alert(1)</script> | *Calls* & Co';

interface Label {
  en: string;
  ko: string;
}
interface Row {
  code: string;
  name: Label;
  country: string;
  overseas: boolean;
  agreementVersion: number;
  items: { key: string }[];
  purposes: { key: string }[];
  retention: { rule: string; label: Label };
  legalBasis: string;
  statute: string | null;
  legalBasisLabel: Label;
}
interface Tables {
  asOf: string;
  recipients: Row[];
  consignees: (Row & { consignedTask: Label | null; reconsignees: (Row & { consignedTask: Label | null })[] })[];
}

describe('GET /disclosure', () => {
  let db: TestDatabase;
  let harness: GatewayHarness;
  const suite = useSeededGateway(NOW);

  async function admin(query: string, input: Record<string, unknown>): Promise<GraphQLBody<Record<string, Record<string, unknown>>>> {
    const token = await harness.token(DEMO_CLIENT_IDS.privacyAdmin, ['admin:read', 'admin:write']);
    const { body } = await harness.post<Record<string, Record<string, unknown>>>({ query, variables: { input } }, token);
    expect(body.errors).toBeUndefined();
    return body;
  }
  const get = (query = '', headers: Record<string, string> = {}) => fetch(`${harness.base}/disclosure${query}`, { headers });
  async function tables(query = ''): Promise<Tables> {
    const response = await get(query, { accept: 'application/json' });
    expect(response.status).toBe(200);
    return (await response.json()) as Tables;
  }
  const partnerId = async (code: string) => (await db.orm.em.fork().findOneOrFail(Partner, { code })).id;

  beforeAll(async () => {
    ({ db, harness } = suite);
    // A re-consignee of KTIS abroad, registered now; a new seller agreement from the day after
    // tomorrow; a seller whose partnership ends tomorrow.
    const registered = await admin(REGISTER, {
      code: 'night-calls',
      nameKo: EVIL_NAME,
      nameEn: EVIL_NAME,
      kind: 'CONSIGNEE',
      role: 'SUPPORT',
      parentPartnerId: await partnerId('ktis'),
      consignedTaskKo: '야간 전화 응대',
      consignedTaskEn: 'Night-time call answering',
      country: 'JP',
      overseasTransferBasis: 'consignment disclosed in the privacy policy (Art. 28-8(1)3)',
      privacyContact: { name: 'Privacy Officer', email: 'privacy@night-calls.example' },
      clientIds: ['night-calls'],
    });
    const nightCalls = (registered.data!['registerPartner']['partner'] as { id: string }).id;
    await admin(PUBLISH, {
      partnerId: nightCalls,
      grants: [{ item: 'name', purpose: 'support.call-center' }, { item: 'mobile', purpose: 'support.call-center' }],
      retentionRule: 'until partnership-termination',
      legalBasis: 'CONTRACT',
      consentRequired: false,
    });
    await admin(PUBLISH, {
      partnerId: await partnerId('hanbok-house'),
      grants: ['receiver.name', 'receiver.phone', 'receiver.address'].map((item) => ({ item, purpose: 'order.delivery' })),
      retentionRule: 'P1M after purchase-confirmation',
      legalBasis: 'CONSENT',
      consentRequired: true,
      effectiveFrom: at(2 * DAY),
    });
    await admin(TERMINATE, { partnerId: await partnerId('seoul-sneakers'), reason: 'partnership ended', effectiveAt: at(DAY) });
  });

  it('lists recipients and consignees with purposes, items and retention in words, re-consignees under their consignee', async () => {
    const now = await tables();
    expect(now.asOf).toBe(new Date(NOW).toISOString());
    expect(now.recipients.map((row) => row.code)).toEqual([
      'hanbok-house',
      'incheon-customs-brokerage',
      'kt-mhows',
      'seoul-information-system',
      'seoul-sneakers',
      'skin-dermatech',
    ]);
    expect(now.recipients[0]).toMatchObject({
      name: { ko: '한복하우스', en: 'Hanbok House' },
      agreementVersion: 1,
      retention: { rule: 'P3M after purchase-confirmation', label: { en: '3 months after purchase confirmation', ko: '구매확정 후 3개월' } },
    });
    expect(now.recipients[0].items.map((item) => item.key)).toEqual(['customsCode', 'receiver.name', 'receiver.phone', 'receiver.address']);
    expect(now.recipients[0].purposes.map((purpose) => purpose.key)).toEqual(['order.delivery', 'order.customer-service']);
    expect(now.consignees.map((row) => [row.code, row.consignedTask?.ko, row.consignedTask?.en])).toEqual([
      ['impix-visionmeet', '시스템 유지보수', 'System maintenance'],
      [
        'korea-mobile-certification',
        '휴대폰 본인확인 대행, 연계정보(CI)·중복가입확인정보(DI) 전달',
        'Mobile phone identity certification; connection information (CI) and duplication information (DI)',
      ],
      [
        'ktis',
        '서비스 관련 상담, 불만 처리, 가입·해지 관련 고객 응대',
        'Consultation related to service, handling of complaints, and responding to customers in relation to subscription and cancellation',
      ],
    ]);
    // The legal basis names the statute: the customs broker's import declarations rest on the Customs Act.
    expect(now.recipients.find((row) => row.code === 'incheon-customs-brokerage')).toMatchObject({
      legalBasis: 'STATUTE',
      statute: 'customs-act.art-241',
      legalBasisLabel: { ko: expect.stringContaining('관세법 제241조'), en: expect.stringContaining('Customs Act, Art. 241') },
    });
    expect(now.consignees[2].retention.label.ko).toBe('제휴 종료(계약 해지) 시까지');
    expect(now.consignees[2].reconsignees).toEqual([
      expect.objectContaining({
        code: 'night-calls',
        name: { ko: EVIL_NAME, en: EVIL_NAME },
        country: 'JP',
        overseas: true,
        consignedTask: { ko: '야간 전화 응대', en: 'Night-time call answering' },
      }),
    ]);
  });

  it('drops a terminated partner from its termination on and shows a new agreement version from its effective date', async () => {
    const afterTermination = await tables(`?asOf=${encodeURIComponent(at(DAY))}`);
    expect(afterTermination.recipients.map((row) => row.code)).not.toContain('seoul-sneakers');
    expect(afterTermination.recipients[0]).toMatchObject({ code: 'hanbok-house', agreementVersion: 1 });
    const justBefore = await tables(`?asOf=${encodeURIComponent(at(DAY - 1))}`);
    expect(justBefore.recipients.map((row) => row.code)).toContain('seoul-sneakers');

    // A calendar day means the end of that day in Seoul: the version effective that noon is shown.
    const newVersion = await tables('?asOf=2026-03-03');
    expect(newVersion.asOf).toBe('2026-03-03T14:59:59.999Z');
    expect(newVersion.recipients[0]).toMatchObject({
      agreementVersion: 2,
      retention: { rule: 'P1M after purchase-confirmation', label: { en: '1 month after purchase confirmation', ko: '구매확정 후 1개월' } },
    });
    expect(newVersion.recipients[0].items.map((item) => item.key)).toEqual(['receiver.name', 'receiver.phone', 'receiver.address']);

    harness.clock.set(at(3 * DAY));
    const later = await tables();
    expect(later.recipients.map((row) => [row.code, row.agreementVersion])).toEqual([
      ['hanbok-house', 2],
      ['incheon-customs-brokerage', 1],
      ['kt-mhows', 1],
      ['seoul-information-system', 1],
      ['skin-dermatech', 1],
    ]);
  });

  it('shows what the policy said on a past day', async () => {
    const past = await tables('?asOf=2026-02-28');
    expect(past.recipients.map((row) => row.code)).toContain('seoul-sneakers');
    expect(past.recipients[0]).toMatchObject({ code: 'hanbok-house', agreementVersion: 1 });
    expect(past.consignees.find((row) => row.code === 'ktis')!.reconsignees).toEqual([]);
    const beforeAnyPartner = await tables('?asOf=2025-01-01');
    expect(beforeAnyPartner).toMatchObject({ recipients: [], consignees: [] });
  });

  it('renders HTML in Korean by default and in English, escaping what admins typed, with cache headers and no token', async () => {
    const response = await get();
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/html; charset=utf-8/);
    expect(response.headers.get('cache-control')).toBe('public, max-age=300');
    expect(response.headers.get('vary')).toBe('Accept');
    expect(response.headers.get('content-security-policy')).toContain("default-src 'none'");
    const ko = await response.text();
    for (const text of [
      '개인정보의 제3자 제공 (개인정보 보호법 제17조)',
      '제공받는 자의 보유·이용 기간',
      '구매확정 후 3개월',
      '수탁자',
      '재수탁자',
      '배송지 주소',
      '(주)케이티아이에스',
      '시스템 유지보수',
      '관세법 제241조',
    ]) {
      expect(ko).toContain(text);
    }
    // The Korean page is Korean: no English name or consigned task of a partner that has a Korean one.
    for (const text of ['System maintenance', 'KTIS', 'Hanbok House']) expect(ko).not.toContain(text);
    expect(ko).not.toContain('<script>');
    expect(ko).toContain('Night &lt;script&gt;alert(1)&lt;/script&gt; | *Calls* &amp; Co (국가: JP): 야간 전화 응대');

    const en = await (await get('?lang=en')).text();
    for (const text of [
      'Provision to third parties (PIPA Art. 17)',
      '3 months after purchase confirmation',
      'consigned task',
      're-consignees',
      'delivery address',
      'System maintenance',
      'Customs Act, Art. 241',
    ]) {
      expect(en).toContain(text);
    }
  });

  it('renders Markdown on ?format=md', async () => {
    const response = await get('?format=md&lang=ko');
    expect(response.headers.get('content-type')).toMatch(/^text\/markdown; charset=utf-8/);
    const text = await response.text();
    expect(text).toContain('| 제공받는 자 | 제공받는 자의 이용 목적 | 제공하는 개인정보 항목 | 제공받는 자의 보유·이용 기간 | 법적 근거 |');
    expect(text).toMatch(
      /^\| 한복하우스 \| 주문 상품 배송, 고객 상담 및 불만 처리 \| 개인통관고유부호, 수령인 성명, 수령인 연락처, 배송지 주소 \| 구매확정 후 3개월 \| 정보주체의 동의 \\\(개인정보 보호법 제17조제1항제1호\\\) \|$/m,
    );
    expect(text).toContain('Night &lt;script&gt;alert\\(1\\)&lt;/script&gt; \\| \\*Calls\\* &amp; Co');
  });

  it('refuses bad parameters with 400 and the field', async () => {
    for (const [query, field] of [
      ['?lang=fr', 'lang'],
      ['?format=xml', 'format'],
      ['?asOf=2026-02-30', 'asOf'],
      ['?asOf=2026-02-28T10:00:00', 'asOf'],
    ] as const) {
      const response = await get(query);
      expect(response.status).toBe(400);
      expect(await response.json()).toMatchObject({ errors: [{ extensions: { code: 'BAD_USER_INPUT', field } }] });
    }
  });
});
