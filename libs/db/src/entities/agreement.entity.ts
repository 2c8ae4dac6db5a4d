import { Collection, type Ref } from '@mikro-orm/core';
import { Check, Entity, Enum, ManyToOne, OneToMany, PrimaryKey, Property, Unique } from '@mikro-orm/decorators/legacy';
import { LEGAL_BASES, type LegalBasis } from '@provision/domain';
import { randomUUID } from 'node:crypto';
import { AgreementGrant } from './agreement-grant.entity.js';
import { Partner } from './partner.entity.js';

/**
 * One published version of what a partner may receive. Immutable once published: any change of
 * grants, retention or basis is a new version, because consents given to an older version must
 * not silently cover what a newer one adds (PIPA Art. 17(2)). Nothing in this library updates or
 * deletes an agreement or its grants.
 */
@Entity({ tableName: 'agreements' })
@Unique({ properties: ['partner', 'version'] })
@Check({ name: 'agreements_version_check', expression: 'version >= 1' })
export class Agreement {
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @ManyToOne(() => Partner, { ref: true })
  partner!: Ref<Partner>;

  /** 1, 2, … per partner. */
  @Property({ type: 'integer' })
  version!: number;

  /** Canonical retention rule text, e.g. `P3M after purchase-confirmation`; parsed by @provision/domain. */
  @Property({ type: 'text' })
  retentionRule!: string;

  @Enum({ items: [...LEGAL_BASES], type: 'text' })
  legalBasis!: LegalBasis;

  @Property({ type: 'boolean' })
  consentRequired!: boolean;

  @Property({ type: 'timestamptz' })
  effectiveFrom!: Date;

  @Property({ type: 'timestamptz' })
  publishedAt!: Date;

  /** Client id of the admin who published this version. */
  @Property({ type: 'text' })
  publishedBy!: string;

  @OneToMany(() => AgreementGrant, (grant) => grant.agreement)
  grants = new Collection<AgreementGrant>(this);
}
