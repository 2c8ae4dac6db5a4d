import { Writable } from 'node:stream';
import { RequestLedger, verifyLedger } from '@provision/audit';
import { AnnualProvisionNotice, HarvestAlert, JOB_SCHEMA, nativePool, Notice, Partner, ProvisionRecord, ReviewReport, sealWebhookSecret, seedDemo, Subject } from '@provision/db';
import { MONTHLY_REVIEW_ACTOR } from '@provision/review';
import { enqueueNotice } from '@provision/notices';
import {
  addLedgerSubjects,
  createTestDatabase,
  scriptLedgerDay,
  startWebhookReceiver,
  type TestDatabase,
  type WebhookReceiver,
  writeReviewHistory,
} from '@provision/testing';
import { ManualClock } from '@provision/util';
import { PgBoss } from 'pg-boss';
import { createLogger } from '@provision/runtime';
import {
  ANNUAL_NOTICE_QUEUE,
  createWorker,
  HARVEST_CHECK_QUEUE,
  LEDGER_PURGE_QUEUE,
  MONTHLY_REVIEW_QUEUE,
  NOTICE_DELIVERY_QUEUE,
  type Worker,
  WINDOW_SWEEP_QUEUE,
} from './worker.js';
import { TEST_WORKER_OPTIONS } from './worker.harness.js';

const NOW = '2026-11-22T03:00:00.000Z';
const SECRET = 'whsec-hanbok-house-0123456789';
// Long enough for pg-boss to start and poll a few times; never reached when things work.
const BOUND_MS = 20_000;

let db: TestDatabase;
let clock: ManualClock;
let receiver: WebhookReceiver;
let hanbokHouse: Partner;
const logLines: Record<string, unknown>[] = [];
const running: Worker[] = [];

async function until<T>(probe: () => Promise<T | undefined | false>, what: string): Promise<T> {
  const deadline = Date.now() + BOUND_MS;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

function startWorker(): Promise<Worker> {
  const destination = new Writable({
    write(chunk: Buffer, _encoding, done) {
      logLines.push(JSON.parse(chunk.toString('utf8')) as Record<string, unknown>);
      done();
    },
  });
  const worker = createWorker({
    databaseUrl: db.url,
    orm: db.orm,
    clock,
    logger: createLogger({ service: 'worker', level: 'info', destination }),
    keyring: db.keyring,
    options: TEST_WORKER_OPTIONS,
  });
  running.push(worker);
  return worker.start().then(() => worker);
}

async function enqueue(count: number): Promise<string[]> {
  const em = db.orm.em.fork();
  const ids = Array.from({ length: count }, (_, index) =>
    enqueueNotice(em, { partnerId: hanbokHouse.id, type: 'partnership-terminated', payload: { index } }, clock.now()).id,
  );
  await em.flush();
  return ids;
}

const deliveredCount = (ids: string[]) => db.orm.em.fork().count(Notice, { id: { $in: ids }, status: 'DELIVERED' });

beforeAll(async () => {
  db = await createTestDatabase();
  clock = new ManualClock(NOW);
  await seedDemo(db.orm.em.fork(), clock, db.keyring);
  receiver = await startWebhookReceiver({ secret: SECRET, now: () => clock.now() });
  // Every demo partner's webhook is the receiver, so whatever the sweep closes is delivered there.
  const em = db.orm.em.fork();
  for (const partner of await em.find(Partner, {})) {
    partner.webhookUrl = receiver.url;
    partner.webhookSecret = sealWebhookSecret(db.keyring, partner.id, SECRET);
  }
  await em.flush();
  hanbokHouse = await em.findOneOrFail(Partner, { code: 'hanbok-house' });
});

afterEach(async () => {
  await Promise.all(running.splice(0).map((worker) => worker.stop()));
});

afterAll(async () => {
  await receiver?.stop();
  await db?.drop();
});

describe('the worker', () => {
  it('delivers a notice through its pg-boss queue, signed, without logging the payload', async () => {
    const [id] = await enqueue(1);
    await startWorker();

    await receiver.waitForNotices(1, BOUND_MS);
    await until(async () => (await deliveredCount([id!])) === 1, 'the notice to be marked delivered');

    expect(receiver.notices.map((notice) => notice.id)).toEqual([id]);
    expect(receiver.requests.every((request) => request.verdict === 'accepted')).toBe(true);
    expect(JSON.stringify(logLines)).not.toContain('partnership-terminated"');
    expect(JSON.stringify(logLines)).not.toContain('"index"');
  });

  it('runs as provision_app of deploy/roles.sql, which may create no schema and no temporary table', async () => {
    await startWorker();
    const sql = (text: string) => db.orm.em.fork().getConnection().execute(text);
    const sessions = await sql(
      `select distinct usename from pg_stat_activity where application_name = 'provision-worker' and datname = current_database()`,
    );
    expect(sessions).toEqual([{ usename: 'provision_app' }]);
    expect(
      await sql(`select has_database_privilege(current_database(), 'CREATE') as "create", has_database_privilege(current_database(), 'TEMPORARY') as temporary`),
    ).toEqual([{ create: false, temporary: false }]);
  });

  it('schedules the sweep and the delivery backstop once, however many replicas start', async () => {
    await Promise.all([startWorker(), startWorker()]);
    const rows = await db.orm.em
      .fork()
      .getConnection()
      .execute<{ name: string; cron: string; timezone: string }[]>(`select name, cron, timezone from ${JOB_SCHEMA}.schedule order by name`);
    expect(rows).toEqual([
      { name: ANNUAL_NOTICE_QUEUE, cron: '0 2 10 1 *', timezone: 'Asia/Seoul' },
      { name: HARVEST_CHECK_QUEUE, cron: '*/15 * * * *', timezone: 'UTC' },
      { name: LEDGER_PURGE_QUEUE, cron: '30 3 * * *', timezone: 'UTC' },
      { name: MONTHLY_REVIEW_QUEUE, cron: '30 0 1 * *', timezone: 'Asia/Seoul' },
      { name: NOTICE_DELIVERY_QUEUE, cron: '* * * * *', timezone: 'UTC' },
      { name: WINDOW_SWEEP_QUEUE, cron: '*/5 * * * *', timezone: 'UTC' },
    ]);
  });

  it('with two replicas running, delivers each of 200 notices once', async () => {
    const before = receiver.requests.length;
    const ids = await enqueue(200);
    await Promise.all([startWorker(), startWorker()]);

    await until(async () => (await deliveredCount(ids)) === 200, 'all 200 notices to be delivered');

    const requests = receiver.requests.slice(before);
    expect(new Set(requests.map((request) => request.noticeId))).toEqual(new Set(ids));
    expect(requests.every((request) => request.verdict === 'accepted')).toBe(true);
    // Two replicas never claim the same attempt: a notice reaches the receiver once per attempt the
    // outbox counted. A second POST happens only when the first attempt failed at the sender (a
    // response lost or timed out on a loaded machine) — at-least-once, and its attempt is counted.
    const attempts = new Map(
      (await db.orm.em.fork().find(Notice, { id: { $in: ids } })).map((notice) => [notice.id, notice.attempts]),
    );
    const posts = new Map<string | undefined, number>();
    for (const request of requests) posts.set(request.noticeId, (posts.get(request.noticeId) ?? 0) + 1);
    for (const [id, count] of posts) expect(count).toBeLessThanOrEqual(attempts.get(id ?? '') ?? 0);
    expect(requests.length).toBeLessThanOrEqual(ids.length + 5);
  });

  /**
   * Sends one job to `queue` as any client would, and waits for the worker's `finished` log line of
   * that job: the one carrying its id, not another run's of the same queue (the log holds every
   * test's lines).
   */
  async function runJob(queue: string, finished: string): Promise<Record<string, unknown>> {
    const client = new PgBoss({ connectionString: db.url, schema: JOB_SCHEMA, migrate: false, supervise: false, schedule: false });
    client.on('error', () => undefined);
    await client.start();
    try {
      const jobId = await client.send(queue);
      if (jobId === null) throw new Error(`the ${queue} job was not queued: one is already waiting`);
      return await until(async () => {
        const own = logLines.filter((entry) => entry['jobId'] === jobId);
        const failed = own.find((entry) => entry['msg'] === 'job failed');
        if (failed) throw new Error(`the ${queue} job failed: ${String(failed['errorType'])}`);
        return own.find((entry) => entry['msg'] === finished);
      }, `the ${queue} job to finish`);
    } finally {
      await client.stop({ graceful: false });
    }
  }

  it('runs the window sweep from its queue and delivers the window-closed notices it writes', async () => {
    // Seeded orders confirmed 100 days ago are past the sellers' 3-month window.
    await startWorker();
    const line = await runJob(WINDOW_SWEEP_QUEUE, 'window sweep finished');
    expect(line['job']).toBe(WINDOW_SWEEP_QUEUE);
    expect(line['closures']).toBeGreaterThan(0);
    expect(line['notices']).toBeGreaterThan(0);
    const windowClosed = () => receiver.notices.filter((notice) => notice.body['type'] === 'window-closed');
    await until(async () => windowClosed().length === line['notices'], 'the window-closed notices at the partners');
    const written = await db.orm.em.fork().find(Notice, { type: 'window-closed' });
    expect(windowClosed().map((notice) => notice.id).sort()).toEqual(written.map((notice) => notice.id).sort());
  });

  it('runs the harvest check from its queue: an alert row and a log event without personal data', async () => {
    // hanbok-house: ten ordinary days of 100 subjects, then 400 today (Seoul).
    const em = db.orm.em.fork();
    await addLedgerSubjects(em, 400);
    for (let daysBefore = 1; daysBefore <= 10; daysBefore += 1) {
      const day = new Date(Date.parse(NOW) - daysBefore * 86_400_000).toISOString().slice(0, 10);
      await scriptLedgerDay(em, { partnerCode: 'hanbok-house', day, subjects: 100 });
    }
    await scriptLedgerDay(em, { partnerCode: 'hanbok-house', day: '2026-11-22', subjects: 400 });
    await startWorker();
    const line = await runJob(HARVEST_CHECK_QUEUE, 'harvest check finished');
    expect(line['alerts']).toBe(1);
    const event = logLines.find((entry) => entry['event'] === 'harvest-alert');
    expect(event).toMatchObject({ partner: 'hanbok-house', day: '2026-11-22', kind: 'DISTINCT_SUBJECTS', observed: 400, baseline: 100 });
    expect(await db.orm.em.fork().count(HarvestAlert, { partner: hanbokHouse.id, day: '2026-11-22' })).toBe(1);
    expect(JSON.stringify(logLines)).not.toContain('ledger-script-');
  });

  it('purges ledger rows past the retention from its queue, and the ledger still verifies', async () => {
    const subject = await db.orm.em.fork().findOneOrFail(Subject, { shopSubjectId: 'member-0001' });
    // A partner whose chain is still empty here: a chain is purged from its start, in write order.
    const seller = await db.orm.em.fork().findOneOrFail(Partner, { code: 'seoul-sneakers' });
    const write = async (occurredAt: Date) => {
      const ledger = new RequestLedger({
        actorKind: 'PARTNER',
        partnerId: seller.id,
        clientId: 'seller-seoul-sneakers',
        tokenId: null,
        requestId: `purge-${occurredAt.toISOString()}`,
      });
      ledger.record({ purpose: 'order.delivery', subjectId: subject.id, orderId: null, item: 'receiver.name', denied: null });
      return ledger.flush(await nativePool(db.orm.em), occurredAt);
    };
    // The clock's now is the database's today; 25 months back is past the default 24-month retention.
    await write(new Date('2024-10-01T00:00:00Z'));
    await write(new Date('2026-11-01T00:00:00Z'));
    await startWorker();
    const line = await runJob(LEDGER_PURGE_QUEUE, 'ledger purge finished');
    expect(line).toMatchObject({ chains: 1, rows: 1, cutoff: '2024-11-22T00:00:00.000Z' });
    const left = await db.orm.em.fork().find(ProvisionRecord, { partner: seller.id });
    expect(left.map((row) => row.occurredAt)).toEqual([new Date('2026-11-01T00:00:00Z')]);
    expect((await verifyLedger(db.orm.em.fork())).breaks).toEqual([]);
  });

  it("generates last month's review reports from its queue, once across two replicas and two runs", async () => {
    await writeReviewHistory(db.orm.em.fork());
    await Promise.all([startWorker(), startWorker()]);
    // The clock says 22 November (Seoul): the job reviews October, for the partners active in it.
    const first = await runJob(MONTHLY_REVIEW_QUEUE, 'monthly review finished');
    expect(first).toMatchObject({ month: '2026-10', generated: 2, skipped: 0 });
    const reports = async () =>
      (await db.orm.em.fork().find(ReviewReport, {}, { populate: ['partner'] }))
        .map((report) => [report.partner.getEntity().code, report.month, report.generatedBy, report.revision])
        .sort();
    const written = [
      ['hanbok-house', '2026-10', MONTHLY_REVIEW_ACTOR, 1],
      ['seoul-sneakers', '2026-10', MONTHLY_REVIEW_ACTOR, 1],
    ];
    expect(await reports()).toEqual(written);

    const second = await runJob(MONTHLY_REVIEW_QUEUE, 'monthly review finished');
    expect(second).toMatchObject({ month: '2026-10', generated: 0, skipped: 2 });
    expect(await reports()).toEqual(written);
  });

  it("produces last year's annual provision notices from its queue, and a second run records nothing twice", async () => {
    const em = db.orm.em.fork();
    const subjects = await em.find(Subject, { shopSubjectId: { $in: ['member-0001', 'receiver-0001'] } });
    const ledger = new RequestLedger({ actorKind: 'PARTNER', partnerId: hanbokHouse.id, clientId: 'seller-hanbok-house', tokenId: null, requestId: 'annual-2025' });
    for (const subject of subjects) ledger.record({ purpose: 'order.delivery', subjectId: subject.id, orderId: null, item: 'receiver.name', denied: null });
    await ledger.flush(await nativePool(db.orm.em), new Date('2025-06-01T00:00:00Z'));
    await startWorker();
    // The clock says 22 November 2026 (Seoul): the job notifies 2025.
    const first = await runJob(ANNUAL_NOTICE_QUEUE, 'annual notice finished');
    expect(first).toMatchObject({ period: '2025', produced: 2, resumed: false });
    const second = await runJob(ANNUAL_NOTICE_QUEUE, 'annual notice finished');
    expect(second).toMatchObject({ period: '2025', produced: 0, resumed: true });
    const notices = await db.orm.em.fork().find(AnnualProvisionNotice, { period: '2025' }, { populate: ['subject'] });
    expect(notices.map((notice) => notice.subject.getEntity().shopSubjectId).sort()).toEqual(['member-0001', 'receiver-0001']);
    expect(notices[0]!.content).toMatchObject({ provisions: [{ partner: { code: 'hanbok-house' }, purpose: 'order.delivery', items: ['receiver.name'], releases: 1 }] });
  });

  it('closes its database connections when stopped', async () => {
    const worker = await startWorker();
    const connections = () =>
      db.orm.em
        .fork()
        .getConnection()
        .execute<{ count: string }[]>(
          `select count(*)::int as count from pg_stat_activity where application_name = 'provision-worker' and datname = current_database()`,
        )
        .then(([row]) => Number(row!.count));
    expect(await connections()).toBeGreaterThan(0);
    await worker.stop();
    await until(async () => (await connections()) === 0, 'pg-boss connections to close');
  });
});
