import { DEMO_CLIENT_IDS, Notice, openWebhookSecret, Partner } from '@provision/db';
import { type ConsoleHarness, signInToConsole, type SignedIn, startConsoleHarness } from './console.harness.js';
import { loadOperation } from './operations.harness.js';

type Errors = { extensions?: Record<string, unknown> }[] | undefined;
const codeOf = (errors: Errors) => errors?.[0]?.extensions?.['code'];

describe('admin API for the console, with the person on every record (four-eyes publishing on)', () => {
  let console: ConsoleHarness;
  let kim: SignedIn;
  let lee: SignedIn;

  beforeAll(async () => {
    console = await startConsoleHarness({ fourEyesPublishing: true });
    kim = await signInToConsole(console, 'kim', 'demo-kim');
    lee = await signInToConsole(console, 'lee', 'demo-lee');
  });
  afterAll(() => console?.stop());

  const partnerId = async (code: string) => (await console.db.orm.em.fork().findOneOrFail(Partner, { code })).id;
  const run = <T>(officer: SignedIn, operation: string, variables: Record<string, unknown> = {}) =>
    officer.graphql<T>({ query: loadOperation(operation), variables }).then(({ body }) => body);

  const sellerDraft = async () => ({
    partnerId: await partnerId('hanbok-house'),
    grants: [
      { item: 'receiver.name', purpose: 'order.delivery' },
      { item: 'receiver.phone', purpose: 'order.delivery' },
      { item: 'receiver.address', purpose: 'order.delivery' },
      { item: 'email', purpose: 'order.customer-service' },
    ],
    retentionRule: 'P3M after purchase-confirmation',
    legalBasis: 'CONSENT',
    consentRequired: true,
  });

  type Draft = {
    id: string;
    status: string;
    draftedByPerson: { sub: string; name: string };
    diff: { addedGrants: unknown[]; removedGrants: unknown[]; changes: unknown[]; consentGaps: unknown[] };
  };

  it('publishes a version only when a second officer approves the draft, and records both', async () => {
    const direct = await run(kim, 'admin/publish-agreement', { input: await sellerDraft() });
    expect(codeOf(direct.errors)).toBe('FORBIDDEN');

    const drafted = await run<{ draftAgreement: Draft }>(kim, 'admin/draft-agreement', { input: await sellerDraft() });
    expect(drafted.errors).toBeUndefined();
    const draft = drafted.data!.draftAgreement;
    expect(draft).toMatchObject({ status: 'PENDING', draftedByPerson: { sub: 'officer-kim-minji', name: '김민지' } });
    // The diff against the version in force, and what it does to the consents already given.
    expect(draft.diff.addedGrants).toEqual([{ item: 'email', purpose: 'order.customer-service' }]);
    expect(draft.diff.removedGrants).toEqual(
      expect.arrayContaining([{ item: 'customsCode', purpose: 'order.delivery' }, { item: 'receiver.name', purpose: 'order.customer-service' }]),
    );
    expect(draft.diff.consentGaps).toEqual([{ item: 'email', purpose: 'order.customer-service', consents: 2 }]);

    const ownApproval = await run(kim, 'admin/approve-agreement-draft', { id: draft.id });
    expect(codeOf(ownApproval.errors)).toBe('FORBIDDEN');

    // A machine client (no person) cannot be the second pair of eyes either.
    const machine = await console.harness.post(
      { query: loadOperation('admin/approve-agreement-draft'), variables: { id: draft.id } },
      await console.harness.token('privacy-admin', ['admin:read', 'admin:write']),
    );
    expect(codeOf(machine.body.errors)).toBe('FORBIDDEN');

    const approved = await run<{ approveAgreementDraft: Record<string, unknown> }>(lee, 'admin/approve-agreement-draft', { id: draft.id });
    expect(approved.errors).toBeUndefined();
    expect(approved.data!.approveAgreementDraft).toMatchObject({
      version: 2,
      publishedBy: 'privacy-console',
      publishedByPerson: { sub: 'officer-kim-minji', name: '김민지' },
      approvedBy: 'privacy-console',
      approvedByPerson: { sub: 'officer-lee-seojun', name: '이서준' },
    });
    const again = await run(lee, 'admin/approve-agreement-draft', { id: draft.id });
    expect(codeOf(again.errors)).toBe('BAD_USER_INPUT');

    const history = await run<{ accessHistory: { nodes: { kind: string; actorPerson: unknown }[] } }>(kim, 'admin/access-history', {
      partnerCode: 'hanbok-house',
      first: 5,
    });
    expect(history.data!.accessHistory.nodes.find((node) => node.kind === 'AGREEMENT_PUBLISHED')).toMatchObject({
      actorPerson: { sub: 'officer-lee-seojun' },
    });
  });

  it('lets another officer reject a draft and its drafter withdraw one; both stay on record', async () => {
    const first = await run<{ draftAgreement: Draft }>(kim, 'admin/draft-agreement', { input: await sellerDraft() });
    const rejected = await run<{ rejectAgreementDraft: { status: string; decidedByPerson: unknown; decisionReason: string } }>(
      lee,
      'admin/reject-agreement-draft',
      { id: first.data!.draftAgreement.id, reason: '보관 기간 재검토 필요' },
    );
    expect(rejected.data!.rejectAgreementDraft).toMatchObject({
      status: 'REJECTED',
      decidedByPerson: { sub: 'officer-lee-seojun' },
      decisionReason: '보관 기간 재검토 필요',
    });
    const second = await run<{ draftAgreement: Draft }>(kim, 'admin/draft-agreement', { input: await sellerDraft() });
    const withdrawn = await run<{ rejectAgreementDraft: { status: string } }>(kim, 'admin/reject-agreement-draft', {
      id: second.data!.draftAgreement.id,
      reason: '오타',
    });
    expect(withdrawn.data!.rejectAgreementDraft.status).toBe('WITHDRAWN');
    const listed = await run<{ agreementDrafts: { status: string }[] }>(kim, 'admin/agreement-drafts', { partnerId: await partnerId('hanbok-house') });
    // The test clock stands still, so the three were drafted at one instant: compare as a set.
    expect(listed.data!.agreementDrafts.map((draft) => draft.status).sort()).toEqual(['APPROVED', 'REJECTED', 'WITHDRAWN']);
  });

  it('refuses a draft that publishing would refuse, naming the field', async () => {
    const bad = await run(kim, 'admin/draft-agreement', { input: { ...(await sellerDraft()), retentionRule: 'forever' } });
    expect(bad.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'retentionRule' });
  });

  it('states what terminating a partner would do, from live data', async () => {
    const preview = await run<{ terminationPreview: Record<string, unknown> }>(kim, 'admin/termination-preview', {
      partnerId: await partnerId('ktis'),
    });
    expect(preview.data!.terminationPreview).toMatchObject({
      partner: { code: 'ktis', status: 'ACTIVE' },
      subjectsHeld: expect.any(Number),
      reconsigneeCodes: [],
      alreadyTerminated: false,
    });
  });

  it('signs a monthly review off as a person, against its current revision', async () => {
    const month = new Date(Date.parse(console.harness.clock.now().toISOString()) - 40 * 24 * 3600_000).toISOString().slice(0, 7);
    const generated = await run(kim, 'admin/generate-review-report', { partnerCode: 'hanbok-house', month });
    expect(generated.errors).toBeUndefined();
    const machine = await console.harness.post(
      { query: loadOperation('admin/sign-off-review-report'), variables: { partnerCode: 'hanbok-house', month, comment: 'ok' } },
      await console.harness.token('privacy-admin', ['admin:read', 'admin:write']),
    );
    expect(codeOf(machine.body.errors)).toBe('FORBIDDEN');

    const signed = await run<{ signOffReviewReport: Record<string, unknown> }>(kim, 'admin/sign-off-review-report', {
      partnerCode: 'hanbok-house',
      month,
      comment: '이상 없음',
      followUps: ['새벽 시간대 조회 사유 확인'],
    });
    expect(signed.data!.signOffReviewReport).toMatchObject({
      revision: 1,
      signedOff: true,
      signOffs: [{ signedBy: 'privacy-console', signedByPerson: { sub: 'officer-kim-minji', name: '김민지' }, revision: 1, comment: '이상 없음', followUps: ['새벽 시간대 조회 사유 확인'] }],
    });
    // Regenerated: the new revision is not signed off until someone signs it.
    await run(kim, 'admin/generate-review-report', { partnerCode: 'hanbok-house', month });
    const after = await kim.graphql<{ reviewReport: { revision: number; signedOff: boolean } }>({
      query: 'query ($month: String!) { reviewReport(partnerCode: "hanbok-house", month: $month) { revision signedOff } }',
      variables: { month },
    });
    expect(after.body.data!.reviewReport).toEqual({ revision: 2, signedOff: false });
    const overview = await run<{ consoleOverview: { reviewsAwaitingSignOff: number } }>(kim, 'admin/console-overview');
    expect(overview.data!.consoleOverview.reviewsAwaitingSignOff).toBe(1);
  });

  it('re-queues a dead notice, recording who did it, and refuses one that is not dead', async () => {
    const em = console.db.orm.em.fork();
    const partner = await em.findOneOrFail(Partner, { code: 'kt-mhows' });
    const now = console.harness.clock.now();
    const dead = em.create(Notice, { partner, type: 'window-closed', payload: {}, createdAt: now, nextAttemptAt: now, status: 'DEAD', attempts: 8, lastError: 'HTTP 503' });
    await em.flush();

    const before = await run<{ consoleOverview: { deadNotices: number } }>(kim, 'admin/console-overview');
    expect(before.data!.consoleOverview.deadNotices).toBeGreaterThanOrEqual(1);
    const requeued = await run<{ requeueNotice: Record<string, unknown> }>(lee, 'admin/requeue-notice', { noticeId: dead.id });
    expect(requeued.data!.requeueNotice).toMatchObject({ status: 'PENDING', attempts: 0, lastError: null });
    const [row] = await em.getConnection().execute(`select requeued_by_sub, previous_attempts, previous_error from notice_requeues where notice_id = ?`, [dead.id]);
    expect(row).toEqual({ requeued_by_sub: 'officer-lee-seojun', previous_attempts: 8, previous_error: 'HTTP 503' });
    const twice = await run(lee, 'admin/requeue-notice', { noticeId: dead.id });
    expect(twice.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'noticeId' });
  });

  it("lets the console read a subject's provision report (admin:read), and no client with neither scope", async () => {
    const report = await run<{ provisionReport: { shopSubjectId: string } }>(kim, 'shop/provision-report', { shopSubjectId: 'member-0001' });
    expect(report.data!.provisionReport.shopSubjectId).toBe('member-0001');
    const partner = await console.harness.post(
      { query: loadOperation('shop/provision-report'), variables: { shopSubjectId: 'member-0001' } },
      await console.harness.token('shop-backend', ['shop:write']),
    );
    expect(partner.body.errors?.[0]).toMatchObject({ message: 'missing scope shop:read or admin:read', extensions: { code: 'FORBIDDEN' } });
  });

  type History = { accessHistory: { nodes: { kind: string; actorPerson: { sub: string } | null; clientId: string | null; changedFields: string[] | null; reason: string | null }[] } };
  type Updated = { updatePartner: { webhookSecret: string | null; partner: Record<string, unknown> } };

  it("edits a partner's names, contact and webhook and rotates its secret, recording which fields changed and who changed them", async () => {
    const id = await partnerId('seoul-sneakers');
    const details = {
      partnerId: id,
      nameKo: '(주)서울스니커즈',
      nameEn: 'Seoul Sneakers Co., Ltd.',
      privacyContact: { name: '정다은', email: 'privacy@sneakers.example', phone: '02-555-0100' },
      webhookUrl: null,
    };
    const badEmail = await run(kim, 'admin/update-partner', { input: { ...details, privacyContact: { ...details.privacyContact, email: 'not-an-email' } } });
    expect(badEmail.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'privacyContact.email' });
    const plainHttp = await run(kim, 'admin/update-partner', { input: { ...details, webhookUrl: 'http://sneakers.example/notices' } });
    expect(plainHttp.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'webhookUrl' });
    const noWebhook = await run(kim, 'admin/rotate-webhook-secret', { partnerId: id });
    expect(noWebhook.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'partnerId' });

    // A first webhook URL comes with its signing secret, shown this once.
    const webhookUrl = 'https://sneakers.example/notices';
    const updated = await run<Updated>(kim, 'admin/update-partner', { input: { ...details, webhookUrl } });
    expect(updated.errors).toBeUndefined();
    const { webhookSecret, partner } = updated.data!.updatePartner;
    expect(webhookSecret).toMatch(/^[\w-]{43}$/);
    expect(partner).toMatchObject({ nameKo: details.nameKo, nameEn: details.nameEn, privacyContact: details.privacyContact, webhookUrl });
    const same = await run<Updated>(kim, 'admin/update-partner', { input: { ...details, webhookUrl } });
    expect(same.data!.updatePartner.webhookSecret).toBeNull();

    const rotated = await run<{ rotateWebhookSecret: { webhookSecret: string } }>(lee, 'admin/rotate-webhook-secret', { partnerId: id });
    const newSecret = rotated.data!.rotateWebhookSecret.webhookSecret;
    expect(newSecret).not.toBe(webhookSecret);
    const stored = await console.db.orm.em.fork().findOneOrFail(Partner, { id });
    // Notices are signed with the new secret from now on.
    expect(openWebhookSecret(console.db.keyring, id, stored.webhookSecret!)).toBe(newSecret);

    const history = await run<History>(kim, 'admin/access-history', { partnerCode: 'seoul-sneakers', first: 2 });
    // The test clock stands still: both were recorded at one instant, newest (highest id) first.
    expect(history.data!.accessHistory.nodes).toEqual([
      expect.objectContaining({ kind: 'WEBHOOK_SECRET_ROTATED', actorPerson: expect.objectContaining({ sub: 'officer-lee-seojun' }) }),
      expect.objectContaining({
        kind: 'PARTNER_UPDATED',
        actorPerson: expect.objectContaining({ sub: 'officer-kim-minji' }),
        changedFields: expect.arrayContaining(['nameKo', 'privacyContact.email', 'webhookUrl']),
      }),
    ]);
    // Never the values: the contact is a person.
    expect(JSON.stringify(history.data)).not.toContain('privacy@sneakers.example');
  });

  it("lists a partner's clients, adds one with item scopes its agreements grant, narrows and revokes it, each as a person", async () => {
    const id = await partnerId('hanbok-house');
    const clientsOf = async () =>
      (await kim.graphql<{ partner: { clients: { clientId: string; scopes: string[]; revokedAt: string | null }[]; clientIds: string[] } }>({
        query: 'query ($id: ID!) { partner(id: $id) { clientIds clients { clientId scopes revokedAt } } }',
        variables: { id },
      })).body.data!.partner;
    expect((await clientsOf()).clients).toContainEqual(expect.objectContaining({ clientId: DEMO_CLIENT_IDS.hanbokHouse, revokedAt: null }));

    const notGranted = await run(kim, 'admin/add-client', { input: { clientId: 'hanbok-house-2', kind: 'PARTNER', partnerId: id, scopes: ['partner:read', 'pii:ci'] } });
    expect(notGranted.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'scopes[1]' });
    const added = await run(kim, 'admin/add-client', { input: { clientId: 'hanbok-house-2', kind: 'PARTNER', partnerId: id, scopes: ['partner:read', 'pii:receiver.name', 'pii:receiver.phone'] } });
    expect(added.errors).toBeUndefined();
    const narrowed = await run(lee, 'admin/change-client-scopes', { input: { clientId: 'hanbok-house-2', scopes: ['partner:read', 'pii:receiver.name'], reason: '전화번호 불필요' } });
    expect(narrowed.errors).toBeUndefined();
    const revoked = await run(lee, 'admin/revoke-client', { input: { clientId: 'hanbok-house-2', reason: '시범 운영 종료' } });
    expect(revoked.errors).toBeUndefined();

    const after = await clientsOf();
    expect(after.clients).toContainEqual(expect.objectContaining({ clientId: 'hanbok-house-2', scopes: ['partner:read', 'pii:receiver.name'], revokedAt: expect.any(String) }));
    expect(after.clientIds).not.toContain('hanbok-house-2');
    const history = await run<History>(kim, 'admin/access-history', { clientId: 'hanbok-house-2', first: 5 });
    expect(history.data!.accessHistory.nodes.map(({ kind, actorPerson, reason }) => [kind, actorPerson?.sub, reason])).toEqual([
      ['CLIENT_REVOKED', 'officer-lee-seojun', '시범 운영 종료'],
      ['CLIENT_SCOPES_CHANGED', 'officer-lee-seojun', '전화번호 불필요'],
      ['CLIENT_ADDED', 'officer-kim-minji', null],
    ]);
  });

  it('aggregates the overview: partners by kind and status, and activity per partner and day', async () => {
    const overview = await run<{ consoleOverview: { partners: { kind: string; status: string; count: number }[]; days: number } }>(
      kim,
      'admin/console-overview',
      { days: 30 },
    );
    expect(overview.errors).toBeUndefined();
    const total = overview.data!.consoleOverview.partners.reduce((sum, entry) => sum + entry.count, 0);
    expect(total).toBe(9);
    expect(overview.data!.consoleOverview.partners).toContainEqual({ kind: 'CONSIGNEE', status: 'ACTIVE', count: 3 });
  });
});
