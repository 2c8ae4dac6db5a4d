import { Field, ID, ObjectType } from 'type-graphql';
import { DestructionMethodEnum, type DestructionMethod } from './enums.js';

@ObjectType('DestructionConfirmation', { description: "The gateway's record of a partner's confirmed destruction." })
export class DestructionConfirmationView {
  @Field(() => ID)
  noticeId!: string;

  @Field({ description: 'The notice type, as in the webhook body.' })
  type!: string;

  @Field({ description: 'When the notice was issued.' })
  noticeCreatedAt!: Date;

  @Field({ description: 'When the gateway recorded the confirmation.' })
  acknowledgedAt!: Date;

  @Field({ description: "Client id that recorded it: the partner's own, or an admin's for evidence given another way." })
  acknowledgedBy!: string;

  @Field()
  destroyedAt!: Date;

  @Field(() => DestructionMethodEnum)
  method!: DestructionMethod;
}
