import { databaseUrl, DEMO_CLIENT_IDS, runAdminStatements } from '@provision/db';
import { TEST_ADMIN_URL_ENV } from '@provision/testing';
import { addBulkOrders, useSeededGateway } from './gateway.harness.js';

const NOW = '2026-11-22T03:00:00.000Z';
const HUNDRED_ORDERS =
  'query SellerOrders @purpose(code: "order.delivery") { orders(first: 100) { nodes { shopOrderId receiver { name phone address } buyer { name } } } }';
const SCOPES = ['partner:read', 'pii:receiver.name', 'pii:receiver.phone', 'pii:receiver.address', 'pii:name'];
const INTERNAL = { errors: [{ message: 'Internal server error', extensions: { code: 'INTERNAL_SERVER_ERROR' } }] };

describe('a request that meets an unexpected error', () => {
  const suite = useSeededGateway(NOW, (db) => addBulkOrders(db.orm, { sellerCode: 'hanbok-house', count: 100, now: NOW }));

  /** The request's error-level log lines. */
  const errorLinesOf = (requestId: string) =>
    suite.harness.logLines.filter((line) => line['requestId'] === requestId && line['level'] === 'error');

  it('fails whole when every personal field of a 100-row page fails: one status, one error, one log line', async () => {
    const { db, harness } = suite;
    const token = await harness.token(DEMO_CLIENT_IDS.hanbokHouse, SCOPES);
    // The decision's corrections input becomes unreadable for every subject of the page; breaking
    // the schema is the owner's to do (the app role the gateway runs as may not alter tables).
    const connection = (await db.owner()).em.getConnection();
    await connection.execute('alter table correction_requests rename to correction_requests_offline');
    let result;
    try {
      result = await harness.post({ query: HUNDRED_ORDERS }, token, { 'x-request-id': 'req-page-failure' });
    } finally {
      await connection.execute('alter table correction_requests_offline rename to correction_requests');
    }
    expect(result.response.status).toBe(500);
    expect(result.body).toEqual(INTERNAL);
    const lines = errorLinesOf('req-page-failure');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ msg: 'request failed on an unexpected error', operation: 'SellerOrders', code: '42P01' });
    // The page statement reads every input of the decision, so the outage fails the page once (not
    // once per field, as when each input had a query of its own); nothing quoted the database.
    expect(lines[0]!['errors']).toBe(1);
    expect(JSON.stringify(lines)).not.toMatch(/correction_requests|does not exist/);
  });

  it('fails whole, the same way for every operation, while the database refuses the gateway', async () => {
    const { db, harness } = suite;
    // Cutting another role's connections takes the server's superuser.
    const name = new URL(db.url).pathname.slice(1);
    const superuser = databaseUrl(process.env[TEST_ADMIN_URL_ENV]!, name);
    const partnerToken = await harness.token(DEMO_CLIENT_IDS.hanbokHouse, SCOPES);
    const adminToken = await harness.token(DEMO_CLIENT_IDS.privacyAdmin, ['admin:read']);
    const shopToken = await harness.token(DEMO_CLIENT_IDS.shopBackend, ['shop:read', 'shop:write']);
    // An outage as the gateway sees it: its connections are cut and new ones refused.
    await runAdminStatements(superuser, [
      `revoke connect on database "${name}" from provision_app`,
      `select pg_terminate_backend(pid) from pg_stat_activity where usename = 'provision_app' and datname = current_database()`,
    ]);
    const outcomes = [];
    try {
      for (const [name, body, token] of [
        ['partner', { query: HUNDRED_ORDERS }, partnerToken],
        ['admin', { query: '{ partners { code currentAgreement { version } } }' }, adminToken],
        ['shop', { query: 'mutation { upsertSubject(input: { shopSubjectId: "outage-1", kind: MEMBER }) { shopSubjectId } }' }, shopToken],
      ] as const) {
        const { response, body: answer } = await harness.post(body, token, { 'x-request-id': `req-outage-${name}` });
        outcomes.push({ name, status: response.status, answer, lines: errorLinesOf(`req-outage-${name}`).length });
      }
    } finally {
      await runAdminStatements(superuser, [`grant connect on database "${name}" to provision_app`]);
    }
    expect(outcomes).toEqual([
      { name: 'partner', status: 500, answer: INTERNAL, lines: 1 },
      { name: 'admin', status: 500, answer: INTERNAL, lines: 1 },
      { name: 'shop', status: 500, answer: INTERNAL, lines: 1 },
    ]);
    // And it recovers by itself once the database lets it in again.
    const { response } = await harness.post({ query: '{ partners { code } }' }, adminToken);
    expect(response.status).toBe(200);
  });
});
