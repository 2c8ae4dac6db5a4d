import { Field, ID, Int, ObjectType } from 'type-graphql';
import type { NoticeState } from '@provision/db';
import { NoticeStatusEnum } from './enums.js';
import { PrivacyContactView } from './partner.type.js';
import { PersonView } from './person.type.js';

@ObjectType('Notice', {
  description: 'A notice to a partner in the outbox, with its delivery and acknowledgement. The payload is not shown: a correction carries personal values.',
})
export class NoticeView {
  @Field(() => ID, { description: 'Stable across delivery attempts; partners de-duplicate and confirm by it.' })
  id!: string;

  @Field(() => ID)
  partnerId!: string;

  @Field()
  partnerCode!: string;

  @Field({ description: 'window-closed, partnership-terminated, consent-withdrawn, subject-corrected or processing-suspended.' })
  type!: string;

  @Field(() => String, { nullable: true, description: 'The subject the notice is about, by the shop id; null for partner-wide notices.' })
  shopSubjectId!: string | null;

  @Field(() => NoticeStatusEnum)
  status!: NoticeState;

  @Field()
  createdAt!: Date;

  @Field(() => Int)
  attempts!: number;

  @Field()
  nextAttemptAt!: Date;

  @Field(() => Date, { nullable: true })
  deliveredAt!: Date | null;

  @Field(() => String, { nullable: true, description: 'The last delivery failure (status code or transport error).' })
  lastError!: string | null;

  @Field({ description: 'Whether the notice asks the partner to destroy data (and so to confirm it).' })
  asksDestruction!: boolean;

  @Field(() => Date, {
    nullable: true,
    description: 'When destruction became due: the notice time, or a later termination time. Null when no destruction is asked.',
  })
  destructionDueFrom!: Date | null;

  @Field(() => Date, { nullable: true })
  acknowledgedAt!: Date | null;

  @Field(() => String, { nullable: true, description: "Who recorded the acknowledgement: the partner's client id, or an admin's." })
  acknowledgedBy!: string | null;

  @Field(() => PersonView, { nullable: true, description: 'The admin person who recorded the evidence (recordDestruction from the console).' })
  acknowledgedByPerson!: PersonView | null;

  @Field(() => Date, { nullable: true, description: 'When the partner says it destroyed the data.' })
  destroyedAt!: Date | null;

  @Field(() => String, { nullable: true, description: 'DELETED, ANONYMIZED, RETURNED or SHREDDED.' })
  destructionMethod!: string | null;
}

@ObjectType('PartnerOverdueDestructions', {
  description: "One partner's destruction notices left unconfirmed past the deadline, oldest first.",
})
export class OverdueDestructionsView {
  @Field(() => ID)
  partnerId!: string;

  @Field()
  partnerCode!: string;

  @Field({ description: "The partner's name in Korean." })
  partnerName!: string;

  @Field({ description: "The partner's name in English." })
  partnerNameEn!: string;

  @Field(() => PrivacyContactView, { description: 'Whom to chase.' })
  privacyContact!: PrivacyContactView;

  @Field(() => Int)
  count!: number;

  @Field({ description: 'When the oldest of them became due.' })
  oldestDueFrom!: Date;

  @Field(() => [NoticeView])
  notices!: NoticeView[];
}
