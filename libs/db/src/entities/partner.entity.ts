import { Collection, type Opt, type Ref } from '@mikro-orm/core';
import { Check, Entity, Enum, ManyToOne, OneToMany, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { SEALED_PATTERN, type Sealed } from '@provision/crypto';
import { PARTNER_KINDS, PARTNER_ROLES, type PartnerKind, type PartnerRole } from '@provision/domain';
import { randomUUID } from 'node:crypto';
import { Agreement } from './agreement.entity.js';
import { Client } from './client.entity.js';
import { PartnerStatusChange } from './partner-status-change.entity.js';

/**
 * A recipient, consignee or re-consignee. Its status is not a column: it is derived from
 * {@link PartnerStatusChange} rows, so past and future-dated changes stay on record.
 */
@Entity({ tableName: 'partners' })
@Check({ name: 'partners_country_check', expression: "country ~ '^[A-Z]{2}$'" })
@Check({ name: 'partners_code_check', expression: "code ~ '^[a-z0-9]+(-[a-z0-9]+)*$'" })
@Check({ name: 'partners_webhook_secret_sealed', expression: `webhook_secret ~ '${SEALED_PATTERN}'` })
@Check({ name: 'partners_webhook_secret_previous_sealed', expression: `webhook_secret_previous ~ '${SEALED_PATTERN}'` })
@Check({ name: 'partners_consigned_task_check', expression: '(consigned_task_ko is null) = (consigned_task_en is null)' })
export class Partner {
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  /** Stable slug, e.g. `hanbok-house`; what seeds and operators refer to. */
  @Property({ type: 'text', unique: true })
  code!: string;

  /** The name in Korean, as the Korean privacy policy and disclosure page show it. */
  @Property({ type: 'text' })
  nameKo!: string;

  /** The name in English, as the English pages show it. */
  @Property({ type: 'text' })
  nameEn!: string;

  @Enum({ items: [...PARTNER_KINDS], type: 'text' })
  kind!: PartnerKind;

  @Enum({ items: [...PARTNER_ROLES], type: 'text' })
  role!: PartnerRole;

  /** The consignee that re-consigned work to this partner (Art. 26(6)). */
  @ManyToOne(() => Partner, { ref: true, nullable: true, deleteRule: 'restrict' })
  parent: Ref<Partner> | null = null;

  /** What a consignee does for the shop, as the Korean privacy policy discloses it; set with the English text or not at all. */
  @Property({ type: 'text', nullable: true })
  consignedTaskKo: string | null = null;

  /** The consigned task in English. */
  @Property({ type: 'text', nullable: true })
  consignedTaskEn: string | null = null;

  /** ISO 3166-1 alpha-2; anything but KR is an overseas transfer (Art. 28-8). */
  @Property({ type: 'text', default: 'KR' })
  country: Opt<string> = 'KR';

  @Property({ type: 'text', nullable: true })
  overseasTransferBasis: string | null = null;

  @Property({ type: 'text' })
  privacyContactName!: string;

  @Property({ type: 'text' })
  privacyContactEmail!: string;

  @Property({ type: 'text', nullable: true })
  privacyContactPhone: string | null = null;

  @Property({ type: 'text', nullable: true })
  webhookUrl: string | null = null;

  /** The key notices are signed with, sealed (`partners.webhook_secret`, bound to the row); see `sealed-columns.ts`. */
  @Property({ type: 'text', nullable: true })
  webhookSecret: Sealed | null = null;

  /**
   * The secret a rotation replaced, sealed (`partners.webhook_secret_previous`): notices are signed
   * with it too until `webhookSecretPreviousUntil`, so the partner can switch at any time of the overlap.
   */
  @Property({ type: 'text', nullable: true })
  webhookSecretPrevious: Sealed | null = null;

  @Property({ type: 'timestamptz', nullable: true })
  webhookSecretPreviousUntil: Date | null = null;

  @Property({ type: 'timestamptz' })
  registeredAt!: Date;

  /** Client id of the admin who registered the partner. */
  @Property({ type: 'text' })
  registeredBy!: string;

  /**
   * Moved by triggers in the same transaction as any change of the partner, its status history, its
   * agreements or their grants; the gateway's cache of partner facts is valid only for the version
   * it was read with. Never written by the application.
   */
  @Property({ type: 'bigint', defaultRaw: '0' })
  registryVersion?: Opt<string>;

  @OneToMany(() => PartnerStatusChange, (change) => change.partner)
  statusChanges = new Collection<PartnerStatusChange>(this);

  @OneToMany(() => Agreement, (agreement) => agreement.partner)
  agreements = new Collection<Agreement>(this);

  @OneToMany(() => Client, (client) => client.partner)
  clients = new Collection<Client>(this);
}
