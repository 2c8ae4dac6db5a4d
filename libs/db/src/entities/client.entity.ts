import type { Ref } from '@mikro-orm/core';
import { Check, Entity, Enum, Index, ManyToOne, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { CLIENT_KINDS, type ClientKind } from '@provision/domain';
import { Partner } from './partner.entity.js';

/**
 * An OAuth client id allowed to call the gateway, and the scopes it may hold. Rows are never
 * deleted: a revocation sets `revokedAt`, so the ledger's client ids always resolve.
 */
@Entity({ tableName: 'clients' })
@Index({ properties: ['partner'] })
@Check({
  name: 'clients_partner_check',
  expression: "(kind = 'PARTNER') = (partner_id is not null)",
})
export class Client {
  /** The `client_id` / `azp` claim of the client's tokens. */
  @PrimaryKey({ type: 'text' })
  clientId!: string;

  @Enum({ items: [...CLIENT_KINDS], type: 'text' })
  kind!: ClientKind;

  /** The partner a PARTNER client acts for; null for the shop backend and admins. */
  @ManyToOne(() => Partner, { ref: true, nullable: true, deleteRule: 'restrict' })
  partner: Ref<Partner> | null = null;

  /** Scopes a token for this client may carry, e.g. `partner:read`, `pii:receiver.name`. */
  @Property({ type: 'text[]' })
  allowedScopes: string[] = [];

  @Property({ type: 'timestamptz' })
  addedAt!: Date;

  @Property({ type: 'timestamptz', nullable: true })
  revokedAt: Date | null = null;

  /** Client id of the admin (or `seed`) that added it. */
  @Property({ type: 'text' })
  addedBy!: string;
}
