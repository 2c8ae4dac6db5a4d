import { Field, Int, ObjectType } from 'type-graphql';
import type { PartnerKind, PartnerStatus } from '@provision/domain';
import { PartnerKindEnum, PartnerStatusEnum } from './enums.js';
import { PartnerView } from './partner.type.js';

@ObjectType('PartnerCount')
export class PartnerCountView {
  @Field(() => PartnerKindEnum)
  kind!: PartnerKind;

  @Field(() => PartnerStatusEnum, { description: 'Status in force now.' })
  status!: PartnerStatus;

  @Field(() => Int)
  count!: number;
}

@ObjectType('DailyActivity', { description: 'Items released and denied to one partner on one Seoul day.' })
export class DailyActivityView {
  @Field()
  partnerCode!: string;

  @Field({ description: '`YYYY-MM-DD`, Seoul calendar.' })
  day!: string;

  @Field(() => Int)
  releases!: number;

  @Field(() => Int)
  denials!: number;
}

@ObjectType('ConsoleOverview', { description: "What needs the privacy officer's attention: the console's first screen." })
export class OverviewView {
  @Field(() => [PartnerCountView], { description: 'Partners by kind and status in force now.' })
  partners!: PartnerCountView[];

  @Field(() => [DailyActivityView], { description: 'Per partner and day over the last `days` days, oldest first.' })
  activity!: DailyActivityView[];

  @Field(() => Int, { description: 'Destruction notices unconfirmed 5 days after they became due.' })
  overdueDestructions!: number;

  @Field(() => Int, { description: 'Notices the worker gave up on (DEAD).' })
  deadNotices!: number;

  @Field(() => Int, { description: 'Harvest alerts raised over the last `days` days.' })
  harvestAlerts!: number;

  @Field(() => Int, { description: 'Monthly review reports whose current revision has not been signed off.' })
  reviewsAwaitingSignOff!: number;

  @Field(() => Int)
  days!: number;
}

@ObjectType('TerminationPreview', {
  description: 'What terminating a partner now would do, from live data, for the confirmation an officer reads first.',
})
export class TerminationPreviewView {
  @Field(() => PartnerView)
  partner!: PartnerView;

  @Field(() => Int, { description: "Distinct subjects the ledger shows the partner received: the destruction notice covers all of them." })
  subjectsHeld!: number;

  @Field(() => Int)
  ordersHeld!: number;

  @Field(() => [String], { description: 'Re-consignees working under the partner (their own partnerships are not ended by this).' })
  reconsigneeCodes!: string[];

  @Field({ description: 'Whether a webhook is registered; without one the partnership-terminated notice goes DEAD at once and must be sent another way.' })
  webhookConfigured!: boolean;

  @Field()
  alreadyTerminated!: boolean;
}
