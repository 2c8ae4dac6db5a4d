import { DEMO_CLIENT_IDS, seedDemo } from '@provision/db';
import { DENIAL_REASONS } from '@provision/domain';
import { createTestDatabase, type TestDatabase } from '@provision/testing';
import { ManualClock } from '@provision/util';
import { type GatewayHarness, startGatewayHarness } from './gateway.harness.js';
import { loadOperation } from './operations.harness.js';

// What an operator sees of partner traffic: product metrics on /metrics (or on METRICS_PORT alone),
// and log lines that name the client, the operation and the caller's W3C trace.
const NOW = '2026-03-01T03:00:00Z';
const SELLER_ORDERS = loadOperation('partner/seller-orders');
const SUBJECT_DATA = loadOperation('admin/subject-personal-data');
// The token may read receiver names and addresses, not phones or customs codes: those are denied SCOPE_MISSING.
const SCOPES = ['partner:read', 'pii:receiver.name', 'pii:receiver.address'];
const TRACE_ID = '4bf92f3577b34da6a3ce929d0e0e4736';
const SPAN_ID = '00f067aa0ba902b7';

/** The value of one series of a Prometheus text exposition; undefined when the series is absent. */
function sample(exposition: string, series: string): number | undefined {
  const line = exposition.split('\n').find((text) => text.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

async function scrape(url: string): Promise<string> {
  const response = await fetch(url);
  expect(response.status).toBe(200);
  return response.text();
}

describe('observability', () => {
  let db: TestDatabase;
  let harness: GatewayHarness;

  beforeAll(async () => {
    db = await createTestDatabase();
    await seedDemo(db.orm.em.fork(), new ManualClock(NOW), db.keyring);
    harness = await startGatewayHarness(db.orm, NOW);
  });

  afterAll(async () => {
    await harness?.stop();
    await db?.drop();
  });

  const partnerRequest = async (headers: Record<string, string> = {}) =>
    harness.post({ query: SELLER_ORDERS }, await harness.token(DEMO_CLIENT_IDS.hanbokHouse, SCOPES), headers);

  it('starts with a zero series for every denial reason and ledger actor', async () => {
    const metrics = await scrape(`${harness.base}/metrics`);
    for (const reason of DENIAL_REASONS) expect(sample(metrics, `provision_denial_reasons_total{reason="${reason}"}`)).toBe(0);
    for (const actor of ['partner', 'admin']) {
      expect(sample(metrics, `ledger_write_failures_total{actor="${actor}"}`)).toBe(0);
      expect(sample(metrics, `ledger_write_duration_seconds_count{actor="${actor}"}`)).toBe(0);
    }
    expect(sample(metrics, 'db_pool_waiting_requests{pool="request"}')).toBe(0);
  });

  it('counts a partner request\'s releases and denials by partner, item and reason, and its ledger write', async () => {
    const before = await scrape(`${harness.base}/metrics`);
    const { response, body } = await partnerRequest();
    expect(response.status).toBe(200);
    const denied = (body.errors ?? []).filter((error) => error.extensions?.['code'] === 'PROVISION_DENIED');
    const phoneDenials = denied.filter((error) => error.extensions?.['item'] === 'receiver.phone').length;
    const names = (body.data as { orders: { nodes: { receiver: { name: string | null } }[] } }).orders.nodes.filter(
      (node) => node.receiver.name !== null,
    ).length;
    expect(phoneDenials).toBeGreaterThan(0);
    expect(names).toBeGreaterThan(0);

    const after = await scrape(`${harness.base}/metrics`);
    const moved = (series: string) => (sample(after, series) ?? 0) - (sample(before, series) ?? 0);
    expect(moved('provision_denials_total{partner="hanbok-house",item="receiver.phone",reason="SCOPE_MISSING"}')).toBe(phoneDenials);
    expect(moved('provision_denial_reasons_total{reason="SCOPE_MISSING"}')).toBe(denied.length);
    expect(moved('provision_releases_total{partner="hanbok-house",item="receiver.name"}')).toBe(names);
    expect(moved('provision_denial_reasons_total{reason="WINDOW_CLOSED"}')).toBe(0);
    expect(moved('ledger_write_duration_seconds_count{actor="partner"}')).toBeGreaterThanOrEqual(1);
    expect(moved('ledger_write_failures_total{actor="partner"}')).toBe(0);
    expect(sample(after, 'db_pool_connections{pool="request",state="idle"}')).toBeGreaterThan(0);
    // Labels are partner codes, items and reasons: nothing of a subject reaches the exposition.
    expect(after).not.toContain('최영희');
  });

  it("times an admin read's ledger write, and counts a partner's failed one (the response withheld)", async () => {
    const before = await scrape(`${harness.base}/metrics`);
    const adminToken = await harness.token(DEMO_CLIENT_IDS.privacyAdmin, ['admin:read']);
    const admin = await harness.post({ query: SUBJECT_DATA, variables: { shopSubjectId: 'member-0001' } }, adminToken);
    expect(admin.body.errors).toBeUndefined();
    // Breaking the schema is the owner's to do: the app role the gateway runs as may not alter tables.
    const owner = (await db.owner()).em.getConnection();
    await owner.execute('alter table provision_records rename to provision_records_offline');
    try {
      expect((await partnerRequest({ 'x-request-id': 'req-withheld', traceparent: `00-${TRACE_ID}-${SPAN_ID}-01` })).response.status).toBe(500);
    } finally {
      await owner.execute('alter table provision_records_offline rename to provision_records');
    }
    const after = await scrape(`${harness.base}/metrics`);
    const moved = (series: string) => (sample(after, series) ?? 0) - (sample(before, series) ?? 0);
    expect(moved('ledger_write_duration_seconds_count{actor="admin"}')).toBe(1);
    expect(moved('ledger_write_failures_total{actor="admin"}')).toBe(0);
    expect(moved('ledger_write_failures_total{actor="partner"}')).toBe(1);
    // Every line of the request, not only the last, names the client, the operation and the trace.
    const lines = harness.logLines.filter((line) => line['requestId'] === 'req-withheld');
    expect(lines.map((line) => line['msg'])).toEqual(expect.arrayContaining(['provision ledger write failed: response withheld', 'request']));
    for (const line of lines) {
      expect(line).toMatchObject({ clientId: DEMO_CLIENT_IDS.hanbokHouse, operation: 'SellerOrders', traceId: TRACE_ID, parentSpanId: SPAN_ID });
    }
    // A withheld response released nothing: no release was counted for it.
    expect(moved('provision_releases_total{partner="hanbok-house",item="receiver.name"}')).toBe(0);
  });

  it('logs the client id, the operation name and the caller\'s W3C trace on the request\'s lines, and ignores a bad traceparent', async () => {
    await partnerRequest({ 'x-request-id': 'req-traced', traceparent: `00-${TRACE_ID}-${SPAN_ID}-01` });
    const traced = harness.logLines.filter((line) => line['requestId'] === 'req-traced');
    expect(traced.find((line) => line['msg'] === 'request')).toMatchObject({
      clientId: DEMO_CLIENT_IDS.hanbokHouse,
      operation: 'SellerOrders',
      traceId: TRACE_ID,
      parentSpanId: SPAN_ID,
      route: '/graphql',
      status: '200',
    });

    const forged = `00-${TRACE_ID}-${SPAN_ID}-01 kim@example.com`;
    await partnerRequest({ 'x-request-id': 'req-untraced', traceparent: forged });
    const untraced = harness.logLines.filter((line) => line['requestId'] === 'req-untraced');
    expect(untraced.find((line) => line['msg'] === 'request')).toMatchObject({ clientId: DEMO_CLIENT_IDS.hanbokHouse, operation: 'SellerOrders' });
    expect(untraced.every((line) => !('traceId' in line))).toBe(true);
    expect(JSON.stringify(untraced)).not.toContain('kim@example.com');
  });
});

describe('METRICS_PORT', () => {
  let db: TestDatabase;
  let harness: GatewayHarness;
  let metricsUrl: string;

  beforeAll(async () => {
    db = await createTestDatabase();
    await seedDemo(db.orm.em.fork(), new ManualClock(NOW), db.keyring);
    // A bucket of one request: the second is refused RATE_LIMITED.
    harness = await startGatewayHarness(db.orm, NOW, { metricsPort: 0, rateLimit: { capacity: 1, refillPerMinute: 1 } });
    metricsUrl = `http://127.0.0.1:${harness.metricsPort!}/metrics`;
  });

  afterAll(async () => {
    await harness?.stop();
    await db?.drop();
  });

  it('serves /metrics on its own port only: the public port answers 404, the metrics port nothing else', async () => {
    const publicAnswer = await fetch(`${harness.base}/metrics`);
    expect(publicAnswer.status).toBe(404);
    expect(await publicAnswer.text()).not.toContain('http_requests_total');
    expect(await scrape(metricsUrl)).toContain('# TYPE provision_denials_total counter');
    expect((await fetch(metricsUrl.replace('/metrics', '/graphql'))).status).toBe(404);
    expect((await fetch(`${harness.base}/healthz`)).status).toBe(200);
  });

  it('counts partner requests refused for their rate limit, by partner', async () => {
    const token = await harness.token(DEMO_CLIENT_IDS.hanbokHouse, SCOPES);
    expect((await harness.post({ query: SELLER_ORDERS }, token)).response.status).toBe(200);
    expect((await harness.post({ query: SELLER_ORDERS }, token)).response.status).toBe(429);
    expect(sample(await scrape(metricsUrl), 'partner_rate_limited_total{partner="hanbok-house"}')).toBe(1);
  });
});
