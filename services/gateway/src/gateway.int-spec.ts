import { request as httpRequest } from 'node:http';
import { createEphemeralIssuer, createTokenVerifier, type DevIssuer, mintAccessToken } from '@provision/auth';
import { Client, DEMO_CLIENT_IDS, Partner, PartnerStatusChange, seedDemo } from '@provision/db';
import { createTestDatabase, type TestDatabase } from '@provision/testing';
import { ManualClock } from '@provision/util';
import { createGateway } from './app.js';
import { type GatewayHarness, type GraphQLBody, testConfig, useSeededGateway } from './gateway.harness.js';
import { createLogger } from '@provision/runtime';

const NOW = '2026-03-01T03:00:00Z';

describe('gateway over HTTP', () => {
  let db: TestDatabase;
  let harness: GatewayHarness;
  let clock: ManualClock;
  let base: string;
  let logLines: Record<string, unknown>[];
  const token = (clientId: string, scopes: string[], ttlSeconds?: number) => harness.token(clientId, scopes, ttlSeconds);
  const post = (body: unknown, bearer?: string, headers?: Record<string, string>) => harness.post(body, bearer, headers);

  const suite = useSeededGateway(NOW);
  beforeAll(() => {
    ({ db, harness } = suite);
    ({ clock, base, logLines } = harness);
  });

  describe('operational endpoints', () => {
    it('answers /healthz and hands out a request id', async () => {
      const response = await fetch(`${base}/healthz`);
      expect(response.status).toBe(200);
      expect(await response.json()).toEqual({ status: 'ok' });
      expect(response.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    });

    it('keeps a sane x-request-id and replaces an insane one', async () => {
      const kept = await fetch(`${base}/healthz`, { headers: { 'x-request-id': 'lb-2026-03-01-abc123' } });
      expect(kept.headers.get('x-request-id')).toBe('lb-2026-03-01-abc123');
      const replaced = await fetch(`${base}/healthz`, { headers: { 'x-request-id': 'x"><script>' } });
      expect(replaced.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    });

    it('is ready once migrations are applied, and not while one is pending', async () => {
      const ready = await fetch(`${base}/readyz`);
      expect(ready.status).toBe(200);
      expect(await ready.json()).toEqual({ status: 'ready' });

      const connection = db.orm.em.fork().getConnection();
      const [last] = await connection.execute<{ id: number; name: string; executed_at: Date }[]>(
        'select id, name, executed_at from mikro_orm_migrations order by id desc limit 1',
      );
      if (!last) throw new Error('the test database has no applied migration');
      await connection.execute('delete from mikro_orm_migrations where id = ?', [last.id]);
      try {
        const pending = await fetch(`${base}/readyz`);
        expect(pending.status).toBe(503);
        expect(await pending.json()).toEqual({ status: 'not ready', reason: '1 migration(s) pending' });
      } finally {
        await connection.execute('insert into mikro_orm_migrations (id, name, executed_at) values (?, ?, ?)', [
          last.id,
          last.name,
          last.executed_at,
        ]);
      }
      expect((await fetch(`${base}/readyz`)).status).toBe(200);
    });

    it('exposes Prometheus metrics for HTTP requests and GraphQL operations', async () => {
      await fetch(`${base}/healthz`);
      await post({ query: '{ partners { code } }' }, await token(DEMO_CLIENT_IDS.privacyAdmin, ['admin:read']));
      const response = await fetch(`${base}/metrics`);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toContain('text/plain');
      const text = await response.text();
      expect(text).toMatch(/^http_requests_total\{route="\/healthz",status="200"\} [1-9]/m);
      expect(text).toMatch(/^http_request_duration_seconds_bucket\{.*route="\/graphql".*\} [1-9]/m);
      expect(text).toMatch(/^graphql_operations_total\{operation_type="query",outcome="success"\} [1-9]/m);
      expect(text).toMatch(/^process_cpu_user_seconds_total /m);
    });

    it('answers unknown paths with a JSON 404', async () => {
      const response = await fetch(`${base}/nope`);
      expect(response.status).toBe(404);
      expect(await response.json()).toEqual({ errors: [{ message: 'Not found', extensions: { code: 'NOT_FOUND' } }] });
    });
  });

  describe('authentication', () => {
    const query = { query: '{ partners { code } }' };

    const expectUnauthenticated = async (result: Awaited<ReturnType<typeof post>>) => {
      expect(result.response.status).toBe(401);
      expect(result.response.headers.get('www-authenticate')).toBe('Bearer');
      expect(result.body).not.toHaveProperty('data');
      expect(result.body.errors).toEqual([
        { message: 'Invalid or missing access token', extensions: { code: 'UNAUTHENTICATED' } },
      ]);
    };

    it('refuses a request without a token', async () => {
      await expectUnauthenticated(await post(query));
    });

    it('refuses a garbage token without echoing it', async () => {
      const result = await post(query, 'garbage.token-value.here');
      await expectUnauthenticated(result);
      expect(JSON.stringify(logLines)).not.toContain('token-value');
    });

    it('refuses a well-signed token of an unknown client', async () => {
      await expectUnauthenticated(await post(query, await token('no-such-client', ['admin:read'])));
    });

    it('refuses a token expired beyond the tolerance', async () => {
      const expired = await token(DEMO_CLIENT_IDS.privacyAdmin, ['admin:read'], 60);
      clock.advance(120_000);
      try {
        await expectUnauthenticated(await post(query, expired));
      } finally {
        clock.set(NOW);
      }
    });

    it('refuses the token of a revoked client at once', async () => {
      const em = db.orm.em.fork();
      const stillValid = await token(DEMO_CLIENT_IDS.shopBackend, ['shop:read']);
      await em.nativeUpdate(Client, { clientId: DEMO_CLIENT_IDS.shopBackend }, { revokedAt: clock.now() });
      try {
        await expectUnauthenticated(await post(query, stillValid));
      } finally {
        await em.nativeUpdate(Client, { clientId: DEMO_CLIENT_IDS.shopBackend }, { revokedAt: null });
      }
    });

    it('refuses the still-valid token of a suspended partner at once', async () => {
      const sellerToken = await token(DEMO_CLIENT_IDS.seoulSneakers, ['partner:read']);
      const before = await post({ query: `query @purpose(code: "order") ${query.query}` }, sellerToken);
      expect(before.response.status).toBe(200);
      expect(before.body.errors?.[0]?.extensions?.['code']).toBe('FORBIDDEN');

      const em = db.orm.em.fork();
      const client = await em.findOneOrFail(Client, { clientId: DEMO_CLIENT_IDS.seoulSneakers });
      if (!client.partner) throw new Error('a seller client belongs to a partner');
      const suspension = em.create(PartnerStatusChange, {
        partner: em.getReference(Partner, client.partner.id),
        status: 'SUSPENDED',
        reason: 'audit',
        effectiveAt: clock.now(),
        recordedAt: clock.now(),
        recordedBy: 'test',
      });
      await em.flush();
      try {
        await expectUnauthenticated(await post(query, sellerToken));
      } finally {
        await em.remove(suspension).flush();
      }
    });

    it('serves an admin with a valid token', async () => {
      const { response, body } = await post(query, await token(DEMO_CLIENT_IDS.privacyAdmin, ['admin:read']));
      expect(response.status).toBe(200);
      expect(body.errors).toBeUndefined();
      const codes = (body.data as { partners: { code: string }[] }).partners.map((p) => p.code);
      expect(codes.length).toBeGreaterThanOrEqual(6);
    });

    it('answers FORBIDDEN naming the scope a token lacks', async () => {
      const readOnly = await token(DEMO_CLIENT_IDS.privacyAdmin, ['admin:read']);
      const { body } = await post(
        {
          query: 'mutation ($input: ChangePartnerStatusInput!) { suspendPartner(input: $input) { id } }',
          variables: { input: { partnerId: '00000000-0000-4000-8000-000000000000', reason: 'x' } },
        },
        readOnly,
      );
      expect(body.data).toBeNull();
      expect(body.errors).toEqual([
        expect.objectContaining({ message: 'missing scope admin:write', extensions: { code: 'FORBIDDEN' } }),
      ]);
    });
  });

  describe('errors', () => {
    it('fails a request with an unexpected error whole: HTTP 500, one INTERNAL_SERVER_ERROR, one log line with the request id', async () => {
      // Breaking the schema is the owner's to do: the app role the gateway runs as may not alter tables.
      // A column only the admin resolver reads: every request's admission statement reads the registry tables.
      const connection = (await db.owner()).em.getConnection();
      await connection.execute('alter table partners rename column registered_at to registered_at_hidden');
      let result;
      try {
        result = await post(
          { query: '{ partners { code } }' },
          await token(DEMO_CLIENT_IDS.privacyAdmin, ['admin:read']),
          { 'x-request-id': 'req-unexpected-0001' },
        );
      } finally {
        await connection.execute('alter table partners rename column registered_at_hidden to registered_at');
      }
      expect(result.response.status).toBe(500);
      expect(result.body).toEqual({ errors: [{ message: 'Internal server error', extensions: { code: 'INTERNAL_SERVER_ERROR' } }] });
      const errorLines = logLines.filter((line) => line['requestId'] === 'req-unexpected-0001' && line['level'] === 'error');
      expect(errorLines).toEqual([
        expect.objectContaining({ msg: 'request failed on an unexpected error', code: '42703', errors: 1, path: 'partners' }),
      ]);
      expect(JSON.stringify(errorLines)).not.toMatch(/does not exist|registered_at|hint/);
    });

    it('keeps GraphQL validation errors, with schema suggestions outside production', async () => {
      const { response, body } = await post({ query: '{ partner }' }, await token(DEMO_CLIENT_IDS.privacyAdmin, ['admin:read']));
      expect(response.status).toBe(400);
      expect(body.errors?.[0]?.extensions).toEqual({ code: 'GRAPHQL_VALIDATION_FAILED' });
      const misspelt = await post({ query: '{ partnrs { code } }' }, await token(DEMO_CLIENT_IDS.privacyAdmin, ['admin:read']));
      expect(misspelt.body.errors?.[0]?.message).toMatch(/did you mean "partners"/i);
    });

    it('refuses a request body over the limit with 413', async () => {
      const response = await fetch(`${base}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: `{ __typename }`, variables: { pad: 'x'.repeat(150_000) } }),
      });
      expect(response.status).toBe(413);
      expect(await response.json()).toEqual({
        errors: [{ message: 'Request body too large', extensions: { code: 'PAYLOAD_TOO_LARGE' } }],
      });
    });

    it('refuses malformed JSON without quoting it', async () => {
      const response = await fetch(`${base}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{"query": "{ partners }", "variables": {"phone": "010-9999-0000"',
      });
      expect(response.status).toBe(400);
      expect(await response.text()).not.toContain('010-9999-0000');
    });

    it('blocks requests a browser could send cross-site (CSRF prevention)', async () => {
      const response = await fetch(`${base}/graphql?query=%7B__typename%7D`);
      expect(response.status).toBe(400);
    });
  });
});

describe('gateway in production mode', () => {
  let db: TestDatabase;
  let issuer: DevIssuer;
  const clock = new ManualClock(NOW);

  beforeAll(async () => {
    db = await createTestDatabase();
    await seedDemo(db.orm.em.fork(), clock, db.keyring);
    issuer = await createEphemeralIssuer();
  });

  afterAll(async () => {
    await db?.drop();
  });

  const startGateway = async () => {
    const verifier = createTokenVerifier({ issuer: issuer.issuer, audience: issuer.audience, jwks: issuer.jwks, clock });
    const gateway = createGateway({
      config: testConfig({ nodeEnv: 'production' }),
      orm: db.orm,
      verifier,
      clock,
      logger: createLogger({ service: 'gateway', level: 'silent' }),
      keyring: db.keyring,
    });
    const { port } = await gateway.start();
    return { gateway, port };
  };

  it('turns introspection off', async () => {
    const { gateway, port } = await startGateway();
    try {
      const adminToken = await mintAccessToken(issuer, {
        clientId: DEMO_CLIENT_IDS.privacyAdmin,
        scopes: ['admin:read'],
        ttlSeconds: 300,
        clock,
      });
      const response = await fetch(`http://127.0.0.1:${port}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${adminToken}` },
        body: JSON.stringify({ query: '{ __schema { types { name } } }' }),
      });
      const body = (await response.json()) as GraphQLBody;
      expect(body.data).toBeUndefined();
      expect(body.errors?.[0]?.extensions?.['code']).toBe('GRAPHQL_VALIDATION_FAILED');
    } finally {
      await gateway.stop();
    }
  });

  it('lets an in-flight request finish when stopped, and accepts no new ones', async () => {
    const { gateway, port } = await startGateway();
    const adminToken = await mintAccessToken(issuer, {
      clientId: DEMO_CLIENT_IDS.privacyAdmin,
      scopes: ['admin:read'],
      ttlSeconds: 300,
      clock,
    });
    const body = JSON.stringify({ query: '{ partners { code } }' });
    // Headers and half the body now, the rest after stop() has begun: the request is in flight.
    const request = httpRequest({
      host: '127.0.0.1',
      port,
      path: '/graphql',
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'content-length': Buffer.byteLength(body),
        authorization: `Bearer ${adminToken}`,
      },
    });
    const answered = new Promise<{ status: number; text: string }>((resolve, reject) => {
      request.on('response', (response) => {
        let text = '';
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => (text += chunk));
        response.on('end', () => resolve({ status: response.statusCode ?? 0, text }));
      });
      request.on('error', reject);
    });
    request.write(body.slice(0, 10));
    await new Promise((resolve) => setTimeout(resolve, 100));

    const stopped = gateway.stop();
    await new Promise((resolve) => setTimeout(resolve, 100));
    await expect(fetch(`http://127.0.0.1:${port}/healthz`)).rejects.toThrow();
    request.end(body.slice(10));

    const { status, text } = await answered;
    expect(status).toBe(200);
    expect((JSON.parse(text) as { data: { partners: unknown[] } }).data.partners.length).toBeGreaterThan(0);
    await stopped;
  });
});
