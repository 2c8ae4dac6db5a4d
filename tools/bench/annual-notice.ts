// The annual-notice scenario of `npm run bench -- annual-notice` (tools/bench.ts).
//
// 1,000,000 subjects (BENCH_SUBJECTS scales it) with 3 partner releases each in the year notified
// and one in the year before, appended in time order over 50 sellers (so a subject's rows are
// scattered over the ledger, as they are in production); then times `produceAnnualNotices` for the
// year — every subject's notice, in batches of 10,000 subjects — and a rerun, which must find
// everything done. Reports seconds, subjects/s and ledger rows/s, and checks that every subject
// has one notice and the notices' release counts add up to the ledger's rows of the year.
import type { MikroORM } from '@mikro-orm/postgresql';
import { previousSeoulYear, produceAnnualNotices } from '@provision/reports';
import { benchCount, insertPartners, integer, say, seconds, table, timed, withBenchDatabase, type Server } from './harness.js';

const SUBJECTS = benchCount('BENCH_SUBJECTS', 1_000_000);
const SELLERS = 50;
/** Releases per subject in the year notified; one more falls in the year before. */
const RELEASES_PER_SUBJECT = 3;

/** Seoul's 1 January 00:00 of `year`. */
const newYear = (year: number) => new Date(`${year}-01-01T00:00:00+09:00`);

/** Registry, subjects, and the ledger: the year before the one notified, then the one notified, each in time order. */
async function generate(orm: MikroORM, year: number): Promise<void> {
  const em = orm.em.fork();
  const from = newYear(year);
  await insertPartners(orm, from, [{ prefix: 'bench-notice-seller-', count: SELLERS, role: 'SELLER' }], 'P3M after purchase-confirmation');
  await em.execute(
    `insert into subjects (id, shop_subject_id, kind, created_at, updated_at)
     select md5('bench-notice-subject-' || n)::uuid, 'BENCH-N-' || n, 'MEMBER', ?::timestamptz, ?::timestamptz from generate_series(1, ?) n`,
    [from.toISOString(), from.toISOString(), SUBJECTS],
  );
  // Rows 1 … n (n subjects) fall in the year before, the next 3n in the year notified, each part in
  // time order; every n consecutive rows visit every subject once, scattered (7919 is a prime that
  // divides no subject count this bench uses).
  await em.execute(
    `insert into provision_records (occurred_at, partner_id, client_id, token_id, purpose, subject_id, items_released, items_denied,
                                    request_id, actor_kind, chain_key, chain_seq, hash)
     select case when i <= s.n then s.before + ((i - 1)::float8 / s.n) * (s.start - s.before)
                 else s.start + ((i - s.n - 1)::float8 / (s.n * ?)) * (s.finish - s.start) end,
            md5('bench-notice-seller-' || (i % ? + 1))::uuid, 'bench-notice-client', 'bench-notice-jti-' || i / 100,
            case when i % 3 = 0 then 'order.customer-service' else 'order.delivery' end,
            md5('bench-notice-subject-' || ((i::bigint * 7919) % s.n + 1))::uuid,
            '{receiver.name,receiver.phone,receiver.address}'::text[], '[]'::jsonb, 'bench-notice-request-' || i / 100,
            'PARTNER', 'bench:notice', i, sha256(('bench-' || i)::bytea)
     from (select ?::int as n, ?::timestamptz as before, ?::timestamptz as start, ?::timestamptz as finish) s
     cross join generate_series(1, s.n * ?) i`,
    [RELEASES_PER_SUBJECT, SELLERS, SUBJECTS, newYear(year - 1).toISOString(), from.toISOString(), newYear(year + 1).toISOString(), RELEASES_PER_SUBJECT + 1],
  );
  await em.execute('vacuum analyze');
}

/** The annual-notice scenario: true when every subject has its notice, with the year's releases, and the rerun produced nothing. */
export async function annualNoticeScenario(server: Server): Promise<boolean> {
  return withBenchDatabase(server, async (orm, version) => {
    const now = new Date();
    const year = previousSeoulYear(now);
    say(`annual-notice: PostgreSQL ${version}; ${integer(SUBJECTS)} subjects, ${integer(SUBJECTS * (RELEASES_PER_SUBJECT + 1))} ledger rows…`);
    const generation = await timed(() => generate(orm, year));
    say(`generated in ${seconds(generation.seconds)}; producing the notices of ${year}…`);
    const first = await timed(() => produceAnnualNotices(orm.em.fork(), { year, now }));
    say(`produced ${integer(first.result.produced)} in ${seconds(first.seconds)}; rerunning…`);
    const rerun = await timed(() => produceAnnualNotices(orm.em.fork(), { year, now }));
    const [{ notices, releases }] = await orm.em.fork().execute<{ notices: number; releases: number }[]>(
      `select count(distinct n.subject_id)::int as notices, sum((p->>'releases')::int)::int as releases
         from annual_provision_notices n cross join lateral jsonb_array_elements(n.content->'provisions') p where n.period = ?`,
      [String(year)],
    );
    const yearRows = SUBJECTS * RELEASES_PER_SUBJECT;
    const verified = first.result.produced === SUBJECTS && notices === SUBJECTS && releases === yearRows && rerun.result.produced === 0;
    console.log('');
    console.log(`Annual provision notices of ${year} — ${integer(SUBJECTS)} subjects, ${integer(yearRows)} ledger rows in the year (${integer(SUBJECTS * (RELEASES_PER_SUBJECT + 1))} in all); fill ${seconds(generation.seconds)}`);
    console.log('');
    console.log(
      table([
        ['run', 'batches', 'notices', 'seconds', 'subjects/s', 'ledger rows/s'],
        ['first', integer(first.result.batches), integer(first.result.produced), seconds(first.seconds), integer(SUBJECTS / first.seconds), integer(yearRows / first.seconds)],
        ['rerun (all done)', integer(rerun.result.batches), integer(rerun.result.produced), seconds(rerun.seconds), '', ''],
      ]),
    );
    console.log('');
    console.log(`results ${verified ? 'verified' : 'WRONG'}: one notice per subject, ${integer(releases)} releases in them for ${integer(yearRows)} ledger rows`);
    return verified;
  });
}
