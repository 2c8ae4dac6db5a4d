// What the benchmark scenarios share: the PostgreSQL server, a throw-away database per data set,
// the demo-free registry rows the data sets build on, timing and printing.
import type { MikroORM } from '@mikro-orm/postgresql';
import {
  createDatabase,
  databaseUrl,
  dropDatabases,
  listDatabases,
  migrateUp,
  openOrm,
  redactUrl,
  startEmbeddedPostgres,
  type EmbeddedPostgres,
} from '@provision/db';
import { execFileSync } from 'node:child_process';
import { type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createWriteStream, mkdirSync } from 'node:fs';
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { createServer } from 'node:net';
import { join } from 'node:path';

export function say(message: string): void {
  process.stderr.write(`bench: ${message}\n`);
}

export async function timed<T>(work: () => Promise<T>): Promise<{ result: T; seconds: number }> {
  const started = performance.now();
  const result = await work();
  return { result, seconds: (performance.now() - started) / 1000 };
}

/** A whole number from the environment variable `name` (to scale a data set down), else `fallback`. */
export function benchCount(name: string, fallback: number): number {
  const value = process.env[name];
  if (value === undefined || value === '') return fallback;
  if (!/^[1-9]\d*$/.test(value)) throw new Error(`${name} must be a positive whole number`);
  return Number(value);
}

export const integer = (value: number) => Math.round(value).toLocaleString('en-US');
export const seconds = (value: number) => `${value.toFixed(2)} s`;

/** A text table, first column left-aligned, the others right-aligned. */
export function table(rows: readonly (readonly string[])[]): string {
  const widths = rows[0].map((_, column) => Math.max(...rows.map((row) => row[column].length)));
  return rows
    .map((row) => row.map((cell, column) => (column === 0 ? cell.padEnd(widths[column]) : cell.padStart(widths[column]))).join('   '))
    .join('\n');
}

/** A TCP port on 127.0.0.1 that was free a moment ago, for a child process to listen on. */
export async function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const probe = createServer();
    probe.once('error', fail);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => done(port));
    });
  });
}

const CLOCK_TICKS_PER_SECOND = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim());

/** User + system CPU seconds of a process, from /proc/<pid>/stat; null if there is no such process here. */
export async function processCpu(pid: number): Promise<{ seconds: number } | null> {
  const stat = await readFile(`/proc/${pid}/stat`, 'utf8').catch(() => null);
  if (stat === null) return null;
  // The fields after the command name, which is in parentheses: state, ppid, … utime (12th), stime (13th).
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return { seconds: (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS_PER_SECOND };
}

export interface Server {
  adminUrl: string;
  label: string;
  stop(): Promise<void>;
}

/**
 * BENCH_EXPLAIN_MS=<ms> also loads auto_explain: every statement slower than that is logged with its
 * measured plan (EXPLAIN ANALYZE, buffers) to bench-profiles/postgresql-explain.log, to see where a
 * statement's time goes. Timing each plan node slows the statements down: do not read requests/s
 * from such a run.
 */
function explainOptions(): { settings: Record<string, string>; onLog?: (message: string) => void } {
  const threshold = process.env.BENCH_EXPLAIN_MS;
  if (threshold === undefined) return { settings: {} };
  if (!/^\d+$/.test(threshold)) throw new Error('BENCH_EXPLAIN_MS must be a whole number of milliseconds');
  mkdirSync('bench-profiles', { recursive: true });
  const file = createWriteStream('bench-profiles/postgresql-explain.log');
  return {
    settings: {
      shared_preload_libraries: 'pg_stat_statements,auto_explain',
      'auto_explain.log_min_duration': threshold,
      'auto_explain.log_analyze': 'on',
      'auto_explain.log_buffers': 'on',
      'auto_explain.log_nested_statements': 'on',
      'auto_explain.log_triggers': 'on',
    },
    onLog: (message) => file.write(message.endsWith('\n') ? message : `${message}\n`),
  };
}

/** DATABASE_URL's server when set, else an embedded PostgreSQL in a temporary directory. */
export async function startServer(): Promise<Server> {
  const given = process.env.DATABASE_URL;
  if (given) {
    let adminUrl = given;
    try {
      await listDatabases(given, 'postgres');
    } catch (error) {
      // The app's database may not exist yet; any database of the server will do to create ours.
      if ((error as { code?: unknown }).code !== '3D000') throw error;
      adminUrl = databaseUrl(given, 'postgres');
    }
    return { adminUrl, label: `DATABASE_URL ${redactUrl(adminUrl)}`, stop: async () => undefined };
  }
  const explain = explainOptions();
  const embedded: EmbeddedPostgres = await startEmbeddedPostgres({
    dataDir: await mkdtemp(join(tmpdir(), 'provision-bench-pg-')),
    persistent: false,
    // So scenarios can count the statements a request costs, and the time spent planning and
    // executing them, as PostgreSQL itself sees them.
    settings: { shared_preload_libraries: 'pg_stat_statements', 'pg_stat_statements.track_planning': 'on', ...explain.settings },
    onLog: explain.onLog,
  });
  return { adminUrl: embedded.url, label: `embedded PostgreSQL on 127.0.0.1:${embedded.port}`, stop: () => embedded.stop() };
}

/** A migrated throw-away database for `work`, dropped afterwards whatever happens. */
export async function withBenchDatabase<T>(server: Server, work: (orm: MikroORM, version: string) => Promise<T>): Promise<T> {
  const name = `provision_bench_${randomBytes(4).toString('hex')}`;
  let orm: MikroORM | undefined;
  let created = false;
  try {
    await createDatabase(server.adminUrl, name);
    created = true;
    orm = await openOrm(databaseUrl(server.adminUrl, name), { poolSize: 4 });
    await migrateUp(orm);
    const [{ server_version: version }] = await orm.em.fork().execute<{ server_version: string }[]>('show server_version');
    return await work(orm, version);
  } finally {
    await orm?.close(true).catch(() => undefined);
    if (created) await dropDatabases(server.adminUrl, [name]).catch((error: unknown) => say(`could not drop ${name}: ${String(error)}`));
  }
}

/**
 * Partners `<prefix><n>` (n = 1…count) for each group, ACTIVE since three years before `now`, each
 * with agreement version 1 under `rule`; ids are `md5(code)::uuid`, so data sets can refer to them.
 * Sellers get a consent-based agreement, everyone else a statutory one.
 */
export async function insertPartners(
  orm: MikroORM,
  now: Date,
  groups: readonly { prefix: string; count: number; role: 'SELLER' | 'CUSTOMS_BROKER' }[],
  rule: string,
): Promise<void> {
  const em = orm.em.fork();
  await em.execute(
    `insert into partners (id, code, name_ko, name_en, kind, role, privacy_contact_name, privacy_contact_email, registered_at, registered_by)
     select md5(g.prefix || i)::uuid, g.prefix || i, g.prefix || i, g.prefix || i, 'RECIPIENT', g.role, 'Bench Contact',
            'privacy@' || g.prefix || i || '.example', ?::timestamptz - interval '3 years', 'bench'
     from jsonb_to_recordset(?::jsonb) as g(prefix text, count int, role text)
     cross join lateral generate_series(1, g.count) i`,
    [now.toISOString(), JSON.stringify(groups)],
  );
  await em.execute(
    `insert into partner_status_changes (id, partner_id, status, reason, effective_at, recorded_at, recorded_by)
     select gen_random_uuid(), id, 'ACTIVE', 'registered', registered_at, registered_at, 'bench' from partners`,
  );
  await em.execute(
    `insert into agreements (id, partner_id, version, retention_rule, legal_basis, consent_required, effective_from, published_at, published_by)
     select gen_random_uuid(), id, 1, ?, case role when 'SELLER' then 'CONSENT' else 'STATUTE' end, role = 'SELLER',
            registered_at, registered_at, 'bench'
     from partners`,
    [rule],
  );
}

const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));

/**
 * Polls `ready` every 200 ms until it answers true (a rejection counts as not yet); fails when the
 * process `name` exits first or `timeoutMs` passes.
 */
export async function waitUntilReady(name: string, what: string, ready: () => Promise<boolean>, child: ChildProcess, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await ready().catch(() => false))) {
    if (child.exitCode !== null) throw new Error(`${name} exited with code ${child.exitCode} before ${what}`);
    if (Date.now() > deadline) throw new Error(`${name}: not ${what} within ${timeoutMs / 1000} s`);
    await sleep(200);
  }
}

/** Stops a child process: SIGTERM, then SIGKILL when it has not exited within `graceMs`. */
export async function stopProcess(child: ChildProcess, graceMs: number): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((done) => child.once('exit', done));
  child.kill('SIGTERM');
  await Promise.race([exited, sleep(graceMs)]);
  if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
}
