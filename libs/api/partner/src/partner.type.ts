import { Field, ID, Int, ObjectType } from 'type-graphql';
import type { DenialReason, OrderStatus } from '@provision/domain';
import { OrderStatusEnum } from '@provision/api-core';
import { DenialReasonEnum } from './enums.js';
import { PersonalField } from './personal-field.js';
import { PurposeCodeScalar } from './purpose-code.scalar.js';
import { PROVISION_HANDLE, type HoldsPersonalData, type ProvisionHandle } from './provision-handle.js';

// Personal fields are declared, never filled: the personal-data guard resolves each one from the
// view's provision handle after the decision released it, and records the decision in the ledger.

/** Base of every view with `@personal` fields: it carries the provision handle, never the values. */
// Decorated so its subclasses inherit its fields; no field returns it, so it is not in the schema.
@ObjectType()
class PersonalDataView implements HoldsPersonalData {
  [PROVISION_HANDLE]: ProvisionHandle;

  constructor(handle: ProvisionHandle) {
    this[PROVISION_HANDLE] = handle;
  }
}

/** The contact items that service partners (KT's recipient table) and call-center consignees receive. */
@ObjectType()
class SubjectContactView extends PersonalDataView {
  @PersonalField('memberId')
  memberId?: string | null;

  @PersonalField('name')
  name?: string | null;

  @PersonalField('mobile')
  mobile?: string | null;

  @PersonalField('email')
  email?: string | null;
}

@ObjectType('Receiver', { description: 'The receiver of a delivery.' })
export class ReceiverView extends PersonalDataView {
  @PersonalField('receiver.name')
  name?: string | null;

  @PersonalField('receiver.phone')
  phone?: string | null;

  @PersonalField('receiver.address')
  address?: string | null;

  @PersonalField('customsCode', 'Format: P and 12 digits.')
  customsCode?: string | null;
}

@ObjectType('Buyer', { description: 'The person who placed the order.' })
export class BuyerView extends PersonalDataView {
  @PersonalField('name')
  name?: string | null;

  @PersonalField('mobile')
  mobile?: string | null;

  @PersonalField('email')
  email?: string | null;
}

const QUALIFIED_ID =
  'Cache identity: the entity as released for the declared purpose (`<entity id>@<purpose>`), so a normalized client cache keeps what one purpose released apart from another. Not the entity id: see docs/partners.md, "Caching".';

@ObjectType('Order', { description: 'An order the calling partner is engaged in (as seller or customs broker).' })
export class OrderView {
  @Field(() => ID, { description: QUALIFIED_ID })
  id!: string;

  @Field(() => ID, { description: "The order's own id, as notices name it (`orders[].id`); `order(id:)` takes it too." })
  orderId!: string;

  @Field({ description: "The shop's order number." })
  shopOrderId!: string;

  @Field(() => OrderStatusEnum)
  status!: OrderStatus;

  @Field()
  orderedAt!: Date;

  @Field(() => Date, { nullable: true, description: 'Anchor of the seller window (e.g. 3 months after it).' })
  purchaseConfirmedAt!: Date | null;

  @Field(() => Date, { nullable: true, description: 'When the delivery completed: anchor of windows `… after delivery-completion`.' })
  deliveredAt!: Date | null;

  @Field(() => Date, {
    nullable: true,
    description: 'When provision of this order closes under the agreement in force; null while it has no end yet.',
  })
  provisionClosesAt!: Date | null;

  @Field(() => ReceiverView)
  receiver!: ReceiverView;

  @Field(() => BuyerView)
  buyer!: BuyerView;
}

@ObjectType('PageInfo')
export class PageInfoView {
  @Field()
  hasNextPage!: boolean;

  @Field(() => String, { nullable: true, description: 'Pass as `after` to get the next page.' })
  endCursor!: string | null;
}

@ObjectType('OrderConnection')
export class OrderConnection {
  @Field(() => [OrderView])
  nodes!: OrderView[];

  @Field(() => PageInfoView)
  pageInfo!: PageInfoView;
}

@ObjectType('Subscriber', { description: "A subject subscribed to the calling partner's service." })
export class SubscriberView extends SubjectContactView {
  @Field(() => ID, { description: 'The subscription id (not a personal identifier).' })
  subscriptionId!: string;

  @Field(() => PurposeCodeScalar)
  purpose!: string;

  @Field()
  startedAt!: Date;

  @Field(() => Date, { nullable: true })
  endedAt!: Date | null;

  @PersonalField('companyName')
  companyName?: string | null;
}

@ObjectType('SubscriberConnection')
export class SubscriberConnection {
  @Field(() => [SubscriberView])
  nodes!: SubscriberView[];

  @Field(() => PageInfoView)
  pageInfo!: PageInfoView;
}

@ObjectType('SupportCase', { description: 'A case the shop handed to the calling consignee, with the subject it concerns.' })
export class SupportCaseView extends SubjectContactView {
  @Field(() => ID, { description: QUALIFIED_ID })
  id!: string;

  @Field(() => ID, { description: "The case's own id, as notices name it (`supportCases[].id`)." })
  caseId!: string;

  @Field({ description: "The shop's case number." })
  shopCaseId!: string;

  @Field(() => PurposeCodeScalar)
  purpose!: string;

  @Field()
  openedAt!: Date;

  @Field(() => Date, { nullable: true })
  closedAt!: Date | null;
}

@ObjectType('SupportCaseConnection')
export class SupportCaseConnection {
  @Field(() => [SupportCaseView])
  nodes!: SupportCaseView[];

  @Field(() => PageInfoView)
  pageInfo!: PageInfoView;
}

/** The largest page a partner may ask for. */
export const MAX_PAGE_SIZE = 100;
export const DEFAULT_PAGE_SIZE = 20;

@ObjectType('ProvisionGrant')
export class ProvisionGrantView {
  @Field()
  item!: string;

  @Field(() => PurposeCodeScalar)
  purpose!: string;

  @Field({ description: 'Whether the token carries the `pii:<item>` scope needed to ask for the item.' })
  scopeGranted!: boolean;
}

@ObjectType('PartnerPurpose', { description: 'A purpose the calling partner may declare with @purpose, with its labels.' })
export class PartnerPurposeView {
  @Field(() => PurposeCodeScalar)
  key!: string;

  @Field(() => PurposeCodeScalar, { nullable: true, description: 'The group it belongs to; declaring the group is a different purpose.' })
  parent!: string | null;

  @Field({ description: 'The label in English.' })
  labelEn!: string;

  @Field({ description: 'The label in Korean.' })
  labelKo!: string;
}

@ObjectType('ProvisionScope', { description: 'What the calling partner may ask for, and until when.' })
export class ProvisionScopeView {
  @Field()
  partnerCode!: string;

  @Field({ description: 'Your name as the registry holds it, in Korean.' })
  partnerName!: string;

  @Field(() => Int, { nullable: true, description: 'Version of the agreement in force; null when none.' })
  agreementVersion!: number | null;

  @Field(() => [ProvisionGrantView])
  grants!: ProvisionGrantView[];

  @Field(() => [PartnerPurposeView], {
    description: 'The purposes you may declare: those the grants name and their children, in catalog order. Empty without an agreement in force.',
  })
  purposes!: PartnerPurposeView[];

  @Field(() => String, { nullable: true })
  retentionRule!: string | null;

  @Field(() => String, { nullable: true, description: 'The retention rule in English words.' })
  retentionEn!: string | null;

  @Field(() => String, { nullable: true, description: 'The retention rule in Korean words.' })
  retentionKo!: string | null;

  @Field(() => Boolean, { nullable: true })
  consentRequired!: boolean | null;

  @Field({ description: 'False once the partnership is terminated or while it is suspended: nothing is released.' })
  windowOpen!: boolean;

  @Field(() => Date, { nullable: true, description: 'A planned or past termination; every window closes then.' })
  terminatesAt!: Date | null;

  @Field(() => [String], { description: 'The scopes of the calling token, as the gateway accepted them.' })
  scopes!: string[];

  @Field(() => Int, {
    nullable: true,
    description: 'Most distinct subjects released per Seoul calendar day; beyond it fields are denied DAILY_CEILING_REACHED. Null: no ceiling.',
  })
  dailySubjectCeiling!: number | null;

  @Field(() => Int, { nullable: true, description: "The agreement's rate-limit bucket size in subjects; null: the gateway's default." })
  rateCapacity!: number | null;

  @Field(() => Int, { nullable: true, description: "Subjects per minute the bucket refills; null: the gateway's default." })
  rateRefillPerMinute!: number | null;

  @Field(() => [DenialReasonEnum], {
    description: 'Every reason a personal field can be denied with (`extensions.reason` of a PROVISION_DENIED error).',
  })
  denialReasons!: DenialReason[];
}
