import { verifyLedger } from '@provision/audit';
import { mintAccessToken } from '@provision/auth';
import { DEMO_CLIENT_IDS, ProvisionRecord, StatutoryDisclosure } from '@provision/db';
import { type TestDatabase } from '@provision/testing';
import { type GatewayHarness, useSeededGateway } from './gateway.harness.js';
import { loadOperation } from './operations.harness.js';

// Provision without consent under a statute (PIPA Art. 18(2)) end to end: an officer records an
// authority's request and gets the values once, the ledger and the register keep it, the subject's
// report shows it unless the law defers the notice, and the privacy officer exports the register.
const NOW = '2026-03-01T03:00:00Z';
const RECORD = loadOperation('admin/record-statutory-disclosure');
const REPORT = loadOperation('shop/provision-report');
const OFFICER = { sub: 'officer-kim-minji', name: '김민지 (개인정보 보호책임자)' };

interface Release {
  recordStatutoryDisclosure: {
    disclosure: {
      id: string;
      purpose: string;
      statuteKo: string;
      items: string[];
      approvedBy: string;
      approvedByPerson: { sub: string; name: string | null };
      notifySubjectDeferredUntil: string | null;
    };
    subjects: { shopSubjectId: string; values: { item: string; labelKo: string; value: string }[] }[];
  } | null;
}

interface Report {
  provisionReport: {
    statutoryDisclosures: { authority: string; statute: { key: string; labelKo: string }; purpose: { key: string }; documentDate: string; items: { key: string }[] }[];
  } | null;
}

const warrant = (overrides: Record<string, unknown> = {}) => ({
  authority: '서울중앙지방검찰청',
  statute: 'criminal-procedure-act.art-215',
  documentNumber: '2026-압-0001',
  documentDate: '2026-02-27',
  shopSubjectIds: ['member-0001', 'member-0002'],
  items: ['customsCode', 'name', 'mobile'],
  ...overrides,
});

describe('statutory disclosures', () => {
  let db: TestDatabase;
  let harness: GatewayHarness;
  const suite = useSeededGateway(NOW);
  beforeAll(() => ({ db, harness } = suite));

  const em = () => db.orm.em.fork();
  const officerToken = (scopes = ['admin:read', 'admin:write']) =>
    mintAccessToken(harness.issuer, { clientId: DEMO_CLIENT_IDS.privacyAdmin, scopes, ttlSeconds: 300, clock: harness.clock, person: OFFICER });

  async function record(input: Record<string, unknown>, token?: string) {
    const { response, body } = await harness.post<Release>({ query: RECORD, variables: { input } }, token ?? (await officerToken()));
    return { response, body, requestId: response.headers.get('x-request-id') ?? '' };
  }

  async function reportOf(shopSubjectId: string) {
    const token = await harness.token(DEMO_CLIENT_IDS.shopBackend, ['shop:read']);
    const { body } = await harness.post<Report>({ query: REPORT, variables: { shopSubjectId } }, token);
    expect(body.errors).toBeUndefined();
    return body.data!.provisionReport!.statutoryDisclosures;
  }

  async function register(query: string, token?: string) {
    const headers: Record<string, string> = token === undefined ? {} : { authorization: `Bearer ${token}` };
    return fetch(`${harness.base}/admin/statutory-disclosures${query}`, { headers });
  }

  it('releases the values once, ledgers one row per subject under the article\'s purpose, and refuses the same document again', async () => {
    const first = await record(warrant());
    expect(first.body.errors).toBeUndefined();
    const release = first.body.data!.recordStatutoryDisclosure!;
    expect(release.disclosure).toMatchObject({
      purpose: 'statutory.investigation',
      statuteKo: '형사소송법 제215조(영장에 의한 압수·수색·검증)',
      items: ['name', 'mobile', 'customsCode'],
      approvedBy: DEMO_CLIENT_IDS.privacyAdmin,
      approvedByPerson: OFFICER,
      notifySubjectDeferredUntil: null,
    });
    expect(release.subjects.map((subject) => subject.shopSubjectId)).toEqual(['member-0001', 'member-0002']);
    // The unique identifier is decrypted for the release, as for a partner.
    expect(release.subjects[0]?.values).toEqual([
      { item: 'name', labelKo: '성명', labelEn: 'name', value: '김민지' },
      expect.objectContaining({ item: 'mobile', value: '010-0000-0001' }),
      expect.objectContaining({ item: 'customsCode', value: 'P100000000001' }),
    ]);

    const rows = await em().find(ProvisionRecord, { requestId: first.requestId }, { orderBy: { chainSeq: 'asc' } });
    expect(rows).toHaveLength(2);
    for (const row of rows) {
      expect(row).toMatchObject({
        actorKind: 'ADMIN',
        partner: null,
        purpose: 'statutory.investigation',
        chainKey: `admin:${DEMO_CLIENT_IDS.privacyAdmin}`,
        itemsReleased: ['customsCode', 'mobile', 'name'],
        personSub: OFFICER.sub,
      });
    }
    expect((await verifyLedger(em())).breaks).toEqual([]);
    const stored = await em().findOneOrFail(StatutoryDisclosure, { id: release.disclosure.id });
    expect(stored).toMatchObject({ requestId: first.requestId, approvedBySub: OFFICER.sub, documentNumber: '2026-압-0001' });
    expect(JSON.stringify(stored)).not.toContain('P100000000001');

    const again = await record(warrant({ items: ['ci'] }));
    expect(again.body.data?.recordStatutoryDisclosure ?? null).toBeNull();
    expect(again.body.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT' });
    expect(await em().count(ProvisionRecord, { requestId: again.requestId })).toBe(0);
    expect(await em().count(StatutoryDisclosure, { documentNumber: '2026-압-0001' })).toBe(1);

    // The register is append-only for the app role (and for the owner, by trigger).
    await expect(em().execute(`update statutory_disclosures set authority = 'x'`)).rejects.toThrow();
    await expect(em().execute('delete from statutory_disclosures')).rejects.toThrow();
    await expect((await db.owner()).em.fork().execute('delete from statutory_disclosures')).rejects.toThrow(/append-only/);
  });

  it('is approved by a person with admin:write: a machine client or a read-only token gets nothing and writes nothing', async () => {
    const before = [await em().count(ProvisionRecord), await em().count(StatutoryDisclosure)];
    const machine = await harness.token(DEMO_CLIENT_IDS.privacyAdmin, ['admin:read', 'admin:write']);
    const byMachine = await record(warrant({ documentNumber: '2026-압-0002' }), machine);
    expect(byMachine.body.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN' });
    const readOnly = await record(warrant({ documentNumber: '2026-압-0002' }), await officerToken(['admin:read']));
    expect(readOnly.body.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN' });
    expect(JSON.stringify([byMachine.body, readOnly.body])).not.toContain('김민지');
    expect([await em().count(ProvisionRecord), await em().count(StatutoryDisclosure)]).toEqual(before);
  });

  it.each([
    [{ statute: 'criminal-procedure-act' }, 'statute'],
    [{ statute: 'customs-act.art-241' }, 'statute'],
    [{ shopSubjectIds: ['member-0001', 'member-9999'] }, 'shopSubjectIds[1]'],
    [{ items: ['name', 'receiver.name'] }, 'items[1]'],
    [{ documentDate: '2026-03-02' }, 'documentDate'],
    [{ notifySubjectDeferredUntil: '2026-09-01' }, 'deferralReason'],
    [{ authority: ' ' }, 'authority'],
  ])('refuses %j with BAD_USER_INPUT on %s and writes nothing', async (overrides, field) => {
    const before = [await em().count(ProvisionRecord), await em().count(StatutoryDisclosure)];
    const { body } = await record(warrant({ documentNumber: '2026-압-0003', ...overrides }));
    expect(body.data?.recordStatutoryDisclosure ?? null).toBeNull();
    expect(body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
    expect(JSON.stringify(body)).not.toContain('member-9999');
    expect([await em().count(ProvisionRecord), await em().count(StatutoryDisclosure)]).toEqual(before);
  });

  it('returns nothing and records nothing when the ledger write fails', async () => {
    const owner = (await db.owner()).em.fork();
    await owner.execute(`create function fail_statutory_tax() returns trigger language plpgsql as $$
begin
  if new.purpose = 'statutory.tax' then raise exception 'ledger unavailable'; end if;
  return new;
end $$`);
    await owner.execute('create trigger fail_statutory_tax before insert on provision_records for each row execute function fail_statutory_tax()');
    try {
      const { response, body } = await record(warrant({ statute: 'income-tax-act.art-170', authority: '서울지방국세청', documentNumber: '조사-0001' }));
      expect(response.status).toBe(500);
      expect(body.data ?? null).toBeNull();
      expect(JSON.stringify(body)).not.toContain('김민지');
      expect(await em().count(StatutoryDisclosure, { documentNumber: '조사-0001' })).toBe(0);
    } finally {
      await owner.execute('drop trigger fail_statutory_tax on provision_records');
      await owner.execute('drop function fail_statutory_tax()');
    }
    // Nothing was released, so the same document can still be released.
    const retried = await record(warrant({ statute: 'income-tax-act.art-170', authority: '서울지방국세청', documentNumber: '조사-0001' }));
    expect(retried.body.data?.recordStatutoryDisclosure?.disclosure.purpose).toBe('statutory.tax');
  });

  it("shows a disclosure in the subject's report, and one whose notice the law defers only from the deferral's day", async () => {
    await record(
      warrant({
        authority: '경찰청 사이버수사국',
        statute: 'telecommunications-business-act.art-83-para-3',
        documentNumber: '수사-2026-0042',
        shopSubjectIds: ['guest-0001'],
        items: ['mobile'],
        notifySubjectDeferredUntil: '2026-06-01',
        deferralReason: '수사 중: 통지하면 수사에 지장 (개인정보 보호법 제20조제4항)',
      }),
    );
    expect(await reportOf('guest-0001')).toEqual([]);
    const page = await fetch(`${harness.base}/subjects/guest-0001/provision-report?lang=ko`, {
      headers: { authorization: `Bearer ${await harness.token(DEMO_CLIENT_IDS.shopBackend, ['shop:read'])}` },
    });
    expect(await page.text()).not.toContain('경찰청');

    harness.clock.set('2026-05-31T15:00:00Z'); // 2026-06-01 00:00 in Seoul
    expect(await reportOf('guest-0001')).toEqual([
      {
        authority: '경찰청 사이버수사국',
        statute: { key: 'telecommunications-business-act.art-83-para-3', labelKo: '전기통신사업법 제83조제3항(수사기관등의 이용자 정보 제공 요청)', labelEn: expect.any(String) },
        purpose: { key: 'statutory.investigation', labelKo: '범죄 수사' },
        documentDate: '2026-02-27',
        disclosedAt: '2026-03-01T03:00:00.000Z',
        items: [{ key: 'mobile', labelKo: '휴대전화번호' }],
      },
    ]);
    const html = await fetch(`${harness.base}/subjects/guest-0001/provision-report?lang=en`, {
      headers: { authorization: `Bearer ${await harness.token(DEMO_CLIENT_IDS.shopBackend, ['shop:read'])}` },
    }).then((response) => response.text());
    expect(html).toContain('Provision required by law, without your consent (PIPA Art. 18(2))');
    expect(html).toContain('경찰청 사이버수사국');
    expect(html).toContain('Telecommunications Business Act, Art. 83(3)');
    expect(html).not.toContain('No personal information about you has been provided.');
  });

  it('lists the register for the privacy officer as JSON and CSV, without values, behind admin:read', async () => {
    await record(warrant({ documentNumber: '2026-압-0100', shopSubjectIds: ['member-0002'], items: ['ci', 'email'] }));
    expect((await register('')).status).toBe(401);
    expect((await register('', await harness.token(DEMO_CLIENT_IDS.shopBackend, ['shop:read']))).status).toBe(403);
    expect((await register('?format=xml', await officerToken())).status).toBe(400);

    const json = await register('', await officerToken(['admin:read']));
    expect(json.status).toBe(200);
    expect(json.headers.get('cache-control')).toBe('no-store');
    const entries = (await json.json()) as { documentNumber: string; shopSubjectIds: string[]; items: { key: string }[]; approvedByPerson: unknown; requestId: string }[];
    const entry = entries.find((candidate) => candidate.documentNumber === '2026-압-0100');
    expect(entry).toMatchObject({ shopSubjectIds: ['member-0002'], items: [{ key: 'email' }, { key: 'ci' }], approvedByPerson: OFFICER });
    expect(await em().count(ProvisionRecord, { requestId: entry!.requestId, purpose: 'statutory.investigation' })).toBe(1);

    const csv = await register('?format=csv&lang=en', await officerToken(['admin:read']));
    expect(csv.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(csv.headers.get('content-disposition')).toContain('statutory-disclosures.csv');
    const text = await csv.text();
    const [header, ...lines] = text.trimEnd().split('\r\n');
    expect(header).toBe(
      'provided,requesting authority,legal basis,purpose of use by the recipient,document number,date of the request,data subjects,items provided,approved by,notice to the subject deferred until,ground for the deferral',
    );
    expect(lines.find((line) => line.includes('2026-압-0100'))).toContain(
      '"Criminal Procedure Act, Art. 215 (search and seizure under a warrant)",criminal investigation,2026-압-0100,2026-02-27,member-0002,email address; connecting information (CI)',
    );
    expect(text).not.toContain('junho.lee@example.com');
    // Korean by default, after the byte order mark Excel needs (which text() drops).
    const korean = Buffer.from(new Uint8Array(await (await register('?format=csv', await officerToken(['admin:read']))).arrayBuffer()));
    expect(korean.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    expect(korean.subarray(3).toString('utf8')).toMatch(/^제공 일시,요청 기관,법적 근거,/);
  });
});
