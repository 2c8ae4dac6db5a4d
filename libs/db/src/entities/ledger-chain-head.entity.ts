import { Entity, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';

/**
 * The last link of one provision ledger chain. A ledger write locks its chain's head row, so only
 * requests of the same actor wait for each other, and moves it forward in the same transaction as
 * the rows it appends. Verification compares it with the chain's last row (a removed tail shows).
 */
@Entity({ tableName: 'ledger_chain_heads' })
export class LedgerChainHead {
  @PrimaryKey({ type: 'text' })
  chainKey!: string;

  /** `chainSeq` of the chain's last row; 0 before the first. */
  @Property({ type: 'bigint', columnType: 'bigint' })
  lastSeq!: bigint;

  /** `hash` of the chain's last row; null before the first. */
  @Property({ type: 'bytea', nullable: true })
  lastHash: Buffer | null = null;
}
