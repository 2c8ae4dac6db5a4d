import { Field, ID, ObjectType } from 'type-graphql';

@ObjectType('ShopProcessingSuspension', {
  description: "A subject's suspension of processing (PIPA Art. 37) towards one partner or all. The reason is not echoed.",
})
export class ProcessingSuspensionView {
  @Field(() => ID)
  id!: string;

  @Field()
  shopSubjectId!: string;

  @Field(() => String, { nullable: true, description: 'The partner it applies to; null: every partner.' })
  partnerCode!: string | null;

  @Field()
  requestedAt!: Date;

  @Field(() => Date, { nullable: true })
  resumedAt!: Date | null;
}

@ObjectType('ShopCorrection', { description: "A subject's correction request (PIPA Art. 36); its items are withheld while it is pending." })
export class CorrectionView {
  @Field(() => ID)
  id!: string;

  @Field()
  shopSubjectId!: string;

  @Field(() => [String], { description: 'Item keys under correction, including the items that read the same stored value.' })
  items!: string[];

  @Field()
  requestedAt!: Date;

  @Field(() => Date, { nullable: true, description: 'When the correction was applied; null while pending.' })
  appliedAt!: Date | null;
}
