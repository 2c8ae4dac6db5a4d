import { ArrayMaxSize, IsOptional, IsUUID, MaxLength, ValidateNested } from 'class-validator';
import { Field, ID, InputType, Int } from 'type-graphql';
import { IsPlainText } from '@provision/api-core';
import type { LegalBasis } from '@provision/domain';
import { LegalBasisEnum } from './enums.js';

@InputType()
export class GrantInput {
  @Field({ description: 'Item key, e.g. `receiver.address`.' })
  @MaxLength(100)
  item!: string;

  @Field({ description: 'Purpose key, e.g. `order.delivery`.' })
  @MaxLength(100)
  purpose!: string;
}

@InputType()
export class PublishAgreementInput {
  @Field(() => ID)
  @IsUUID('all', { message: 'partnerId must be a partner id' })
  partnerId!: string;

  @Field(() => [GrantInput], { description: 'Item × purpose pairs; at least one.' })
  @ArrayMaxSize(200)
  @ValidateNested({ each: true })
  grants!: GrantInput[];

  @Field({ description: 'e.g. `P3M after purchase-confirmation`, `until partnership-termination`, `until 2027-12-31`.' })
  @IsPlainText(200)
  retentionRule!: string;

  @Field(() => LegalBasisEnum)
  legalBasis!: LegalBasis;

  @Field(() => String, {
    nullable: true,
    description: 'STATUTE basis only, and required for it: the article it rests on, a key of `statuteCatalog` (e.g. `customs-act.art-241`).',
  })
  @IsOptional()
  @MaxLength(100)
  statute?: string | null;

  @Field()
  consentRequired!: boolean;

  @Field(() => Date, { nullable: true, description: 'When the version takes effect; now when omitted.' })
  @IsOptional()
  effectiveFrom?: Date | null;

  @Field(() => Int, { nullable: true, description: 'Most distinct subjects released per Seoul calendar day; no ceiling when omitted.' })
  @IsOptional()
  dailySubjectCeiling?: number | null;

  @Field(() => Int, { nullable: true, description: "Rate-limit bucket size in subjects; the gateway's default when omitted." })
  @IsOptional()
  rateCapacity?: number | null;

  @Field(() => Int, { nullable: true, description: "Subjects per minute the bucket refills; the gateway's default when omitted." })
  @IsOptional()
  rateRefillPerMinute?: number | null;
}
