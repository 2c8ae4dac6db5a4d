import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { enumOf } from '@provision/api-core';
import { DRAFT_STATES, type DraftState } from '@provision/db';
import type { LegalBasis } from '@provision/domain';
import { LegalBasisEnum } from './enums.js';
import { GrantView } from './partner.type.js';
import { PersonView } from './person.type.js';

export const DraftStatusEnum = enumOf(DRAFT_STATES);
registerEnumType(DraftStatusEnum, {
  name: 'AgreementDraftStatus',
  description: 'PENDING (awaiting approval), APPROVED (published as a version), REJECTED (by another officer), WITHDRAWN (by its drafter).',
});

@ObjectType('AgreementFieldChange', { description: 'A term that differs from the version in force, as text.' })
export class AgreementFieldChangeView {
  @Field({ description: 'e.g. `retentionRule`, `legalBasis`, `consentRequired`, `dailySubjectCeiling`.' })
  field!: string;

  @Field(() => String, { nullable: true, description: 'In the version in force; null when none is in force or the term is unset.' })
  before!: string | null;

  @Field(() => String, { nullable: true })
  after!: string | null;
}

@ObjectType('ConsentGap', {
  description:
    "A grant the draft adds and how many active consents to the partner's versions do not cover it: those subjects' items are denied CONSENT_MISSING for it until they consent again (PIPA Art. 17(2)).",
})
export class ConsentGapView {
  @Field()
  item!: string;

  @Field()
  purpose!: string;

  @Field(() => Int)
  consents!: number;
}

@ObjectType('AgreementDiff', { description: 'A draft against the version in force now.' })
export class AgreementDiffView {
  @Field(() => [GrantView], { description: 'Grants the version in force does not cover.' })
  addedGrants!: GrantView[];

  @Field(() => [GrantView], { description: 'Grants of the version in force the draft drops.' })
  removedGrants!: GrantView[];

  @Field(() => [AgreementFieldChangeView])
  changes!: AgreementFieldChangeView[];

  @Field(() => [ConsentGapView], { description: 'Empty when the draft needs no consent or adds nothing.' })
  consentGaps!: ConsentGapView[];
}

@ObjectType('AgreementDraft', {
  description: 'A proposed agreement version (four-eyes publishing): drafted by one officer, published when another approves it.',
})
export class AgreementDraftView {
  @Field(() => ID)
  id!: string;

  @Field(() => ID)
  partnerId!: string;

  @Field()
  partnerCode!: string;

  @Field(() => DraftStatusEnum)
  status!: DraftState;

  @Field(() => Int, { nullable: true, description: 'The version in force when it was drafted.' })
  baseVersion!: number | null;

  @Field(() => [GrantView])
  grants!: GrantView[];

  @Field()
  retentionRule!: string;

  @Field({ description: 'The retention rule in English words.' })
  retentionEn!: string;

  @Field({ description: 'The retention rule in Korean words.' })
  retentionKo!: string;

  @Field(() => LegalBasisEnum)
  legalBasis!: LegalBasis;

  @Field(() => String, { nullable: true })
  statute!: string | null;

  @Field()
  consentRequired!: boolean;

  @Field(() => Date, { nullable: true, description: 'Null: effective when approved.' })
  effectiveFrom!: Date | null;

  @Field(() => Int, { nullable: true })
  dailySubjectCeiling!: number | null;

  @Field(() => Int, { nullable: true })
  rateCapacity!: number | null;

  @Field(() => Int, { nullable: true })
  rateRefillPerMinute!: number | null;

  @Field()
  draftedAt!: Date;

  @Field()
  draftedBy!: string;

  @Field(() => PersonView, { nullable: true })
  draftedByPerson!: PersonView | null;

  @Field(() => Date, { nullable: true })
  decidedAt!: Date | null;

  @Field(() => String, { nullable: true })
  decidedBy!: string | null;

  @Field(() => PersonView, { nullable: true })
  decidedByPerson!: PersonView | null;

  @Field(() => String, { nullable: true, description: 'Why it was rejected or withdrawn.' })
  decisionReason!: string | null;

  @Field(() => Int, { nullable: true, description: 'The version it became, once approved.' })
  publishedVersion!: number | null;
}
