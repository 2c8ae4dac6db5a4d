import type { Ref } from '@mikro-orm/core';
import { Entity, Enum, Index, ManyToOne, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { Partner } from './partner.entity.js';
import { ACCESS_CHANGE_KINDS, type AccessChangeKind } from './vocabulary.js';

/**
 * The permission history (PIPA Safety Standards Art. 5): one row per grant, change or revocation
 * of a partner's or admin's access — registrations, agreement versions, status changes, clients
 * added, their scopes changed, revoked. Append-only and never purged (kept well past the 3 years
 * the standard asks for): triggers refuse UPDATE, DELETE and TRUNCATE. Written by
 * `recordAccessChange` in the transaction of the change it describes.
 */
@Entity({
  tableName: 'access_changes',
  // Append-only whatever role writes: history is never edited or purged (no retention job touches
  // it). The migration adds the same for TRUNCATE, which the ORM's schema introspection cannot see.
  triggers: [
    {
      name: 'access_changes_no_update_delete',
      timing: 'before',
      events: ['update', 'delete'],
      forEach: 'row',
      body: "raise exception 'access_changes is append-only' using errcode = 'insufficient_privilege';",
    },
  ],
})
@Index({ properties: ['at', 'id'] })
@Index({ properties: ['partner', 'at', 'id'] })
@Index({ properties: ['clientId', 'at', 'id'] })
export class AccessChange {
  /** Insertion order; breaks ties between changes recorded at the same instant. */
  @PrimaryKey({ type: 'bigint', columnType: 'bigint', autoincrement: true, generated: 'by default as identity' })
  id!: bigint;

  /** When the change was recorded (a status change dated ahead says its effective time in `detail`). */
  @Property({ type: 'timestamptz' })
  at!: Date;

  /** Client id of the admin who made the change, `seed` for the demo seed, or who the backfill found. */
  @Property({ type: 'text' })
  actor!: string;

  /** OpenID Connect subject of the person who made the change; null for a machine client, the seed or the backfill. */
  @Property({ type: 'text', nullable: true })
  actorSub: string | null = null;

  /** The person's name as the issuer gave it at sign-in. */
  @Property({ type: 'text', nullable: true })
  actorName: string | null = null;

  @Enum({ items: [...ACCESS_CHANGE_KINDS], type: 'text' })
  kind!: AccessChangeKind;

  /** The partner whose access changed; null for the shop's and admins' own clients. */
  @ManyToOne(() => Partner, { ref: true, nullable: true, deleteRule: 'restrict' })
  partner: Ref<Partner> | null = null;

  /** The client the change is about, for client changes. */
  @Property({ type: 'text', nullable: true })
  clientId: string | null = null;

  /** What changed, per kind (see `AccessChangeDetail`); no personal data. */
  @Property({ type: 'jsonb' })
  detail: Record<string, unknown> = {};
}
