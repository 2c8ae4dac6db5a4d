// The partner-page scenario of `npm run bench` (tools/bench.ts): the seller page
// `orders(first: N) { nodes { shopOrderId receiver { name phone address } } }` over 1,000 orders of
// one seller inside its window, answered side by side in this one run by
//   gateway    the gateway exactly as deployed: its production entry (services/gateway/src/main.ts),
//              NODE_ENV=production, one process;
//   reference  a bare node:http + pg + jose server (reference-server.ts): the same token check, the
//              minimal SQL for the same rows, the same JSON bytes, one multi-row ledger INSERT;
//   bypass     the gateway with the decision and the ledger bypassed (bypass-gateway.ts), wired only
//              here: nothing in the production entry or its configuration can reach it.
// It checks that the three answer byte-identical JSON, counts the SQL statements and transactions a
// request costs as PostgreSQL itself counts them (pg_stat_statements, pg_stat_database), then
// alternates them (gateway, reference, bypass, gateway, …) under autocannon, 10 connections, for
// BENCH_ROUNDS rounds (default 3) of BENCH_SECONDS seconds (default 10) at each N, and prints
// requests/s, ratios (median and range over the rounds), p50/p99 latency, RSS after each round and
// the CPU time a request costs the server's process and the database's backends (read from /proc,
// when PostgreSQL runs on this machine) — a figure other load on the machine moves less than requests/s.
// BENCH_SIZES (default 1,10,100) chooses the page sizes. BENCH_PROFILE=<server> runs that server under `node --cpu-prof` and writes its CPU profile to
// bench-profiles/ when it stops (summarise it with tools/bench/cpu-profile.ts).
import { type ChildProcess, spawn } from 'node:child_process';
import { readFile, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import autocannon from 'autocannon';
import pg from 'pg';
import type { MikroORM } from '@mikro-orm/postgresql';
import { createEphemeralIssuer, mintAccessToken } from '@provision/auth';
import { generateKeyringConfig, Keyring } from '@provision/crypto';
import { seedDemo } from '@provision/db';
import { systemClock } from '@provision/util';
import { deployedNodeArgs } from '../node-runtime.js';
import { freePort, integer, processCpu, say, stopProcess, table, waitUntilReady, withBenchDatabase, type Server } from './harness.js';

const ROOT = resolve(import.meta.dirname, '../..');
const ORDERS = 1_000;
/** BENCH_SIZES=100 measures only that page size (e.g. to profile it). */
const PAGE_SIZES = (process.env.BENCH_SIZES ?? '1,10,100').split(',').map(Number);
const CONNECTIONS = 10;
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const WARMUP_SECONDS = 3;
/** Sequential requests per server and N whose statements and transactions are counted. */
const COUNTED_REQUESTS = 20;
const SELLER_CLIENT = 'seller-hanbok-house';
const SCOPES = ['partner:read', 'pii:receiver.name', 'pii:receiver.phone', 'pii:receiver.address'];
const QUERY =
  'query SellerPage($first: Int!) @purpose(code: "order.delivery") ' +
  '{ orders(first: $first) { nodes { shopOrderId receiver { name phone address } } } }';

/** The targets of issue 10, checked against the medians. */
const TARGETS = { versusReference: 0.5, versusBypass: 0.8, statements: 6, transactions: 2, rssFactor: 2, p99Factor: 3 };

type ServerName = 'gateway' | 'reference' | 'bypass';
const SERVERS: readonly ServerName[] = ['gateway', 'reference', 'bypass'];
const ENTRIES: Record<ServerName, string> = {
  gateway: 'services/gateway/src/main.ts',
  reference: 'tools/bench/reference-server.ts',
  bypass: 'tools/bench/bypass-gateway.ts',
};

interface Running {
  name: ServerName;
  url: string;
  process: ChildProcess;
}

interface Round {
  requestsPerSecond: number;
  p50: number;
  p99: number;
  rssMiB: number;
  /** CPU time per request of the server's process, and of PostgreSQL's (null on a server not run here). */
  serverCpuMs: number;
  databaseCpuMs: number | null;
}

/** 1,000 orders of Hanbok House, confirmed 10 days ago (window open), each with its own receiver and consenting buyer. */
async function generate(orm: MikroORM, keyring: Keyring): Promise<void> {
  await seedDemo(orm.em.fork(), systemClock, keyring);
  const em = orm.em.fork();
  await em.execute(
    `insert into subjects (id, shop_subject_id, kind, name, mobile, address, created_at, updated_at)
     select md5('page-subject-' || i)::uuid, 'PAGE-S-' || lpad(i::text, 4, '0'), 'MEMBER', '김수령 ' || i,
            '010-0000-' || lpad(i::text, 4, '0'), '서울특별시 중구 세종대로 ' || i || '길', now(), now()
     from generate_series(1, ?) i`,
    [ORDERS],
  );
  await em.execute(
    `insert into orders (id, shop_order_id, buyer_id, receiver_id, seller_id, status, ordered_at, purchase_confirmed_at, created_at)
     select md5('page-order-' || i)::uuid, 'PAGE-' || lpad(i::text, 4, '0'), md5('page-subject-' || i)::uuid,
            md5('page-subject-' || i)::uuid, p.id, 'PURCHASE_CONFIRMED', now() - interval '12 days' + i * interval '1 second',
            now() - interval '10 days', now() - interval '12 days'
     from generate_series(1, ?) i cross join (select id from partners where code = 'hanbok-house') p`,
    [ORDERS],
  );
  await em.execute(
    `insert into consents (id, shop_consent_id, subject_id, agreement_id, channel, wording_hash, given_at)
     select gen_random_uuid(), 'PAGE-C-' || i, md5('page-subject-' || i)::uuid, a.id, 'WEB', repeat('ab', 32), now() - interval '12 days'
     from generate_series(1, ?) i
     cross join (select a.id from agreements a join partners p on p.id = a.partner_id
                 where p.code = 'hanbok-house' order by a.version desc limit 1) a`,
    [ORDERS],
  );
  await em.execute(
    `create table bench_reference_ledger (id bigint generated always as identity primary key, occurred_at timestamptz not null,
       partner_id uuid not null, client_id text not null, token_id text, purpose text not null, subject_id uuid not null,
       order_id uuid, items_released text[] not null, request_id text not null)`,
  );
  await em.execute('vacuum analyze');
}

async function start(name: ServerName, env: NodeJS.ProcessEnv): Promise<Running> {
  const port = await freePort();
  const profile = process.env.BENCH_PROFILE === name ? ['--cpu-prof', '--cpu-prof-dir', join(ROOT, 'bench-profiles')] : [];
  const child = spawn(process.execPath, [...profile, ...deployedNodeArgs(ENTRIES[name])], {
    cwd: ROOT,
    env: { ...process.env, ...env, PORT: String(port), HOST: '127.0.0.1' },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const base = `http://127.0.0.1:${port}`;
  await waitUntilReady(name, 'started', async () => (await fetch(`${base}/healthz`)).ok, child);
  return { name, url: `${base}/graphql`, process: child };
}

const stop = (server: Running) => stopProcess(server.process, 15_000);

async function rssMiB(server: Running): Promise<number> {
  const status = await readFile(`/proc/${server.process.pid}/status`, 'utf8');
  const kib = Number(/VmRSS:\s+(\d+) kB/.exec(status)?.[1] ?? NaN);
  return kib / 1024;
}

/**
 * CPU seconds of the bench database's client backends, by pid; null when PostgreSQL runs on another
 * machine (its processes are not in this /proc). Time is counted per round as the growth of each
 * backend alive at its end (from zero for one started within it), so a backend that ends within a
 * round is missed: the servers keep their pooled connections under load.
 */
async function databaseCpu(admin: pg.Client, database: string): Promise<Map<number, number> | null> {
  const { rows } = await admin.query<{ pid: number }>(
    "select pid from pg_stat_activity where datname = $1 and backend_type = 'client backend'",
    [database],
  );
  const cpu = new Map<number, number>();
  for (const { pid } of rows) {
    const found = await processCpu(pid);
    if (found === null) return null;
    cpu.set(pid, found.seconds);
  }
  return cpu;
}

const grown = (before: Map<number, number>, after: Map<number, number>) =>
  [...after].reduce((sum, [pid, seconds]) => sum + seconds - (before.get(pid) ?? 0), 0);

const requestBody = (first: number) => JSON.stringify({ query: QUERY, variables: { first } });

async function post(server: Running, token: string, first: number): Promise<string> {
  const response = await fetch(server.url, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: requestBody(first),
  });
  const text = await response.text();
  if (response.status !== 200) throw new Error(`${server.name} answered HTTP ${response.status} at N = ${first}`);
  return text;
}

/**
 * Statements and transactions of the bench database, as PostgreSQL counts them, without what
 * setting up a new connection costs — the transaction of the session's start and the `SET`s with
 * which a pool prepares it (autocommit statements, one transaction each; a request's own `SET
 * LOCAL` is counted as the request's): the counted requests
 * reopen the pooled connections the count has to end, which a server under way does not.
 */
async function counters(admin: pg.Client, database: string): Promise<{ statements: number; transactions: number }> {
  const { rows } = await admin.query<{ statements: string; setup: string; transactions: string; sessions: string }>(
    `select (select coalesce(sum(calls), 0) from pg_stat_statements s join pg_database d on d.oid = s.dbid where d.datname = $1) as statements,
            (select coalesce(sum(calls), 0) from pg_stat_statements s join pg_database d on d.oid = s.dbid
              where d.datname = $1 and s.query ~* '^\\s*set ' and s.query !~* '^\\s*set\\s+local ') as setup,
            (select xact_commit + xact_rollback from pg_stat_database where datname = $1) as transactions,
            (select sessions from pg_stat_database where datname = $1) as sessions`,
    [database],
  );
  const setup = Number(rows[0].setup);
  return { statements: Number(rows[0].statements) - setup, transactions: Number(rows[0].transactions) - setup - Number(rows[0].sessions) };
}

/**
 * Ends every session of the bench database: a backend publishes its transaction counts only from
 * time to time while it lives, but always when it exits. The servers' pools replace the sessions.
 */
async function endSessions(admin: pg.Client, database: string): Promise<void> {
  await admin.query('select pg_terminate_backend(pid) from pg_stat_activity where datname = $1', [database]);
  for (let attempt = 0; attempt < 100; attempt += 1) {
    const { rows } = await admin.query<{ n: string }>('select count(*) as n from pg_stat_activity where datname = $1', [database]);
    if (rows[0].n === '0') return;
    await new Promise((done) => setTimeout(done, 50));
  }
  throw new Error('the sessions of the bench database did not end');
}

interface Cost {
  statements: number;
  transactions: number;
  /** Mean planning and execution time in PostgreSQL of each kind of statement, costliest first: where the database's share went. */
  slowest: { statement: string; planMs: number; executionMs: number }[];
}

async function perRequestCost(admin: pg.Client, database: string, server: Running, token: string, first: number): Promise<Cost> {
  await post(server, token, first);
  await endSessions(admin, database);
  await admin.query('select pg_stat_statements_reset()');
  const before = await counters(admin, database);
  for (let i = 0; i < COUNTED_REQUESTS; i += 1) await post(server, token, first);
  await endSessions(admin, database);
  const after = await counters(admin, database);
  const { rows } = await admin.query<{ query: string; plan: number; execution: number }>(
    `select s.query, s.total_plan_time / greatest(s.calls, 1) as plan, s.mean_exec_time as execution from pg_stat_statements s join pg_database d on d.oid = s.dbid
      where d.datname = $1 order by s.total_plan_time + s.total_exec_time desc limit 3`,
    [database],
  );
  return {
    statements: (after.statements - before.statements) / COUNTED_REQUESTS,
    transactions: (after.transactions - before.transactions) / COUNTED_REQUESTS,
    slowest: rows.map((row) => ({ statement: row.query.replace(/\s+/g, ' ').slice(0, 70), planMs: row.plan, executionMs: row.execution })),
  };
}

async function load(server: Running, token: string, first: number, seconds: number): Promise<autocannon.Result> {
  const result = await autocannon({
    url: server.url,
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: requestBody(first),
    connections: CONNECTIONS,
    duration: seconds,
  });
  if (result.errors > 0 || result.non2xx > 0) {
    throw new Error(`${server.name} at N = ${first}: ${result.errors} errors, ${result.non2xx} non-2xx answers`);
  }
  return result;
}

const median = (values: readonly number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};
const ratio = (value: number) => value.toFixed(3);
const range = (values: readonly number[]) => `${ratio(Math.min(...values))}–${ratio(Math.max(...values))}`;

export async function partnerPageScenario(server: Server): Promise<boolean> {
  const admin = new pg.Client({ connectionString: server.adminUrl });
  await admin.connect();
  try {
    const { rows } = await admin.query<{ setting: string }>("select setting from pg_settings where name = 'shared_preload_libraries'");
    if (!rows[0]?.setting.includes('pg_stat_statements')) {
      say('partner-page needs pg_stat_statements preloaded (run it without DATABASE_URL: the embedded server preloads it)');
      return false;
    }
    await admin.query('create extension if not exists pg_stat_statements');
    return await withBenchDatabase(server, async (orm, version) => {
      const database = orm.config.get('dbName') as string;
      const keys = generateKeyringConfig('bench1');
      say(`partner-page: generating ${integer(ORDERS)} orders of one seller (PostgreSQL ${version})`);
      await generate(orm, Keyring.parse(keys));
      const issuer = await createEphemeralIssuer({ issuer: 'https://issuer.bench.example', audience: 'https://provision.bench.example' });
      const dir = await mkdtemp(join(tmpdir(), 'provision-bench-page-'));
      const jwksFile = join(dir, 'jwks.json');
      await writeFile(jwksFile, JSON.stringify(issuer.jwks));
      const token = await mintAccessToken(issuer, { clientId: SELLER_CLIENT, scopes: SCOPES, ttlSeconds: 3_600, clock: systemClock });
      const env = {
        NODE_ENV: 'production',
        DATABASE_URL: orm.config.get('clientUrl') as string,
        AUTH_ISSUER: issuer.issuer,
        AUTH_AUDIENCE: issuer.audience,
        AUTH_JWKS_FILE: jwksFile,
        DATA_KEYS: keys.dataKeys,
        DATA_INDEX_KEY: keys.indexKey,
        // Far above what the benchmark spends, so every request is measured, none refused.
        PARTNER_RATE_CAPACITY: '10000000',
        PARTNER_RATE_REFILL_PER_MINUTE: '10000000',
      };
      const running: Running[] = [];
      try {
        for (const name of SERVERS) running.push(await start(name, env));
        return await measure(admin, database, running, token);
      } finally {
        await Promise.all(running.map(stop));
        await rm(dir, { recursive: true, force: true });
      }
    });
  } finally {
    await admin.end();
  }
}

async function measure(admin: pg.Client, database: string, running: readonly Running[], token: string): Promise<boolean> {
  const [gateway] = running;
  for (const first of PAGE_SIZES) {
    const answers = await Promise.all(running.map((server) => post(server, token, first)));
    const differing = running.filter((_, index) => answers[index] !== answers[0]).map((server) => server.name);
    if (differing.length > 0) {
      say(`partner-page: at N = ${first} ${differing.join(', ')} answered other bytes than ${gateway.name}:`);
      running.forEach((server, index) => say(`  ${server.name}: ${answers[index].slice(0, 300)}`));
      return false;
    }
    if ((JSON.parse(answers[0]) as { data?: { orders?: { nodes?: unknown[] } } }).data?.orders?.nodes?.length !== first) {
      say(`partner-page: the answer at N = ${first} does not hold ${first} orders`);
      return false;
    }
  }
  say('partner-page: all three answer byte-identical JSON at N = 1, 10, 100');

  const cost = new Map<string, Cost>();
  for (const server of running) {
    for (const first of PAGE_SIZES) cost.set(`${server.name}:${first}`, await perRequestCost(admin, database, server, token, first));
  }

  for (const server of running) for (const first of PAGE_SIZES) await load(server, token, first, WARMUP_SECONDS);
  const rounds = new Map<string, Round[]>();
  for (let round = 1; round <= ROUNDS; round += 1) {
    for (const first of PAGE_SIZES) {
      for (const server of running) {
        const pid = server.process.pid!;
        const before = { server: await processCpu(pid), database: await databaseCpu(admin, database) };
        const result = await load(server, token, first, SECONDS);
        const after = { server: await processCpu(pid), database: await databaseCpu(admin, database) };
        const perRequestMs = (seconds: number) => (1000 * seconds) / result.requests.total;
        const key = `${server.name}:${first}`;
        rounds.set(key, [
          ...(rounds.get(key) ?? []),
          {
            requestsPerSecond: result.requests.average,
            p50: result.latency.p50,
            p99: result.latency.p99,
            rssMiB: await rssMiB(server),
            serverCpuMs: perRequestMs(after.server!.seconds - before.server!.seconds),
            databaseCpuMs: before.database && after.database ? perRequestMs(grown(before.database, after.database)) : null,
          },
        ]);
      }
    }
    say(`partner-page: round ${round} of ${ROUNDS} done`);
  }
  return report(rounds, cost);
}

function report(rounds: Map<string, Round[]>, cost: Map<string, Cost>): boolean {
  const of = (name: ServerName, first: number) => rounds.get(`${name}:${first}`) ?? [];
  const rows: string[][] = [
    ['N', 'server', 'requests/s (median)', 'range', 'p50 ms', 'p99 ms', 'statements/req', 'transactions/req', 'CPU ms/req server + PostgreSQL', 'RSS MiB after each round'],
  ];
  const ratios: string[][] = [['N', 'gateway / reference (median)', 'range', 'gateway / bypass (median)', 'range', 'CPU/req reference / gateway']];
  const cpuOf = (measured: readonly Round[]) => ({
    server: median(measured.map((round) => round.serverCpuMs)),
    database: measured.some((round) => round.databaseCpuMs === null) ? null : median(measured.map((round) => round.databaseCpuMs!)),
  });
  const cpuTotal = ({ server, database }: ReturnType<typeof cpuOf>) => server + (database ?? 0);
  let met = true;
  for (const first of PAGE_SIZES) {
    for (const name of SERVERS) {
      const measured = of(name, first);
      const perSecond = measured.map((round) => round.requestsPerSecond);
      const spent = cost.get(`${name}:${first}`)!;
      rows.push([
        String(first),
        name,
        integer(median(perSecond)),
        `${integer(Math.min(...perSecond))}–${integer(Math.max(...perSecond))}`,
        String(median(measured.map((round) => round.p50))),
        String(median(measured.map((round) => round.p99))),
        spent.statements.toFixed(2),
        spent.transactions.toFixed(2),
        ((cpu) => `${cpu.server.toFixed(2)} + ${cpu.database === null ? '?' : cpu.database.toFixed(2)}`)(cpuOf(measured)),
        measured.map((round) => integer(round.rssMiB)).join(' / '),
      ]);
    }
    // Ratios of the same round, so both sides of each ratio ran under the same conditions.
    const gateway = of('gateway', first);
    const versusReference = gateway.map((round, index) => round.requestsPerSecond / of('reference', first)[index].requestsPerSecond);
    const versusBypass = gateway.map((round, index) => round.requestsPerSecond / of('bypass', first)[index].requestsPerSecond);
    const cpuRatio = cpuTotal(cpuOf(of('reference', first))) / cpuTotal(cpuOf(gateway));
    ratios.push([String(first), ratio(median(versusReference)), range(versusReference), ratio(median(versusBypass)), range(versusBypass), ratio(cpuRatio)]);

    const spent = cost.get(`gateway:${first}`)!;
    const reference = of('reference', first);
    const rss = median(gateway.map((round) => round.rssMiB)) / median(reference.map((round) => round.rssMiB));
    const checks: [string, boolean][] = [
      [`gateway / reference ≥ ${TARGETS.versusReference}`, median(versusReference) >= TARGETS.versusReference],
      [`gateway / bypass ≥ ${TARGETS.versusBypass}`, median(versusBypass) >= TARGETS.versusBypass],
      [`≤ ${TARGETS.statements} statements`, spent.statements <= TARGETS.statements],
      [`≤ ${TARGETS.transactions} transactions`, spent.transactions <= TARGETS.transactions],
      [`RSS ≤ ${TARGETS.rssFactor} × reference (${rss.toFixed(2)})`, rss <= TARGETS.rssFactor],
    ];
    if (first === 100) {
      const p99 = median(gateway.map((round) => round.p99)) / median(reference.map((round) => round.p99));
      checks.push([`p99 ≤ ${TARGETS.p99Factor} × reference (${p99.toFixed(2)})`, p99 <= TARGETS.p99Factor]);
    }
    const missed = checks.filter(([, ok]) => !ok).map(([name]) => name);
    if (missed.length > 0) {
      met = false;
      say(`partner-page: N = ${first} misses ${missed.join('; ')}`);
    }
  }
  const slowest = [...cost].flatMap(([key, spent]) =>
    spent.slowest.map(({ statement, planMs, executionMs }) => [key.replace(':', ' N = '), planMs.toFixed(2), executionMs.toFixed(2), statement]),
  );
  process.stdout.write(
    `\nwhere PostgreSQL spent its time (ms per execution of a statement, planning included only when it was planned again; the 3 costliest statements of each)\n\n${table([['server', 'planning ms', 'execution ms', 'statement'], ...slowest])}\n`,
  );
  process.stdout.write(
    `\npartner page, ${CONNECTIONS} connections, ${ROUNDS} alternating rounds of ${SECONDS} s\n\n${table(rows)}\n\n${table(ratios)}\n\n`,
  );
  say(`partner-page: ${met ? 'every target met' : 'some targets missed'}`);
  return met;
}
