// `npm run test:scale`: the scale-out set-up of deploy/README.md proven on one machine (issue 11).
// Run under tools/with-postgres.ts (a throw-away PostgreSQL with deploy/roles.sql and the migrations),
// it starts on 127.0.0.1: PgBouncer in transaction pooling mode, two production gateways and two
// workers connecting through it as provision_app, and HAProxy in front of the gateways; then
//   1. measures partner-read throughput through the load balancer with one and with two gateways
//      (reported, never failed on: two cores are shared with whatever else runs);
//   2. terminates a partner through one gateway and sends its token to the other at once;
//   3. runs ~20 s of mixed load (idempotent shop writes, partner reads) and kill -9s one gateway
//      mid-run: every acknowledged write is stored, every released value has its ledger row, the
//      ledger chains verify, and requests keep succeeding after the kill;
//   4. waits for the every-minute cron jobs and checks each ran at most once per minute across the
//      two workers, and that no notice was posted more often than its recorded attempts.
// Exit code 0 only when every check passed. What does not go through PgBouncer: the harness's own
// checks and set-up (superuser and app role, directly); the gateways and workers use it for everything.
//
// Load balancer: HAProxy (Debian's), not a proxy of our own, because its active health checks on
// /readyz, `retry-on conn-failure` and `option redispatch` are what a production load balancer does
// and what we want to prove the replicas work with; a hand-written proxy would prove itself.
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { chmod, chown, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import autocannon from 'autocannon';
import pg from 'pg';
import { createEphemeralIssuer, mintAccessToken, type DevIssuer } from '@provision/auth';
import { verifyLedger } from '@provision/audit';
import { DEMO_CLIENT_IDS, seedDemo, sealWebhookSecret } from '@provision/db';
import { enqueueNotice } from '@provision/notices';
import { createTestDatabase, startWebhookReceiver, TEST_ADMIN_URL_ENV, testKeyringConfig, type TestDatabase, type WebhookReceiver } from '@provision/testing';
import { systemClock } from '@provision/util';
import { freePort, processCpu, stopProcess, waitUntilReady } from './bench/harness.js';
import { deployedNodeArgs } from './node-runtime.js';

const ROOT = resolve(import.meta.dirname, '..');
/** The whole run must end within this (npm run test:scale is bounded to < 4 minutes). */
const TIME_LIMIT_MS = 225_000;
const LOAD_SECONDS = 20;
const KILL_AFTER_SECONDS = 8;
const THROUGHPUT_SECONDS = 6;
const THROUGHPUT_CONNECTIONS = 16;
const WRITERS = 6;
const READERS = 6;
const EVERY_MINUTE = '* * * * *';
/** Notices put in the outbox at the start of the load, for both workers to deliver at once. */
const OUTBOX_NOTICES = 40;
const UPSERT = 'mutation Write($input: UpsertSubjectInput!) { upsertSubject(input: $input) { shopSubjectId } }';
const SELLER_ORDERS =
  'query SellerOrders @purpose(code: "order.delivery") { orders(first: 20) { nodes { shopOrderId receiver { name phone } } } }';
const TERMINATE = 'mutation Terminate($input: ChangePartnerStatusInput!) { terminatePartner(input: $input) { id } }';
const SELLER_SCOPES = ['partner:read', 'pii:receiver.name', 'pii:receiver.phone'];
/** The released items of SELLER_ORDERS, as the ledger names them. */
const RELEASED_ITEMS = { name: 'receiver.name', phone: 'receiver.phone' } as const;

const startedAt = performance.now();
const elapsed = () => `${((performance.now() - startedAt) / 1000).toFixed(1)} s`;
const say = (message: string) => process.stderr.write(`scale [${elapsed()}]: ${message}\n`);
const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));

const checks: { name: string; ok: boolean; detail: string }[] = [];
function check(name: string, ok: boolean, detail = ''): void {
  checks.push({ name, ok, detail });
  say(`${ok ? 'PASS' : 'FAIL'} ${name}${detail ? ` — ${detail}` : ''}`);
}

interface Child {
  name: string;
  process: ChildProcess;
  log: string;
}
const children: Child[] = [];

function launch(name: string, command: string, args: string[], env: NodeJS.ProcessEnv, dir: string): Child {
  const log = join(dir, `${name}.log`);
  const out = createWriteStream(log);
  const child = spawn(command, args, { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout?.pipe(out);
  child.stderr?.pipe(out);
  const running = { name, process: child, log };
  children.push(running);
  return running;
}

const waitUntil = (what: string, ready: () => Promise<boolean>, child: Child, timeoutMs?: number) =>
  waitUntilReady(child.name, what, ready, child.process, timeoutMs);

const answersOk = (url: string) => async () => (await fetch(url)).ok;

const stop = ({ process: child }: Child) => stopProcess(child, 10_000);

/** The gateways, workers and HAProxy first, then PgBouncer, so no process loses its database while stopping. */
async function stopAll(): Promise<void> {
  await Promise.all(children.filter((child) => child.name !== 'pgbouncer').map(stop));
  await Promise.all(children.filter((child) => child.name === 'pgbouncer').map(stop));
}

/** PgBouncer in transaction pooling mode in front of `database`; it will not run as root, so then as `postgres`. */
async function startPgBouncer(dir: string, target: URL, database: string, app: URL): Promise<{ child: Child; port: number }> {
  const port = await freePort();
  const userlist = join(dir, 'userlist.txt');
  const ini = join(dir, 'pgbouncer.ini');
  await writeFile(userlist, `"${decodeURIComponent(app.username)}" "${decodeURIComponent(app.password)}"\n`, { mode: 0o600 });
  await writeFile(
    ini,
    [
      '[databases]',
      `${database} = host=${target.hostname} port=${target.port} dbname=${database}`,
      '[pgbouncer]',
      `listen_addr = 127.0.0.1`,
      `listen_port = ${port}`,
      `unix_socket_dir =`,
      `auth_type = scram-sha-256`,
      `auth_file = ${userlist}`,
      'pool_mode = transaction',
      'max_client_conn = 200',
      // Below what the four processes' pools ask for together, so PgBouncer really multiplexes.
      'default_pool_size = 20',
      'ignore_startup_parameters = extra_float_digits',
      `pidfile = ${join(dir, 'pgbouncer.pid')}`,
      '',
    ].join('\n'),
  );
  const asRoot = process.getuid?.() === 0;
  if (asRoot) {
    const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim());
    const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim());
    await chmod(dir, 0o755);
    for (const file of [dir, userlist, ini]) await chown(file, uid, gid);
  }
  const child = launch('pgbouncer', 'pgbouncer', [...(asRoot ? ['-u', 'postgres'] : []), ini], {}, dir);
  const url = new URL(app);
  url.hostname = '127.0.0.1';
  url.port = String(port);
  await waitUntil(
    'accepting connections',
    async () => {
      const client = new pg.Client({ connectionString: url.toString() });
      await client.connect();
      await client.query('select 1');
      await client.end();
      return true;
    },
    child,
    20_000,
  );
  return { child, port };
}

async function startHaproxy(dir: string, gateways: number[]): Promise<{ both: string; single: string }> {
  const [both, single] = [await freePort(), await freePort()];
  const servers = (ports: number[]) => ports.map((port, index) => `  server g${index + 1} 127.0.0.1:${port} check`).join('\n');
  const cfg = join(dir, 'haproxy.cfg');
  await writeFile(
    cfg,
    `global
  maxconn 2000
defaults
  mode http
  timeout connect 1s
  timeout client 30s
  timeout server 30s
  # A connection refused by a dead replica is retried on the other one; a request that reached a
  # replica is never sent twice (only conn-failure is retried, so writes are not repeated).
  retries 3
  retry-on conn-failure
  option redispatch 1
  option httpchk GET /readyz
  # The gateway's readiness pool is its own, but through PgBouncer its query waits in the same queue
  # for a server connection as the requests': under full load /readyz can take over 500 ms, and a
  # short check timeout would take a busy but healthy replica out (and with it, both).
  timeout check 3s
  default-server inter 500ms fall 3 rise 2
listen both
  bind 127.0.0.1:${both}
  balance roundrobin
${servers(gateways)}
listen single
  bind 127.0.0.1:${single}
${servers(gateways.slice(0, 1))}
`,
  );
  const child = launch('haproxy', 'haproxy', ['-db', '-f', cfg], {}, dir);
  await waitUntil('routing to both gateways', answersOk(`http://127.0.0.1:${both}/readyz`), child, 20_000);
  return { both: `http://127.0.0.1:${both}`, single: `http://127.0.0.1:${single}` };
}

interface Answer {
  status: number;
  body: { data?: Record<string, unknown> | null; errors?: { message: string; extensions?: { code?: string } }[] };
}

async function graphql(base: string, token: string, query: string, variables: Record<string, unknown> = {}): Promise<Answer> {
  const response = await fetch(`${base}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query, variables }),
  });
  return { status: response.status, body: (await response.json()) as Answer['body'] };
}

interface OrderNode {
  shopOrderId: string;
  receiver: { name: string | null; phone: string | null } | null;
}

interface LoadResult {
  acknowledged: string[];
  unacknowledged: number;
  reads: number;
  /** Released values per `shopOrderId|item`, counted over every successful read. */
  released: Map<string, number>;
  /** Time (ms since the load began) and kind of every failed request. */
  failures: { at: number; what: string }[];
  successesAfterKill: number;
  killedAt: number;
}

async function mixedLoad(lb: string, shopToken: string, sellerToken: string, kill: () => void): Promise<LoadResult> {
  const result: LoadResult = { acknowledged: [], unacknowledged: 0, reads: 0, released: new Map(), failures: [], successesAfterKill: 0, killedAt: Infinity };
  const began = Date.now();
  const end = began + LOAD_SECONDS * 1000;
  const succeeded = () => {
    if (Date.now() - began > result.killedAt) result.successesAfterKill += 1;
  };
  const writer = async (name: string) => {
    for (let n = 0; Date.now() < end; n += 1) {
      const id = `scale-${name}-${n}`;
      try {
        const answer = await graphql(lb, shopToken, UPSERT, { input: { shopSubjectId: id, kind: 'MEMBER', name: '부하시험' } });
        const stored = (answer.body.data?.upsertSubject as { shopSubjectId?: string } | undefined)?.shopSubjectId;
        if (answer.status === 200 && stored === id && !answer.body.errors) {
          result.acknowledged.push(id);
          succeeded();
        } else {
          result.unacknowledged += 1;
          result.failures.push({ at: Date.now() - began, what: `write HTTP ${answer.status} ${answer.body.errors?.[0]?.message ?? ''}` });
        }
      } catch (error) {
        result.unacknowledged += 1;
        result.failures.push({ at: Date.now() - began, what: `write ${String((error as { cause?: unknown }).cause ?? error)}` });
      }
    }
  };
  const reader = async () => {
    while (Date.now() < end) {
      try {
        const answer = await graphql(lb, sellerToken, SELLER_ORDERS);
        const nodes = (answer.body.data?.orders as { nodes?: OrderNode[] } | undefined)?.nodes;
        if (answer.status !== 200 || !nodes || answer.body.errors) {
          result.failures.push({ at: Date.now() - began, what: `read HTTP ${answer.status} ${answer.body.errors?.[0]?.message ?? ''}` });
          continue;
        }
        result.reads += 1;
        succeeded();
        for (const node of nodes) {
          for (const [field, item] of Object.entries(RELEASED_ITEMS)) {
            if (node.receiver?.[field as keyof typeof RELEASED_ITEMS] == null) continue;
            const key = `${node.shopOrderId}|${item}`;
            result.released.set(key, (result.released.get(key) ?? 0) + 1);
          }
        }
      } catch (error) {
        result.failures.push({ at: Date.now() - began, what: `read ${String((error as { cause?: unknown }).cause ?? error)}` });
      }
    }
  };
  const killer = async () => {
    await sleep(KILL_AFTER_SECONDS * 1000);
    result.killedAt = Date.now() - began;
    kill();
  };
  await Promise.all([
    ...Array.from({ length: WRITERS }, (_, n) => writer(`w${n}`)),
    ...Array.from({ length: READERS }, () => reader()),
    killer(),
  ]);
  return result;
}

interface Throughput {
  requestsPerSecond: number;
  /** CPU seconds per second the processes of each name spent during the run (1.0 = one core busy). */
  cores: Map<string, number>;
}

async function throughput(base: string, token: string, watched: readonly Child[]): Promise<Throughput> {
  const cpu = async () => Promise.all(watched.map(async (child) => (await processCpu(child.process.pid ?? 0))?.seconds ?? 0));
  const before = await cpu();
  const result = await autocannon({
    url: `${base}/graphql`,
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ query: SELLER_ORDERS }),
    connections: THROUGHPUT_CONNECTIONS,
    duration: THROUGHPUT_SECONDS,
  });
  const after = await cpu();
  if (result.errors > 0 || result.non2xx > 0) throw new Error(`throughput run: ${result.errors} errors, ${result.non2xx} non-2xx answers`);
  const cores = new Map<string, number>();
  watched.forEach((child, index) => cores.set(child.name, (after[index] - before[index]) / THROUGHPUT_SECONDS));
  return { requestsPerSecond: result.requests.average, cores };
}

const coresText = ({ cores }: Throughput) => [...cores].map(([name, used]) => `${name} ${used.toFixed(2)}`).join(', ');

async function partnerId(db: TestDatabase, code: string): Promise<string> {
  const [row] = await db.orm.em.fork().execute<{ id: string }[]>('select id from partners where code = ?', [code]);
  return row.id;
}

async function main(): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), 'provision-scale-'));
  const db = await createTestDatabase();
  let receiver: WebhookReceiver | undefined;
  try {
    await run(db, dir, (started) => (receiver = started));
  } finally {
    await stopAll();
    await receiver?.stop();
    await db.drop();
    if (checks.every((entry) => entry.ok)) await rm(dir, { recursive: true, force: true });
    else say(`logs of the processes kept in ${dir}`);
  }
}

async function run(db: TestDatabase, dir: string, keepReceiver: (receiver: WebhookReceiver) => void): Promise<void> {
  await seedDemo(db.orm.em.fork(), systemClock, db.keyring);
  const app = new URL(db.url);
  const database = app.pathname.slice(1);
  const bouncer = await startPgBouncer(dir, app, database, app);
  const pooled = new URL(app);
  pooled.port = String(bouncer.port);
  say(`PgBouncer (transaction pooling) on 127.0.0.1:${bouncer.port}`);

  // Every partner's webhook is the local receiver, so the termination below and whatever the
  // workers' jobs send (e.g. the window sweep's window-closed notices) reach it.
  const webhookSecret = 'scale-test-webhook-secret-0123456789';
  const receiver = await startWebhookReceiver({ secret: webhookSecret });
  keepReceiver(receiver);
  const partners = db.orm.em.fork();
  for (const { id } of await partners.execute<{ id: string }[]>('select id from partners')) {
    await partners.execute('update partners set webhook_url = ?, webhook_secret = ? where id = ?', [receiver.url, sealWebhookSecret(db.keyring, id, webhookSecret), id]);
  }
  const sneakers = await partnerId(db, 'seoul-sneakers');

  const issuer: DevIssuer = await createEphemeralIssuer({ issuer: 'https://issuer.scale.example', audience: 'https://provision.scale.example' });
  const jwksFile = join(dir, 'jwks.json');
  await writeFile(jwksFile, JSON.stringify(issuer.jwks));
  const keys = testKeyringConfig();
  const common = {
    NODE_ENV: 'production',
    DATABASE_URL: pooled.toString(),
    DATA_KEYS: keys.dataKeys,
    DATA_INDEX_KEY: keys.indexKey,
    LOG_LEVEL: 'warn',
  };
  const gatewayPorts = [await freePort(), await freePort()];
  const gateways = gatewayPorts.map((port, index) =>
    launch(
      `gateway${index + 1}`,
      process.execPath,
      deployedNodeArgs('services/gateway/src/main.ts'),
      {
        ...common,
        PORT: String(port),
        HOST: '127.0.0.1',
        AUTH_ISSUER: issuer.issuer,
        AUTH_AUDIENCE: issuer.audience,
        AUTH_JWKS_FILE: jwksFile,
        // PgBouncer 1.18 (Debian 12) cannot carry prepared statements in transaction mode.
        DATABASE_PREPARED_STATEMENTS: 'false',
        // Nothing drains at the end of the run: no load balancer is watching any more.
        SHUTDOWN_DRAIN_DELAY_MS: '0',
        PARTNER_RATE_CAPACITY: '10000000',
        PARTNER_RATE_REFILL_PER_MINUTE: '10000000',
      },
      dir,
    ),
  );
  const workerPorts = [await freePort(), await freePort()];
  const workers = workerPorts.map((port, index) =>
    launch(
      `worker${index + 1}`,
      process.execPath,
      deployedNodeArgs('services/worker/src/main.ts'),
      { ...common, WORKER_PORT: String(port), SWEEP_CRON: EVERY_MINUTE, HARVEST_CRON: EVERY_MINUTE, DELIVERY_INTERVAL_SECONDS: '1' },
      dir,
    ),
  );
  await Promise.all([
    ...gateways.map((gateway, index) => waitUntil('ready', answersOk(`http://127.0.0.1:${gatewayPorts[index]}/readyz`), gateway)),
    ...workers.map((worker, index) => waitUntil('ready', answersOk(`http://127.0.0.1:${workerPorts[index]}/readyz`), worker)),
  ]);
  const workersReadyAt = new Date();
  say('two gateways and two workers ready, all through PgBouncer');
  const lb = await startHaproxy(dir, gatewayPorts);
  say(`HAProxy: ${lb.both} (both gateways), ${lb.single} (gateway 1 alone)`);

  const token = (clientId: string, scopes: string[]) => mintAccessToken(issuer, { clientId, scopes, ttlSeconds: 3_600, clock: systemClock });
  const sellerToken = await token(DEMO_CLIENT_IDS.hanbokHouse, SELLER_SCOPES);
  const shopToken = await token(DEMO_CLIENT_IDS.shopBackend, ['shop:read', 'shop:write']);
  const adminToken = await token(DEMO_CLIENT_IDS.privacyAdmin, ['admin:read', 'admin:write']);
  const sneakersToken = await token(DEMO_CLIENT_IDS.seoulSneakers, SELLER_SCOPES);

  // 1. Throughput, one gateway then two, same load balancer in between.
  const load1 = loadavg()[0];
  const watched = children.filter((child) => ['gateway1', 'gateway2', 'pgbouncer', 'haproxy'].includes(child.name));
  const one = await throughput(lb.single, sellerToken, watched);
  const two = await throughput(lb.both, sellerToken, watched);
  say(`throughput (partner reads, ${THROUGHPUT_CONNECTIONS} connections, ${THROUGHPUT_SECONDS} s): 1 gateway ${one.requestsPerSecond.toFixed(0)} req/s, 2 gateways ${two.requestsPerSecond.toFixed(0)} req/s`);

  // 2. Termination through gateway 1, the token refused by gateway 2 on the very next request.
  const [first, second] = gatewayPorts.map((port) => `http://127.0.0.1:${port}`);
  const before = await graphql(second, sneakersToken, SELLER_ORDERS);
  check(
    'a partner reads through gateway 2 before its termination',
    before.status === 200 && (before.body.data?.orders ?? null) !== null,
    `HTTP ${before.status} ${before.body.errors?.map((error) => error.extensions?.code ?? error.message).join(', ') ?? ''}`,
  );
  const terminated = await graphql(first, adminToken, TERMINATE, { input: { partnerId: sneakers, reason: 'scale test: contract ended' } });
  check('an admin terminates it through gateway 1', terminated.status === 200 && !terminated.body.errors, terminated.body.errors?.[0]?.message ?? '');
  const after = await graphql(second, sneakersToken, SELLER_ORDERS);
  const refused = after.status !== 200 || (Boolean(after.body.errors?.length) && (after.body.data?.orders ?? null) === null);
  check(
    "gateway 2 refuses the terminated partner's token on the very next request",
    refused,
    `HTTP ${after.status} ${after.body.errors?.[0]?.extensions?.code ?? ''}`,
  );

  // 3. Mixed load with a kill -9 of gateway 2 mid-run, and a full outbox for the two workers.
  const outbox = db.orm.em.fork();
  const hanbok = await partnerId(db, 'hanbok-house');
  for (let n = 0; n < OUTBOX_NOTICES; n += 1) {
    enqueueNotice(outbox, { partnerId: hanbok, type: 'window-closed', payload: { scaleTest: n } }, new Date());
  }
  await outbox.flush();
  const load = await mixedLoad(lb.both, shopToken, sellerToken, () => gateways[1].process.kill('SIGKILL'));
  const afterKill = load.failures.filter((failure) => failure.at > load.killedAt + 2_000);
  say(
    `load: ${load.acknowledged.length} writes acknowledged, ${load.unacknowledged} not, ${load.reads} reads; ` +
      `${load.failures.length} failed requests (${load.failures.filter((failure) => failure.at >= load.killedAt).length} after the kill at ${(load.killedAt / 1000).toFixed(1)} s)`,
  );
  for (const failure of load.failures.slice(0, 5)) say(`  failed at ${(failure.at / 1000).toFixed(2)} s: ${failure.what.slice(0, 160)}`);
  check(
    'the load balancer routes around the killed gateway',
    load.successesAfterKill > 50 && afterKill.length === 0,
    `${load.successesAfterKill} successes after the kill, ${afterKill.length} failures from 2 s after it`,
  );
  const em = db.orm.em.fork();
  const stored = new Set(
    (await em.execute<{ shop_subject_id: string }[]>("select shop_subject_id from subjects where shop_subject_id like 'scale-%'")).map((row) => row.shop_subject_id),
  );
  const lost = load.acknowledged.filter((id) => !stored.has(id));
  check('every acknowledged write is stored', load.acknowledged.length > 0 && lost.length === 0, `${lost.length} of ${load.acknowledged.length} missing`);
  const ledger = new Map(
    (
      await em.execute<{ key: string; n: string }[]>(
        `select o.shop_order_id || '|' || item as key, count(*) as n
           from provision_records r join orders o on o.id = r.order_id cross join unnest(r.items_released) item
          where r.client_id = ? group by 1`,
        [DEMO_CLIENT_IDS.hanbokHouse],
      )
    ).map((row) => [row.key, Number(row.n)]),
  );
  const unledgered = [...load.released].filter(([key, n]) => (ledger.get(key) ?? 0) < n);
  const releasedValues = [...load.released.values()].reduce((sum, n) => sum + n, 0);
  check(
    'every released value has its ledger row',
    releasedValues > 0 && unledgered.length === 0,
    `${releasedValues} values released; ${unledgered.length} order/item pairs with fewer ledger rows than releases`,
  );
  const verification = await verifyLedger(db.orm.em.fork());
  check('the ledger chains verify', verification.breaks.length === 0, `${verification.chains} chains, ${verification.rows} rows, ${verification.breaks.length} breaks`);

  // 4. Cron jobs once per minute across the two workers; notices posted at most once per attempt.
  await checkJobs(db, workersReadyAt, receiver);

  report({ one, two, load1 }, load);
}

async function checkJobs(db: TestDatabase, since: Date, receiver: WebhookReceiver): Promise<void> {
  // pg-boss's job tables, read directly as the superuser of the run (not through PgBouncer).
  const url = new URL(process.env[TEST_ADMIN_URL_ENV] ?? '');
  url.pathname = new URL(db.url).pathname;
  const client = new pg.Client({ connectionString: url.toString() });
  await client.connect();
  try {
      const scheduled = (await client.query<{ name: string }>("select name from pgboss.schedule where cron = $1 and name <> 'notice-delivery'", [EVERY_MINUTE])).rows.map(
        (row) => row.name,
      );
      const deadline = startedAt + TIME_LIMIT_MS - 20_000;
      const completedOf = async () =>
        (
          await client.query<{ name: string; minute: Date; runs: number }>(
            `select name, date_trunc('minute', coalesce(singleton_on, start_after)) as minute, count(*)::int as runs
               from pgboss.job where name = any($1) and state = 'completed' and created_on >= $2 group by 1, 2`,
            [scheduled, since],
          )
        ).rows;
      let completed = await completedOf();
      while (scheduled.some((name) => !completed.some((row) => row.name === name)) && performance.now() < deadline) {
        await sleep(1_000);
        completed = await completedOf();
      }
      const twice = completed.filter((row) => row.runs > 1);
      const missing = scheduled.filter((name) => !completed.some((row) => row.name === name));
      check(
        'each every-minute cron job ran, at most once per minute across both workers',
        scheduled.length >= 2 && missing.length === 0 && twice.length === 0,
        `${scheduled.join(', ')}: ${completed.map((row) => `${row.name} ${row.minute.toISOString().slice(11, 16)} ×${row.runs}`).join('; ')}${missing.length ? `; never ran: ${missing.join(', ')}` : ''}`,
      );

    // Until every notice was tried at least once (delivered, or waiting for its retry).
    const untried = async () => (await client.query<{ n: number }>('select count(*)::int as n from notices where attempts = 0')).rows[0].n;
    while ((await untried()) > 0 && performance.now() < deadline) await sleep(500);
      const notices = (await client.query<{ id: string; attempts: number }>('select id::text, attempts from notices')).rows;
      const posts = new Map<string, number>();
      for (const request of receiver.requests) if (request.noticeId) posts.set(request.noticeId, (posts.get(request.noticeId) ?? 0) + 1);
      const attempts = new Map(notices.map((notice) => [notice.id, notice.attempts]));
      const overPosted = [...posts].filter(([id, n]) => n > (attempts.get(id) ?? 0));
      check(
        'every notice was posted at most as often as its recorded attempts',
        receiver.notices.length > OUTBOX_NOTICES && overPosted.length === 0,
        `${receiver.requests.length} posts of ${posts.size} notices; ${overPosted.length} posted more often than recorded`,
      );
  } finally {
    await client.end();
  }
}

function report({ one, two, load1 }: { one: Throughput; two: Throughput; load1: number }, load: LoadResult): void {
  const failed = checks.filter((entry) => !entry.ok);
  process.stdout.write(
    [
      '',
      'scale-out on one machine: PgBouncer (transaction pooling), 2 gateways behind HAProxy, 2 workers',
      ...checks.map((entry) => `  ${entry.ok ? 'pass' : 'FAIL'}  ${entry.name}${entry.detail ? ` (${entry.detail})` : ''}`),
      `  throughput, partner reads through HAProxy: 1 gateway ${one.requestsPerSecond.toFixed(0)} req/s, 2 gateways ${two.requestsPerSecond.toFixed(0)} req/s, ` +
        `×${(two.requestsPerSecond / one.requestsPerSecond).toFixed(2)} (reported, not checked; ${availableParallelism()} CPUs, load average ${load1.toFixed(1)} before)`,
      `  CPU cores busy: with 1 gateway ${coresText(one)}; with 2 ${coresText(two)}`,
      `  mixed load ${LOAD_SECONDS} s: ${load.acknowledged.length} acknowledged writes, ${load.reads} reads, ${load.failures.length} failed requests around the kill -9`,
      `  ${checks.length - failed.length} of ${checks.length} checks passed in ${elapsed()}`,
      '',
    ].join('\n'),
  );
}

const guard = setTimeout(() => {
  say(`time limit of ${TIME_LIMIT_MS / 1000} s reached`);
  checks.push({ name: 'finished within the time limit', ok: false, detail: '' });
  void stopAll().finally(() => process.exit(1));
}, TIME_LIMIT_MS);
guard.unref();

try {
  await main();
} catch (error) {
  say(`error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  checks.push({ name: 'ran to the end', ok: false, detail: String(error) });
}
for (const child of children) {
  if (checks.every((entry) => entry.ok)) break;
  const text = await readFile(child.log, 'utf8').catch(() => '');
  if (text.trim()) say(`last lines of ${child.name}:\n${text.trim().split('\n').slice(-8).join('\n')}`);
}
process.exit(checks.length > 0 && checks.every((entry) => entry.ok) ? 0 : 1);
