import type { Opt, Ref } from '@mikro-orm/core';
import { Check, Entity, Index, ManyToOne, PrimaryKey, Property, Unique } from '@mikro-orm/decorators/legacy';
import { Order } from './order.entity.js';
import { Partner } from './partner.entity.js';
import { Subject } from './subject.entity.js';
import { type LedgerActorKind } from './vocabulary.js';

/** An item the gateway withheld, and the decision's reason (e.g. `WINDOW_CLOSED`). */
export interface DeniedItem {
  item: string;
  reason: string;
}

/**
 * The provision ledger: one row per subject per request that released or denied personal data.
 * Append-only and hash-chained: each row belongs to its actor's chain (`partner:<id>`,
 * `admin:<clientId>`) at a gap-free `chainSeq`, and `hash` covers the row's fields and the hash of
 * its predecessor (`prevHash`; null only for a chain's first row). `@provision/audit` writes and
 * verifies the chain; the application's database role may only INSERT and SELECT here.
 */
@Entity({ tableName: 'provision_records' })
@Index({ properties: ['subject', 'occurredAt'] })
@Index({ properties: ['partner', 'occurredAt'] })
// A breach by token (`jti`) finds its rows here; by client through the client's partner above.
@Index({ properties: ['tokenId'] })
// A breach by period alone: the ledger is appended in time order, so a BRIN summary of each 32
// pages' time range finds a period's pages at a fraction of a B-tree's size and insert cost.
@Index({
  name: 'provision_records_occurred_at_brin',
  expression: 'create index "provision_records_occurred_at_brin" on "provision_records" using brin ("occurred_at") with (pages_per_range = 32, autosummarize = on)',
})
@Unique({ properties: ['chainKey', 'chainSeq'] })
@Check({ name: 'provision_records_hash_version_check', expression: 'hash_version in (1, 2)' })
@Check({
  name: 'provision_records_person_check',
  expression: `(person_sub is null and person_name is null) or (hash_version >= 2 and actor_kind = 'ADMIN' and person_sub is not null)`,
})
@Check({
  name: 'provision_records_actor_check',
  expression: `(actor_kind = 'PARTNER' and partner_id is not null) or (actor_kind = 'ADMIN' and partner_id is null)`,
})
export class ProvisionRecord {
  @PrimaryKey({ type: 'bigint', columnType: 'bigint', autoincrement: true, generated: 'by default as identity' })
  id!: bigint;

  @Property({ type: 'timestamptz' })
  occurredAt!: Date;

  /** Who read: a partner's client, or an admin answering a subject's request. */
  @Property({ type: 'text', check: `actor_kind in ('PARTNER', 'ADMIN')` })
  actorKind: LedgerActorKind = 'PARTNER';

  /** The partner that received the data; null exactly when an admin read it. */
  // No foreign keys from the ledger (each would check every appended row): a trigger keeps the
  // partner, subject and order a ledger row names from being deleted (Migration20261206190000_ledger_referents).
  @ManyToOne(() => Partner, { ref: true, nullable: true, createForeignKeyConstraint: false })
  partner: Ref<Partner> | null = null;

  /** Client id from the token, kept verbatim. */
  @Property({ type: 'text' })
  clientId!: string;

  /** OpenID Connect subject of the admin who read (hash version 2); null for partners and machine clients. */
  @Property({ type: 'text', nullable: true })
  personSub: string | null = null;

  /** The admin's name at sign-in (hash version 2). */
  @Property({ type: 'text', nullable: true })
  personName: string | null = null;

  /** The token's `jti`, when it has one. */
  @Property({ type: 'text', nullable: true })
  tokenId: string | null = null;

  /** Purpose key the operation declared. */
  @Property({ type: 'text' })
  purpose!: string;

  @ManyToOne(() => Subject, { ref: true, createForeignKeyConstraint: false })
  subject!: Ref<Subject>;

  @ManyToOne(() => Order, { ref: true, nullable: true, createForeignKeyConstraint: false })
  order: Ref<Order> | null = null;

  @Property({ type: 'text[]' })
  itemsReleased: string[] = [];

  @Property({ type: 'jsonb' })
  itemsDenied: DeniedItem[] = [];

  @Property({ type: 'text' })
  requestId!: string;

  /** The hash chain of the row's actor: `partner:<partnerId>` or `admin:<clientId>`. */
  @Property({ type: 'text' })
  chainKey!: string;

  /** Position in the chain, from 1, without gaps. */
  @Property({ type: 'bigint', columnType: 'bigint' })
  chainSeq!: bigint;

  /** `hash` of the chain's previous row; null for its first row. */
  @Property({ type: 'bytea', nullable: true })
  prevHash: Buffer | null = null;

  /**
   * Which canonical encoding `hash` covers (`libs/audit/src/ledger-hash.ts`): 1 before rows named
   * the person, 2 since. Rows keep the version they were written with, so old rows still verify.
   */
  @Property({ type: 'smallint', default: 1 })
  hashVersion: Opt<number> = 1;

  /** SHA-256 of the row's canonical encoding and `prevHash`. */
  @Property({ type: 'bytea' })
  hash!: Buffer;
}
