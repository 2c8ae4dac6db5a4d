import { createTokenVerifier } from '@provision/auth';
import { DEMO_CLIENT_IDS, openOrm, seedDemo, Subject } from '@provision/db';
import { createLogger } from '@provision/runtime';
import { createTestDatabase, type TestDatabase } from '@provision/testing';
import { ManualClock } from '@provision/util';
import { createGateway } from './app.js';
import { type GatewayHarness, startGatewayHarness, testConfig } from './gateway.harness.js';

const NOW = '2026-11-22T03:00:00.000Z';
const DRAIN_DELAY_MS = 600;
const UPSERT = 'mutation Drain($input: UpsertSubjectInput!) { upsertSubject(input: $input) { shopSubjectId } }';
const SELLER_ORDERS =
  'query SellerOrders @purpose(code: "order.delivery") { orders(first: 20) { nodes { shopOrderId receiver { name phone } } } }';

/** What one request of the load got: an HTTP answer, or the error class of a failed connection. */
interface Outcome {
  kind: 'write' | 'read';
  id: string;
  /** When the answer or the error came, in ms since the load began. */
  at: number;
  status?: number;
  connection?: string | null;
  code?: unknown;
  error?: string;
}

/** undici reports a refused connection, a reset and a socket closed mid-request with these causes. */
function errorCode(error: unknown): string {
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  return cause?.code ?? cause?.message ?? String(error);
}

describe('graceful shutdown under load', () => {
  let db: TestDatabase;
  let harness: GatewayHarness;

  beforeAll(async () => {
    db = await createTestDatabase();
    await seedDemo(db.orm.em.fork(), new ManualClock(NOW), db.keyring);
    harness = await startGatewayHarness(db.orm, NOW, { shutdown: { drainDelayMs: DRAIN_DELAY_MS, graceMs: 10_000 } });
  });

  afterAll(async () => {
    await harness?.stop();
    await db?.drop();
  });

  it('answers /readyz 503 at once, refuses new work with 503 and Connection: close, finishes in-flight writes, and resets no executed request', async () => {
    const shopToken = await harness.token(DEMO_CLIENT_IDS.shopBackend, ['shop:read', 'shop:write']);
    const sellerToken = await harness.token(DEMO_CLIENT_IDS.hanbokHouse, ['partner:read', 'pii:receiver.name', 'pii:receiver.phone']);
    const outcomes: Outcome[] = [];
    let refused = false;
    const began = Date.now();
    const deadline = began + 30_000;

    // Each client sends one request after another on its keep-alive connections until the gateway
    // refuses a connection (its listener closed): the load overlaps the whole shutdown, and keeps
    // coming after the drain delay, as it would not from a load balancer that saw readiness fail.
    const client = async (name: string, kind: Outcome['kind']) => {
      for (let n = 0; !refused && Date.now() < deadline; n += 1) {
        const id = `drain-${name}-${n}`;
        const [query, variables, token] =
          kind === 'write' ? [UPSERT, { input: { shopSubjectId: id, kind: 'MEMBER', name: '부하시험' } }, shopToken] : [SELLER_ORDERS, {}, sellerToken];
        try {
          const response = await fetch(`${harness.base}/graphql`, {
            method: 'POST',
            headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
            body: JSON.stringify({ query, variables }),
          });
          const body = (await response.json()) as { errors?: { extensions?: { code?: unknown } }[] };
          const [connection, code] = [response.headers.get('connection'), body.errors?.[0]?.extensions?.code];
          outcomes.push({ kind, id, at: Date.now() - began, status: response.status, connection, code });
        } catch (error) {
          const code = errorCode(error);
          outcomes.push({ kind, id, at: Date.now() - began, error: code });
          if (code === 'ECONNREFUSED' || code === 'ECONNRESET') refused = true;
        }
      }
    };
    const load = Promise.all([
      ...Array.from({ length: 6 }, (_, n) => client(`w${n}`, 'write')),
      ...Array.from({ length: 2 }, (_, n) => client(`r${n}`, 'read')),
    ]);

    // Stop once the load is well under way (whatever the machine's speed).
    while (outcomes.length < 40 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
    expect(outcomes.every((outcome) => outcome.status === 200)).toBe(true);
    const stopAt = Date.now() - began;
    const stopped = harness.gateway.stop();
    const readiness = await fetch(`${harness.base}/readyz`);
    expect(readiness.status).toBe(503);
    expect(await readiness.json()).toEqual({ status: 'not ready', reason: 'shutting down' });
    await stopped;
    // As main.ts does: the pool closes once stop() has resolved. A request still running would fail now.
    await db.orm.close(true);
    await load;

    // Until the drain delay is over every request is answered; then the listener closes, and a
    // connection that comes after (refused) or at that instant (reset) was never served.
    const failed = outcomes.filter((outcome) => outcome.error !== undefined);
    expect(failed.filter((outcome) => !['ECONNREFUSED', 'ECONNRESET'].includes(outcome.error!))).toEqual([]);
    expect(failed.filter((outcome) => outcome.at < stopAt + DRAIN_DELAY_MS)).toEqual([]);
    expect(outcomes.filter((outcome) => outcome.status !== undefined && outcome.status !== 200 && outcome.status !== 503)).toEqual([]);
    const refusedWork = outcomes.filter((outcome) => outcome.status === 503);
    expect(refusedWork.length).toBeGreaterThan(0);
    expect(refusedWork.every((outcome) => outcome.connection === 'close' && outcome.code === 'SERVICE_UNAVAILABLE')).toBe(true);
    // Every acknowledged write is stored; no refused one ran.
    const written = outcomes.filter((outcome) => outcome.kind === 'write' && outcome.status !== undefined);
    const stored = new Set(
      (await (await db.owner()).em.fork().find(Subject, { shopSubjectId: { $like: 'drain-%' } })).map((subject) => subject.shopSubjectId),
    );
    expect(written.filter((outcome) => outcome.status === 200).every((outcome) => stored.has(outcome.id))).toBe(true);
    expect(written.filter((outcome) => outcome.status === 503).some((outcome) => stored.has(outcome.id))).toBe(false);
    // The defect this replaces: a write executed and committed, then its connection reset.
    expect(failed.filter((outcome) => outcome.kind === 'write' && stored.has(outcome.id))).toEqual([]);
    expect(stored.size).toBe(written.filter((outcome) => outcome.status === 200).length);
  });
});

describe('readiness', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(() => db?.drop());

  it('answers from a pool of its own while every connection of the request pool is busy', async () => {
    const requestPool = await openOrm(db.url, { poolSize: 2 });
    const readinessPool = await openOrm(db.url, { poolSize: 1 });
    const clock = new ManualClock(NOW);
    const verifier = createTokenVerifier({ issuer: 'https://issuer.test', audience: 'urn:provision-gateway', jwks: { keys: [] }, clock });
    const gateway = createGateway({
      config: testConfig(),
      orm: requestPool,
      readinessOrm: readinessPool,
      verifier,
      clock,
      logger: createLogger({ service: 'gateway', level: 'silent' }),
      keyring: db.keyring,
    });
    const { port } = await gateway.start();
    // Two slow statements hold both connections of the request pool, as a burst of requests would.
    const busy = Promise.all([1, 2].map(() => requestPool.em.fork().getConnection().execute('select pg_sleep(3)')));
    try {
      await new Promise((resolve) => setTimeout(resolve, 200));
      const started = performance.now();
      const response = await fetch(`http://127.0.0.1:${port}/readyz`);
      const elapsed = performance.now() - started;
      expect(response.status).toBe(200);
      // The probe's own timeout is 2 s; a probe queued behind the busy pool would wait the full 3 s.
      expect(elapsed).toBeLessThan(1_500);
    } finally {
      await busy;
      await gateway.stop();
      await Promise.all([requestPool.close(true), readinessPool.close(true)]);
    }
  });
});
