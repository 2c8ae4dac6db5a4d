// Benchmarks: `npm run bench [-- <scenario> …]`, every scenario when none is named. Not part of npm
// test or CI. Each scenario builds its data in throw-away databases (embedded PostgreSQL, or the
// server of DATABASE_URL), measures side by side in one run, prints a table and drops its data.
//
//   window-sweep    the set-based window sweep over 1,000,000 orders against a naive per-row sweep
//   subject-report  one subject's provision report (1,000 ledger rows) in a 10,000,000-row ledger
//                   against the same report in a 100,000-row ledger; target < 100 ms
//   ledger          chained against unchained ledger flushes, and verifyLedger over 200,000 rows
//   breach-scope    each kind of breach-scope question over a 10,000,000-row ledger (BENCH_ROWS)
//   annual-notice   the annual provision notices of 1,000,000 subjects (BENCH_SUBJECTS)
//   partner-page    the seller page at N = 1, 10, 100: the gateway as deployed against a bare
//                   node:http + pg + jose server and against itself with the policy bypassed
import { availableParallelism } from 'node:os';
import { say, startServer, type Server } from './bench/harness.js';
import { annualNoticeScenario } from './bench/annual-notice.js';
import { breachScopeScenario } from './bench/breach-scope.js';
import { ledgerScenario } from './bench/ledger.js';
import { partnerPageScenario } from './bench/partner-page.js';
import { subjectReportScenario } from './bench/subject-report.js';
import { windowSweepScenario } from './bench/window-sweep.js';

/** A scenario prints its figures and answers whether its results were right and its target met. */
const SCENARIOS: Record<string, (server: Server) => Promise<boolean>> = {
  'window-sweep': windowSweepScenario,
  'subject-report': subjectReportScenario,
  ledger: ledgerScenario,
  'breach-scope': breachScopeScenario,
  'annual-notice': annualNoticeScenario,
  'partner-page': partnerPageScenario,
};

async function main(names: readonly string[]): Promise<number> {
  const unknown = names.filter((name) => !(name in SCENARIOS));
  if (unknown.length > 0) {
    say(`unknown scenario ${unknown.join(', ')}; choose from ${Object.keys(SCENARIOS).join(', ')}`);
    return 2;
  }
  const chosen = names.length > 0 ? names : Object.keys(SCENARIOS);
  const server = await startServer();
  say(`${server.label}, ${availableParallelism()} CPUs; scenarios: ${chosen.join(', ')}`);
  try {
    let ok = true;
    for (const name of chosen) ok = (await SCENARIOS[name](server)) && ok;
    return ok ? 0 : 1;
  } finally {
    await server.stop().catch((error: unknown) => say(`could not stop PostgreSQL: ${String(error)}`));
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    say(`failed: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`);
    process.exit(1);
  },
);
