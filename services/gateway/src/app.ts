import { createServer, type Server } from 'node:http';
import { type Duplex } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginCacheControlDisabled, ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { expressMiddleware } from '@as-integrations/express5';
import { type MikroORM } from '@mikro-orm/postgresql';
import express, { type ErrorRequestHandler, type RequestHandler } from 'express';
import { type GraphQLSchema } from 'graphql';
import type pg from 'pg';
import { type TokenVerifier } from '@provision/auth';
import { type Keyring } from '@provision/crypto';
import { formatError } from '@provision/api-core';
import { PartnerRegistry } from '@provision/api-partner';
import { nativePool, pendingMigrations } from '@provision/db';
import { harvestAlertTotals } from '@provision/quotas';
import { type Clock, withTimeout } from '@provision/util';
import { type Config, type ConsoleOidcConfig } from './config.js';
import { ConsoleSessionStore } from './console/console-session.store.js';
import { consoleRoutes } from './console/console.routes.js';
import { createContextFunction, type GatewayContext } from './context.js';
import { createDrain } from './drain.js';
import { failurePlugin, framesOf } from './failure.plugin.js';
import { listen, logContext, type Logger } from '@provision/runtime';
import { createMetrics, type GatewayMetrics, routeLabel } from './metrics.js';
import { provisionPlugin } from './provision.plugin.js';
import { queryLimitOptions } from './query-limits.js';
import { reportRoutes } from './reports.routes.js';
import { requestIdMiddleware, requestIdOf, requestLogContextMiddleware } from './request-id.js';
import { buildGatewaySchema } from './schema.js';

export interface GatewayDependencies {
  config: Config;
  orm: MikroORM;
  verifier: TokenVerifier;
  clock: Clock;
  logger: Logger;
  /** Seals and opens unique identifiers and webhook secrets (DATA_KEYS, or the dev keyring). */
  keyring: Keyring;
  /** How long in-flight requests may take to finish once `stop()` is called; default 10 s. */
  drainTimeoutMs?: number;
  /** The GraphQL schema; default `buildGatewaySchema()`. Only the benchmark passes another (tools/bench). */
  schema?: GraphQLSchema;
  /**
   * An ORM on a pool of its own (one connection) for `/readyz`, so a probe never queues behind
   * requests for a connection of the request pool; `orm` when omitted.
   */
  readinessOrm?: MikroORM;
  /** The console's OpenID client when not configured by the environment (`npm start`'s development provider). */
  consoleOidc?: ConsoleOidcConfig;
}

/** The built console, served at /console/ (`npx nx build console`). */
export const CONSOLE_ASSETS_DIR = fileURLToPath(new URL('../../console/dist', import.meta.url));

export interface Gateway {
  httpServer: Server;
  metrics: GatewayMetrics;
  /**
   * Builds the schema, starts Apollo and listens on `config.host:config.port` (0 = any free port),
   * and on `config.metricsPort` for `/metrics` alone when that is set (`metricsPort` then says where).
   */
  start(): Promise<{ url: string; port: number; metricsPort?: number }>;
  /**
   * Drains (see {@link createDrain}: readiness fails and new work is refused for
   * `config.shutdown.drainDelayMs`, then the listener closes and in-flight requests finish within
   * `config.shutdown.graceMs`), then stops Apollo. The ORMs stay open: close them after this resolves.
   */
  stop(): Promise<void>;
}

const READINESS_TIMEOUT_MS = 2_000;

/** Node's default for receiving request headers; shorter when the whole request must be faster. */
const HEADERS_TIMEOUT_MS = 60_000;

/**
 * How often Node checks connections against `requestTimeout`; its default (30 s) would let a
 * short timeout overrun by up to that much.
 */
const checkingIntervalFor = (requestTimeoutMs: number) => Math.max(50, Math.min(30_000, Math.floor(requestTimeoutMs / 4)));

/**
 * Errors Node raises before a request reaches Express: a client too slow to send its request
 * within `requestTimeout` (slowloris), or bytes that are not HTTP. Answered with the gateway's JSON
 * error shape and the connection closed; nothing of what the client sent is echoed.
 */
function answerClientError(err: NodeJS.ErrnoException, socket: Duplex): void {
  if (!socket.writable) {
    socket.destroy();
    return;
  }
  const [status, code, message] =
    err.code === 'ERR_HTTP_REQUEST_TIMEOUT'
      ? ['408 Request Timeout', 'REQUEST_TIMEOUT', 'Request not received in time']
      : ['400 Bad Request', 'BAD_REQUEST', 'Malformed request'];
  const body = JSON.stringify({ errors: [{ message, extensions: { code } }] });
  socket.end(
    `HTTP/1.1 ${status}\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n` +
      `Connection: close\r\n\r\n${body}`,
  );
}

type Readiness = { ready: true } | { ready: false; reason: string };

async function readiness(orm: MikroORM): Promise<Readiness> {
  try {
    await withTimeout(orm.em.fork().getConnection().execute('select 1'), READINESS_TIMEOUT_MS);
  } catch {
    return { ready: false, reason: 'database unreachable' };
  }
  try {
    const pending = await withTimeout(pendingMigrations(orm), READINESS_TIMEOUT_MS);
    if (pending.length > 0) return { ready: false, reason: `${pending.length} migration(s) pending` };
  } catch {
    return { ready: false, reason: 'migration state unreadable' };
  }
  return { ready: true };
}

/** Longest operation name kept in log lines; GraphQL names are `[_A-Za-z][_0-9A-Za-z]*` by the parser. */
const MAX_LOGGED_OPERATION_NAME = 100;

function observabilityPlugin(metrics: GatewayMetrics): ApolloServerPlugin<GatewayContext> {
  return {
    async requestDidStart() {
      return {
        // The request's log lines name the operation (a parsed GraphQL name, never a value) and,
        // once it is authenticated, the client.
        async didResolveOperation({ operation }) {
          const fields = logContext();
          const name = operation?.name?.value;
          if (fields && name !== undefined) fields['operation'] = name.slice(0, MAX_LOGGED_OPERATION_NAME);
        },
        async executionDidStart({ contextValue }) {
          const fields = logContext();
          if (fields) fields['clientId'] = contextValue.principal.clientId;
        },
        async willSendResponse({ operation, response }) {
          const result = response.body.kind === 'single' ? response.body.singleResult : null;
          const hasErrors = (result?.errors?.length ?? 0) > 0;
          const hasData = result?.data !== undefined && result.data !== null;
          const outcome = !hasErrors ? 'success' : hasData ? 'partial' : 'error';
          metrics.graphqlOperations.inc({ operation_type: operation?.operation ?? 'unknown', outcome });
        },
      };
    },
  };
}

/**
 * The HTTP server: Apollo on Express 5 plus health, readiness and metrics endpoints. Wiring only;
 * behaviour lives in the libraries.
 */
export function createGateway({
  config,
  orm,
  verifier,
  clock,
  logger,
  keyring,
  readinessOrm = orm,
  consoleOidc,
  schema,
}: GatewayDependencies): Gateway {
  const app = express();
  const httpServer = createServer({ connectionsCheckingInterval: checkingIntervalFor(config.limits.requestTimeoutMs) }, app);
  httpServer.requestTimeout = config.limits.requestTimeoutMs;
  httpServer.headersTimeout = Math.min(config.limits.requestTimeoutMs, HEADERS_TIMEOUT_MS);
  httpServer.on('clientError', answerClientError);
  // The ORM opens its pool on first use; the partner API's plain statements run on the same pool.
  let poolOpened: Promise<pg.Pool> | undefined;
  let requestPool: pg.Pool | null = null;
  const pool = () => (poolOpened ??= nativePool(orm.em).then((opened) => (requestPool = opened)));
  const metrics = createMetrics({ harvestAlertTotals: () => harvestAlertTotals(orm.em.fork()), requestPool: () => requestPool });
  const registry = new PartnerRegistry({
    rateLimit: config.rateLimit,
    ledgerLanes: config.ledgerLanes,
    preparedStatements: config.databasePreparedStatements,
    observer: metrics.observer,
  });
  const context = createContextFunction({
    orm,
    pool,
    registry,
    verifier,
    clock,
    logger,
    keyring,
    fourEyesPublishing: config.fourEyesPublishing,
  });
  let graphqlHandler: RequestHandler | null = null;
  let apollo: ApolloServer<GatewayContext> | null = null;
  let stopped: Promise<void> | undefined;
  const drain = createDrain();

  app.disable('x-powered-by');
  app.use(requestIdMiddleware);
  app.use(requestLogContextMiddleware);
  app.use((req, res, next) => {
    const started = process.hrtime.bigint();
    const logFields = logContext();
    res.on('finish', () => {
      // originalUrl: by now a mounted router may have cut req.path down to '/'.
      const labels = { route: routeLabel(req.originalUrl.split('?')[0] ?? ''), status: String(res.statusCode) };
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      metrics.httpRequests.inc(labels);
      metrics.httpDuration.observe(labels, seconds);
      // Method, route and status only: URLs can carry GraphQL variables in their query string.
      const level = labels.route === '/graphql' ? 'info' : 'debug';
      logger[level](
        { ...logFields, requestId: requestIdOf(res), method: req.method, ...labels, durationMs: Math.round(seconds * 1000) },
        'request',
      );
    });
    next();
  });
  app.use(drain.middleware);

  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });

  app.get('/readyz', async (_req, res) => {
    const state: Readiness = drain.draining ? { ready: false, reason: 'shutting down' } : await readiness(readinessOrm);
    if (state.ready) res.json({ status: 'ready' });
    else res.status(503).json({ status: 'not ready', reason: state.reason });
  });

  const serveMetrics: RequestHandler = async (_req, res) => {
    res.type(metrics.registry.contentType).send(await metrics.registry.metrics());
  };
  // With METRICS_PORT, /metrics is served on that port alone, so it need not be public.
  const metricsListener =
    config.metricsPort === null ? null : { port: config.metricsPort, server: createServer(express().disable('x-powered-by').get('/metrics', serveMetrics)) };
  if (metricsListener === null) app.get('/metrics', serveMetrics);

  const serveGraphql: RequestHandler = (req, res, next) => {
    if (graphqlHandler) return graphqlHandler(req, res, next);
    res.status(503).json({ errors: [{ message: 'Starting up', extensions: { code: 'SERVICE_UNAVAILABLE' } }] });
  };
  // Before the report and console routers, which never answer /graphql: the API's requests, by far
  // the most, need not walk their routes.
  app.use('/graphql', express.json({ limit: config.limits.bodyLimitBytes }), serveGraphql);

  app.use(reportRoutes({ orm, clock, authenticate: context, piiController: config.piiController }));

  app.use(
    consoleRoutes({
      oidc: consoleOidc ?? config.console.oidc,
      publicUrl: config.console.publicUrl,
      sessions: new ConsoleSessionStore(orm, keyring, clock, config.console),
      clock,
      logger,
      assetsDir: CONSOLE_ASSETS_DIR,
      bodyLimitBytes: config.limits.bodyLimitBytes,
      graphql: serveGraphql,
      fourEyesPublishing: config.fourEyesPublishing,
    }),
  );

  app.use((_req, res) => {
    res.status(404).json({ errors: [{ message: 'Not found', extensions: { code: 'NOT_FOUND' } }] });
  });

  // Body-parser and other middleware errors: a status and a fixed message, never the parser's text
  // (it can quote the body) and never a stack.
  // Express recognises an error handler by its four parameters, so `_next` must stay.
  // eslint-disable-next-line @typescript-eslint/no-unused-vars
  const errorHandler: ErrorRequestHandler = (err: { status?: unknown; type?: unknown }, _req, res, _next) => {
    const status = typeof err.status === 'number' && err.status >= 400 && err.status < 500 ? err.status : 500;
    const [message, code] =
      status === 413
        ? ['Request body too large', 'PAYLOAD_TOO_LARGE']
        : status === 500
          ? ['Internal server error', 'INTERNAL_SERVER_ERROR']
          : ['Malformed request', 'BAD_REQUEST'];
    if (status === 500) logger.error({ requestId: requestIdOf(res), frames: framesOf(err) }, 'unexpected HTTP error');
    res.status(status).json({ errors: [{ message, extensions: { code } }] });
  };
  app.use(errorHandler);

  const production = config.nodeEnv === 'production';
  const { validationRules, parseOptions, assertCostWithVariables } = queryLimitOptions(config.limits);

  return {
    httpServer,
    metrics,

    async start() {
      apollo = new ApolloServer<GatewayContext>({
        schema: schema ?? (await buildGatewaySchema()),
        // The process's own shutdown (onShutdown, then stop() below) drains first; Apollo's handler
        // would stop it at once on SIGTERM, failing the requests in flight.
        stopOnTerminationSignals: false,
        plugins: [
          failurePlugin(logger),
          // Listed before observability so the metrics see the response the client really gets.
          provisionPlugin(logger, pool, metrics, assertCostWithVariables),
          observabilityPlugin(metrics),
          // No landing page: Apollo's loads its explorer from a CDN, which an offline or locked-down
          // deployment cannot reach. The console at /console/ is the officers' way in; developers use
          // schema/operations with curl.
          ApolloServerPluginLandingPageDisabled(),
          // Every response says `Cache-Control: no-store, private` (provisionPlugin); Apollo's cache
          // hints would only cost a hook on every field resolved.
          ApolloServerPluginCacheControlDisabled(),
        ],
        csrfPrevention: true,
        allowBatchedHttpRequests: config.limits.allowBatchedHttpRequests,
        validationRules,
        parseOptions,
        // The schema is public outside production (schema.graphql is committed); in production a
        // prober learns it neither by introspection nor from "Did you mean …?" suggestions.
        introspection: !production,
        hideSchemaDetailsFromClientErrors: production,
        formatError,
        includeStacktraceInErrorResponses: false,
        logger: logger.child({ component: 'apollo' }),
      });
      await apollo.start();
      graphqlHandler = expressMiddleware(apollo, { context });
      const port = await listen(httpServer, config.port, config.host);
      const host = ['0.0.0.0', '::'].includes(config.host) ? 'localhost' : config.host;
      const url = `http://${host}:${port}/graphql`;
      if (metricsListener === null) return { url, port };
      return { url, port, metricsPort: await listen(metricsListener.server, metricsListener.port, config.host) };
    },

    stop() {
      stopped ??= (async () => {
        const { drainDelayMs, graceMs } = config.shutdown;
        drain.begin();
        logger.info({ drainDelayMs, graceMs }, 'draining: readiness fails, new requests are refused');
        await new Promise((resolve) => setTimeout(resolve, drainDelayMs));
        if (httpServer.listening) {
          const cutOff = await drain.finish(httpServer, graceMs);
          if (cutOff > 0) logger.warn({ requests: cutOff }, 'shutdown grace period over: requests in flight were cut off');
        }
        await apollo?.stop();
        // Last: scrapes still see the drain.
        const metricsServer = metricsListener?.server;
        if (metricsServer?.listening) {
          metricsServer.closeAllConnections();
          await new Promise((resolve) => metricsServer.close(resolve));
        }
      })();
      return stopped;
    },
  };
}
