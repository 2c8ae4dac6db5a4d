import { connect } from 'node:net';
import type { MikroORM } from '@mikro-orm/postgresql';
import { DEMO_CLIENT_IDS, openOrm, seedDemo } from '@provision/db';
import { createTestDatabase, type SqlWire, startSqlWire, type TestDatabase } from '@provision/testing';
import { ManualClock } from '@provision/util';
import { DEFAULT_REQUEST_LIMITS, type RequestLimits } from './config.js';
import { type GatewayHarness, type GraphQLBody, startGatewayHarness } from './gateway.harness.js';
import { loadOperation } from './operations.harness.js';

const NOW = '2026-03-01T03:00:00Z';

/** Tight limits, so that small, otherwise valid operations cross each one. */
const TIGHT: RequestLimits = {
  ...DEFAULT_REQUEST_LIMITS,
  maxDepth: 3,
  maxAliases: 2,
  maxDirectives: 2,
  maxTokens: 100,
  maxCost: 40,
  bodyLimitBytes: 2_048,
  requestTimeoutMs: 300,
};

const PARTNERS = '{ partners { code } }';
const QUERY_WITH_AGREEMENTS = { query: '{ partners { code currentAgreement { version } } }' };

describe('query abuse', () => {
  let db: TestDatabase;
  let counted: MikroORM;
  let wire: SqlWire;
  let tight: GatewayHarness;
  let adminToken: string;

  beforeAll(async () => {
    db = await createTestDatabase();
    await seedDemo(db.orm.em.fork(), new ManualClock(NOW), db.keyring);
    // Every statement the gateway sends, through the ORM or the partner API's plain SQL, crosses the wire.
    wire = await startSqlWire(db.url);
    counted = await openOrm(wire.url);
    tight = await startGatewayHarness(counted, NOW, { limits: TIGHT });
    adminToken = await tight.token(DEMO_CLIENT_IDS.privacyAdmin, ['admin:read']);
  });

  afterAll(async () => {
    await tight?.stop();
    await counted?.close();
    await wire?.stop();
    await db?.drop();
  });

  /** Posts as the admin and returns the response with the SQL statements it caused. */
  async function counting(body: unknown): Promise<{ status: number; body: GraphQLBody; statements: readonly string[] }> {
    wire.reset();
    const { response, body: answer } = await tight.post(body, adminToken);
    return { status: response.status, body: answer, statements: [...wire.statements] };
  }

  describe('operation limits (graphql-armor and graphql-js), refused before any database statement', () => {
    it('runs a query within the limits, with statements (the counter counts)', async () => {
      await counting({ query: PARTNERS }); // the ORM's first use checks the database once
      const result = await counting({ query: PARTNERS });
      expect(result.status).toBe(200);
      expect(result.body.errors).toBeUndefined();
      expect(result.statements.length).toBeGreaterThan(0);
    });

    it.each([
      ['MAX_DEPTH', loadOperation('admin/register-partner'), 3, /depth limit of 3 exceeded, found 4/],
      ['MAX_ALIASES', '{ a: partners { code } b: partners { code } c: partners { code } }', 2, /Aliases limit of 2 exceeded, found 3/],
      [
        'MAX_DIRECTIVES',
        '{ partners @include(if: true) { code @include(if: true) kind @skip(if: false) } }',
        2,
        /Directives limit of 2 exceeded, found 3/,
      ],
      ['MAX_COST', loadOperation('admin/partners'), 40, /Query Cost limit of 40 exceeded, found 53\./],
    ])('refuses an operation over %s with GRAPHQL_VALIDATION_FAILED, HTTP 400 and no statement', async (limit, query, max, message) => {
      const result = await counting({ query, variables: { input: {} } });
      expect(result.status).toBe(400);
      expect(result.body).not.toHaveProperty('data');
      const error = result.body.errors?.find((candidate) => candidate.extensions?.['limit'] === limit);
      expect(error).toMatchObject({ extensions: { code: 'GRAPHQL_VALIDATION_FAILED', limit, max } });
      expect(error?.message).toMatch(message);
      expect(error?.message).not.toMatch(/syntax error/i);
      expect(result.statements).toEqual([]);
    });

    it('counts a page size passed as a variable as the same literal: MAX_COST, HTTP 400, no statement', async () => {
      const literal = await counting({ query: '{ notices(first: 30) { id } }' });
      const variable = await counting({ query: 'query N($n: Int) { notices(first: $n) { id } }', variables: { n: 30 } });
      for (const result of [literal, variable]) {
        expect(result.status).toBe(400);
        expect(result.body).not.toHaveProperty('data');
        expect(result.body.errors).toEqual([
          expect.objectContaining({
            message: 'Query Cost limit of 40 exceeded, found 105.',
            extensions: { code: 'GRAPHQL_VALIDATION_FAILED', limit: 'MAX_COST', max: 40 },
          }),
        ]);
        expect(result.statements).toEqual([]);
      }
      const small = await counting({ query: 'query N($n: Int) { notices(first: $n) { id } }', variables: { n: 5 } });
      expect([small.status, small.body.errors]).toEqual([200, undefined]);
    });

    it('stops parsing a document over the token limit: GRAPHQL_PARSE_FAILED, HTTP 400, no statement', async () => {
      const result = await counting({ query: `{ partners { ${'code '.repeat(120)}} }` });
      expect(result.status).toBe(400);
      expect(result.body.errors).toEqual([
        expect.objectContaining({
          // graphql-js 16 spells it "more that".
          message: expect.stringMatching(/^Syntax Error: Document contains more tha[nt] 100 tokens\. Parsing aborted\.$/),
          extensions: { code: 'GRAPHQL_PARSE_FAILED' },
        }),
      ]);
      expect(result.statements).toEqual([]);
    });
  });

  describe('HTTP limits', () => {
    it('refuses a body over HTTP_BODY_LIMIT_BYTES with 413 PAYLOAD_TOO_LARGE, without reading on', async () => {
      wire.reset();
      const response = await fetch(`${tight.base}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${adminToken}` },
        body: JSON.stringify({ query: PARTNERS, variables: { pad: 'x'.repeat(3_000) } }),
      });
      expect(response.status).toBe(413);
      expect(await response.json()).toEqual({
        errors: [{ message: 'Request body too large', extensions: { code: 'PAYLOAD_TOO_LARGE' } }],
      });
      expect(wire.statements).toEqual([]);
    });

    it('ends a request not received within HTTP_REQUEST_TIMEOUT_MS with 408 REQUEST_TIMEOUT and closes the connection', async () => {
      const { port } = new URL(tight.base);
      const socket = connect(Number(port), '127.0.0.1');
      const body = JSON.stringify({ query: PARTNERS });
      // A slowloris client: headers and half the body, then nothing more.
      socket.write(
        `POST /graphql HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n` +
          `Authorization: Bearer ${adminToken}\r\nContent-Length: ${body.length}\r\n\r\n${body.slice(0, 10)}`,
      );
      let received = '';
      socket.setEncoding('utf8');
      socket.on('data', (chunk: string) => (received += chunk));
      await new Promise<void>((resolve, reject) => {
        socket.once('close', () => resolve());
        socket.once('error', reject);
      });
      expect(received).toMatch(/^HTTP\/1\.1 408 Request Timeout\r\n/);
      expect(received).toMatch(/\r\nConnection: close\r\n/i);
      expect(JSON.parse(received.slice(received.indexOf('\r\n\r\n') + 4))).toEqual({
        errors: [{ message: 'Request not received in time', extensions: { code: 'REQUEST_TIMEOUT' } }],
      });
    });

    it('refuses a batch (JSON array) unless GRAPHQL_ALLOW_BATCHING is on', async () => {
      const batch = [{ query: PARTNERS }, { query: '{ itemCatalog { key } }' }];
      const refused = await counting(batch);
      expect(refused.status).toBe(400);
      expect(refused.body.errors?.[0]?.extensions?.['code']).toBe('BAD_REQUEST');
      expect(refused.statements).toEqual([]);

      const batching = await startGatewayHarness(db.orm, NOW, { limits: { ...DEFAULT_REQUEST_LIMITS, allowBatchedHttpRequests: true } });
      try {
        const { response, body } = await batching.post(batch, await batching.token(DEMO_CLIENT_IDS.privacyAdmin, ['admin:read']));
        expect(response.status).toBe(200);
        expect(body).toEqual([
          { data: { partners: expect.any(Array) } },
          { data: { itemCatalog: expect.any(Array) } },
        ]);
      } finally {
        await batching.stop();
      }
    });
  });

  describe('CSRF prevention', () => {
    it.each([
      ['a form POST', 'application/x-www-form-urlencoded', 'query=mutation%7BterminatePartner%7D'],
      ['a text/plain POST', 'text/plain', JSON.stringify({ query: PARTNERS })],
    ])('refuses %s (no preflight) without running it', async (_name, contentType, body) => {
      wire.reset();
      const response = await fetch(`${tight.base}/graphql`, {
        method: 'POST',
        headers: { 'content-type': contentType, authorization: `Bearer ${adminToken}` },
        body,
      });
      expect(response.status).toBe(400);
      expect(await response.text()).not.toContain('"data"');
      expect(wire.statements).toEqual([]);
    });

    it('refuses a simple GET without a preflight header, and accepts it with one', async () => {
      const url = `${tight.base}/graphql?query=${encodeURIComponent(PARTNERS)}`;
      const simple = await fetch(url, { headers: { authorization: `Bearer ${adminToken}` } });
      expect(simple.status).toBe(400);
      expect(await simple.text()).toMatch(/apollo-require-preflight/);
      const preflighted = await fetch(url, { headers: { authorization: `Bearer ${adminToken}`, 'apollo-require-preflight': 'true' } });
      expect(preflighted.status).toBe(200);
    });
  });

  describe('schema discovery and errors by NODE_ENV', () => {
    const INTROSPECTION = { query: '{ __schema { queryType { name } } }' };
    const MISSPELT = { query: '{ partnrs { code } }' };

    async function withGateway(nodeEnv: 'development' | 'production', run: (harness: GatewayHarness, token: string) => Promise<void>) {
      const harness = await startGatewayHarness(db.orm, NOW, { nodeEnv });
      try {
        await run(harness, await harness.token(DEMO_CLIENT_IDS.privacyAdmin, ['admin:read']));
      } finally {
        await harness.stop();
      }
    }

    it('development: introspection and field suggestions on (the schema is public there)', async () => {
      await withGateway('development', async (harness, token) => {
        const introspection = await harness.post(INTROSPECTION, token);
        expect(introspection.body).toEqual({ data: { __schema: { queryType: { name: 'Query' } } } });
        const misspelt = await harness.post(MISSPELT, token);
        expect(misspelt.body.errors?.[0]?.message).toMatch(/Did you mean "partners"/);
      });
    });

    it('production: introspection and field suggestions off', async () => {
      await withGateway('production', async (harness, token) => {
        const introspection = await harness.post(INTROSPECTION, token);
        expect(introspection.response.status).toBe(400);
        expect(introspection.body.errors?.[0]?.extensions?.['code']).toBe('GRAPHQL_VALIDATION_FAILED');
        const misspelt = await harness.post(MISSPELT, token);
        expect(misspelt.body.errors?.[0]?.message).toBe('Cannot query field "partnrs" on type "Query".');
      });
    });

    it('production: an internal error carries no stack trace, no cause and no database text', async () => {
      await withGateway('production', async (harness, token) => {
        // Breaking the schema is the owner's to do: the app role the gateway runs as may not alter tables.
        // A column only the admin resolver reads: every request's admission statement reads the registry tables.
        const connection = (await db.owner()).em.getConnection();
        await connection.execute('alter table partners rename column registered_at to registered_at_hidden');
        let result;
        try {
          result = await harness.post(QUERY_WITH_AGREEMENTS, token);
        } finally {
          await connection.execute('alter table partners rename column registered_at_hidden to registered_at');
        }
        expect(result.response.status).toBe(500);
        expect(result.body).toEqual({ errors: [{ message: 'Internal server error', extensions: { code: 'INTERNAL_SERVER_ERROR' } }] });
        expect(JSON.stringify(result.body)).not.toMatch(/stack|exception|agreements|relation|at .*\.ts/i);
      });
    });
  });
});
