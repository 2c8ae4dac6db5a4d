import { Field, Float, Int, ObjectType } from 'type-graphql';
import type { FindingCode, FindingSeverity } from '@provision/review';
import { AccessChangeKindEnum, FindingCodeEnum, FindingSeverityEnum } from './enums.js';
import type { AccessChangeKind } from '@provision/db';
import { PersonView } from './person.type.js';

@ObjectType('ReviewFinding', { description: 'Something the privacy officer should look at, explained in both languages.' })
export class ReviewFindingView {
  @Field(() => FindingCodeEnum)
  code!: FindingCode;

  @Field(() => FindingSeverityEnum)
  severity!: FindingSeverity;

  @Field({ description: 'The finding explained in English.' })
  explanationEn!: string;

  @Field({ description: 'The finding explained in Korean.' })
  explanationKo!: string;

  @Field({ deprecationReason: 'Use `explanationEn`: texts are named `<noun>En` / `<noun>Ko` across the schema.' })
  en!: string;

  @Field({ deprecationReason: 'Use `explanationKo`: texts are named `<noun>En` / `<noun>Ko` across the schema.' })
  ko!: string;
}

@ObjectType('ReviewReasonCount')
export class ReviewReasonCountView {
  @Field({ description: 'The decision\'s denial reason, e.g. `SCOPE_MISSING`.' })
  reason!: string;

  @Field(() => Int)
  count!: number;
}

@ObjectType('ReviewItemPurposeVolume', { description: 'Releases and denials of one item for one purpose in the month.' })
export class ReviewItemPurposeVolumeView {
  @Field()
  item!: string;

  @Field()
  purpose!: string;

  @Field(() => Int, { description: 'Ledger records in which the item was released.' })
  released!: number;

  @Field(() => Int, { description: 'Ledger records in which the item was denied.' })
  denied!: number;

  @Field(() => [ReviewReasonCountView])
  denialsByReason!: ReviewReasonCountView[];
}

@ObjectType('ReviewMonthFigures', { description: "One month's figures of a partner." })
export class ReviewMonthFiguresView {
  @Field({ description: '`YYYY-MM` (Seoul calendar).' })
  month!: string;

  @Field(() => Int)
  itemsReleased!: number;

  @Field(() => Int)
  itemsDenied!: number;

  @Field(() => Float, { nullable: true, description: 'itemsDenied / (itemsReleased + itemsDenied); null without decisions.' })
  denialRate!: number | null;

  @Field(() => Int, { description: 'Distinct subjects with at least one item released.' })
  subjectsRead!: number;

  @Field(() => Int, { description: 'Of those, subjects the partner had not read in the 6 months before.' })
  newSubjects!: number;
}

@ObjectType('ReviewTotals')
export class ReviewTotalsView extends ReviewMonthFiguresView {
  @Field(() => Int, { description: 'Distinct requests.' })
  requests!: number;

  @Field(() => Int, { description: 'Ledger records: one per subject per request.' })
  records!: number;

  @Field(() => Int, { description: 'Ledger records with at least one item released.' })
  releases!: number;

  @Field(() => Int, { description: 'Distinct subjects in any record, released or only denied.' })
  subjectsTouched!: number;

  @Field(() => Int, { description: 'Releases from 00:00 to 06:00 Seoul time.' })
  oddHourReleases!: number;

  @Field(() => Float, { nullable: true })
  oddHourShare!: number | null;
}

@ObjectType('ReviewBaseline', { description: "The partner's own previous 3 months." })
export class ReviewBaselineView {
  @Field(() => [ReviewMonthFiguresView])
  months!: ReviewMonthFiguresView[];

  @Field(() => Float)
  newSubjectsAverage!: number;

  @Field(() => Float, { nullable: true, description: 'Pooled over the baseline months.' })
  denialRate!: number | null;
}

@ObjectType('ReviewAccessChange')
export class ReviewAccessChangeView {
  @Field()
  at!: Date;

  @Field(() => AccessChangeKindEnum)
  kind!: AccessChangeKind;

  @Field()
  actor!: string;

  @Field(() => String, { nullable: true })
  clientId!: string | null;
}

@ObjectType('ReviewSignOff', { description: "The privacy officer's sign-off of a review: who, when, which revision, comment and follow-ups." })
export class ReviewSignOffView {
  @Field()
  signedAt!: Date;

  @Field({ description: 'Client id the officer signed in through.' })
  signedBy!: string;

  @Field(() => PersonView)
  signedByPerson!: PersonView;

  @Field(() => Int, { description: 'The revision of the report that was signed.' })
  revision!: number;

  @Field()
  comment!: string;

  @Field(() => [String], { description: 'Follow-up actions decided, one per line.' })
  followUps!: string[];
}

@ObjectType('ReviewReport', {
  description: "A partner's monthly access review (PIPA Safety Standards Art. 8). HTML: GET /admin/review-reports/<partnerCode>/<month>?lang=ko|en.",
})
export class ReviewReportView {
  @Field()
  partnerCode!: string;

  @Field({ description: "The partner's name in Korean." })
  partnerName!: string;

  @Field({ description: "The partner's name in English (reports generated before names in two languages repeat the one name)." })
  partnerNameEn!: string;

  @Field({ description: '`YYYY-MM` (Seoul calendar).' })
  month!: string;

  @Field({ description: 'The month\'s first instant.' })
  periodFrom!: Date;

  @Field({ description: 'The next month\'s first instant (exclusive).' })
  periodTo!: Date;

  @Field({ description: 'Whether the month had ended when the report was generated.' })
  complete!: boolean;

  @Field()
  generatedAt!: Date;

  @Field({ description: "The admin's client id, or `worker:monthly-review`." })
  generatedBy!: string;

  @Field(() => Int, { description: '1, counted up by every regeneration.' })
  revision!: number;

  @Field(() => [ReviewFindingView])
  findings!: ReviewFindingView[];

  @Field(() => ReviewTotalsView)
  totals!: ReviewTotalsView;

  @Field(() => ReviewBaselineView)
  baseline!: ReviewBaselineView;

  @Field(() => [ReviewItemPurposeVolumeView])
  byItemPurpose!: ReviewItemPurposeVolumeView[];

  @Field(() => [ReviewReasonCountView])
  denialsByReason!: ReviewReasonCountView[];

  @Field(() => [ReviewAccessChangeView])
  accessChanges!: ReviewAccessChangeView[];

  @Field(() => [ReviewSignOffView], { description: 'Sign-offs, newest first.' })
  signOffs!: ReviewSignOffView[];

  @Field({ description: 'Whether the current revision has been signed off.' })
  signedOff!: boolean;
}
