import { Writable } from 'node:stream';
import { Notice, Partner, sealWebhookSecret, seedDemo } from '@provision/db';
import { enqueueNotice } from '@provision/notices';
import { createTestDatabase, startWebhookReceiver, type TestDatabase, type WebhookReceiver } from '@provision/testing';
import { ManualClock } from '@provision/util';
import { PgBoss } from 'pg-boss';
import { createLogger } from '@provision/runtime';
import { createWorker, NOTICE_DELIVERY_QUEUE, PGBOSS_SCHEMA, type Worker, WINDOW_SWEEP_QUEUE } from './worker.js';

const NOW = '2026-11-22T03:00:00.000Z';
const SECRET = 'whsec-hanbok-house-0123456789';
// Long enough for pg-boss to install its schema and poll a few times; never reached when things work.
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
    options: { deliveryIntervalSeconds: 1, sweepCron: '*/5 * * * *', pollingIntervalSeconds: 0.5, stopTimeoutMs: 5000 },
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

  it('schedules the sweep and the delivery backstop once, however many replicas start', async () => {
    await Promise.all([startWorker(), startWorker()]);
    const rows = await db.orm.em
      .fork()
      .getConnection()
      .execute<{ name: string; cron: string }[]>(`select name, cron from ${PGBOSS_SCHEMA}.schedule order by name`);
    expect(rows).toEqual([
      { name: NOTICE_DELIVERY_QUEUE, cron: '* * * * *' },
      { name: WINDOW_SWEEP_QUEUE, cron: '*/5 * * * *' },
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

  it('runs the window sweep from its queue and delivers the window-closed notices it writes', async () => {
    // Seeded orders confirmed 100 days ago are past the sellers' 3-month window.
    await startWorker();
    const client = new PgBoss({ connectionString: db.url, schema: PGBOSS_SCHEMA, supervise: false, schedule: false });
    client.on('error', () => undefined);
    await client.start();
    try {
      await client.send(WINDOW_SWEEP_QUEUE);
      const line = await until(async () => {
        const failed = logLines.find((entry) => entry['msg'] === 'job failed' && entry['queue'] === WINDOW_SWEEP_QUEUE);
        if (failed) throw new Error(`the sweep job failed: ${String(failed['errorType'])}`);
        return logLines.find((entry) => entry['msg'] === 'window sweep finished');
      }, 'the sweep to finish');
      expect(line['closures']).toBeGreaterThan(0);
      expect(line['notices']).toBeGreaterThan(0);
      const windowClosed = () => receiver.notices.filter((notice) => notice.body['type'] === 'window-closed');
      await until(async () => windowClosed().length === line['notices'], 'the window-closed notices at the partners');
      const written = await db.orm.em.fork().find(Notice, { type: 'window-closed' });
      expect(windowClosed().map((notice) => notice.id).sort()).toEqual(written.map((notice) => notice.id).sort());
    } finally {
      await client.stop({ graceful: false });
    }
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
