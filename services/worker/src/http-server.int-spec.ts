import { databaseUrl, JOB_SCHEMA, Notice, Partner, runAdminStatements, sealWebhookSecret, seedDemo } from '@provision/db';
import { enqueueNotice } from '@provision/notices';
import { createTestDatabase, startWebhookReceiver, TEST_ADMIN_URL_ENV, type TestDatabase, type WebhookReceiver } from '@provision/testing';
import { createLogger } from '@provision/runtime';
import { ManualClock } from '@provision/util';
import { PgBoss } from 'pg-boss';
import { createWorkerHttpServer, type WorkerHttpServer } from './http-server.js';
import { createWorker, type Worker, WINDOW_SWEEP_QUEUE, WORKER_JOBS } from './worker.js';
import { TEST_WORKER_OPTIONS } from './worker.harness.js';

// The worker's own HTTP endpoint as a Kubernetes probe and a Prometheus scrape see it, with the
// worker running as the app role of deploy/roles.sql on a real PostgreSQL.
const NOW = '2026-11-22T03:00:00.000Z';
const SECRET = 'whsec-hanbok-house-0123456789';
const BOUND_MS = 20_000;

let db: TestDatabase;
let clock: ManualClock;
let receiver: WebhookReceiver;
let worker: Worker;
let http: WorkerHttpServer;
let base: string;

/** The value of one series of a Prometheus text exposition; undefined when the series is absent. */
function sample(exposition: string, series: string): number | undefined {
  const line = exposition.split('\n').find((text) => text.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

const scrape = async () => (await fetch(`${base}/metrics`)).text();

async function until<T>(probe: () => Promise<T | undefined | false>, what: string): Promise<T> {
  const deadline = Date.now() + BOUND_MS;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

beforeAll(async () => {
  db = await createTestDatabase();
  clock = new ManualClock(NOW);
  await seedDemo(db.orm.em.fork(), clock, db.keyring);
  receiver = await startWebhookReceiver({ secret: SECRET, now: () => clock.now() });
  const em = db.orm.em.fork();
  const hanbokHouse = await em.findOneOrFail(Partner, { code: 'hanbok-house' });
  hanbokHouse.webhookUrl = receiver.url;
  hanbokHouse.webhookSecret = sealWebhookSecret(db.keyring, hanbokHouse.id, SECRET);
  await em.flush();
  worker = createWorker({
    databaseUrl: db.url,
    orm: db.orm,
    clock,
    logger: createLogger({ service: 'worker', level: 'silent' }),
    keyring: db.keyring,
    options: TEST_WORKER_OPTIONS,
  });
  http = createWorkerHttpServer({ worker, orm: db.orm });
  base = `http://127.0.0.1:${await http.start(0, '127.0.0.1')}`;
});

afterAll(async () => {
  await worker?.stop();
  await http?.stop();
  await receiver?.stop();
  await db?.drop();
});

describe("the worker's HTTP endpoint", () => {
  it('is alive at once, and ready only once its job queue has started', async () => {
    expect((await fetch(`${base}/healthz`)).status).toBe(200);
    const early = await fetch(`${base}/readyz`);
    expect(early.status).toBe(503);
    expect(await early.json()).toEqual({ status: 'not ready', reason: 'job queue not started' });

    await worker.start();
    const ready = await fetch(`${base}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ status: 'ready' });
    expect((await fetch(`${base}/nothing-here`)).status).toBe(404);
  });

  it('starts every job, notice type and sweep outcome at zero, and reads the outbox and the pool', async () => {
    const metrics = await scrape();
    for (const job of WORKER_JOBS) {
      expect(sample(metrics, `worker_job_failures_total{job="${job}"}`)).toBe(0);
      expect(sample(metrics, `worker_job_runs_total{job="${job}"}`)).toBeDefined();
    }
    expect(WORKER_JOBS).toEqual(expect.arrayContaining(['window-sweep', 'harvest-check', 'ledger-purge', 'monthly-review', 'notice-delivery']));
    for (const series of [
      'notice_dead_letters_total{type="window-closed"}',
      'notice_delivery_retries_total{type="subject-corrected"}',
      'window_sweep_runs_total{outcome="failure"}',
      'notice_outbox_notices{status="DEAD"}',
    ]) {
      expect(sample(metrics, series)).toBe(0);
    }
    expect(sample(metrics, 'db_pool_connections{pool="jobs",state="idle"}')).toBeDefined();
    expect(sample(metrics, 'db_pool_waiting_requests{pool="jobs"}')).toBe(0);
  });

  it('counts a delivery and a retry by notice type, and shows the outbox depth', async () => {
    const before = await scrape();
    receiver.failNext(1);
    const em = db.orm.em.fork();
    const hanbokHouse = await em.findOneOrFail(Partner, { code: 'hanbok-house' });
    const notice = enqueueNotice(em, { partnerId: hanbokHouse.id, type: 'partnership-terminated', payload: {} }, clock.now());
    await em.flush();
    // The first attempt fails; the retry is due after a backoff the test clock must pass.
    await until(async () => (await db.orm.em.fork().findOneOrFail(Notice, notice.id)).attempts === 1, 'the first, failed attempt');
    expect(sample(await scrape(), 'notice_outbox_notices{status="PENDING"}')).toBeGreaterThanOrEqual(1);
    clock.advance(24 * 3600 * 1000);
    await until(async () => (await db.orm.em.fork().findOneOrFail(Notice, notice.id)).status === 'DELIVERED', 'the retried delivery');
    const after = await scrape();
    const moved = (series: string) => (sample(after, series) ?? 0) - (sample(before, series) ?? 0);
    expect(moved('notice_delivery_retries_total{type="partnership-terminated"}')).toBe(1);
    expect(moved('notice_deliveries_total{type="partnership-terminated"}')).toBe(1);
    expect(moved('worker_job_runs_total{job="notice-delivery"}')).toBeGreaterThanOrEqual(2);
  });

  it('counts a dead letter by notice type, and shows it in the outbox', async () => {
    const before = await scrape();
    // A partner without a webhook: no retry can fix that, so the notice goes DEAD at its first attempt.
    const em = db.orm.em.fork();
    const seller = await em.findOneOrFail(Partner, { code: 'seoul-sneakers' });
    expect(seller.webhookUrl ?? null).toBeNull();
    const notice = enqueueNotice(em, { partnerId: seller.id, type: 'window-closed', payload: {} }, clock.now());
    await em.flush();
    await until(async () => (await db.orm.em.fork().findOneOrFail(Notice, notice.id)).status === 'DEAD', 'the notice to go DEAD');
    const after = await scrape();
    expect(sample(after, 'notice_dead_letters_total{type="window-closed"}')! - sample(before, 'notice_dead_letters_total{type="window-closed"}')!).toBe(1);
    expect(sample(after, 'notice_outbox_notices{status="DEAD"}')).toBe(1);
  });

  it('counts a failed scheduled job against its job, and a failed sweep, without failing readiness', async () => {
    // Breaking the schema is the owner's to do: the worker runs as the app role, which may not alter tables.
    const owner = (await db.owner()).em.getConnection();
    await owner.execute('alter table window_closures rename to window_closures_offline');
    const client = new PgBoss({ connectionString: db.url, schema: JOB_SCHEMA, migrate: false, supervise: false, schedule: false });
    client.on('error', () => undefined);
    await client.start();
    try {
      await client.send(WINDOW_SWEEP_QUEUE);
      await until(async () => sample(await scrape(), 'worker_job_failures_total{job="window-sweep"}') === 1, 'the failed sweep to be counted');
    } finally {
      await client.stop({ graceful: false });
      await owner.execute('alter table window_closures_offline rename to window_closures');
    }
    const metrics = await scrape();
    expect(sample(metrics, 'window_sweep_runs_total{outcome="failure"}')).toBe(1);
    expect(sample(metrics, 'window_sweep_duration_seconds_count')).toBe(1);
    expect(sample(metrics, 'worker_job_failures_total{job="harvest-check"}')).toBe(0);
    expect((await fetch(`${base}/readyz`)).status).toBe(200);
  });

  it('is unready while the database refuses the worker, and ready again once it lets it in', async () => {
    // Cutting another role's connections takes the server's superuser.
    const name = new URL(db.url).pathname.slice(1);
    const superuser = databaseUrl(process.env[TEST_ADMIN_URL_ENV]!, name);
    await runAdminStatements(superuser, [
      `revoke connect on database "${name}" from provision_app`,
      `select pg_terminate_backend(pid) from pg_stat_activity where usename = 'provision_app' and datname = current_database()`,
    ]);
    let outage;
    try {
      outage = await fetch(`${base}/readyz`);
      expect((await fetch(`${base}/healthz`)).status).toBe(200);
    } finally {
      await runAdminStatements(superuser, [`grant connect on database "${name}" to provision_app`]);
    }
    expect(outage.status).toBe(503);
    expect(await outage.json()).toEqual({ status: 'not ready', reason: 'database unreachable' });
    await until(async () => (await fetch(`${base}/readyz`)).status === 200, 'readiness after the outage');
  });

  it('fails readiness as soon as the worker stops', async () => {
    await worker.stop();
    const answer = await fetch(`${base}/readyz`);
    expect(answer.status).toBe(503);
    expect((await fetch(`${base}/healthz`)).status).toBe(200);
  });
});
