import { Notice, Partner } from '@provision/db';
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

  it('aggregates the overview: partners by kind and status, and activity per partner and day', async () => {
    const overview = await run<{ consoleOverview: { partners: { kind: string; status: string; count: number }[]; days: number } }>(
      kim,
      'admin/console-overview',
      { days: 30 },
    );
    expect(overview.errors).toBeUndefined();
    const total = overview.data!.consoleOverview.partners.reduce((sum, entry) => sum + entry.count, 0);
    expect(total).toBe(8);
    expect(overview.data!.consoleOverview.partners).toContainEqual({ kind: 'CONSIGNEE', status: 'ACTIVE', count: 3 });
  });
});
