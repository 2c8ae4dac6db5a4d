// The production set-up, shared by the production entry (main.ts) and the benchmark's policy-bypassed
// gateway (tools/bench/bypass-gateway.ts), which alone passes a schema of its own: configuration from
// the environment, an existing migrated database, a real token issuer. Nothing is created here.
import { type GraphQLSchema } from 'graphql';
import { createTokenVerifier } from '@provision/auth';
import { Keyring } from '@provision/crypto';
import { openOrm, pendingMigrations } from '@provision/db';
import { systemClock } from '@provision/util';
import { createGateway } from './app.js';
import { ConfigError, loadConfig } from './config.js';
import { createLogger, onShutdown } from '@provision/runtime';

function exitWithConfigError(message: string): never {
  process.stderr.write(`${message}\n`);
  process.exit(1);
}

/** Serves the gateway as deployed until SIGTERM/SIGINT; exits the process on bad configuration or start-up failure. */
export async function serveProduction(options: { schema?: GraphQLSchema } = {}): Promise<void> {
  let config;
  try {
    config = loadConfig(process.env);
  } catch (err) {
    if (err instanceof ConfigError) exitWithConfigError(err.message);
    throw err;
  }
  if (config.databaseUrl === null) {
    exitWithConfigError('Invalid configuration: DATABASE_URL is required (`npm start` runs the development setup)');
  }
  if (config.keys === null) {
    exitWithConfigError('Invalid configuration: DATA_KEYS is required (`npm start` runs the development setup)');
  }
  if (config.auth === null) {
    exitWithConfigError('Invalid configuration: AUTH_ISSUER is required (`npm start` runs the development setup)');
  }

  const logger = createLogger({ service: 'gateway', level: config.logLevel });
  const orm = await openOrm(config.databaseUrl, { poolSize: config.databasePoolSize });
  // /readyz gets a connection of its own, so a probe never waits behind requests for the pool.
  const readinessOrm = await openOrm(config.databaseUrl, { poolSize: 1 });

  let pending: string[];
  try {
    pending = await pendingMigrations(orm);
  } catch (err) {
    logger.fatal({ errorType: (err as Error)?.name }, 'cannot reach the database');
    await Promise.all([orm.close(true), readinessOrm.close(true)]);
    process.exit(1);
  }
  if (pending.length > 0) {
    logger.fatal({ pending: pending.length }, `refusing to serve: ${pending.length} pending migration(s); run \`npm run migrate\``);
    await Promise.all([orm.close(true), readinessOrm.close(true)]);
    process.exit(1);
  }

  const { issuer, audience, jwks } = config.auth;
  const verifier = createTokenVerifier({ issuer, audience, ...jwks, clock: systemClock });
  const keyring = Keyring.parse(config.keys);
  const gateway = createGateway({ config, orm, readinessOrm, verifier, clock: systemClock, logger, keyring, schema: options.schema });
  // The pools close only once the gateway has drained: no request runs after that.
  onShutdown(logger, [() => gateway.stop(), () => orm.close(), () => readinessOrm.close()]);
  try {
    const { url, metricsPort } = await gateway.start();
    logger.info({ url, metricsPort }, `Provision Gateway listening on ${url}`);
  } catch (err) {
    logger.fatal({ errorType: (err as Error)?.name, code: (err as NodeJS.ErrnoException)?.code }, 'could not start');
    await gateway.stop().catch(() => undefined);
    await Promise.all([orm.close(true), readinessOrm.close(true)]);
    process.exit(1);
  }
}
