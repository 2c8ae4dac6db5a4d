import type { EntityManager } from '@mikro-orm/postgresql';

/** Ledger rows are kept at least this long (Safety Standard 8: 2 years); the database refuses less. */
export const MIN_RETENTION_MONTHS = 24;

/** What one purge did. */
export interface LedgerPurgeReport {
  cutoff: Date;
  /** Chains cut (a chain cut in several batches counts once). */
  chains: number;
  rows: number;
}

/**
 * The purge cutoff for a retention of `months`: midnight UTC at the start of the day `months`
 * before `now`, so the cutoff stays clear of the database's own 2-year limit even when the clocks
 * of the worker and the database differ a little.
 */
export function retentionCutoff(now: Date, months: number): Date {
  if (!Number.isInteger(months) || months < MIN_RETENTION_MONTHS) {
    throw new RangeError(`ledger retention must be at least ${MIN_RETENTION_MONTHS} months`);
  }
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - months, now.getUTCDate()));
}

/**
 * Deletes the ledger rows older than `cutoff`, chain by chain from each chain's start, through the
 * database function `purge_provision_records` (the application's role cannot DELETE the ledger
 * itself). Each call is its own transaction and cuts at most `batchSize` rows per chain, recording
 * each cut in `ledger_purges` with the anchor verification restarts from; it is called until
 * nothing is left to cut. The database refuses a cutoff less than 2 years ago.
 */
export async function purgeLedger(
  em: EntityManager,
  { cutoff, batchSize = 10_000 }: { cutoff: Date; batchSize?: number },
): Promise<LedgerPurgeReport> {
  const chains = new Set<string>();
  let rows = 0;
  for (;;) {
    const cut = await em.execute<{ chainKey: string; rowCount: string }[]>(
      `select chain_key as "chainKey", row_count::text as "rowCount" from purge_provision_records(?, ?)`,
      [cutoff, batchSize],
    );
    if (cut.length === 0) return { cutoff, chains: chains.size, rows };
    for (const chain of cut) {
      chains.add(chain.chainKey);
      rows += Number(chain.rowCount);
    }
  }
}
