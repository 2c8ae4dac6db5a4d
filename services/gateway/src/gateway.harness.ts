import { Writable } from 'node:stream';
import type { MikroORM } from '@mikro-orm/postgresql';
import { createEphemeralIssuer, createTokenVerifier, type DevIssuer, mintAccessToken } from '@provision/auth';
import { Order, Partner, Subject, seedDemo } from '@provision/db';
import { Keyring } from '@provision/crypto';
import { createTestDatabase, testKeyringConfig, type TestDatabase } from '@provision/testing';
import { ManualClock } from '@provision/util';
import { createGateway, type Gateway } from './app.js';
import { type Config, DEFAULT_REQUEST_LIMITS, DEMO_PII_CONTROLLER } from './config.js';
import { createLogger } from '@provision/runtime';

/** A GraphQL response as a client reads it. */
export interface GraphQLBody<TData = unknown> {
  data?: TData | null;
  errors?: { message: string; extensions?: Record<string, unknown>; path?: unknown }[];
}

export const testConfig = (overrides: Partial<Config> = {}): Config => ({
  nodeEnv: 'test',
  port: 0,
  host: '127.0.0.1',
  metricsPort: null,
  databaseUrl: null,
  auth: null,
  keys: null,
  logLevel: 'info',
  limits: DEFAULT_REQUEST_LIMITS,
  rateLimit: { capacity: 2000, refillPerMinute: 600 },
  ledgerLanes: 8,
  databasePoolSize: 4,
  databasePreparedStatements: true,
  // No delay: a test that stops a gateway does not wait for a load balancer.
  shutdown: { drainDelayMs: 0, graceMs: 10_000 },
  console: { oidc: null, publicUrl: 'http://localhost', idleMinutes: 30, maxHours: 8 },
  fourEyesPublishing: false,
  piiController: DEMO_PII_CONTROLLER,
  ...overrides,
});

export interface GatewayHarness {
  base: string;
  /** Where `/metrics` is served when the config sets `metricsPort` (0 picks a free port). */
  metricsPort?: number;
  clock: ManualClock;
  issuer: DevIssuer;
  gateway: Gateway;
  /** Every log line the gateway wrote, parsed, so tests can prove what is (not) logged. */
  logLines: Record<string, unknown>[];
  token(clientId: string, scopes: string[], ttlSeconds?: number): Promise<string>;
  post<TData = unknown>(
    body: unknown,
    bearer?: string,
    headers?: Record<string, string>,
  ): Promise<{ response: Response; body: GraphQLBody<TData> }>;
  stop(): Promise<void>;
}

/** The issuer whose tokens the harness's gateway accepts, and where the gateway gets its keys. */
export interface HarnessKeys {
  issuer: DevIssuer;
  /** A JWKS URL to fetch the keys from (e.g. a counting server); the issuer's keys in memory otherwise. */
  jwksUrl?: string;
}

/** A throw-away issuer for one harness. */
export const harnessIssuer = () => createEphemeralIssuer({ issuer: 'https://issuer.test', audience: 'urn:provision-gateway' });

/**
 * The real gateway on a random port over a test database, with a throw-away token issuer and a
 * clock the test moves: requests go through HTTP with signed tokens, as a partner's would.
 */
export async function startGatewayHarness(
  orm: MikroORM,
  now: string,
  config: Partial<Config> = {},
  keys?: HarnessKeys,
): Promise<GatewayHarness> {
  const clock = new ManualClock(now);
  const issuer = keys?.issuer ?? (await harnessIssuer());
  const source = keys?.jwksUrl === undefined ? { jwks: issuer.jwks } : { jwksUrl: keys.jwksUrl };
  const verifier = createTokenVerifier({ issuer: issuer.issuer, audience: issuer.audience, ...source, clock });
  const logLines: Record<string, unknown>[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _encoding, done) {
      logLines.push(JSON.parse(chunk.toString('utf8')) as Record<string, unknown>);
      done();
    },
  });
  const logger = createLogger({ service: 'gateway', level: 'info', destination });
  const keyring = Keyring.parse(testKeyringConfig());
  const gateway = createGateway({ config: testConfig(config), orm, verifier, clock, logger, keyring });
  const { port, metricsPort } = await gateway.start();
  const base = `http://127.0.0.1:${port}`;

  return {
    base,
    metricsPort,
    clock,
    issuer,
    gateway,
    logLines,
    token: (clientId, scopes, ttlSeconds = 300) => mintAccessToken(issuer, { clientId, scopes, ttlSeconds, clock }),
    async post<TData>(body: unknown, bearer?: string, headers: Record<string, string> = {}) {
      const response = await fetch(`${base}/graphql`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          ...(bearer === undefined ? {} : { authorization: `Bearer ${bearer}` }),
          ...headers,
        },
        body: JSON.stringify(body),
      });
      return { response, body: (await response.json()) as GraphQLBody<TData> };
    },
    stop: () => gateway.stop(),
  };
}

/** A suite's private, seeded database and a gateway over it; fields are set once `beforeAll` has run. */
export interface SeededGateway {
  db: TestDatabase;
  harness: GatewayHarness;
}

/**
 * Registers the hooks most end-to-end suites need: a private database with the demo seed (plus
 * whatever `prepare` adds), a gateway over it on a clock at `now`, the clock put back after every
 * test, and everything stopped and dropped at the end.
 */
export function useSeededGateway(now: string, prepare?: (db: TestDatabase) => Promise<void>): SeededGateway {
  const suite = {} as SeededGateway;
  beforeAll(async () => {
    suite.db = await createTestDatabase();
    await seedDemo(suite.db.orm.em.fork(), new ManualClock(now), suite.db.keyring);
    await prepare?.(suite.db);
    suite.harness = await startGatewayHarness(suite.db.orm, now);
  });
  afterEach(() => suite.harness?.clock.set(now));
  afterAll(async () => {
    await suite.harness?.stop();
    await suite.db?.drop();
  });
  return suite;
}

/**
 * `count` paid orders for a seeded seller, each with its own receiver, all bought by the seeded
 * consenting member; ordered one minute apart before `now`, so they are the seller's newest.
 */
export async function addBulkOrders(orm: MikroORM, { sellerCode, count, now }: { sellerCode: string; count: number; now: string }) {
  const tx = orm.em.fork();
  const buyer = await tx.findOneOrFail(Subject, { shopSubjectId: 'member-0001' });
  const seller = await tx.findOneOrFail(Partner, { code: sellerCode });
  for (let n = 0; n < count; n += 1) {
    const receiver = tx.create(Subject, {
      shopSubjectId: `bulk-receiver-${sellerCode}-${n}`,
      kind: 'RECEIVER',
      name: `수령인${n}`,
      address: `서울특별시 예시구 샘플로 ${n}`,
      createdAt: new Date(now),
      updatedAt: new Date(now),
    });
    tx.create(Order, {
      shopOrderId: `MIK-BULK-${sellerCode}-${String(n).padStart(4, '0')}`,
      buyer,
      receiver,
      seller,
      status: 'PAID',
      orderedAt: new Date(Date.parse(now) - (n + 1) * 60_000),
      createdAt: new Date(now),
    });
  }
  await tx.flush();
}
