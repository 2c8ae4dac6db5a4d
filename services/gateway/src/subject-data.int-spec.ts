import { verifyLedger } from '@provision/audit';
import { DEMO_CLIENT_IDS, Notice, ProvisionRecord, Subject } from '@provision/db';
import { type TestDatabase } from '@provision/testing';
import { type GatewayHarness, useSeededGateway } from './gateway.harness.js';
import { loadOperation } from './operations.harness.js';

// An admin answering a subject's access request (PIPA Art. 35) end to end: HTTP, a real admin
// token, the ledger written before the values leave.
const NOW = '2026-03-01T03:00:00Z';
const SUBJECT_DATA = loadOperation('admin/subject-personal-data');

interface SubjectData {
  subjectPersonalData: { shopSubjectId: string; purpose: string; items: { item: string; labelKo: string; value: string }[] } | null;
}

describe('admin reads of personal data', () => {
  let db: TestDatabase;
  let harness: GatewayHarness;
  const suite = useSeededGateway(NOW);
  beforeAll(() => ({ db, harness } = suite));

  const em = () => db.orm.em.fork();
  const ledgerOf = (requestId: string | null) => em().find(ProvisionRecord, { requestId: requestId ?? '' });

  async function asAdmin(query: string, variables: Record<string, unknown>, scopes = ['admin:read']) {
    const token = await harness.token(DEMO_CLIENT_IDS.privacyAdmin, scopes);
    const { response, body } = await harness.post<SubjectData>({ query, variables }, token);
    return { response, body, requestId: response.headers.get('x-request-id') };
  }

  it("returns the subject's values for the declared purpose and ledgers each item in the admin's chain", async () => {
    const { body, requestId } = await asAdmin(SUBJECT_DATA, { shopSubjectId: 'member-0001' });
    expect(body.errors).toBeUndefined();
    const data = body.data!.subjectPersonalData!;
    expect(data).toMatchObject({ shopSubjectId: 'member-0001', purpose: 'subject-rights.access' });
    expect(data.items).toContainEqual({ item: 'name', labelEn: 'name', labelKo: '성명', value: '김민지' });
    expect(data.items).toContainEqual(expect.objectContaining({ item: 'mobile', value: '010-0000-0001' }));
    expect(data.items.map((entry) => entry.item)).not.toContain('receiver.name');

    const subject = await em().findOneOrFail(Subject, { shopSubjectId: 'member-0001' });
    const rows = await ledgerOf(requestId);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      actorKind: 'ADMIN',
      partner: null,
      clientId: DEMO_CLIENT_IDS.privacyAdmin,
      purpose: 'subject-rights.access',
      chainKey: `admin:${DEMO_CLIENT_IDS.privacyAdmin}`,
      itemsDenied: [],
    });
    expect(rows[0]?.subject.id).toBe(subject.id);
    expect(rows[0]?.itemsReleased).toEqual(data.items.map((entry) => entry.item).sort());
    expect((await verifyLedger(em())).breaks).toEqual([]);
  });

  it('refuses without a purpose, or for a purpose other than answering a subject, and ledgers nothing', async () => {
    const before = await em().count(ProvisionRecord);
    const undeclared = await asAdmin(SUBJECT_DATA.replace(/@purpose\([^)]*\)/, ''), { shopSubjectId: 'member-0001' });
    expect(undeclared.body.data?.subjectPersonalData ?? null).toBeNull();
    expect(undeclared.body.errors?.[0]?.extensions).toMatchObject({ code: 'PURPOSE_REQUIRED' });

    const otherPurpose = await asAdmin(SUBJECT_DATA.replace('subject-rights.access', 'order.delivery'), { shopSubjectId: 'member-0001' });
    expect(otherPurpose.body.data?.subjectPersonalData ?? null).toBeNull();
    expect(otherPurpose.body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'purpose' });

    const writeOnly = await asAdmin(SUBJECT_DATA, { shopSubjectId: 'member-0001' }, ['admin:write']);
    expect(writeOnly.body.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN' });
    expect(JSON.stringify([undeclared.body, otherPurpose.body, writeOnly.body])).not.toContain('김민지');
    expect(await em().count(ProvisionRecord)).toBe(before);
  });

  it('answers null for an unknown shop subject id and ledgers nothing', async () => {
    const { body, requestId } = await asAdmin(SUBJECT_DATA, { shopSubjectId: 'member-9999' });
    expect(body).toEqual({ data: { subjectPersonalData: null } });
    expect(await ledgerOf(requestId)).toEqual([]);
  });

  it("tells no partner about an admin's read: the subject's later withdrawal notifies only partners that received data", async () => {
    await asAdmin(SUBJECT_DATA, { shopSubjectId: 'member-0002' });
    const shopToken = await harness.token(DEMO_CLIENT_IDS.shopBackend, ['shop:write']);
    const { body } = await harness.post(
      { query: loadOperation('shop/withdraw-membership'), variables: { input: { shopSubjectId: 'member-0002', withdrawnAt: NOW } } },
      shopToken,
    );
    expect(body.errors).toBeUndefined();
    expect(await em().count(Notice, { type: 'consent-withdrawn' })).toBe(0);
  });

  it('withholds every value when the ledger cannot be written', async () => {
    // Breaking the schema is the owner's to do: the app role the gateway runs as may not alter tables.
    const connection = (await db.owner()).em.getConnection();
    await connection.execute('alter table provision_records rename to provision_records_offline');
    try {
      const { response, body } = await asAdmin(SUBJECT_DATA, { shopSubjectId: 'member-0001' });
      expect(response.status).toBe(500);
      expect(body).toEqual({ errors: [{ message: 'Internal server error', extensions: { code: 'INTERNAL_SERVER_ERROR' } }] });
    } finally {
      await connection.execute('alter table provision_records_offline rename to provision_records');
    }
  });
});
