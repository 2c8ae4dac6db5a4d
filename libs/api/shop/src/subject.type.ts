import { Field, ID, ObjectType } from 'type-graphql';
import type { SubjectKind } from '@provision/domain';
import { SubjectKindEnum } from './enums.js';

/**
 * A subject as the gateway holds it, without its personal values: the shop already has them, and
 * echoing them back would only widen their exposure.
 */
@ObjectType('ShopSubject', { description: 'A subject, without its personal values.' })
export class SubjectView {
  @Field(() => ID)
  id!: string;

  @Field()
  shopSubjectId!: string;

  @Field(() => SubjectKindEnum)
  kind!: SubjectKind;

  @Field()
  under14!: boolean;

  @Field(() => [String], { description: 'Keys of the items the gateway holds a value for (never the values).' })
  itemsOnFile!: string[];

  @Field(() => Date, { nullable: true, description: 'When the membership ended; closes every provision window of the subject.' })
  membershipWithdrawnAt!: Date | null;

  @Field()
  createdAt!: Date;

  @Field({ description: 'Last change of the stored values; a replay that changes nothing leaves it as it was.' })
  updatedAt!: Date;
}
