import { Field, ID, ObjectType } from 'type-graphql';

@ObjectType('ShopSubscription', { description: "A subject's subscription to a partner's service." })
export class SubscriptionView {
  @Field(() => ID)
  id!: string;

  @Field()
  shopSubscriptionId!: string;

  @Field()
  shopSubjectId!: string;

  @Field()
  partnerCode!: string;

  @Field()
  purpose!: string;

  @Field()
  startedAt!: Date;

  @Field(() => Date, { nullable: true })
  endedAt!: Date | null;
}

@ObjectType('ShopSupportCase', { description: 'A support case handed to a consignee.' })
export class SupportCaseView {
  @Field(() => ID)
  id!: string;

  @Field()
  shopCaseId!: string;

  @Field()
  shopSubjectId!: string;

  @Field()
  partnerCode!: string;

  @Field(() => String, { nullable: true })
  shopOrderId!: string | null;

  @Field()
  purpose!: string;

  @Field()
  openedAt!: Date;

  @Field(() => Date, { nullable: true })
  closedAt!: Date | null;
}
