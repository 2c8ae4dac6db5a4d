// Worker entry (`npm run worker`, the worker container's command; `npm start` runs it as a child
// process in development): configuration from the environment, an existing migrated database.
import 'reflect-metadata';
import { Keyring } from '@provision/crypto';
import { openOrm, pendingMigrations } from '@provision/db';
import { systemClock } from '@provision/util';
import { ConfigError, loadWorkerConfig, type WorkerConfig } from './config.js';
import { createLogger, onShutdown } from '@provision/runtime';
import { createWorkerHttpServer } from './http-server.js';
import { createWorker } from './worker.js';

function exitWith(message: string): never {
  process.stderr.write(`${message}\n`);
  process.exit(1);
}

let config: WorkerConfig;
try {
  config = loadWorkerConfig(process.env);
} catch (err) {
  if (err instanceof ConfigError) exitWith(err.message);
  throw err;
}

const logger = createLogger({ service: 'worker', level: config.logLevel });
const orm = await openOrm(config.databaseUrl, { poolSize: config.poolSizes.database });

let pending: string[];
try {
  pending = await pendingMigrations(orm);
} catch (err) {
  logger.fatal({ errorType: (err as Error)?.name }, 'cannot reach the database');
  await orm.close(true);
  exitWith('Worker start-up failed: cannot reach the database at DATABASE_URL');
}
if (pending.length > 0) {
  logger.fatal({ pending: pending.length }, 'refusing to work: pending migrations');
  await orm.close(true);
  exitWith(`Worker start-up failed: ${pending.length} pending migration(s); run \`npm run migrate\``);
}

const worker = createWorker({
  databaseUrl: config.databaseUrl,
  orm,
  clock: systemClock,
  logger,
  keyring: Keyring.parse(config.keys),
  options: {
    deliveryIntervalSeconds: config.deliveryIntervalSeconds,
    sweepCron: config.sweepCron,
    harvest: config.harvest,
    ledgerPurgeCron: config.ledgerPurgeCron,
    ledgerRetentionMonths: config.ledgerRetentionMonths,
    reviewCron: config.reviewCron,
    annualNoticeCron: config.annualNoticeCron,
    delivery: { maxAttempts: config.noticeMaxAttempts },
    pgBossPoolSize: config.poolSizes.pgBoss,
  },
});
const http = createWorkerHttpServer({ worker, orm });
// Stopping the worker fails readiness at once; the probes and /metrics answer until its jobs are done.
const shutDown = onShutdown(logger, [() => worker.stop(), () => http.stop(), () => orm.close()]);
try {
  // Before the queues start, so /healthz answers (and /readyz says why not yet) during start-up.
  const port = await http.start(config.port, '0.0.0.0');
  logger.info({ port }, `worker probes and metrics on port ${port}`);
  await worker.start();
} catch (err) {
  // e.g. a SWEEP_CRON pg-boss cannot parse, or a database whose job-queue schema no migration made yet.
  const message = err instanceof Error ? err.message.split('\n')[0] : String(err);
  logger.fatal({ errorType: (err as Error)?.name }, 'could not start');
  await worker.stop().catch(() => undefined);
  await http.stop();
  await orm.close(true);
  exitWith(`Worker start-up failed: ${message}`);
}

// Started by `npm start` with an IPC channel: say when ready, stop when asked or when the parent goes.
if (process.send) {
  process.send({ type: 'worker-ready' });
  process.on('message', (message: { type?: unknown }) => {
    if (message?.type === 'stop') shutDown('asked by the development entry');
  });
  process.on('disconnect', () => shutDown('development entry went away'));
}
