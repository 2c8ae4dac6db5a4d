import {
  ArrayMaxSize,
  ArrayMinSize,
  IsOptional,
  IsUrl,
  IsUUID,
  Matches,
  MaxLength,
  ValidateNested,
} from 'class-validator';
import { Field, ID, InputType } from 'type-graphql';
import { IsEmailAddress, IsPlainText, IsPrintableAscii } from '@provision/api-core';
import type { PartnerKind, PartnerRole } from '@provision/domain';
import { PartnerKindEnum, PartnerRoleEnum } from './enums.js';

/** Slugs and client ids: lowercase ASCII, digits and dashes, so they are safe in URLs, logs and tokens. */
export const SLUG = /^[a-z0-9](?:[a-z0-9-]{1,62}[a-z0-9])$/;

/** An optional webhook URL: printable ASCII, absolute, http(s); the registry then refuses plain http beyond localhost. */
function IsWebhookUrl(): PropertyDecorator {
  const rules = [
    IsOptional(),
    MaxLength(2000),
    IsPrintableAscii(),
    IsUrl({ protocols: ['https', 'http'], require_protocol: true, require_tld: false }),
  ];
  return (target, property) => rules.forEach((rule) => rule(target, property));
}

@InputType()
export class PrivacyContactInput {
  @Field()
  @IsPlainText(100)
  name!: string;

  @Field()
  @IsEmailAddress()
  email!: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @Matches(/^\+?[0-9][0-9 -]{5,19}$/, { message: 'phone must be digits, spaces or dashes' })
  phone?: string | null;
}

@InputType()
export class RegisterPartnerInput {
  @Field({ description: 'Stable slug: lowercase letters, digits, dashes (3–64).' })
  @Matches(SLUG, { message: 'code must be 3-64 lowercase letters, digits or dashes' })
  code!: string;

  @Field({ description: 'The name in Korean, as the Korean privacy policy shows it, e.g. `(주)케이티엠하우스`.' })
  @IsPlainText(200)
  nameKo!: string;

  @Field({ description: 'The name in English, e.g. `kt mhows Co., Ltd.`.' })
  @IsPlainText(200)
  nameEn!: string;

  @Field(() => PartnerKindEnum)
  kind!: PartnerKind;

  @Field(() => PartnerRoleEnum)
  role!: PartnerRole;

  @Field(() => ID, { nullable: true, description: 'Registers a re-consignee under this consignee.' })
  @IsOptional()
  @IsUUID('all', { message: 'parentPartnerId must be a partner id' })
  parentPartnerId?: string | null;

  @Field(() => String, { nullable: true, description: 'Consignees only, and required for them: the consigned task in Korean (위탁업무 내용).' })
  @IsOptional()
  @IsPlainText(500)
  consignedTaskKo?: string | null;

  @Field(() => String, { nullable: true, description: 'Consignees only, and required for them: the consigned task in English.' })
  @IsOptional()
  @IsPlainText(500)
  consignedTaskEn?: string | null;

  @Field({ defaultValue: 'KR' })
  @Matches(/^[A-Z]{2}$/, { message: 'country must be an ISO 3166-1 alpha-2 code' })
  country!: string;

  @Field(() => String, { nullable: true, description: 'Ground for overseas transfer (PIPA Art. 28-8), for partners outside KR.' })
  @IsOptional()
  @IsPlainText(500)
  overseasTransferBasis?: string | null;

  @Field(() => PrivacyContactInput)
  @ValidateNested()
  privacyContact!: PrivacyContactInput;

  @Field(() => String, { nullable: true, description: 'HTTPS endpoint for notices (plain HTTP only to localhost).' })
  @IsWebhookUrl()
  webhookUrl?: string | null;

  @Field(() => [String], { description: 'JWT client ids of the partner (1–10).' })
  @ArrayMinSize(1)
  @ArrayMaxSize(10)
  @Matches(SLUG, { each: true, message: 'each client id must be 3-64 lowercase letters, digits or dashes' })
  clientIds!: string[];
}

@InputType()
export class ChangePartnerStatusInput {
  @Field(() => ID)
  @IsUUID('all', { message: 'partnerId must be a partner id' })
  partnerId!: string;

  @Field({ description: 'Why; kept in the status history.' })
  @IsPlainText(500)
  reason!: string;

  @Field(() => Date, { nullable: true, description: 'When the change takes effect; now when omitted.' })
  @IsOptional()
  effectiveAt?: Date | null;
}

@InputType({ description: "A partner's editable details, replaced whole (as the console's edit form sends them)." })
export class UpdatePartnerInput {
  @Field(() => ID)
  @IsUUID('all', { message: 'partnerId must be a partner id' })
  partnerId!: string;

  @Field({ description: 'The name in Korean, as the Korean privacy policy shows it.' })
  @IsPlainText(200)
  nameKo!: string;

  @Field({ description: 'The name in English.' })
  @IsPlainText(200)
  nameEn!: string;

  @Field(() => PrivacyContactInput)
  @ValidateNested()
  privacyContact!: PrivacyContactInput;

  @Field(() => String, {
    nullable: true,
    description: 'HTTPS endpoint for notices (plain HTTP only to localhost); null removes the webhook and its secret.',
  })
  @IsWebhookUrl()
  webhookUrl?: string | null;
}
