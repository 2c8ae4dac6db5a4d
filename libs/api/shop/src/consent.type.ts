import { Field, ID, Int, ObjectType } from 'type-graphql';
import type { ConsentChannel } from '@provision/domain';
import { ConsentChannelEnum } from './enums.js';

@ObjectType('ShopConsent', { description: "A subject's consent to one agreement version." })
export class ConsentView {
  @Field(() => ID)
  id!: string;

  @Field()
  shopConsentId!: string;

  @Field()
  shopSubjectId!: string;

  @Field()
  partnerCode!: string;

  @Field(() => Int)
  agreementVersion!: number;

  @Field(() => ConsentChannelEnum)
  channel!: ConsentChannel;

  @Field()
  wordingHash!: string;

  @Field()
  givenAt!: Date;

  @Field(() => Date, { nullable: true })
  withdrawnAt!: Date | null;

  @Field({ description: "Whether a legal representative consented (their name is personal data and is not echoed)." })
  legalRepresentativeRecorded!: boolean;
}
