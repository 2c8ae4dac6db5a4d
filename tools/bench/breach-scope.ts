// The breach-scope scenario of `npm run bench -- breach-scope` (tools/bench.ts).
//
// Builds a 10,000,000-row provision ledger (BENCH_ROWS scales it) with one INSERT … SELECT …
// generate_series: a year of partner requests of 100 rows each, appended in time order as the
// gateway appends them, over 200,000 subjects and 50 sellers with one client each. Then times
// `buildBreachScope` for each kind of question — a token's `jti`, a client, a partner, a period of
// an hour, a day and a week, a partner within a week — and reports, from PostgreSQL's plan of the
// statement as sent, which indexes of the ledger each answer uses (or whether it reads the whole table).
import { MikroORM } from '@mikro-orm/postgresql';
import { createOrmConfig } from '@provision/db';
import { buildBreachScope, type BreachFilter } from '@provision/reports';
import { benchCount, insertPartners, integer, say, seconds, table, timed, withBenchDatabase, type Server } from './harness.js';

const ROWS = benchCount('BENCH_ROWS', 10_000_000);
const SUBJECTS = 200_000;
const SELLERS = 50;
/** Ledger rows of one request (one page), all under its token. */
const ROWS_PER_REQUEST = 100;
const RUNS = 3;
/** "Answers in seconds" (issue 13 §4): every question under this on the full ledger. */
const TARGET_SECONDS = 10;
const YEAR_SECONDS = 365 * 24 * 3600;
const CONTROLLER = { name: 'Bench Shop', contact: 'Privacy Office', email: 'privacy@bench.example', phone: '02-0000-0000', address: 'Seoul', policyUrl: 'https://bench.example/privacy' };

/** Registry, subjects, one client per seller, and the ledger: request n (100 rows) by seller n % 50 + 1, in time order over the year before `now`. */
async function generate(orm: MikroORM, now: Date): Promise<void> {
  const em = orm.em.fork();
  const at = now.toISOString();
  await insertPartners(orm, now, [{ prefix: 'bench-breach-seller-', count: SELLERS, role: 'SELLER' }], 'P3M after purchase-confirmation');
  await em.execute(
    `insert into clients (client_id, kind, partner_id, allowed_scopes, added_at, added_by)
     select 'bench-breach-client-' || n, 'PARTNER', md5('bench-breach-seller-' || n)::uuid, '{partner:read}', ?::timestamptz, 'bench'
     from generate_series(1, ?) n`,
    [at, SELLERS],
  );
  await em.execute(
    `insert into subjects (id, shop_subject_id, kind, created_at, updated_at)
     select md5('bench-breach-subject-' || n)::uuid, 'BENCH-B-' || n, 'RECEIVER', ?::timestamptz, ?::timestamptz from generate_series(1, ?) n`,
    [at, at, SUBJECTS],
  );
  await em.execute(
    `insert into provision_records (occurred_at, partner_id, client_id, token_id, purpose, subject_id, items_released, items_denied,
                                    request_id, actor_kind, chain_key, chain_seq, hash)
     select ?::timestamptz - interval '1 year' + (i::float8 / ? * ?) * interval '1 second',
            md5('bench-breach-seller-' || (q.request % ? + 1))::uuid, 'bench-breach-client-' || (q.request % ? + 1),
            'bench-breach-jti-' || q.request, 'order.delivery',
            md5('bench-breach-subject-' || ((i::bigint * 7919) % ? + 1))::uuid,
            case when i % 20 = 0 then '{receiver.name,receiver.address,customsCode}'::text[] else '{receiver.name,receiver.phone,receiver.address}'::text[] end,
            '[]'::jsonb, 'bench-breach-request-' || q.request,
            -- One chain for the whole fill: breach scope never reads the chain columns, only their width counts.
            'PARTNER', 'bench:breach', i, sha256(('bench-' || i)::bytea)
     from generate_series(1, ?) i
     cross join lateral (select i / ? as request) q`,
    [at, ROWS, YEAR_SECONDS, SELLERS, SELLERS, SUBJECTS, ROWS, ROWS_PER_REQUEST],
  );
  await em.execute('vacuum analyze');
}

/** A plan node of `EXPLAIN (FORMAT JSON)`, as far as this scenario reads it. */
interface PlanNode {
  'Node Type': string;
  'Relation Name'?: string;
  'Index Name'?: string;
  Plans?: PlanNode[];
}

/** How a plan reads the ledger: the indexes it scans, or a whole-table scan. */
function ledgerAccess(node: PlanNode): string[] {
  const own = node['Index Name']?.startsWith('provision_records')
    ? [node['Index Name'].replace(/^provision_records_/, '')]
    : node['Relation Name'] === 'provision_records' && node['Node Type'].includes('Seq Scan')
      ? ['(whole table)']
      : [];
  return [...own, ...(node.Plans ?? []).flatMap(ledgerAccess)];
}

interface Question {
  label: string;
  filter: BreachFilter;
}

interface Answer extends Question {
  median: number;
  subjects: number;
  releases: number;
  used: string[];
}

/**
 * `RUNS` timed answers after one warm-up, and the plan of the statement as sent: `logged` is an ORM
 * that logs statements with their values (`statements`), so the plan is PostgreSQL's for exactly
 * what `buildBreachScope` ran.
 */
async function ask(logged: MikroORM, statements: string[], question: Question): Promise<Answer> {
  const em = logged.em.fork();
  await buildBreachScope(em, question.filter, CONTROLLER);
  const statement = statements
    .map((line) => line.replace(/^\[query\] /, '').replace(/ \[took [^\]]*\]$/, ''))
    .findLast((sql) => sql.includes('from provision_records r'));
  const [{ 'QUERY PLAN': [{ Plan: plan }] }] = await em.execute<{ 'QUERY PLAN': { Plan: PlanNode }[] }[]>(`explain (format json) ${statement}`);
  const times: number[] = [];
  let scope;
  for (let run = 0; run < RUNS; run += 1) {
    const answer = await timed(() => buildBreachScope(em, question.filter, CONTROLLER));
    times.push(answer.seconds);
    scope = answer.result;
  }
  times.sort((a, b) => a - b);
  return { ...question, median: times[Math.floor(RUNS / 2)], subjects: scope?.subjects ?? 0, releases: scope?.releases ?? 0, used: [...new Set(ledgerAccess(plan))] };
}

/** The breach-scope scenario: true when the answers add up and every question meets the target. */
export async function breachScopeScenario(server: Server): Promise<boolean> {
  return withBenchDatabase(server, async (orm, version) => {
    say(`breach-scope: PostgreSQL ${version}; filling a ${integer(ROWS)}-row ledger…`);
    const now = new Date(Math.floor(Date.now() / 1000) * 1000);
    const generation = await timed(() => generate(orm, now));
    say(`generated in ${seconds(generation.seconds)}; asking…`);
    const middle = now.getTime() - (YEAR_SECONDS * 1000) / 2;
    const period = (hours: number) => ({ from: new Date(middle), to: new Date(middle + hours * 3600 * 1000) });
    const request = Math.floor(ROWS / 2 / ROWS_PER_REQUEST);
    const questions: Question[] = [
      { label: 'token (jti)', filter: { tokenId: `bench-breach-jti-${request}` } },
      { label: 'client id', filter: { clientId: 'bench-breach-client-7' } },
      { label: 'partner', filter: { partnerCode: 'bench-breach-seller-7' } },
      { label: 'period, 1 hour', filter: period(1) },
      { label: 'period, 1 day', filter: period(24) },
      { label: 'period, 1 week', filter: period(7 * 24) },
      { label: 'partner, 1 week', filter: { partnerCode: 'bench-breach-seller-7', ...period(7 * 24) } },
    ];
    const answers: Answer[] = [];
    const statements: string[] = [];
    const logged = await MikroORM.init({
      ...createOrmConfig({ clientUrl: orm.config.get('clientUrl') as string, poolSize: 1, onQuery: (line) => statements.push(line) }),
      debug: ['query', 'query-params'],
    });
    try {
      for (const question of questions) {
        const answer = await ask(logged, statements, question);
        answers.push(answer);
        say(`${question.label}: ${seconds(answer.median)}`);
        statements.length = 0;
      }
    } finally {
      await logged.close(true);
    }
    const [token, client, partner, hour] = answers;
    const [{ inHour }] = await orm.em.fork().execute<{ inHour: number }[]>(
      `select count(*)::int as "inHour" from provision_records where occurred_at >= ? and occurred_at < ?`,
      [period(1).from, period(1).to],
    );
    // A token's request is 100 rows; a seller's one client made all its requests; an hour holds what the ledger holds.
    const verified = token.releases === ROWS_PER_REQUEST && client.releases === partner.releases && client.releases > 0 && hour.releases === inHour;
    console.log('');
    console.log(`Breach scope — ${integer(ROWS)}-row ledger (${integer(SUBJECTS)} subjects, ${SELLERS} sellers, a year of ${ROWS_PER_REQUEST}-row requests), median of ${RUNS} after a warm-up; fill ${seconds(generation.seconds)}`);
    console.log('');
    console.log(
      table([
        ['question', 'median', 'releases', 'subjects', 'ledger access'],
        ...answers.map((answer) => [answer.label, seconds(answer.median), integer(answer.releases), integer(answer.subjects), answer.used.join(' + ') || '—']),
      ]),
    );
    console.log('');
    const slowest = Math.max(...answers.map((answer) => answer.median));
    const met = slowest < TARGET_SECONDS;
    console.log(`target: every question under ${TARGET_SECONDS} s — ${met ? 'met' : 'MISSED'} (slowest ${seconds(slowest)}); results ${verified ? 'verified' : 'WRONG'}`);
    return met && verified;
  });
}
