import { Field, ID, ObjectType } from 'type-graphql';
import { PersonView } from './person.type.js';
import { PersonalValueView } from './subject-data.type.js';

@ObjectType('StatutoryDisclosure', {
  description: "A provision without the subjects' consent under a statute, as the register keeps it (PIPA Art. 18(4)): never the values.",
})
export class StatutoryDisclosureView {
  @Field(() => ID)
  id!: string;

  @Field({ description: 'When it was recorded and released.' })
  recordedAt!: Date;

  @Field()
  authority!: string;

  @Field({ description: 'The cited article, a key of `statuteCatalog`.' })
  statute!: string;

  @Field()
  statuteEn!: string;

  @Field()
  statuteKo!: string;

  @Field({ description: "The article's purpose, which the ledger rows carry, e.g. `statutory.investigation`." })
  purpose!: string;

  @Field()
  documentNumber!: string;

  @Field({ description: '`YYYY-MM-DD`.' })
  documentDate!: string;

  @Field(() => [String])
  shopSubjectIds!: string[];

  @Field(() => [String], { description: 'Item keys released, in catalog order.' })
  items!: string[];

  @Field({ description: 'The admin client the approver acted through.' })
  approvedBy!: string;

  @Field(() => PersonView, { description: 'The person who approved the release.' })
  approvedByPerson!: PersonView;

  @Field(() => String, { nullable: true, description: 'The Seoul day until which the subject report leaves it out; null: not deferred.' })
  notifySubjectDeferredUntil!: string | null;

  @Field(() => String, { nullable: true })
  deferralReason!: string | null;
}

@ObjectType('DisclosedSubject', { description: 'The values released of one subject.' })
export class DisclosedSubjectView {
  @Field()
  shopSubjectId!: string;

  @Field(() => [PersonalValueView], { description: 'The items asked for that hold a value, in catalog order.' })
  values!: PersonalValueView[];
}

@ObjectType('StatutoryRelease', {
  description: 'A recorded statutory disclosure and its values, answered only once: the register and the ledger keep the record, never the values.',
})
export class StatutoryReleaseView {
  @Field(() => StatutoryDisclosureView)
  disclosure!: StatutoryDisclosureView;

  @Field(() => [DisclosedSubjectView], { description: 'In the order the input named them.' })
  subjects!: DisclosedSubjectView[];
}
