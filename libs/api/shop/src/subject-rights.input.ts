import { ArrayMaxSize, ArrayMinSize, IsOptional, IsUUID, MaxLength, ValidateNested } from 'class-validator';
import { Field, ID, InputType } from 'type-graphql';
import { IsPartnerCode, IsShopId } from './input-formats.js';
import { SubjectItemsInput } from './subject.input.js';
import { IsPlainText } from '@provision/api-core';

// The data subject's rights that reach partners: suspension of processing (PIPA Art. 37) and
// correction (Art. 36; seeds MIKMIK 7.2–7.3, KT Ch. 9 §6).

/** More partners than any subject deals with, few enough to keep one request small. */
const MAX_PARTNERS = 50;

@InputType()
export class SuspendProcessingInput {
  @Field()
  @IsShopId()
  shopSubjectId!: string;

  @Field(() => [String], { nullable: true, description: 'Partners to stop processing for; omitted or empty: every partner.' })
  @IsOptional()
  @ArrayMaxSize(MAX_PARTNERS, { message: `partnerCodes must list at most ${MAX_PARTNERS} partners` })
  @IsPartnerCode({ each: true })
  partnerCodes?: string[] | null;

  @Field({ description: "The subject's request as recorded; kept by the gateway, never sent to partners." })
  @IsPlainText(500)
  reason!: string;

  @Field(() => Date, { nullable: true, description: 'When the subject asked; now when omitted.' })
  @IsOptional()
  requestedAt?: Date | null;
}

@InputType()
export class ResumeProcessingInput {
  @Field()
  @IsShopId()
  shopSubjectId!: string;

  @Field(() => [String], {
    nullable: true,
    description: 'Partners to resume processing for; omitted or empty: lift every suspension of the subject.',
  })
  @IsOptional()
  @ArrayMaxSize(MAX_PARTNERS, { message: `partnerCodes must list at most ${MAX_PARTNERS} partners` })
  @IsPartnerCode({ each: true })
  partnerCodes?: string[] | null;

  @Field(() => Date, { nullable: true, description: 'Now when omitted.' })
  @IsOptional()
  resumedAt?: Date | null;
}

@InputType()
export class RequestCorrectionInput {
  @Field()
  @IsShopId()
  shopSubjectId!: string;

  @Field(() => [String], {
    description:
      'Item keys the subject disputes, e.g. `address`. Every item read from the same stored value is held too (`receiver.address`).',
  })
  @ArrayMinSize(1, { message: 'items must name at least one item' })
  @ArrayMaxSize(20, { message: 'items must name at most 20 items' })
  @MaxLength(100, { each: true, message: 'each item must be at most 100 characters' })
  items!: string[];

  @Field(() => Date, { nullable: true, description: 'When the subject asked; now when omitted.' })
  @IsOptional()
  requestedAt?: Date | null;
}

@InputType()
export class ApplyCorrectionInput {
  @Field()
  @IsShopId()
  shopSubjectId!: string;

  @Field(() => ID, {
    nullable: true,
    description: 'The request this correction answers; omitted: every pending request of the subject naming a corrected item.',
  })
  @IsOptional()
  @IsUUID('all', { message: 'correctionId must be the id of a correction request' })
  correctionId?: string | null;

  @Field(() => SubjectItemsInput, {
    description: 'The corrected values, checked like upsertSubject: omitted items are not corrected, null deletes a value.',
  })
  @ValidateNested()
  values!: SubjectItemsInput;

  @Field(() => Date, { nullable: true, description: 'When the correction was made; now when omitted.' })
  @IsOptional()
  appliedAt?: Date | null;
}
