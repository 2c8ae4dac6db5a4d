import { Field, ID, Int, ObjectType } from 'type-graphql';
import { ClientView } from './client.type.js';
import { PersonView } from './person.type.js';
import type { LegalBasis, PartnerKind, PartnerRole, PartnerStatus } from '@provision/domain';
import { LegalBasisEnum, PartnerKindEnum, PartnerRoleEnum, PartnerStatusEnum } from './enums.js';

@ObjectType('Grant', { description: 'One item × purpose that an agreement lets the partner receive.' })
export class GrantView {
  @Field({ description: 'Item key from the item catalog, e.g. `receiver.address`.' })
  item!: string;

  @Field({ description: 'Purpose key from the purpose catalog, e.g. `order.delivery`; covers its children.' })
  purpose!: string;
}

@ObjectType('Agreement', { description: 'An immutable, published version of what a partner may receive.' })
export class AgreementView {
  @Field(() => ID)
  id!: string;

  @Field(() => Int)
  version!: number;

  @Field(() => [GrantView])
  grants!: GrantView[];

  @Field({ description: 'Canonical retention rule, e.g. `P3M after purchase-confirmation`.' })
  retentionRule!: string;

  @Field({ description: 'The retention rule in English words.' })
  retentionEn!: string;

  @Field({ description: 'The retention rule in Korean words.' })
  retentionKo!: string;

  @Field(() => LegalBasisEnum)
  legalBasis!: LegalBasis;

  @Field(() => String, { nullable: true, description: 'STATUTE basis: the cited article (a key of `statuteCatalog`).' })
  statute!: string | null;

  @Field({ description: 'The legal basis in English words, naming the statute (PIPA for consent and consignment).' })
  legalBasisEn!: string;

  @Field({ description: 'The legal basis in Korean words, naming the statute.' })
  legalBasisKo!: string;

  @Field()
  consentRequired!: boolean;

  @Field()
  effectiveFrom!: Date;

  @Field()
  publishedAt!: Date;

  @Field({ description: 'Client id that published the version (with four-eyes publishing: that drafted it).' })
  publishedBy!: string;

  @Field(() => PersonView, { nullable: true, description: 'The person who published (or drafted) it; null for a machine client or the seed.' })
  publishedByPerson!: PersonView | null;

  @Field(() => Date, { nullable: true, description: 'Four-eyes publishing: when a second officer approved the draft.' })
  approvedAt!: Date | null;

  @Field(() => String, { nullable: true, description: "Four-eyes publishing: the approver's client id." })
  approvedBy!: string | null;

  @Field(() => PersonView, { nullable: true, description: 'Four-eyes publishing: the second officer.' })
  approvedByPerson!: PersonView | null;

  @Field(() => Int, { nullable: true, description: 'Most distinct subjects released per Seoul calendar day; null: no ceiling.' })
  dailySubjectCeiling!: number | null;

  @Field(() => Int, { nullable: true, description: "Rate-limit bucket size in subjects; null: the gateway's default." })
  rateCapacity!: number | null;

  @Field(() => Int, { nullable: true, description: "Subjects per minute the bucket refills; null: the gateway's default." })
  rateRefillPerMinute!: number | null;
}

@ObjectType('PartnerStatusChange')
export class PartnerStatusChangeView {
  @Field(() => PartnerStatusEnum)
  status!: PartnerStatus;

  @Field()
  reason!: string;

  @Field()
  effectiveAt!: Date;

  @Field()
  recordedAt!: Date;

  @Field({ description: 'Client id of the admin who recorded the change.' })
  recordedBy!: string;
}

@ObjectType('PrivacyContact', { description: "The partner's privacy officer or contact point." })
export class PrivacyContactView {
  @Field()
  name!: string;

  @Field()
  email!: string;

  @Field(() => String, { nullable: true })
  phone!: string | null;
}

@ObjectType('Partner', { description: 'A recipient, consignee or re-consignee of personal data.' })
export class PartnerView {
  @Field(() => ID)
  id!: string;

  @Field({ description: 'Stable slug, unique among partners.' })
  code!: string;

  @Field({ description: 'The name in Korean.' })
  nameKo!: string;

  @Field({ description: 'The name in English.' })
  nameEn!: string;

  @Field(() => PartnerKindEnum)
  kind!: PartnerKind;

  @Field(() => PartnerRoleEnum)
  role!: PartnerRole;

  @Field(() => ID, { nullable: true, description: 'For a re-consignee: the consignee it works under (Art. 26(6)).' })
  parentId!: string | null;

  @Field(() => String, { nullable: true, description: 'For consignees: the consigned task in Korean, as disclosed.' })
  consignedTaskKo!: string | null;

  @Field(() => String, { nullable: true, description: 'For consignees: the consigned task in English.' })
  consignedTaskEn!: string | null;

  @Field({ description: 'ISO 3166-1 alpha-2 country where the partner processes the data.' })
  country!: string;

  @Field(() => PartnerStatusEnum, { description: 'Status in force now.' })
  status!: PartnerStatus;

  @Field(() => [PartnerStatusChangeView], { description: 'Every status change, oldest first, including planned ones.' })
  statusHistory!: PartnerStatusChangeView[];

  @Field(() => AgreementView, { nullable: true, description: 'The agreement version in force now.' })
  currentAgreement!: AgreementView | null;

  @Field(() => [AgreementView], { description: 'Every published version, newest first.' })
  agreements!: AgreementView[];

  @Field(() => [String], { description: 'Client ids (JWT client_id) currently registered for the partner.' })
  clientIds!: string[];

  @Field(() => [ClientView], { description: "The partner's clients with their scopes, revoked ones included, by client id." })
  clients!: ClientView[];

  @Field(() => PrivacyContactView)
  privacyContact!: PrivacyContactView;

  @Field(() => String, { nullable: true })
  webhookUrl!: string | null;

  @Field()
  registeredAt!: Date;
}

@ObjectType({ description: 'A newly registered or updated partner and a new webhook signing secret, shown only this once.' })
export class PartnerRegistration {
  @Field(() => PartnerView)
  partner!: PartnerView;

  @Field(() => String, {
    nullable: true,
    description:
      'HMAC secret for verifying notices; returned only when one was made: at registration with a webhook URL, and when an update gave the partner its first webhook URL.',
  })
  webhookSecret!: string | null;
}

@ObjectType({ description: "A partner's new webhook secret, shown only this once, and how long the old one still signs." })
export class WebhookSecretRotation {
  @Field(() => PartnerView)
  partner!: PartnerView;

  @Field({ description: 'The new secret (its UTF-8 text is the HMAC key).' })
  webhookSecret!: string;

  @Field({ description: 'The new secret as Standard Webhooks libraries take it: `whsec_` + base64.' })
  webhookSigningSecret!: string;

  @Field({ description: 'Until then every notice carries two signatures, with the new and the old secret.' })
  previousSignsUntil!: Date;
}
