import { IsOptional, MaxLength } from 'class-validator';
import { Field, InputType } from 'type-graphql';
import { IsPartnerCode, IsShopId } from './input-formats.js';

// Subscriptions and support cases: the engagements that bind service providers and consignees to
// a subject, so that they may see it at all.

@InputType()
export class StartSubscriptionInput {
  @Field()
  @IsShopId()
  shopSubscriptionId!: string;

  @Field()
  @IsShopId()
  shopSubjectId!: string;

  @Field({ description: 'An ACTIVE partner with role SERVICE_PROVIDER.' })
  @IsPartnerCode()
  partnerCode!: string;

  @Field({ description: 'Purpose key, e.g. `service.gift-voucher`.' })
  @MaxLength(100, { message: 'purpose must be at most 100 characters' })
  purpose!: string;

  @Field(() => Date, { nullable: true, description: 'Now when omitted.' })
  @IsOptional()
  startedAt?: Date | null;
}

@InputType()
export class EndSubscriptionInput {
  @Field()
  @IsShopId()
  shopSubscriptionId!: string;

  @Field(() => Date, { nullable: true, description: "Now when omitted; anchors retention rules such as 'P6M after subscription-end'." })
  @IsOptional()
  endedAt?: Date | null;
}

@InputType()
export class OpenSupportCaseInput {
  @Field()
  @IsShopId()
  shopCaseId!: string;

  @Field()
  @IsShopId()
  shopSubjectId!: string;

  @Field({ description: 'An ACTIVE consignee handling the case.' })
  @IsPartnerCode()
  partnerCode!: string;

  @Field({ description: 'Purpose key, e.g. `support.call-center`.' })
  @MaxLength(100, { message: 'purpose must be at most 100 characters' })
  purpose!: string;

  @Field(() => String, { nullable: true, description: 'The order the case is about; the subject must be its buyer or receiver.' })
  @IsOptional()
  @IsShopId()
  shopOrderId?: string | null;

  @Field(() => Date, { nullable: true, description: 'Now when omitted.' })
  @IsOptional()
  openedAt?: Date | null;
}

@InputType()
export class CloseSupportCaseInput {
  @Field()
  @IsShopId()
  shopCaseId!: string;

  @Field(() => Date, { nullable: true, description: 'Now when omitted.' })
  @IsOptional()
  closedAt?: Date | null;
}
