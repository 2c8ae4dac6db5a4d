// The `ledger` scenario of `npm run bench`: in a throw-away database, with the demo seed for its
// partners and subjects:
// 1. Flush latency, side by side: 1,000 requests of 10 ledger rows each, alternating the chained
//    `RequestLedger.flush` (transaction, chain-head lock, hashes, one INSERT, head update) with
//    what a flush was before the chain (one multi-row INSERT of the same rows), one at a time and
//    with 8 concurrent writers on two partners' chains.
// 2. Verification throughput: `verifyLedger` over 200,000 rows in 50 chains.
import type { EntityManager } from '@mikro-orm/postgresql';
import { RequestLedger, verifyLedger } from '@provision/audit';
import { nativePool, Partner, ProvisionRecord, seedDemo, Subject } from '@provision/db';
import { ManualClock } from '@provision/util';
import { availableParallelism } from 'node:os';
import { generateKeyringConfig, Keyring } from '@provision/crypto';
import { integer, say, seconds, table, timed, withBenchDatabase, type Server } from './harness.js';

const FLUSHES = 1_000;
const ROWS_PER_FLUSH = 10;
const CONCURRENCY = 8;
const VERIFY_ROWS = 200_000;
const VERIFY_CHAINS = 50;
const ROWS_PER_FILL = 100;

const ms = (value: number) => `${value.toFixed(2)} ms`;
const percentile = (sorted: readonly number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((sorted.length * p) / 100))] ?? 0;

/** Chained against unchained flushes, and verification throughput; true when the filled ledger verifies whole. */
export async function ledgerScenario(server: Server): Promise<boolean> {
  const keyring = Keyring.parse(generateKeyringConfig('bench'));
  return withBenchDatabase(server, async (orm, version) => {
  const at = new Date();
  await seedDemo(orm.em.fork(), new ManualClock(at), keyring);
  const subjects = (await orm.em.fork().find(Subject, {})).map((subject) => subject.id);
  const partners = (await orm.em.fork().find(Partner, {}, { orderBy: { code: 'asc' } })).map((partner) => partner.id);
  // Rows of one request differ by subject and purpose: `rows` entries over the demo subjects.
  const entries = (rows: number) =>
    Array.from({ length: rows }, (_, n) => ({ subjectId: subjects[n % subjects.length] as string, purpose: `bench.p${Math.floor(n / subjects.length)}` }));
  say(`${server.label}, PostgreSQL ${version}, ${availableParallelism()} CPUs`);

  const pool = await nativePool(orm.em);
  let request = 0;
  const chained = (partnerId: string, rows = ROWS_PER_FLUSH) => {
    const ledger = new RequestLedger({ actorKind: 'PARTNER', partnerId, clientId: 'bench', tokenId: null, requestId: `bench-${(request += 1)}` });
    for (const { subjectId, purpose } of entries(rows)) ledger.record({ purpose, subjectId, orderId: null, item: 'receiver.name', denied: null });
    return ledger.flush(pool, at);
  };
  let plainSeq = 0n;
  // The flush before the chain: one INSERT of the same rows (chain columns filled with constants).
  const plain = (em: EntityManager, partnerId: string) =>
    em.insertMany(
      ProvisionRecord,
      entries(ROWS_PER_FLUSH).map(({ subjectId, purpose }) => ({
        occurredAt: at,
        actorKind: 'PARTNER' as const,
        partner: em.getReference(Partner, partnerId),
        clientId: 'bench',
        tokenId: null,
        purpose,
        subject: em.getReference(Subject, subjectId),
        order: null,
        itemsReleased: ['receiver.name'],
        itemsDenied: [],
        requestId: `bench-plain-${(request += 1)}`,
        chainKey: 'bench:unchained',
        chainSeq: (plainSeq += 1n),
        prevHash: null,
        hash: Buffer.alloc(32),
      })),
    );

  const latencies = { chained: [] as number[], plain: [] as number[] };
  for (let n = 0; n < FLUSHES; n += 1) {
    const partnerId = partners[n % 2] as string;
    latencies.chained.push((await timed(() => chained(partnerId))).seconds * 1000);
    latencies.plain.push((await timed(() => plain(orm.em.fork(), partnerId))).seconds * 1000);
  }
  const concurrent = async (flush: (em: EntityManager, partnerId: string) => Promise<unknown>) =>
    (
      await timed(() =>
        Promise.all(
          Array.from({ length: CONCURRENCY }, async (_, worker) => {
            for (let n = worker; n < FLUSHES; n += CONCURRENCY) await flush(orm.em.fork(), partners[n % 2] as string);
          }),
        ),
      )
    ).seconds;
  const concurrentChained = await concurrent((_em, partnerId) => chained(partnerId));
  const concurrentPlain = await concurrent(plain);

  say(`flushes measured; filling ${integer(VERIFY_ROWS)} rows in ${VERIFY_CHAINS} chains for verification…`);
  await orm.em.fork().execute('truncate provision_records, ledger_chain_heads');
  const fills = VERIFY_ROWS / ROWS_PER_FILL;
  for (let n = 0; n < fills; n += CONCURRENCY) {
    await Promise.all(
      Array.from({ length: Math.min(CONCURRENCY, fills - n) }, (_, k) => {
        const ledger = new RequestLedger({ actorKind: 'ADMIN', clientId: `bench-${(n + k) % VERIFY_CHAINS}`, tokenId: null, requestId: `fill-${n + k}`, person: null });
        for (const { subjectId, purpose } of entries(ROWS_PER_FILL)) {
          ledger.record({ purpose, subjectId, orderId: null, item: 'receiver.name', denied: null });
        }
        return ledger.flush(pool, at);
      }),
    );
  }
  const verification = await timed(() => verifyLedger(orm.em.fork()));

  const stats = (values: number[]) => {
    const sorted = [...values].sort((a, b) => a - b);
    return { mean: values.reduce((sum, v) => sum + v, 0) / values.length, p50: percentile(sorted, 50), p95: percentile(sorted, 95) };
  };
  const [c, p] = [stats(latencies.chained), stats(latencies.plain)];
  console.log('');
  console.log(`Ledger — PostgreSQL ${version} (${server.label.startsWith('embedded') ? 'embedded' : 'DATABASE_URL'}), ${availableParallelism()} CPUs`);
  console.log('');
  console.log(
    table([
      [`flush of ${ROWS_PER_FLUSH} rows (${integer(FLUSHES)} each, alternating)`, 'mean', 'p50', 'p95', `${CONCURRENCY} writers, 2 chains`],
      ['unchained: one INSERT (before)', ms(p.mean), ms(p.p50), ms(p.p95), `${integer(FLUSHES / concurrentPlain)} flushes/s`],
      ['chained: lock head, hash, INSERT, move head', ms(c.mean), ms(c.p50), ms(c.p95), `${integer(FLUSHES / concurrentChained)} flushes/s`],
      ['chained / unchained', `${(c.mean / p.mean).toFixed(2)}×`, `${(c.p50 / p.p50).toFixed(2)}×`, `${(c.p95 / p.p95).toFixed(2)}×`, `${(concurrentChained / concurrentPlain).toFixed(2)}×`],
    ]),
  );
  console.log('');
  const { rows, chains, breaks } = verification.result;
  console.log(
    `verifyLedger: ${integer(rows)} rows in ${chains} chains in ${seconds(verification.seconds)} — ${integer(rows / verification.seconds)} rows/s; ${breaks.length === 0 ? 'intact' : `${breaks.length} BROKEN`}`,
  );
  return breaks.length === 0 && rows === VERIFY_ROWS;
  });
}
