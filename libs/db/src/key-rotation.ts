import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import { DecryptionError, type Keyring } from '@provision/crypto';
import { SEALED_SUBJECT_FIELDS } from './subject-items.js';
import { NOTICE_PAYLOAD_COLUMN, PREVIOUS_WEBHOOK_SECRET_COLUMN, WEBHOOK_SECRET_COLUMN } from './sealed-columns.js';

interface SealedColumn {
  /** `table.column`, the name values are sealed for. */
  qualified: string;
  name: string;
  /** Column of its blind index, if it has one. */
  index: string | null;
}

const sealedColumn = (qualified: string, index: string | null): SealedColumn => ({
  qualified,
  name: qualified.split('.')[1] as string,
  index,
});

/** Every encrypted column, by table. A table's columns are rewritten together: its CHECKs hold per row. */
const SEALED_TABLES: readonly { table: string; columns: readonly SealedColumn[] }[] = [
  { table: 'subjects', columns: Object.values(SEALED_SUBJECT_FIELDS).map(({ column, indexColumn }) => sealedColumn(column, indexColumn)) },
  { table: 'partners', columns: [sealedColumn(WEBHOOK_SECRET_COLUMN, null), sealedColumn(PREVIOUS_WEBHOOK_SECRET_COLUMN, null)] },
  { table: 'notices', columns: [sealedColumn(NOTICE_PAYLOAD_COLUMN, null)] },
];

/** What {@link rotateKeys} did to one table; counts of values, never values. */
export interface RotationCount {
  table: string;
  /** Values moved from an older key to the active one. */
  resealed: number;
  /** Plaintext values (rows from before encryption at rest) now sealed, with their blind index. */
  sealedPlaintext: number;
  /** Values that do not open with any key on the ring; left as they are. */
  unreadable: number;
  /** Rows still holding a value not under the active key after the pass: unreadable, or locked by a write then. */
  remaining: number;
}

export interface RotationOptions {
  /** Rows per transaction; default 500. */
  batchSize?: number;
  /** Called after each committed batch, e.g. to print progress. */
  onBatch?: (count: RotationCount) => void;
}

type Row = Record<string, string | null> & { id: string };

/**
 * Re-encrypts every encrypted value that is not under the keyring's active key — and seals the
 * plaintext left by rows written before encryption at rest — while the service runs. Walks each
 * table in id order, `batchSize` rows per transaction, locking them with `FOR UPDATE SKIP LOCKED`:
 * a row a running request is writing is skipped rather than waited for, and a request that wants a
 * row this pass holds waits for the (short) batch and then writes on top of the new ciphertext. Each
 * UPDATE also compares the old values, so a value changed since it was read is never overwritten.
 * Idempotent and resumable: a second pass finds only what the first left (`remaining`).
 */
export async function rotateKeys(orm: MikroORM, keyring: Keyring, options: RotationOptions = {}): Promise<RotationCount[]> {
  const batchSize = options.batchSize ?? 500;
  if (!Number.isInteger(batchSize) || batchSize < 1) throw new RangeError('batchSize must be a positive integer');
  const prefix = `v1.${keyring.activeKeyId}.`;
  const counts: RotationCount[] = [];
  for (const { table, columns } of SEALED_TABLES) {
    const count: RotationCount = { table, resealed: 0, sealedPlaintext: 0, unreadable: 0, remaining: 0 };
    const stale = columns.map(({ name }) => `(${name} is not null and left(${name}, ${prefix.length}) <> ?)`).join(' or ');
    const staleParams = columns.map(() => prefix);
    let after = '00000000-0000-0000-0000-000000000000';
    for (;;) {
      const rows = await orm.em.fork().transactional(async (tx) => {
        const batch = await tx.execute<Row[]>(
          `select id::text as id, ${columns.map(({ name }) => name).join(', ')} from ${table}
           where id > ?::uuid and (${stale}) order by id limit ? for update skip locked`,
          [after, ...staleParams, batchSize],
          'all',
        );
        for (const row of batch) await resealRow(tx, keyring, table, columns, row, count);
        return batch;
      });
      if (rows.length > 0) options.onBatch?.({ ...count });
      if (rows.length < batchSize) break;
      after = (rows[rows.length - 1] as Row).id;
    }
    const [left] = await orm.em.fork().execute<{ count: string }[]>(`select count(*) from ${table} where ${stale}`, staleParams, 'all');
    count.remaining = Number(left?.count ?? 0);
    counts.push(count);
  }
  return counts;
}

async function resealRow(
  tx: EntityManager,
  keyring: Keyring,
  table: string,
  columns: readonly SealedColumn[],
  row: Row,
  count: RotationCount,
): Promise<void> {
  const assignments: string[] = [];
  const params: unknown[] = [];
  for (const { qualified, name, index } of columns) {
    const value = row[name] ?? null;
    if (value === null) continue;
    const kid = keyring.keyIdOf(value);
    if (kid === keyring.activeKeyId) continue;
    let plaintext: string;
    if (kid === null) {
      plaintext = value;
      count.sealedPlaintext += 1;
      if (index !== null) {
        assignments.push(`${index} = ?`);
        params.push(keyring.blindIndex(plaintext, qualified));
      }
    } else {
      try {
        plaintext = keyring.open(value, { column: qualified, rowId: row.id });
      } catch (err) {
        if (!(err instanceof DecryptionError)) throw err;
        count.unreadable += 1;
        continue;
      }
      count.resealed += 1;
    }
    assignments.push(`${name} = ?`);
    params.push(keyring.seal(plaintext, { column: qualified, rowId: row.id }));
  }
  if (assignments.length === 0) return;
  const unchanged = columns.map(({ name }) => `${name} is not distinct from ?`).join(' and ');
  await tx.execute(
    `update ${table} set ${assignments.join(', ')} where id = ?::uuid and ${unchanged}`,
    [...params, row.id, ...columns.map(({ name }) => row[name] ?? null)],
    'run',
  );
}
