// The window-sweep scenario of `npm run bench` (tools/bench.ts).
//
// Generates 1,000,000 orders across 1,000 sellers and 3 customs brokers, 10% of them past their
// `P3M after purchase-confirmation` window, then times — side by side in this one run — the
// set-based `runWindowSweep` over everything against a naive per-row sweep (one query per order,
// rules cached, the best case of that approach) over a 10,000-order sample, extrapolated.
import type { MikroORM } from '@mikro-orm/postgresql';
import { parseRetentionRule, windowClosesAt } from '@provision/domain';
import { MAX_ENGAGEMENTS_PER_NOTICE, runWindowSweep } from '@provision/lifecycle';
import { enqueueNotice } from '@provision/notices';
import { ManualClock } from '@provision/util';
import { availableParallelism } from 'node:os';
import { insertPartners, integer, say, seconds, table, timed, withBenchDatabase, type Server } from './harness.js';

const ORDERS = 1_000_000;
const SELLERS = 1_000;
const BROKERS = 3;
const SUBJECTS = 100_000;
/** Percent of orders whose window has closed; the generator's buckets below depend on it. */
const DUE_PERCENT = 10;
const SAMPLE = 10_000;
const TARGET_SECONDS = 60;
const RULE = 'P3M after purchase-confirmation';

/**
 * The data set, in a handful of set-based statements. Each order falls in a bucket by a hash of
 * its number: buckets 0-9 (10%) were confirmed 100-399 days ago (due), 10-79 within the last 80
 * days (open: three months are at least 89 days), 80-99 not yet confirmed. Every tenth order also
 * has a customs broker, independently of its bucket.
 */
async function generate(orm: MikroORM, now: Date): Promise<void> {
  const em = orm.em.fork();
  const at = now.toISOString();
  await insertPartners(
    orm,
    now,
    [
      { prefix: 'bench-seller-', count: SELLERS, role: 'SELLER' },
      { prefix: 'bench-broker-', count: BROKERS, role: 'CUSTOMS_BROKER' },
    ],
    RULE,
  );
  await em.execute(
    `insert into subjects (id, shop_subject_id, kind, created_at, updated_at)
     select md5('bench-subject-' || i)::uuid, 'BENCH-S-' || i, 'MEMBER', ?, ? from generate_series(1, ?) i`,
    [at, at, SUBJECTS],
  );
  await em.execute(
    `insert into orders (id, shop_order_id, buyer_id, receiver_id, seller_id, customs_broker_id, status, ordered_at,
                         purchase_confirmed_at, created_at)
     select gen_random_uuid(), 'BENCH-' || lpad(i::text, 7, '0'), s.subject, s.subject,
            md5('bench-seller-' || (i % ? + 1))::uuid,
            case when i % 10 = 3 then md5('bench-broker-' || (i / 10 % ? + 1))::uuid end,
            case when o.confirmed is null then 'SHIPPED' else 'PURCHASE_CONFIRMED' end,
            coalesce(o.confirmed, ?::timestamptz) - interval '10 days', o.confirmed, coalesce(o.confirmed, ?::timestamptz) - interval '10 days'
     from generate_series(1, ?) i
     cross join lateral (select (hashint4(i::int)::bigint + 2147483648) % 100 as bucket) b
     cross join lateral (select md5('bench-subject-' || (i % ? + 1))::uuid as subject) s
     cross join lateral (
       select case
         when b.bucket < ? then ?::timestamptz - interval '100 days' - (i % 300) * interval '1 day' - (i % 86400) * interval '1 second'
         when b.bucket < 80 then ?::timestamptz - (i % 80) * interval '1 day' - (i % 86400) * interval '1 second'
       end as confirmed) o`,
    [SELLERS, BROKERS, at, at, ORDERS, SUBJECTS, DUE_PERCENT, at, at],
  );
  await em.execute('vacuum analyze');
}

interface Expected {
  dueOrders: number;
  closures: number;
}

async function expected(orm: MikroORM, now: Date): Promise<Expected> {
  // By construction: due orders are those confirmed at least 100 days ago; each closes for its
  // seller and, where it has one, for its customs broker.
  const [row] = await orm.em.fork().execute<{ due: string; brokered: string }[]>(
    `select count(*) as due, count(customs_broker_id) as brokered
     from orders where purchase_confirmed_at <= ?::timestamptz - interval '100 days'`,
    [now.toISOString()],
  );
  return { dueOrders: Number(row.due), closures: Number(row.due) + Number(row.brokered) };
}

interface NaiveResult {
  examined: number;
  closures: number;
  notices: number;
  statements: number;
}

/**
 * The sweep as one would write it row by row: for each order, read it, decide its window in
 * JavaScript, check for an existing closure per partner, then insert closures one by one.
 * Rules are loaded once (as the set-based sweep does). Runs in a transaction that is rolled back,
 * so the set-based sweep then starts from the same state.
 */
async function naiveSweep(orm: MikroORM, now: Date, orderIds: readonly string[]): Promise<NaiveResult> {
  const em = orm.em.fork();
  await em.begin();
  let statements = 0;
  const run = async <T>(sql: string, params: unknown[] = []): Promise<T> => {
    statements += 1;
    return (await em.execute(sql, params)) as unknown as T;
  };
  try {
    const rules = new Map(
      (await run<{ partner_id: string; retention_rule: string }[]>('select partner_id, retention_rule from agreements')).map(
        (row) => [row.partner_id, parseRetentionRule(row.retention_rule)],
      ),
    );
    const due = new Map<string, { orderId: string; shopOrderId: string; closedAt: Date }[]>();
    for (const id of orderIds) {
      const [order] = await run<
        { id: string; shop_order_id: string; seller_id: string; customs_broker_id: string | null; purchase_confirmed_at: string | null }[]
      >('select id, shop_order_id, seller_id, customs_broker_id, purchase_confirmed_at from orders where id = ?', [id]);
      const confirmed = order.purchase_confirmed_at === null ? null : new Date(order.purchase_confirmed_at);
      for (const partnerId of [order.seller_id, order.customs_broker_id]) {
        const rule = partnerId === null ? undefined : rules.get(partnerId);
        if (partnerId === null || rule === undefined) continue;
        const closedAt = windowClosesAt(rule, { purchaseConfirmedAt: confirmed });
        if (closedAt === null || closedAt.getTime() > now.getTime()) continue;
        const [{ found }] = await run<{ found: boolean }[]>(
          'select exists (select 1 from window_closures where partner_id = ? and order_id = ?) as found',
          [partnerId, order.id],
        );
        if (found) continue;
        const list = due.get(partnerId) ?? [];
        list.push({ orderId: order.id, shopOrderId: order.shop_order_id, closedAt });
        due.set(partnerId, list);
      }
    }
    let notices = 0;
    let closures = 0;
    for (const [partnerId, rows] of due) {
      for (let start = 0; start < rows.length; start += MAX_ENGAGEMENTS_PER_NOTICE) {
        const chunk = rows.slice(start, start + MAX_ENGAGEMENTS_PER_NOTICE);
        const payload = { retentionRule: RULE, orders: chunk.map((row) => ({ id: row.orderId, shopId: row.shopOrderId })) };
        const notice = enqueueNotice(em, { partnerId, type: 'window-closed', payload }, now);
        await em.flush();
        statements += 1;
        notices += 1;
        for (const row of chunk) {
          await run(
            `insert into window_closures (id, partner_id, order_id, closed_at, swept_at, notice_id)
             values (gen_random_uuid(), ?, ?, ?, ?, ?)`,
            [partnerId, row.orderId, row.closedAt, now, notice.id],
          );
          closures += 1;
        }
      }
    }
    return { examined: orderIds.length, closures, notices, statements };
  } finally {
    await em.rollback();
  }
}

/** The window-sweep scenario: true when the results are right and the target is met. */
export async function windowSweepScenario(server: Server): Promise<boolean> {
  return withBenchDatabase(server, async (orm, version) => {
    say(`window-sweep: PostgreSQL ${version}; generating ${integer(ORDERS)} orders…`);

    // Whole seconds: the data and the sweeps share one instant, as a ManualClock would in tests.
    const now = new Date(Math.floor(Date.now() / 1000) * 1000);
    const clock = new ManualClock(now);
    const generation = await timed(() => generate(orm, now));
    const want = await expected(orm, now);
    say(`generated in ${seconds(generation.seconds)}; ${integer(want.dueOrders)} orders due; naive sweep over ${integer(SAMPLE)} orders…`);

    // A random sample: order ids are random UUIDs, so the first ones by id are a random pick.
    const sample = (await orm.em.fork().execute<{ id: string }[]>('select id from orders order by id limit ?', [SAMPLE])).map(
      (row) => row.id,
    );
    const naive = await timed(() => naiveSweep(orm, now, sample));
    say(`naive done in ${seconds(naive.seconds)}; set-based sweep over everything…`);

    const full = await timed(() => runWindowSweep(orm, clock));
    const steady = await timed(() => runWindowSweep(orm, clock));
    const [counts] = await orm.em.fork().execute<{ closures: string; notices: string }[]>(
      `select (select count(*) from window_closures) as closures, (select count(*) from notices where type = 'window-closed') as notices`,
    );

    const naiveExtrapolated = naive.seconds * (ORDERS / SAMPLE);
    const ok =
      full.result.closures === want.closures &&
      Number(counts.closures) === want.closures &&
      Number(counts.notices) === full.result.notices &&
      steady.result.closures === 0;
    const rows: string[][] = [
      ['variant', 'orders examined', 'closures', 'notices', 'wall time', 'orders/s'],
      ['set-based runWindowSweep', integer(ORDERS), integer(full.result.closures), integer(full.result.notices), seconds(full.seconds), integer(ORDERS / full.seconds)],
      ['  again, nothing new (steady state)', integer(ORDERS), '0', '0', seconds(steady.seconds), integer(ORDERS / steady.seconds)],
      [`naive per-row, ${integer(SAMPLE)}-order sample`, integer(SAMPLE), integer(naive.result.closures), integer(naive.result.notices), seconds(naive.seconds), integer(SAMPLE / naive.seconds)],
      ['naive per-row, extrapolated', integer(ORDERS), `~${integer(naive.result.closures * (ORDERS / SAMPLE))}`, '', `~${seconds(naiveExtrapolated)}`, integer(SAMPLE / naive.seconds)],
    ];
    console.log('');
    console.log(`Window sweep — ${integer(ORDERS)} orders, ${integer(SELLERS)} sellers + ${BROKERS} customs brokers, ${DUE_PERCENT}% due (${integer(want.dueOrders)} orders, ${integer(want.closures)} partner × order windows)`);
    console.log(`PostgreSQL ${version} (${server.label.startsWith('embedded') ? 'embedded' : 'DATABASE_URL'}), ${availableParallelism()} CPUs; data generated in ${seconds(generation.seconds)}`);
    console.log('');
    console.log(table(rows));
    console.log('');
    console.log(`naive / set-based: ${(naiveExtrapolated / full.seconds).toFixed(1)}× slower (${integer(naive.result.statements)} statements for the sample vs. a constant handful for the set-based sweep)`);
    console.log(`target: full sweep under ${TARGET_SECONDS} s — ${full.seconds < TARGET_SECONDS ? 'met' : 'MISSED'}; results ${ok ? 'verified' : 'WRONG'} (closures ${integer(Number(counts.closures))}, expected ${integer(want.closures)})`);
    return ok && full.seconds < TARGET_SECONDS;
  });
}
