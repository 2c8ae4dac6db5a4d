import { Field, Int, ObjectType } from 'type-graphql';

// The subject's provision report (PIPA Art. 35) as GraphQL types. Built by @provision/reports and
// mapped field by field in provision-report.mapper.ts; item names only, never values.

@ObjectType('LabelledKey', { description: 'A catalog key (item or purpose) with its English and Korean labels.' })
export class LabelledKeyView {
  @Field()
  key!: string;

  @Field({ description: 'The label in English.' })
  labelEn!: string;

  @Field({ description: 'The label in Korean.' })
  labelKo!: string;

  @Field({ deprecationReason: 'Use `labelEn`: labels are named `<noun>En` / `<noun>Ko` across the schema.' })
  en!: string;

  @Field({ deprecationReason: 'Use `labelKo`: labels are named `<noun>En` / `<noun>Ko` across the schema.' })
  ko!: string;
}

@ObjectType('ProvisionReportRelease', { description: 'One item released under one purpose and agreement version: first and last time, how often.' })
export class ProvisionReportReleaseView {
  @Field(() => LabelledKeyView)
  item!: LabelledKeyView;

  @Field(() => LabelledKeyView)
  purpose!: LabelledKeyView;

  @Field(() => Int, { nullable: true, description: "The partner's agreement version in force at the release." })
  agreementVersion!: number | null;

  @Field()
  firstAt!: Date;

  @Field()
  lastAt!: Date;

  @Field(() => Int)
  times!: number;
}

@ObjectType('ProvisionReportDenial', { description: 'Items the gateway withheld from the partner, by the decision\'s reason.' })
export class ProvisionReportDenialView {
  @Field(() => LabelledKeyView)
  item!: LabelledKeyView;

  @Field({ description: 'PROVISION_DENIED reason, e.g. WINDOW_CLOSED.' })
  reason!: string;

  @Field(() => Int)
  times!: number;

  @Field()
  lastAt!: Date;
}

@ObjectType('ProvisionReportConsent', {
  description: "A consent to a version of the partner's agreement that covered the subject's data: the subject's own, or the orderer's for the subject as receiver.",
})
export class ProvisionReportConsentView {
  @Field()
  shopConsentId!: string;

  @Field({ description: "SUBJECT (the subject's own) or ORDERER (the consent of who ordered with the subject as receiver, which covers the receiver's data)." })
  givenBy!: string;

  @Field(() => Int)
  agreementVersion!: number;

  @Field()
  givenAt!: Date;

  @Field(() => Date, { nullable: true })
  withdrawnAt!: Date | null;
}

@ObjectType('ProvisionReportEngagement', { description: 'An order, subscription or support case through which the partner received the data, and its window now.' })
export class ProvisionReportEngagementView {
  @Field({ description: 'ORDER, SUBSCRIPTION or SUPPORT_CASE.' })
  kind!: string;

  @Field({ description: "The shop's id of the order, subscription or case." })
  shopId!: string;

  @Field({ description: 'Whether the decision would still release something the partner received, now.' })
  windowOpen!: boolean;

  @Field(() => Date, { nullable: true, description: 'When the window closes (or closed) by the retention rule in force and the partnership; null while open-ended.' })
  windowClosesAt!: Date | null;

  @Field(() => String, { nullable: true, description: 'Why nothing is provided any more (a PROVISION_DENIED reason); null while open.' })
  closedReason!: string | null;
}

@ObjectType('ProvisionReportNotice', { description: 'A notice sent to the partner about the subject (or about everything it holds).' })
export class ProvisionReportNoticeView {
  @Field({ description: 'window-closed, partnership-terminated, consent-withdrawn, subject-corrected or processing-suspended.' })
  type!: string;

  @Field()
  createdAt!: Date;

  @Field(() => Date, { nullable: true })
  deliveredAt!: Date | null;

  @Field({ description: 'PENDING (being delivered, retried with back-off), DELIVERED, or DEAD (given up; the shop re-queues it).' })
  state!: string;

  @Field(() => Int, { description: 'Delivery attempts so far.' })
  attempts!: number;

  @Field({ description: 'Whether the notice asks the partner to destroy data.' })
  asksForDestruction!: boolean;

  @Field(() => Date, { nullable: true })
  acknowledgedAt!: Date | null;

  @Field(() => Date, { nullable: true, description: 'When the partner says it destroyed the data.' })
  destroyedAt!: Date | null;

  @Field(() => String, { nullable: true })
  destructionMethod!: string | null;
}

@ObjectType('ProvisionReportPartner', { description: 'One partner that received personal data of the subject.' })
export class ProvisionReportPartnerView {
  @Field()
  code!: string;

  @Field({ description: "The partner's name in Korean." })
  nameKo!: string;

  @Field({ description: "The partner's name in English." })
  nameEn!: string;

  @Field({ description: 'RECIPIENT or CONSIGNEE.' })
  kind!: string;

  @Field({ description: 'SELLER, CUSTOMS_BROKER, SERVICE_PROVIDER or SUPPORT.' })
  role!: string;

  @Field({ description: 'ISO 3166-1 alpha-2; anything but KR is an overseas transfer.' })
  country!: string;

  @Field({ description: 'ACTIVE, SUSPENDED or TERMINATED, now.' })
  status!: string;

  @Field(() => Date, { nullable: true })
  terminatedAt!: Date | null;

  @Field(() => [LabelledKeyView])
  items!: LabelledKeyView[];

  @Field(() => [LabelledKeyView])
  purposes!: LabelledKeyView[];

  @Field()
  firstProvidedAt!: Date;

  @Field()
  lastProvidedAt!: Date;

  @Field(() => [Int])
  agreementVersions!: number[];

  @Field(() => [ProvisionReportReleaseView])
  releases!: ProvisionReportReleaseView[];

  @Field(() => [ProvisionReportConsentView])
  consents!: ProvisionReportConsentView[];

  @Field(() => [ProvisionReportEngagementView])
  engagements!: ProvisionReportEngagementView[];

  @Field({ description: "Open while any engagement's window is." })
  windowOpen!: boolean;

  @Field(() => Date, { nullable: true, description: 'The latest close among the engagements; null while one is open-ended.' })
  windowClosesAt!: Date | null;

  @Field(() => [ProvisionReportDenialView])
  denials!: ProvisionReportDenialView[];

  @Field(() => [ProvisionReportNoticeView])
  notices!: ProvisionReportNoticeView[];
}

@ObjectType('ProvisionReportStatutoryDisclosure', {
  description: 'A provision to an authority under a statute, without consent (PIPA Art. 18(2)): listed once any deferral of the notice by law has ended.',
})
export class ProvisionReportStatutoryDisclosureView {
  @Field({ description: 'The requesting authority.' })
  authority!: string;

  @Field(() => LabelledKeyView, { description: 'The article it rests on (a key of `statuteCatalog`).' })
  statute!: LabelledKeyView;

  @Field(() => LabelledKeyView)
  purpose!: LabelledKeyView;

  @Field({ description: "The date of the authority's document, `YYYY-MM-DD`." })
  documentDate!: string;

  @Field()
  disclosedAt!: Date;

  @Field(() => [LabelledKeyView], { description: 'Items provided (names only), in catalog order.' })
  items!: LabelledKeyView[];
}

@ObjectType('ProvisionReport', { description: "Who received the subject's personal data (PIPA Art. 35): partners, items, purposes, times, consents, windows, notices." })
export class ProvisionReportView {
  @Field()
  shopSubjectId!: string;

  @Field()
  generatedAt!: Date;

  @Field(() => [ProvisionReportPartnerView])
  partners!: ProvisionReportPartnerView[];

  @Field(() => [ProvisionReportStatutoryDisclosureView], {
    description: 'Provision to authorities under a statute, oldest first; one whose notice the law defers is left out until the deferral ends.',
  })
  statutoryDisclosures!: ProvisionReportStatutoryDisclosureView[];
}
