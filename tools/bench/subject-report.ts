// The subject-report scenario of `npm run bench -- subject-report` (tools/bench.ts).
//
// Builds two ledgers — 10,000,000 rows and a 100,000-row baseline — each holding exactly 1,000 rows
// of one measured subject (10 orders at 5 sellers, consents, notices), the other rows spread over
// 200,000 subjects and 50 sellers, then ANALYZEs and times `buildSubjectReport` for the measured
// subject, side by side: p50/p95 over 50 runs after warm-up, against the 100 ms target. The ledger
// fill is one set-based INSERT … SELECT … generate_series (`fillLedger`).
import type { MikroORM } from '@mikro-orm/postgresql';
import { buildSubjectReport } from '@provision/reports';
import { insertPartners, integer, say, seconds, table, timed, withBenchDatabase, type Server } from './harness.js';

const BIG_LEDGER = 10_000_000;
const BASELINE_LEDGER = 100_000;
const MEASURED_ROWS = 1_000;
const SUBJECTS = 200_000;
const SELLERS = 50;
/** The measured subject's orders, and the sellers they are spread over (the first of the 50). */
const MEASURED_ORDERS = 10;
const MEASURED_SELLERS = 5;
const NOTICES = 20_000;
const RUNS = 50;
const WARM_UP = 5;
const TARGET_MS = 100;
const RULE = 'P3M after purchase-confirmation';
const MEASURED = 'BENCH-MEASURED';
const ITEMS = ['receiver.name', 'receiver.phone', 'receiver.address'];

/**
 * The ledger: `rows` provision records in one INSERT. Every `rows / MEASURED_ROWS`-th row is the
 * measured subject's, through one of its orders at that order's seller; the others belong to the
 * bulk subjects and sellers. Times fall over the last year, so a subject's rows are spread over
 * the whole table (the report cannot rely on them being adjacent). Columns the ledger gains later
 * are added here, in this one statement.
 */
async function fillLedger(orm: MikroORM, now: Date, rows: number): Promise<void> {
  const stride = Math.floor(rows / MEASURED_ROWS);
  await orm.em.fork().execute(
    `insert into provision_records (occurred_at, partner_id, client_id, token_id, purpose, subject_id, order_id,
                                    items_released, items_denied, request_id, actor_kind, chain_key, chain_seq, hash)
     select ?::timestamptz - (i % 31536000) * interval '1 second',
            md5('bench-report-seller-' || case when m.measured then m.j % ? + 1 else i % ? + 1 end)::uuid,
            'bench-client', 'bench-jti-' || i,
            case when i % 4 = 0 then 'order.customer-service' else 'order.delivery' end,
            case when m.measured then md5('bench-report-measured')::uuid else md5('bench-report-subject-' || (i % ? + 1))::uuid end,
            case when m.measured then md5('bench-report-order-' || (m.j + 1))::uuid end,
            ?::text[],
            case when i % 10 = 0 then '[{"item": "email", "reason": "SCOPE_MISSING"}]'::jsonb else '[]'::jsonb end,
            'bench-request-' || i,
            -- One chain for the whole fill: the report never reads the chain columns, only their width counts.
            'PARTNER', 'bench:fill', i, sha256(('bench-' || i)::bytea)
     from generate_series(1, ?) i
     cross join lateral (select i % ? = 0 as measured, (i / ?) % ? as j) m`,
    // The item list as an array literal: the driver would expand a JavaScript array into a value list.
    [now.toISOString(), MEASURED_SELLERS, SELLERS, SUBJECTS, `{${ITEMS.join(',')}}`, rows, stride, stride, MEASURED_ORDERS],
  );
}

/** Registry, subjects, the measured subject's orders and consents, and notices, then the ledger. */
async function generate(orm: MikroORM, now: Date, rows: number): Promise<void> {
  const em = orm.em.fork();
  const at = now.toISOString();
  await insertPartners(orm, now, [{ prefix: 'bench-report-seller-', count: SELLERS, role: 'SELLER' }], RULE);
  await em.execute(
    `insert into subjects (id, shop_subject_id, kind, created_at, updated_at)
     select md5('bench-report-subject-' || i)::uuid, 'BENCH-R-' || i, 'MEMBER', ?::timestamptz, ?::timestamptz from generate_series(1, ?) i
     union all
     select md5('bench-report-measured')::uuid, ?, 'MEMBER', ?::timestamptz, ?::timestamptz`,
    [at, at, SUBJECTS, MEASURED, at, at],
  );
  // Order j+1 (j = 0…9) is sold by seller j % 5 + 1 and was confirmed 10·(j+1) days ago: the older ones' windows have closed.
  await em.execute(
    `insert into orders (id, shop_order_id, buyer_id, receiver_id, seller_id, status, ordered_at, purchase_confirmed_at, created_at)
     select md5('bench-report-order-' || j)::uuid, 'BENCH-R-ORDER-' || j, md5('bench-report-measured')::uuid,
            md5('bench-report-measured')::uuid, md5('bench-report-seller-' || ((j - 1) % ? + 1))::uuid, 'PURCHASE_CONFIRMED',
            ?::timestamptz - (j * 10 + 5) * interval '1 day', ?::timestamptz - j * 10 * interval '1 day',
            ?::timestamptz - (j * 10 + 5) * interval '1 day'
     from generate_series(1, ?) j`,
    [MEASURED_SELLERS, at, at, at, MEASURED_ORDERS],
  );
  await em.execute(
    `insert into consents (id, shop_consent_id, subject_id, agreement_id, channel, wording_hash, given_at, withdrawn_at)
     select gen_random_uuid(), 'BENCH-R-CONSENT-' || p.code, md5('bench-report-measured')::uuid, a.id, 'WEB', repeat('a', 64),
            ?::timestamptz - interval '1 year', case when p.code = 'bench-report-seller-1' then ?::timestamptz - interval '1 day' end
       from partners p join agreements a on a.partner_id = p.id
      where p.code in (select 'bench-report-seller-' || s from generate_series(1, ?) s)`,
    [at, at, MEASURED_SELLERS],
  );
  // Notices about other subjects at every seller, and one consent-withdrawn about the measured subject.
  await em.execute(
    `insert into notices (id, partner_id, type, payload, created_at, status, attempts, next_attempt_at, delivered_at)
     select gen_random_uuid(), md5('bench-report-seller-' || (i % ? + 1))::uuid, 'consent-withdrawn',
            jsonb_build_object('shopSubjectId', case when i = 1 then ? else 'BENCH-R-' || i end, 'cause', 'CONSENT'),
            ?::timestamptz - (i % 1000) * interval '1 hour', 'DELIVERED', 1, ?::timestamptz, ?::timestamptz
     from generate_series(1, ?) i`,
    [SELLERS, MEASURED, at, at, at, NOTICES],
  );
  await fillLedger(orm, now, rows);
  await em.execute('vacuum analyze');
}

interface Measurement {
  rows: number;
  generationSeconds: number;
  p50: number;
  p95: number;
  max: number;
  verified: boolean;
}

const percentile = (sorted: readonly number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];

async function measure(server: Server, rows: number): Promise<Measurement> {
  return withBenchDatabase(server, async (orm, version) => {
    say(`subject-report: PostgreSQL ${version}; filling a ${integer(rows)}-row ledger…`);
    const now = new Date(Math.floor(Date.now() / 1000) * 1000);
    const generation = await timed(() => generate(orm, now, rows));
    say(`generated in ${seconds(generation.seconds)}; ${RUNS} reports after ${WARM_UP} warm-up runs…`);
    const report = () => buildSubjectReport(orm.em.fork(), MEASURED, now);
    for (let run = 0; run < WARM_UP; run += 1) await report();
    const times: number[] = [];
    let verified = true;
    for (let run = 0; run < RUNS; run += 1) {
      const { result, seconds: taken } = await timed(report);
      times.push(taken * 1000);
      const releases = result?.partners.flatMap((partner) => partner.releases) ?? [];
      const engagements = result?.partners.reduce((sum, partner) => sum + partner.engagements.length, 0) ?? 0;
      // Each measured row released the three items once: the release counts add up to 3 × 1,000.
      verified &&=
        result?.partners.length === MEASURED_SELLERS &&
        engagements === MEASURED_ORDERS &&
        releases.reduce((sum, release) => sum + release.times, 0) === ITEMS.length * MEASURED_ROWS &&
        result.partners.some((partner) => partner.notices.length === 1);
    }
    times.sort((a, b) => a - b);
    return { rows, generationSeconds: generation.seconds, p50: percentile(times, 50), p95: percentile(times, 95), max: times.at(-1) ?? 0, verified };
  });
}

/** The subject-report scenario: true when both reports are right and the big ledger's p95 meets the target. */
export async function subjectReportScenario(server: Server): Promise<boolean> {
  const baseline = await measure(server, BASELINE_LEDGER);
  const big = await measure(server, BIG_LEDGER);
  const ms = (value: number) => `${value.toFixed(1)} ms`;
  const row = (m: Measurement) => [
    `${integer(m.rows)}-row ledger`,
    integer(MEASURED_ROWS),
    ms(m.p50),
    ms(m.p95),
    ms(m.max),
    `${(m.p95 / TARGET_MS).toFixed(2)}`,
    seconds(m.generationSeconds),
  ];
  console.log('');
  console.log(`Subject provision report — one subject with ${integer(MEASURED_ROWS)} ledger rows (${MEASURED_ORDERS} orders at ${MEASURED_SELLERS} sellers), ${RUNS} runs each`);
  console.log('');
  console.log(table([['ledger', 'subject rows', 'p50', 'p95', 'max', 'p95 / 100 ms', 'fill time'], row(baseline), row(big)]));
  console.log('');
  console.log(`10M / 100k ledger, p50: ${(big.p50 / baseline.p50).toFixed(2)}× (the report reads the subject's rows only, so it should not grow with the ledger)`);
  const met = big.p95 < TARGET_MS;
  const verified = baseline.verified && big.verified;
  console.log(`target: p95 under ${TARGET_MS} ms in the 10M-row ledger — ${met ? 'met' : 'MISSED'}; results ${verified ? 'verified' : 'WRONG'}`);
  return met && verified;
}
