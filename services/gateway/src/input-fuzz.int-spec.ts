import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { DEMO_CLIENT_IDS, Notice, Partner } from '@provision/db';
import { type GraphQLBody, useSeededGateway } from './gateway.harness.js';
import { loadOperation } from './operations.harness.js';

// Fuzzing the shop and admin mutations over HTTP with real tokens (fast-check). Each case takes a
// mutation's valid input, corrupts exactly one field with a hostile value and checks that the
// gateway answers with HTTP 200 or 400, never INTERNAL_SERVER_ERROR, that a refusal is
// BAD_USER_INPUT naming that field (`extensions.field`, the path inside `input`), that a refused
// request changed no table, and that the process keeps serving.
// `FUZZ_RUNS` sets the cases per mutation (default 50); `FC_SEED=<n>` replays a failing run.
const NOW = '2026-03-01T03:00:00Z';
const RUNS = Number(process.env['FUZZ_RUNS'] ?? 50);
const SEED = process.env['FC_SEED'] ? { seed: Number(process.env['FC_SEED']) } : {};
const at = (minutesAgo: number) => new Date(Date.parse(NOW) - minutesAgo * 60_000).toISOString();
const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

type Json = string | number | boolean | null | Json[] | { [key: string]: Json };
type Input = { [key: string]: Json };

interface MutationCase {
  operation: string;
  client: 'shop' | 'admin';
  /** A valid input; `n` makes the ids of a new record unique per case. */
  input: (n: number) => Input;
  /**
   * Fields whose text may legitimately hold SQL, markup or look-alike characters (names, addresses,
   * reasons, the shop's opaque values): such values may be accepted. Everything else must refuse them.
   */
  lenient: readonly string[];
}

const state = { partnerId: '', consentId: 'FZ-CNS-BASE', noticeId: '' };

const MUTATIONS: readonly MutationCase[] = [
  {
    operation: 'shop/upsert-subject',
    client: 'shop',
    input: (n) => ({
      shopSubjectId: `fz-subject-${n}`,
      kind: 'MEMBER',
      name: '김민수',
      mobile: '010-0000-1234',
      email: 'kim.minsu@example.com',
      address: '서울특별시 예시구 샘플로 1',
      birthDate: '1990-01-02',
      gender: 'M',
      memberId: `kimminsu${n}`,
      companyName: '예시상사',
      customsCode: 'P123456789012',
      under14: false,
    }),
    lenient: ['name', 'address', 'gender', 'memberId', 'companyName'],
  },
  {
    operation: 'shop/record-order',
    client: 'shop',
    input: (n) => ({
      shopOrderId: `FZ-ORD-${n}`,
      buyerShopSubjectId: 'member-0001',
      receiverShopSubjectId: 'receiver-0001',
      sellerCode: 'hanbok-house',
      customsBrokerCode: 'incheon-customs-brokerage',
      orderedAt: at(60),
      status: 'PAID',
    }),
    lenient: [],
  },
  {
    operation: 'shop/record-order-status',
    client: 'shop',
    input: () => ({ shopOrderId: 'MIK-DEMO-0003', status: 'SHIPPED', occurredAt: at(30) }),
    lenient: [],
  },
  {
    operation: 'shop/confirm-purchase',
    client: 'shop',
    input: () => ({ shopOrderId: 'FZ-ORD-CONFIRM', confirmedAt: at(10) }),
    lenient: [],
  },
  {
    operation: 'shop/record-consent',
    client: 'shop',
    input: (n) => ({
      shopConsentId: `FZ-CNS-${n}`,
      shopSubjectId: 'member-0002',
      partnerCode: 'hanbok-house',
      agreementVersion: 1,
      channel: 'WEB',
      wordingHash: sha256('wording'),
      givenAt: at(60),
    }),
    lenient: [],
  },
  {
    operation: 'shop/withdraw-consent',
    client: 'shop',
    input: () => ({ shopConsentId: state.consentId, withdrawnAt: at(5) }),
    lenient: [],
  },
  {
    operation: 'shop/start-subscription',
    client: 'shop',
    input: (n) => ({
      shopSubscriptionId: `FZ-SUB-${n}`,
      shopSubjectId: 'member-0002',
      partnerCode: 'kt-mhows',
      purpose: 'service.gift-voucher',
      startedAt: at(60),
    }),
    lenient: [],
  },
  {
    operation: 'shop/end-subscription',
    client: 'shop',
    input: () => ({ shopSubscriptionId: 'SUB-DEMO-0001', endedAt: at(5) }),
    lenient: [],
  },
  {
    operation: 'shop/open-support-case',
    client: 'shop',
    input: (n) => ({
      shopCaseId: `FZ-CASE-${n}`,
      shopSubjectId: 'member-0001',
      partnerCode: 'ktis',
      purpose: 'support.call-center',
      shopOrderId: 'MIK-DEMO-0001',
      openedAt: at(60),
    }),
    lenient: [],
  },
  {
    operation: 'shop/close-support-case',
    client: 'shop',
    input: () => ({ shopCaseId: 'CASE-DEMO-0001', closedAt: at(5) }),
    lenient: [],
  },
  {
    operation: 'shop/suspend-processing',
    client: 'shop',
    input: () => ({ shopSubjectId: 'member-0002', partnerCodes: ['hanbok-house'], reason: '마케팅 목적 처리 거부', requestedAt: at(20) }),
    lenient: ['reason'],
  },
  {
    operation: 'shop/resume-processing',
    client: 'shop',
    input: () => ({ shopSubjectId: 'member-0002', partnerCodes: ['hanbok-house'], resumedAt: at(10) }),
    lenient: [],
  },
  {
    operation: 'shop/request-correction',
    client: 'shop',
    input: () => ({ shopSubjectId: 'guest-0001', items: ['address'], requestedAt: at(20) }),
    lenient: [],
  },
  {
    operation: 'shop/apply-correction',
    client: 'shop',
    input: () => ({ shopSubjectId: 'guest-0001', values: { address: '서울특별시 예시구 샘플로 9' }, appliedAt: at(10) }),
    lenient: ['values.address'],
  },
  {
    operation: 'shop/withdraw-membership',
    client: 'shop',
    input: () => ({ shopSubjectId: 'fz-member-leaving', withdrawnAt: at(5) }),
    lenient: [],
  },
  {
    operation: 'admin/register-partner',
    client: 'admin',
    input: (n) => ({
      code: `fz-partner-${n}`,
      nameKo: '퍼즈파트너(주)',
      nameEn: 'Fuzz Partner Co.',
      kind: 'RECIPIENT',
      role: 'SELLER',
      country: 'KR',
      privacyContact: { name: '홍길동', email: 'privacy@fuzz.example', phone: '02-0000-0000' },
      webhookUrl: 'https://fuzz.example/notices',
      clientIds: [`fz-client-${n}`],
    }),
    lenient: ['nameKo', 'nameEn', 'privacyContact.name'],
  },
  {
    operation: 'admin/publish-agreement',
    client: 'admin',
    input: () => ({
      partnerId: state.partnerId,
      grants: [{ item: 'receiver.name', purpose: 'order.delivery' }],
      retentionRule: 'P3M after purchase-confirmation',
      legalBasis: 'CONSENT',
      consentRequired: true,
      dailySubjectCeiling: 1000,
      rateCapacity: 100,
      rateRefillPerMinute: 60,
    }),
    lenient: [],
  },
  {
    operation: 'admin/record-destruction',
    client: 'admin',
    input: () => ({ noticeId: state.noticeId, destroyedAt: at(0), method: 'SHREDDED' }),
    lenient: [],
  },
];

const caseOf = (operation: string): MutationCase => MUTATIONS.find((mutation) => mutation.operation === operation)!;

/** Every leaf of an input with its path as `extensions.field` writes it: `grants[0].item`, `privacyContact.email`. */
function leaves(value: Json, path = ''): { path: string; value: Json }[] {
  if (Array.isArray(value)) return value.flatMap((element, index) => leaves(element, `${path}[${index}]`));
  if (value !== null && typeof value === 'object') {
    return Object.entries(value).flatMap(([key, child]) => leaves(child, path === '' ? key : `${path}.${key}`));
  }
  return [{ path, value }];
}

/** A copy of `input` with the leaf at `path` replaced. */
function replaced(input: Input, path: string, value: Json): Input {
  const copy = structuredClone(input);
  const keys = path.split(/\.|\[(\d+)\]/).filter((key) => key !== undefined && key !== '');
  let node = copy as Record<string, Json>;
  for (const key of keys.slice(0, -1)) node = node[key] as Record<string, Json>;
  node[keys.at(-1)!] = value;
  return copy;
}

type Category = 'wrong type' | 'huge' | 'control' | 'markup or SQL' | 'look-alike';
/** Categories every field must refuse; the others only fields that are not lenient. */
const ALWAYS_REFUSED: ReadonlySet<Category> = new Set(['wrong type', 'huge', 'control']);

const CONTROL = ['\u0000', '\u0001', '\u0007', '\b', '\u000b', '\u000c', '\u001b', '\u007f', '\u0085', '\n', '\r', '\t', '\u2028'];
const MARKUP_OR_SQL = [
  "' OR '1'='1",
  "'; DROP TABLE subjects; --",
  '"); delete from provision_records; --',
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  '${7*7}',
  '{{constructor.constructor("return process")()}}',
  '../../etc/passwd',
  '__proto__',
  '%00',
];
// Cyrillic and Greek letters that look Latin, fullwidth forms, a zero-width space, a right-to-left override.
const LOOK_ALIKES: Record<string, string> = { a: 'а', e: 'е', o: 'о', p: 'р', c: 'с', x: 'х', i: 'і', O: 'Ο', '-': '‐', '0': '０', '1': '１' };

/** `text` with each letter that has a look-alike swapped; with none, a zero-width space after the first character. */
function lookAlike(text: string): string {
  const swapped = [...text].map((char) => LOOK_ALIKES[char] ?? char).join('');
  return swapped !== text ? swapped : `${text.slice(0, 1)}\u200b${text.slice(1)}`;
}

function hostile(original: Json): fc.Arbitrary<{ category: Category; value: Json }> {
  const text = typeof original === 'string' ? original : String(original);
  const tagged = (category: Category, arbitrary: fc.Arbitrary<Json>) => arbitrary.map((value) => ({ category, value }));
  const wrongTypes: fc.Arbitrary<Json>[] = [
    fc.constant({ nested: text }),
    fc.constant([text, text]),
    typeof original === 'string' ? fc.oneof(fc.integer(), fc.double({ noNaN: true, noDefaultInfinity: true }), fc.boolean()) : fc.string({ minLength: 1 }),
  ];
  if (typeof original === 'number') wrongTypes.push(fc.constantFrom(2 ** 31, -(2 ** 31) - 1, 1.5, 2 ** 53));
  return fc.oneof(
    tagged('wrong type', fc.oneof(...wrongTypes)),
    tagged('huge', fc.constantFrom('x'.repeat(20_000), '가'.repeat(8_000), `${text}${'9'.repeat(3_000)}`)),
    tagged(
      'control',
      // Inside the text: surrounding whitespace (tabs and line breaks too) is trimmed on purpose by some fields.
      fc
        .tuple(fc.integer({ min: 1, max: Math.max(1, text.length - 1) }), fc.constantFrom(...CONTROL))
        .map(([index, char]) => text.slice(0, index) + char + text.slice(index)),
    ),
    tagged('markup or SQL', fc.constantFrom(...MARKUP_OR_SQL)),
    tagged(
      'look-alike',
      fc.oneof(
        fc.constant(lookAlike(text)),
        fc.nat({ max: text.length }).map((index) => `${text.slice(0, index)}\u200b${text.slice(index)}`),
        fc.constant(`\u202e${text}`),
      ),
    ),
  );
}

describe('shop and admin mutations under hostile input (HTTP, fast-check)', () => {
  const suite = useSeededGateway(NOW);
  const tokens: Record<MutationCase['client'], string> = { shop: '', admin: '' };
  let countRows: () => Promise<Record<string, number>>;
  let runId = 0;

  async function send(operation: string, input: Input, client: MutationCase['client']) {
    return suite.harness.post<Record<string, unknown>>({ query: loadOperation(operation), variables: { input } }, tokens[client]);
  }

  beforeAll(async () => {
    const { harness, db } = suite;
    tokens.shop = await harness.token(DEMO_CLIENT_IDS.shopBackend, ['shop:read', 'shop:write'], 3600);
    tokens.admin = await harness.token(DEMO_CLIENT_IDS.privacyAdmin, ['admin:read', 'admin:write'], 3600);
    const connection = db.orm.em.fork().getConnection();
    const tables = await connection.execute<{ name: string }[]>(
      "select tablename as name from pg_tables where schemaname = 'public' and tablename <> 'mikro_orm_migrations' order by 1",
    );
    const countSql = tables.map(({ name }) => `select '${name}' as name, count(*)::int as count from "${name}"`).join(' union all ');
    countRows = async () =>
      Object.fromEntries((await connection.execute<{ name: string; count: number }[]>(countSql)).map((row) => [row.name, row.count]));

    // What the baselines refer to: a throw-away partner, an order to confirm, a consent to withdraw, a member who leaves.
    const registered = await send('admin/register-partner', caseOf('admin/register-partner').input(0), 'admin');
    expect(registered.body.errors).toBeUndefined();
    state.partnerId = (await db.orm.em.fork().findOneOrFail(Partner, { code: 'fz-partner-0' })).id;
    // A terminated partner, so there is a destruction notice to record evidence for.
    const ended = await send('admin/register-partner', { ...caseOf('admin/register-partner').input(1), code: 'fz-partner-ended' }, 'admin');
    expect(ended.body.errors).toBeUndefined();
    const endedId = (await db.orm.em.fork().findOneOrFail(Partner, { code: 'fz-partner-ended' })).id;
    const terminated = await send('admin/terminate-partner', { partnerId: endedId, reason: 'contract ended' }, 'admin');
    expect(terminated.body.errors).toBeUndefined();
    state.noticeId = (await db.orm.em.fork().findOneOrFail(Notice, { partner: endedId, type: 'partnership-terminated' })).id;
    const prepared = [
      send('shop/record-order', { ...caseOf('shop/record-order').input(0), shopOrderId: 'FZ-ORD-CONFIRM' }, 'shop'),
      send('shop/record-consent', { ...caseOf('shop/record-consent').input(0), shopConsentId: state.consentId }, 'shop'),
      send('shop/upsert-subject', { shopSubjectId: 'fz-member-leaving', kind: 'MEMBER', name: '이탈자' }, 'shop'),
    ];
    for (const { body } of await Promise.all(prepared)) expect(body.errors).toBeUndefined();
  });

  it.each(MUTATIONS.map((mutation) => [mutation.operation, mutation] as const))('%s: the valid input is accepted', async (_name, mutation) => {
    const { response, body } = await send(mutation.operation, mutation.input(++runId + 10_000), mutation.client);
    expect(body.errors).toBeUndefined();
    expect(response.status).toBe(200);
  });

  it.each(MUTATIONS.map((mutation) => [mutation.operation, mutation] as const))(
    '%s: one hostile field is refused as BAD_USER_INPUT naming it, and nothing is written',
    async (_name, mutation) => {
      const fields = leaves(mutation.input(0));
      const cases = fc
        .constantFrom(...fields)
        .chain((field) => hostile(field.value).map((corruption) => ({ field: field.path, ...corruption })));
      await fc.assert(
        fc.asyncProperty(cases, async ({ field, category, value }) => {
          const input = replaced(mutation.input(++runId), field, value);
          const before = await countRows();
          const { response, body } = await send(mutation.operation, input, mutation.client);
          const errors = (body as GraphQLBody).errors ?? [];
          const codes = errors.map((error) => error.extensions?.['code']);
          expect([200, 400]).toContain(response.status);
          expect(codes).not.toContain('INTERNAL_SERVER_ERROR');
          // A rule on every element of a list (class-validator's `each`) names the list, not the index.
          const named = [field, field.replace(/\[\d+\]$/, '')];
          for (const error of errors.filter((each) => each.extensions?.['code'] === 'BAD_USER_INPUT')) {
            expect(named).toContain(error.extensions?.['field']);
          }
          const mustRefuse = ALWAYS_REFUSED.has(category) || !mutation.lenient.includes(field);
          if (mustRefuse) expect(codes).toEqual(['BAD_USER_INPUT']);
          if (errors.length > 0) expect(await countRows()).toEqual(before);
        }),
        { numRuns: RUNS, ...SEED },
      );
    },
  );

  it('keeps serving after every hostile request', async () => {
    expect((await fetch(`${suite.harness.base}/healthz`)).status).toBe(200);
    const { body } = await send('shop/upsert-subject', caseOf('shop/upsert-subject').input(++runId), 'shop');
    expect(body.errors).toBeUndefined();
  });
});
