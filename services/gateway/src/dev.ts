// Development entry (`npm start`): everything a fresh clone needs to serve real requests —
// embedded PostgreSQL unless DATABASE_URL is set, migrations, demo data, a dev token issuer.
import 'reflect-metadata';
import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { type MikroORM } from '@mikro-orm/postgresql';
import { createTokenVerifier, loadOrCreateDevIssuer, type TokenVerifier } from '@provision/auth';
import { Keyring, type KeyringConfig, loadOrCreateDevKeyring } from '@provision/crypto';
import { migrateUp, openOrm, rotateKeys, seedDemo } from '@provision/db';
import { type DevOidcProvider } from '@provision/dev-oidc';
import { systemClock } from '@provision/util';
import { CONSOLE_ASSETS_DIR, createGateway } from './app.js';
import { ensureConsoleBuilt, startDevConsoleIssuer } from './console/dev-console.js';
import { type Config, ConfigError, loadConfig } from './config.js';
import { DEV_DATA_DIR, DEV_ISSUER_DIR, type DevDatabase, EMBEDDED_PG_DIR, startDevDatabase, WORKSPACE_ROOT } from './dev-database.js';
import { seedDemoActivity } from './demo-activity.js';
import { createLogger, type Logger, onShutdown } from '@provision/runtime';

function configOrExit(): Config {
  try {
    return loadConfig(process.env);
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    process.stderr.write(`${err.message}\n`);
    process.exit(1);
  }
}

/** The verifier for the configured issuer, or for the dev issuer kept in `.data/dev-issuer`. */
async function verifierFor(config: Config): Promise<{ verifier: TokenVerifier; devIssuer: boolean }> {
  if (config.auth) {
    const { issuer, audience, jwks } = config.auth;
    return { verifier: createTokenVerifier({ issuer, audience, ...jwks, clock: systemClock }), devIssuer: false };
  }
  // loadConfig leaves auth null only outside production.
  const dev = await loadOrCreateDevIssuer(DEV_ISSUER_DIR);
  const verifier = createTokenVerifier({ issuer: dev.issuer, audience: dev.audience, jwks: dev.jwks, clock: systemClock });
  return { verifier, devIssuer: true };
}

/** The worker (`services/worker`) running as a child process of the development entry. */
interface DevWorker {
  /** Asks the worker to stop and waits until it has (graceful: running jobs finish). */
  stop(): Promise<void>;
}

const WORKER_ENTRY = join(WORKSPACE_ROOT, 'services/worker/src/main.ts');
const CONSOLE_DIR = join(WORKSPACE_ROOT, 'services/console');
const DEV_OIDC_KEY_FILE = join(DEV_DATA_DIR, 'dev-oidc', 'signing-key.json');
const WORKER_START_TIMEOUT_MS = 60_000;
const WORKER_STOP_TIMEOUT_MS = 40_000;

/**
 * Starts the worker on the development database as a child process — the same entry production
 * runs (`npm run worker`), and a service may not import another service. It shares this terminal:
 * its log lines carry `"service":"worker"`. Resolves once the worker reports ready over IPC.
 */
function startDevWorker(databaseUrl: string, keys: KeyringConfig, logger: Logger): Promise<DevWorker> {
  const child: ChildProcess = spawn(process.execPath, [...process.execArgv, WORKER_ENTRY], {
    cwd: WORKSPACE_ROOT,
    env: { ...process.env, DATABASE_URL: databaseUrl, DATA_KEYS: keys.dataKeys, DATA_INDEX_KEY: keys.indexKey },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  let [ready, stopping] = [false, false];
  const stop = async () => {
    stopping = true;
    if (child.exitCode !== null || child.signalCode !== null) return;
    // Over IPC rather than a signal: after Ctrl-C the worker already has SIGINT, and a second signal
    // would cut its graceful stop short.
    if (child.connected) child.send({ type: 'stop' });
    else child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), WORKER_STOP_TIMEOUT_MS);
    await exited;
    clearTimeout(timer);
  };
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`the worker did not start within ${WORKER_START_TIMEOUT_MS / 1000} s`));
    }, WORKER_START_TIMEOUT_MS);
    child.once('error', (err) => {
      clearTimeout(timer);
      reject(err);
    });
    child.on('message', (message: { type?: unknown }) => {
      if (message?.type !== 'worker-ready') return;
      ready = true;
      clearTimeout(timer);
      resolve({ stop });
    });
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      // Its own start-up error is already on stderr.
      reject(new Error(`the worker exited during start-up (${signal ?? `code ${code}`})`));
      if (ready && !stopping) logger.error({ code, signal }, 'the worker stopped unexpectedly: notices are not being delivered');
    });
  });
}

function nextSteps(config: Config, database: DevDatabase, url: string, devIssuer: boolean, devConsoleIssuer: string | null): string {
  // Since the process started, module loading and TypeScript compilation included.
  const seconds = process.uptime().toFixed(1);
  const where = database.embedded
    ? `embedded PostgreSQL on 127.0.0.1:${database.port} (data in ${EMBEDDED_PG_DIR.slice(WORKSPACE_ROOT.length)})`
    : 'the database at DATABASE_URL';
  const query = JSON.stringify({ query: '{ partners { code name kind status currentAgreement { version retentionRule } } }' });
  const tokenStep = devIssuer
    ? '  1. Get an admin token from the dev issuer:\n       TOKEN=$(npm run --silent token -- --client privacy-admin)'
    : `  1. Get a token for client privacy-admin from your issuer (${config.auth?.issuer}) into $TOKEN`;
  return [
    '',
    `Provision Gateway is ready at ${url} (started in ${seconds} s)`,
    `  database: ${where}`,
    '',
    'Next steps:',
    tokenStep,
    '  2. Run a first query:',
    `       curl -s ${url} -H "authorization: Bearer $TOKEN" -H 'content-type: application/json' \\`,
    `         --data '${query}'`,
    '  3. Other demo clients: seller-hanbok-house, seller-seoul-sneakers, kt-mhows-giftishow, sis-webfax,',
    '     customs-broker-incheon, ktis-callcenter, shop-backend (see README).',
    '',
    devConsoleIssuer
      ? `Console: ${config.console.publicUrl}/console/ — sign in as kim / demo-kim or lee / demo-lee\n` +
        `  (two demo privacy officers at the development OpenID provider ${devConsoleIssuer}).`
      : `Console: ${config.console.publicUrl}/console/ — sign in at ${config.console.oidc?.issuer}.`,
    '',
    'The worker runs alongside (notice delivery; window sweep, harvest check, ledger purge, monthly',
    'review and annual notice on their schedules); its log lines say "service":"worker".',
    'Ctrl-C stops the gateway, the worker and the embedded database.',
    '',
    '',
  ].join('\n');
}

async function main(config: Config, logger: Logger): Promise<void> {
  let database: DevDatabase | undefined;
  let orm: MikroORM | undefined;
  let issuer: DevOidcProvider | undefined;
  try {
    database = await startDevDatabase(process.env);
    orm = await openOrm(database.url, { poolSize: config.databasePoolSize });
    const applied = await migrateUp(orm);
    if (applied.length > 0) logger.info({ applied: applied.length }, 'migrations applied');
    // DATA_KEYS when set, else the development keyring kept in .data/data-keys.json.
    const keys = config.keys ?? (await loadOrCreateDevKeyring(DEV_DATA_DIR));
    const keyring = Keyring.parse(keys);
    // Seals what a database from before encryption at rest holds in plain text, and moves values
    // to the active key; nothing to do (a few index scans) on an up-to-date database.
    const rotated = (await rotateKeys(orm, keyring)).reduce((sum, count) => sum + count.resealed + count.sealedPlaintext, 0);
    if (rotated > 0) logger.info({ values: rotated }, 'values sealed, or moved to the active key');
    await seedDemo(orm.em.fork(), systemClock, keyring);
    // A month of partner reads in the ledger, so the console's overview has a chart and an alert.
    const activity = await seedDemoActivity(orm.em.fork(), systemClock.now());
    if (activity.ledgerRows > 0) logger.info({ ledgerRows: activity.ledgerRows, harvestAlerts: activity.harvestAlerts.length }, 'demo activity written');
    const { verifier, devIssuer } = await verifierFor(config);
    if (await ensureConsoleBuilt(CONSOLE_DIR, CONSOLE_ASSETS_DIR)) logger.info('console built');
    // The console signs officers in at CONSOLE_OIDC_ISSUER when set, else at a development provider on PORT + 1.
    const consoleIssuer = config.console.oidc
      ? null
      : await startDevConsoleIssuer({ port: config.port + 1, publicUrl: config.console.publicUrl, keyFile: DEV_OIDC_KEY_FILE });
    issuer = consoleIssuer?.provider;

    const gateway = createGateway({ config, orm, verifier, clock: systemClock, logger, keyring, consoleOidc: consoleIssuer?.oidc });
    const [openOrmNow, db] = [orm, database];
    const started: { worker?: DevWorker } = {};
    onShutdown(logger, [
      () => gateway.stop(),
      async () => started.worker?.stop(),
      async () => consoleIssuer?.provider.stop(),
      () => openOrmNow.close(),
      () => db.stop(),
    ]);
    const { url } = await gateway.start();
    started.worker = await startDevWorker(database.url, keys, logger);
    process.stdout.write(nextSteps(config, database, url, devIssuer, consoleIssuer?.provider.issuer ?? null));
  } catch (err) {
    // Whatever failed, no embedded postgres may outlive this process.
    await issuer?.stop().catch(() => undefined);
    await orm?.close(true).catch(() => undefined);
    await database?.stop().catch(() => undefined);
    throw err;
  }
}

const config = configOrExit();
if (config.nodeEnv === 'production') {
  // This entry seeds demo partners and clients: never into a production database.
  process.stderr.write('npm start is the development entry and seeds demo data; use `npm run start:prod` in production\n');
  process.exit(1);
}
const logger = createLogger({ service: 'gateway', level: config.logLevel });
try {
  await main(config, logger);
} catch (err) {
  const message = err instanceof Error ? err.message : String(err);
  logger.fatal({ errorType: err instanceof Error ? err.name : typeof err }, 'start-up failed');
  process.stderr.write(`Start-up failed: ${message}\n`);
  process.exit(1);
}
