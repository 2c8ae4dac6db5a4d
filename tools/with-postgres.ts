// Runs a command with a PostgreSQL for tests: usage `tools/with-postgres.ts <command> [args...]`.
//
// Which server: PROVISION_TEST_ADMIN_URL if set (an enclosing run's), else DATABASE_URL, else ONE
// embedded PostgreSQL in a temporary directory on a free port. deploy/roles.sql is applied to a
// template database (its roles get passwords derived from the admin credentials, see
// testRolePassword) and the migrations run there once as provision_owner, as in production; the
// command gets PROVISION_TEST_ADMIN_URL and PROVISION_TEST_TEMPLATE, and each suite copies the
// template and connects as provision_app (see createTestDatabase in @provision/testing). When the command
// ends — or fails, or we get SIGINT/SIGTERM/SIGHUP — the template and the copies are dropped and
// the embedded server is stopped: no postgres outlives this process.
// Under an enclosing run (both variables set) it only runs the command.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp } from 'node:fs/promises';
import { constants, tmpdir } from 'node:os';
import { delimiter, join, resolve } from 'node:path';
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
import { applyRolesSql, roleUrl, rolesVariables, TEST_ADMIN_URL_ENV, TEST_TEMPLATE_ENV } from '@provision/testing';

const ROOT = resolve(import.meta.dirname, '..');
const SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;
type Signal = (typeof SIGNALS)[number];

let received: Signal | undefined;
let child: ReturnType<typeof spawn> | undefined;

function say(message: string): void {
  process.stderr.write(`with-postgres: ${message}\n`);
}

const seconds = (since: number) => `${((performance.now() - since) / 1000).toFixed(2)}s`;

for (const signal of SIGNALS) {
  process.on(signal, () => {
    if (child && child.exitCode === null) {
      // The first signal asks the command to finish; a second one does not wait any more.
      child.kill(received ? 'SIGKILL' : signal);
    }
    received ??= signal;
  });
}

/** Throws if a signal arrived while we were setting up, so set-up stops and clean-up runs. */
function checkInterrupted(): void {
  if (received) throw new Interrupted();
}

class Interrupted extends Error {}

async function main(command: string[]): Promise<number> {
  if (command.length === 0) {
    say('usage: tools/with-postgres.ts <command> [args...]');
    return 2;
  }
  if (process.env[TEST_ADMIN_URL_ENV] && process.env[TEST_TEMPLATE_ENV]) {
    say(`reusing the enclosing run's PostgreSQL (${redactUrl(process.env[TEST_ADMIN_URL_ENV])})`);
    return run(command, process.env);
  }

  let embedded: EmbeddedPostgres | undefined;
  let adminUrl: string | undefined;
  let server: string;
  const timings: string[] = [];
  const template = `provision_test_${randomBytes(4).toString('hex')}`;
  let templateCreated = false;
  try {
    if (process.env[TEST_ADMIN_URL_ENV]) {
      adminUrl = process.env[TEST_ADMIN_URL_ENV];
      server = `${TEST_ADMIN_URL_ENV} ${redactUrl(adminUrl)}`;
    } else if (process.env.DATABASE_URL) {
      adminUrl = await adminUrlOf(process.env.DATABASE_URL);
      server = `DATABASE_URL ${redactUrl(adminUrl)}`;
    } else {
      const dataDir = await mkdtemp(join(tmpdir(), 'provision-test-pg-'));
      embedded = await startEmbeddedPostgres({ dataDir, persistent: false });
      adminUrl = embedded.url;
      server = `embedded PostgreSQL on 127.0.0.1:${embedded.port}`;
      timings.push(`initdb ${((embedded.timings.initdbMs ?? 0) / 1000).toFixed(2)}s`);
      timings.push(`start ${(embedded.timings.startMs / 1000).toFixed(2)}s`);
    }
    checkInterrupted();

    const migrating = performance.now();
    await createDatabase(adminUrl, template);
    templateCreated = true;
    await applyRolesSql(adminUrl, rolesVariables(adminUrl, template), ['roles', 'database', 'schema']);
    const orm = await openOrm(roleUrl(adminUrl, 'provision_owner', template), { poolSize: 1 });
    try {
      await migrateUp(orm);
    } finally {
      // CREATE DATABASE … TEMPLATE refuses while anyone is connected to the template.
      await orm.close(true);
    }
    timings.push(`template migrated ${seconds(migrating)}`);
    checkInterrupted();

    say(`${server}; ${timings.join(', ')}`);
    return await run(command, { ...process.env, [TEST_ADMIN_URL_ENV]: adminUrl, [TEST_TEMPLATE_ENV]: template });
  } catch (error) {
    if (error instanceof Interrupted) return exitCodeOf(received);
    const message = error instanceof Error ? error.message.split('\n')[0] : String(error);
    say(`failed: ${message}`);
    return 1;
  } finally {
    await cleanUp(embedded, templateCreated ? adminUrl : undefined, template);
  }
}

/**
 * DATABASE_URL may name the app's database before anyone created it; any database of the server
 * will do for creating others, so fall back to the `postgres` maintenance database.
 */
async function adminUrlOf(url: string): Promise<string> {
  try {
    await listDatabases(url, 'postgres');
    return url;
  } catch (error) {
    if ((error as { code?: unknown }).code === '3D000') return databaseUrl(url, 'postgres');
    throw error;
  }
}

async function cleanUp(embedded: EmbeddedPostgres | undefined, adminUrl: string | undefined, template: string) {
  // An embedded server's data directory goes away with it; only a shared server needs dropping.
  if (adminUrl && !embedded) {
    try {
      const copies = await listDatabases(adminUrl, `${template}_`);
      await dropDatabases(adminUrl, [...copies, template]);
    } catch (error) {
      say(`could not drop the test databases ${template}*: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  await embedded?.stop().catch((error: unknown) => say(`could not stop PostgreSQL: ${String(error)}`));
}

function run(command: string[], env: NodeJS.ProcessEnv): Promise<number> {
  const [file, ...args] = command;
  // So `tools/with-postgres.ts nx …` works outside npm scripts too.
  const path = [join(ROOT, 'node_modules', '.bin'), env.PATH].filter(Boolean).join(delimiter);
  return new Promise((resolveCode) => {
    child = spawn(file, args, { stdio: 'inherit', env: { ...env, PATH: path } });
    child.on('error', (error: NodeJS.ErrnoException) => {
      say(error.code === 'ENOENT' ? `command not found: ${file}` : `could not run ${file}: ${error.message}`);
      resolveCode(127);
    });
    child.on('exit', (code, signal) => resolveCode(code ?? exitCodeOf(signal)));
  });
}

function exitCodeOf(signal: NodeJS.Signals | null | undefined): number {
  return signal ? 128 + (constants.signals[signal] ?? 0) : 1;
}

const code = await main(process.argv.slice(2));
// Exit explicitly: the exit code must be the command's, whatever handles are still open.
process.exit(received && code === 0 ? exitCodeOf(received) : code);
