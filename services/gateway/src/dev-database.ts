import { existsSync } from 'node:fs';
import { readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createDatabase, databaseUrl, findFreePort, listDatabases, openOrm, startEmbeddedPostgres } from '@provision/db';

/** Repository root; `.data/` lives here whatever the current directory is. */
export const WORKSPACE_ROOT = fileURLToPath(new URL('../../../', import.meta.url));
/** Local state of the development setup (git-ignored). */
export const DEV_DATA_DIR = join(WORKSPACE_ROOT, '.data');
export const EMBEDDED_PG_DIR = join(DEV_DATA_DIR, 'pg');
export const DEV_ISSUER_DIR = join(DEV_DATA_DIR, 'dev-issuer');
/** The development key that signs ledger checkpoints when AUDIT_SIGNING_KEY is unset. */
export const DEV_AUDIT_KEY_DIR = join(DEV_DATA_DIR, 'audit-signing');
/** Where `npm start` records how to reach its embedded database, for `npm run token`. */
const RUNTIME_FILE = join(DEV_DATA_DIR, 'dev-database.json');
/** The database the dev setup uses on the embedded server. */
export const DEV_DATABASE_NAME = 'provision';

export interface DevDatabase {
  url: string;
  /** True when this process started an embedded PostgreSQL (and so must stop it). */
  embedded: boolean;
  /** Port of the embedded server; null when DATABASE_URL is used. */
  port: number | null;
  stop(): Promise<void>;
}

function embeddedPort(env: Record<string, string | undefined>): number | null {
  const text = env['EMBEDDED_PG_PORT']?.trim();
  if (!text) return null;
  const port = Number(text);
  if (!Number.isInteger(port) || port < 1 || port > 65535 || port === 5432) {
    throw new Error('Invalid configuration: EMBEDDED_PG_PORT must be an integer from 1 to 65535 other than 5432');
  }
  return port;
}

/**
 * The development database: DATABASE_URL when set, else an embedded PostgreSQL with its data in
 * `.data/pg` (kept between runs), on EMBEDDED_PG_PORT or any free port, with database
 * `provision` created on first use. `stop()` stops what this call started and nothing else.
 */
export async function startDevDatabase(env: Record<string, string | undefined>): Promise<DevDatabase> {
  const given = env['DATABASE_URL']?.trim();
  if (given) return { url: given, embedded: false, port: null, stop: async () => undefined };

  const port = embeddedPort(env) ?? (await findFreePort());
  const server = await startEmbeddedPostgres({ dataDir: EMBEDDED_PG_DIR, port, persistent: true });
  try {
    if (!(await listDatabases(server.url, DEV_DATABASE_NAME)).includes(DEV_DATABASE_NAME)) {
      await createDatabase(server.url, DEV_DATABASE_NAME);
    }
  } catch (err) {
    await server.stop();
    throw err;
  }
  const url = databaseUrl(server.url, DEV_DATABASE_NAME);
  await writeFile(RUNTIME_FILE, `${JSON.stringify({ url, pid: process.pid })}\n`, { mode: 0o600 });
  return {
    url,
    embedded: true,
    port,
    async stop() {
      await rm(RUNTIME_FILE, { force: true });
      await server.stop();
    },
  };
}

/** Whether a database answers at `url` within a second or so. */
async function answers(url: string): Promise<boolean> {
  const orm = await openOrm(url, { poolSize: 1 });
  try {
    await orm.em.fork().getConnection().execute('select 1');
    return true;
  } catch {
    return false;
  } finally {
    await orm.close(true);
  }
}

/**
 * For tools that need the dev database while `npm start` may or may not be running:
 * DATABASE_URL; else the embedded server `npm start` is running; else (if `.data/pg` exists) the
 * embedded server started briefly by this call; else null — nothing was ever set up.
 */
export async function attachDevDatabase(env: Record<string, string | undefined>): Promise<DevDatabase | null> {
  const given = env['DATABASE_URL']?.trim();
  if (given) return { url: given, embedded: false, port: null, stop: async () => undefined };
  try {
    const { url } = JSON.parse(await readFile(RUNTIME_FILE, 'utf8')) as { url: string };
    if (await answers(url)) return { url, embedded: false, port: Number(new URL(url).port), stop: async () => undefined };
  } catch {
    // No record or a stale one: fall through to starting the server ourselves.
  }
  if (!existsSync(EMBEDDED_PG_DIR)) return null;
  return startDevDatabase(env);
}
