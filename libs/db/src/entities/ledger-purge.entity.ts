import { Entity, Index, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';

/**
 * One retention purge of one ledger chain (append-only): rows 1…`throughSeq` are gone, and
 * `anchorHash`, the hash of the last purged row, is where verification of the rest starts. Written
 * only by the database function `purge_provision_records`.
 */
@Entity({ tableName: 'ledger_purges' })
@Index({ properties: ['chainKey', 'throughSeq'] })
export class LedgerPurge {
  @PrimaryKey({ type: 'bigint', columnType: 'bigint', autoincrement: true, generated: 'by default as identity' })
  id!: bigint;

  @Property({ type: 'text' })
  chainKey!: string;

  @Property({ type: 'bigint', columnType: 'bigint' })
  throughSeq!: bigint;

  @Property({ type: 'bytea' })
  anchorHash!: Buffer;

  @Property({ type: 'bigint', columnType: 'bigint' })
  rowCount!: bigint;

  /** Rows older than this were due. */
  @Property({ type: 'timestamptz' })
  cutoff!: Date;

  @Property({ type: 'timestamptz' })
  purgedAt!: Date;
}
