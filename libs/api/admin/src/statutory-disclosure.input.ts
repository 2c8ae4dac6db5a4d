import { ArrayMaxSize, ArrayMinSize, IsOptional, Length, MaxLength } from 'class-validator';
import { Field, InputType } from 'type-graphql';
import { IsPlainText } from '@provision/api-core';
import { ITEM_KEYS, MAX_DISCLOSURE_SUBJECTS } from '@provision/domain';

@InputType({
  description:
    "A provision without the subjects' consent under a statute (PIPA Art. 18(2)2, 7): an authority's request document. Released once, recorded in the register and the ledger.",
})
export class RecordStatutoryDisclosureInput {
  @Field({ description: 'The requesting authority as its document names it, e.g. `서울중앙지방검찰청`, `Seoul Central District Prosecutors\' Office`.' })
  @IsPlainText(200)
  authority!: string;

  @Field({ description: 'The article the request rests on: a citable key of `statuteCatalog` whose purpose is a `statutory` one, e.g. `criminal-procedure-act.art-215`.' })
  @MaxLength(120, { message: 'statute must be at most 120 characters' })
  statute!: string;

  @Field({ description: "The document's number (warrant, request or order number); the same authority's number is released once." })
  @IsPlainText(100)
  documentNumber!: string;

  @Field({ description: "The document's date, `YYYY-MM-DD`, not after today (Seoul)." })
  @MaxLength(10, { message: 'documentDate must be a calendar date YYYY-MM-DD' })
  documentDate!: string;

  @Field(() => [String], { description: `The shop's ids of the subjects the document names (1–${MAX_DISCLOSURE_SUBJECTS}).` })
  @ArrayMinSize(1, { message: 'shopSubjectIds must name at least one subject' })
  @ArrayMaxSize(MAX_DISCLOSURE_SUBJECTS, { message: `shopSubjectIds must name at most ${MAX_DISCLOSURE_SUBJECTS} subjects` })
  @Length(1, 128, { each: true, message: 'each shop subject id must be 1-128 characters' })
  shopSubjectIds!: string[];

  @Field(() => [String], { description: "Items the document asks for: the subject's own items of the item catalog (not `receiver.*`)." })
  @ArrayMinSize(1, { message: 'items must name at least one item' })
  @ArrayMaxSize(ITEM_KEYS.length, { message: `items must name at most ${ITEM_KEYS.length} items` })
  @MaxLength(40, { each: true, message: 'each item must be at most 40 characters' })
  items!: string[];

  @Field(() => String, {
    nullable: true,
    description: 'When the law defers telling the subjects (e.g. during an investigation): the Seoul day `YYYY-MM-DD` until which the subject report leaves it out. Needs `deferralReason`.',
  })
  @IsOptional()
  @MaxLength(10, { message: 'notifySubjectDeferredUntil must be a calendar date YYYY-MM-DD' })
  notifySubjectDeferredUntil?: string | null;

  @Field(() => String, { nullable: true, description: 'The provision of law that defers the notice; given exactly with `notifySubjectDeferredUntil`.' })
  @IsOptional()
  @IsPlainText(500)
  deferralReason?: string | null;
}
