import type { Ref } from '@mikro-orm/core';
import { Check, Entity, Enum, Index, ManyToOne, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { randomUUID } from 'node:crypto';
import { Agreement } from './agreement.entity.js';
import { Partner } from './partner.entity.js';
import { DRAFT_STATES, type DraftState } from './vocabulary.js';

/** What a draft proposes, as `publishAgreement` takes it (item and purpose keys, rule text, quotas). */
export interface AgreementDraftContent {
  grants: { item: string; purpose: string }[];
  retentionRule: string;
  legalBasis: string;
  /** STATUTE basis: the article it rests on (a key of the statute catalog). */
  statute: string | null;
  consentRequired: boolean;
  /** ISO 8601; null: effective when approved. */
  effectiveFrom: string | null;
  dailySubjectCeiling: number | null;
  rateCapacity: number | null;
  rateRefillPerMinute: number | null;
}

/**
 * A proposed agreement version under four-eyes publishing: drafted by one officer, it becomes a
 * published version only when a different officer approves it (then `agreement` names the version).
 * A rejected or withdrawn draft stays as the record of what was proposed and who refused it.
 */
@Entity({ tableName: 'agreement_drafts' })
@Index({ properties: ['partner', 'status'] })
@Check({
  name: 'agreement_drafts_decision_check',
  expression: `(status = 'PENDING') = (decided_at is null) and (status = 'APPROVED') = (agreement_id is not null)`,
})
export class AgreementDraft {
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @ManyToOne(() => Partner, { ref: true })
  partner!: Ref<Partner>;

  @Property({ type: 'jsonb' })
  content!: AgreementDraftContent;

  /** The version in force when the draft was made: what its diff was shown against. */
  @Property({ type: 'integer', nullable: true })
  baseVersion: number | null = null;

  @Enum({ items: [...DRAFT_STATES], type: 'text' })
  status: DraftState = 'PENDING';

  @Property({ type: 'timestamptz' })
  draftedAt!: Date;

  @Property({ type: 'text' })
  draftedBy!: string;

  @Property({ type: 'text', nullable: true })
  draftedBySub: string | null = null;

  @Property({ type: 'text', nullable: true })
  draftedByName: string | null = null;

  @Property({ type: 'timestamptz', nullable: true })
  decidedAt: Date | null = null;

  @Property({ type: 'text', nullable: true })
  decidedBy: string | null = null;

  @Property({ type: 'text', nullable: true })
  decidedBySub: string | null = null;

  @Property({ type: 'text', nullable: true })
  decidedByName: string | null = null;

  /** Why it was rejected or withdrawn. */
  @Property({ type: 'text', nullable: true })
  decisionReason: string | null = null;

  /** The published version, once approved. */
  @ManyToOne(() => Agreement, { ref: true, nullable: true })
  agreement: Ref<Agreement> | null = null;
}
