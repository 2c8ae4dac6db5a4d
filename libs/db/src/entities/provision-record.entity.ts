import type { Ref } from '@mikro-orm/core';
import { Entity, Index, ManyToOne, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { Order } from './order.entity.js';
import { Partner } from './partner.entity.js';
import { Subject } from './subject.entity.js';

/** An item the gateway withheld, and the decision's reason (e.g. `WINDOW_CLOSED`). */
export interface DeniedItem {
  item: string;
  reason: string;
}

/**
 * The provision ledger: one row per subject per request that released or denied personal data.
 * Append-only; the sequential id orders the hash chain that a later issue fills in.
 */
@Entity({ tableName: 'provision_records' })
@Index({ properties: ['subject', 'occurredAt'] })
@Index({ properties: ['partner', 'occurredAt'] })
export class ProvisionRecord {
  @PrimaryKey({ type: 'bigint', columnType: 'bigint', autoincrement: true, generated: 'by default as identity' })
  id!: bigint;

  @Property({ type: 'timestamptz' })
  occurredAt!: Date;

  @ManyToOne(() => Partner, { ref: true })
  partner!: Ref<Partner>;

  /** Client id from the token, kept verbatim. */
  @Property({ type: 'text' })
  clientId!: string;

  /** The token's `jti`, when it has one. */
  @Property({ type: 'text', nullable: true })
  tokenId: string | null = null;

  /** Purpose key the operation declared. */
  @Property({ type: 'text' })
  purpose!: string;

  @ManyToOne(() => Subject, { ref: true })
  subject!: Ref<Subject>;

  @ManyToOne(() => Order, { ref: true, nullable: true, deleteRule: 'restrict' })
  order: Ref<Order> | null = null;

  @Property({ type: 'text[]' })
  itemsReleased: string[] = [];

  @Property({ type: 'jsonb' })
  itemsDenied: DeniedItem[] = [];

  @Property({ type: 'text' })
  requestId!: string;

  /** Which hash chain the record belongs to (e.g. per partner); filled by the audit issue. */
  @Property({ type: 'text', nullable: true })
  chainKey: string | null = null;

  @Property({ type: 'bytea', nullable: true })
  prevHash: Buffer | null = null;

  @Property({ type: 'bytea', nullable: true })
  hash: Buffer | null = null;
}
