import { Field, ID, InputType } from 'type-graphql';
import { DestructionMethodEnum, type DestructionMethod } from './enums.js';

@InputType()
export class ConfirmDestructionInput {
  @Field(() => ID, { description: 'The id of the notice, as delivered to the webhook.' })
  noticeId!: string;

  @Field({ description: 'When the data was destroyed: not before the notice, not in the future.' })
  destroyedAt!: Date;

  @Field(() => DestructionMethodEnum)
  method!: DestructionMethod;
}
