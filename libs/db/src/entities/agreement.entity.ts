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
@Check({ name: 'agreements_statute_check', expression: "statute is null or legal_basis = 'STATUTE'" })
@Check({
  name: 'agreements_quota_check',
  expression:
    'coalesce(daily_subject_ceiling, 1) >= 1 and coalesce(rate_capacity, 1) >= 1 and coalesce(rate_refill_per_minute, 1) >= 1',
})
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

  /**
   * For a STATUTE basis, the article of the statute catalog it rests on (`customs-act.art-241`).
   * Versions published before the column existed may lack it; no other basis has one.
   */
  @Property({ type: 'text', nullable: true })
  statute: string | null = null;

  @Property({ type: 'boolean' })
  consentRequired!: boolean;

  @Property({ type: 'timestamptz' })
  effectiveFrom!: Date;

  @Property({ type: 'timestamptz' })
  publishedAt!: Date;

  /** Client id of the admin who published this version (with four-eyes publishing: who drafted it). */
  @Property({ type: 'text' })
  publishedBy!: string;

  /** The person who published (or drafted) it; null for a machine client or the seed. */
  @Property({ type: 'text', nullable: true })
  publishedBySub: string | null = null;

  @Property({ type: 'text', nullable: true })
  publishedByName: string | null = null;

  /** With four-eyes publishing: the second officer who approved the draft, and when. */
  @Property({ type: 'timestamptz', nullable: true })
  approvedAt: Date | null = null;

  @Property({ type: 'text', nullable: true })
  approvedBy: string | null = null;

  @Property({ type: 'text', nullable: true })
  approvedBySub: string | null = null;

  @Property({ type: 'text', nullable: true })
  approvedByName: string | null = null;

  /** Most distinct subjects released to the partner per Seoul calendar day; null: no ceiling. */
  @Property({ type: 'integer', nullable: true })
  dailySubjectCeiling: number | null = null;

  /** The partner's rate-limit bucket size in subjects; null: the gateway's `PARTNER_RATE_CAPACITY`. */
  @Property({ type: 'integer', nullable: true })
  rateCapacity: number | null = null;

  /** Subjects per minute the partner's bucket refills; null: the gateway's `PARTNER_RATE_REFILL_PER_MINUTE`. */
  @Property({ type: 'integer', nullable: true })
  rateRefillPerMinute: number | null = null;

  @OneToMany(() => AgreementGrant, (grant) => grant.agreement)
  grants = new Collection<AgreementGrant>(this);
}
