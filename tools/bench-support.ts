// What the benchmarks share: a throw-away database on embedded PostgreSQL (or the server of
// DATABASE_URL), dropped and stopped afterwards whatever happens; timing and table output.
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
import { randomBytes } from 'node:crypto';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export function say(message: string): void {
  process.stderr.write(`bench: ${message}\n`);
}

export async function timed<T>(work: () => Promise<T>): Promise<{ result: T; seconds: number }> {
  const started = performance.now();
  const result = await work();
  return { result, seconds: (performance.now() - started) / 1000 };
}

export const integer = (value: number) => Math.round(value).toLocaleString('en-US');
export const seconds = (value: number) => `${value.toFixed(2)} s`;

export function table(rows: readonly (readonly string[])[]): string {
  const widths = rows[0].map((_, column) => Math.max(...rows.map((row) => row[column].length)));
  return rows
    .map((row) => row.map((cell, column) => (column === 0 ? cell.padEnd(widths[column]) : cell.padStart(widths[column]))).join('   '))
    .join('\n');
}

interface Server {
  adminUrl: string;
  label: string;
  stop(): Promise<void>;
}

async function startServer(): Promise<Server> {
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
  const embedded: EmbeddedPostgres = await startEmbeddedPostgres({
    dataDir: await mkdtemp(join(tmpdir(), 'provision-bench-pg-')),
    persistent: false,
  });
  return { adminUrl: embedded.url, label: `embedded PostgreSQL on 127.0.0.1:${embedded.port}`, stop: () => embedded.stop() };
}

/** Where a benchmark runs: a migrated scratch database, and what to say about the server. */
export interface BenchDatabase {
  orm: MikroORM;
  /** `embedded PostgreSQL on …` or `DATABASE_URL …` (credentials redacted). */
  label: string;
  embedded: boolean;
  version: string;
}

/** Runs `work` on a new, migrated database, then drops it and stops an embedded server; exits with its code. */
export function runBenchmark(work: (database: BenchDatabase) => Promise<number>): void {
  const run = async () => {
    const server = await startServer();
    const name = `provision_bench_${randomBytes(4).toString('hex')}`;
    let orm: MikroORM | undefined;
    let created = false;
    try {
      await createDatabase(server.adminUrl, name);
      created = true;
      orm = await openOrm(databaseUrl(server.adminUrl, name), { poolSize: 4 });
      await migrateUp(orm);
      const [{ server_version: version }] = await orm.em.fork().execute<{ server_version: string }[]>('show server_version');
      return await work({ orm, label: server.label, embedded: server.label.startsWith('embedded'), version });
    } finally {
      await orm?.close(true).catch(() => undefined);
      if (created) await dropDatabases(server.adminUrl, [name]).catch((error: unknown) => say(`could not drop ${name}: ${String(error)}`));
      await server.stop().catch((error: unknown) => say(`could not stop PostgreSQL: ${String(error)}`));
    }
  };
  run().then(
    (code) => process.exit(code),
    (error: unknown) => {
      say(`failed: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`);
      process.exit(1);
    },
  );
}
