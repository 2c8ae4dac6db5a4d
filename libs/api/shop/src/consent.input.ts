import { IsOptional, Matches, Max, Min, ValidateNested } from 'class-validator';
import { Field, InputType, Int } from 'type-graphql';
import type { ConsentChannel } from '@provision/domain';
import { ConsentChannelEnum } from './enums.js';
import { IsPartnerCode, IsShopId } from './input-formats.js';
import { IsPlainText } from '@provision/api-core';

@InputType({ description: 'Who consented on behalf of a subject under 14 (PIPA Art. 22-2).' })
export class LegalRepresentativeInput {
  @Field()
  @IsPlainText(100)
  name!: string;

  @Field({ description: 'Relation to the subject, e.g. `mother`, `guardian`.' })
  @IsPlainText(50)
  relation!: string;
}

@InputType()
export class RecordConsentInput {
  @Field({ description: "The shop's own id for this consent record." })
  @IsShopId()
  shopConsentId!: string;

  @Field()
  @IsShopId()
  shopSubjectId!: string;

  @Field({ description: 'The partner the consent is given to.' })
  @IsPartnerCode()
  partnerCode!: string;

  @Field(() => Int, { description: 'The exact agreement version whose wording the subject was shown.' })
  @Min(1, { message: 'agreementVersion must be 1 or more' })
  @Max(1_000_000, { message: 'agreementVersion is out of range' })
  agreementVersion!: number;

  @Field(() => ConsentChannelEnum)
  channel!: ConsentChannel;

  @Field({ description: 'SHA-256 of the wording shown, 64 lowercase hex digits.' })
  @Matches(/^[0-9a-f]{64}$/, { message: 'wordingHash must be 64 lowercase hex digits (SHA-256)' })
  wordingHash!: string;

  @Field(() => Date, { nullable: true, description: 'When the subject consented; now when omitted.' })
  @IsOptional()
  givenAt?: Date | null;

  @Field(() => LegalRepresentativeInput, { nullable: true, description: 'Required when the subject is under 14.' })
  @IsOptional()
  @ValidateNested()
  legalRepresentative?: LegalRepresentativeInput | null;
}

@InputType()
export class WithdrawConsentInput {
  @Field()
  @IsShopId()
  shopConsentId!: string;

  @Field(() => Date, { nullable: true, description: 'When the subject withdrew; now when omitted.' })
  @IsOptional()
  withdrawnAt?: Date | null;
}
