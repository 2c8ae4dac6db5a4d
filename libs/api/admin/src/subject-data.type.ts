import { Field, ObjectType } from 'type-graphql';

@ObjectType('PersonalValue', { description: 'One personal item of a subject, with its stored value.' })
export class PersonalValueView {
  @Field({ description: 'Item key of the catalog, e.g. `mobile`.' })
  item!: string;

  @Field()
  labelEn!: string;

  @Field()
  labelKo!: string;

  @Field({ description: 'The stored value. Personal data: this read is recorded in the provision ledger.' })
  value!: string;
}

@ObjectType('SubjectPersonalData', {
  description:
    "What the shop holds of one subject, as an admin reads it to answer the subject's access request (PIPA Art. 35). Every read is recorded in the provision ledger under the admin's client id and the declared purpose.",
})
export class SubjectPersonalDataView {
  @Field()
  shopSubjectId!: string;

  @Field({ description: 'The purpose the operation declared with @purpose.' })
  purpose!: string;

  @Field(() => [PersonalValueView], { description: 'Items the shop holds a value for, in catalog order; items without a value are left out.' })
  items!: PersonalValueView[];
}
