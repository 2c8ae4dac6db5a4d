import { Field, Float, ID, ObjectType } from 'type-graphql';
import type { HarvestAlertKind } from '@provision/db';
import { HarvestAlertKindEnum } from './enums.js';

@ObjectType('HarvestAlert', {
  description: "A partner's day that jumped above its own baseline: a possible harvest of personal data.",
})
export class HarvestAlertView {
  @Field(() => ID)
  id!: string;

  @Field()
  partnerCode!: string;

  @Field({ description: 'Seoul calendar day, `YYYY-MM-DD`.' })
  day!: string;

  @Field(() => HarvestAlertKindEnum)
  kind!: HarvestAlertKind;

  @Field(() => Float, { description: 'Distinct subjects released that day, or denied items per decided item, when the alert was raised.' })
  observed!: number;

  @Field(() => Float, { description: "The partner's median over its active days in the 28 days before." })
  baseline!: number;

  @Field()
  createdAt!: Date;
}
