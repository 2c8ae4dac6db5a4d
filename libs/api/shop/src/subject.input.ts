import { IsOptional, Matches } from 'class-validator';
import { Field, InputType } from 'type-graphql';
import type { SubjectKind } from '@provision/domain';
import { SubjectKindEnum } from './enums.js';
import { IsCalendarDate, IsOpaqueId, IsPhoneNumber, IsShopId } from './input-formats.js';
import { IsEmailAddress, IsPlainText } from '@provision/api-core';

const KEEP_OR_CLEAR = 'Omitted: keeps the stored value. null: clears it.';

/**
 * The personal items of a subject, each optional: an omitted item keeps what the gateway stored,
 * `null` clears it, a value replaces it. `upsertSubject` and `applyCorrection` share these fields,
 * so a corrected value passes exactly the checks a recorded one does.
 */
@InputType({ description: 'Personal items of a subject. Omitted: keeps the stored value. null: clears it.' })
export class SubjectItemsInput {
  @Field(() => String, { nullable: true, description: `Item \`name\`. ${KEEP_OR_CLEAR}` })
  @IsOptional()
  @IsPlainText(100)
  name?: string | null;

  @Field(() => String, { nullable: true, description: `Item \`mobile\`: digits and dashes. ${KEEP_OR_CLEAR}` })
  @IsOptional()
  @IsPhoneNumber()
  mobile?: string | null;

  @Field(() => String, { nullable: true, description: `Item \`phone\`: digits and dashes. ${KEEP_OR_CLEAR}` })
  @IsOptional()
  @IsPhoneNumber()
  phone?: string | null;

  @Field(() => String, { nullable: true, description: `Item \`email\`. ${KEEP_OR_CLEAR}` })
  @IsOptional()
  @IsEmailAddress()
  email?: string | null;

  @Field(() => String, { nullable: true, description: `Item \`address\`, on one line. ${KEEP_OR_CLEAR}` })
  @IsOptional()
  @IsPlainText(300)
  address?: string | null;

  @Field(() => String, { nullable: true, description: `Item \`birthDate\`, \`YYYY-MM-DD\`. ${KEEP_OR_CLEAR}` })
  @IsOptional()
  @IsCalendarDate()
  birthDate?: string | null;

  @Field(() => String, { nullable: true, description: `Item \`gender\`, as the shop codes it (e.g. \`F\`, \`M\`). ${KEEP_OR_CLEAR}` })
  @IsOptional()
  @IsPlainText(20)
  gender?: string | null;

  @Field(() => String, { nullable: true, description: `Item \`memberId\`: the login id at the shop. ${KEEP_OR_CLEAR}` })
  @IsOptional()
  @IsOpaqueId(100)
  memberId?: string | null;

  @Field(() => String, { nullable: true, description: `Item \`companyName\`. ${KEEP_OR_CLEAR}` })
  @IsOptional()
  @IsPlainText(200)
  companyName?: string | null;

  @Field(() => String, {
    nullable: true,
    description: `Item \`customsCode\`, the personal customs clearance code: \`P\` and 12 digits. ${KEEP_OR_CLEAR}`,
  })
  @IsOptional()
  @Matches(/^P[0-9]{12}$/, { message: 'customsCode must be P followed by 12 digits' })
  customsCode?: string | null;

  @Field(() => String, { nullable: true, description: `Item \`ci\` (connecting information). ${KEEP_OR_CLEAR}` })
  @IsOptional()
  @IsOpaqueId(200)
  ci?: string | null;

  @Field(() => String, { nullable: true, description: `Item \`di\` (duplicate-joining information). ${KEEP_OR_CLEAR}` })
  @IsOptional()
  @IsOpaqueId(200)
  di?: string | null;

}

/** A subject as the shop holds it: its shop id, kind and personal items. */
@InputType()
export class UpsertSubjectInput extends SubjectItemsInput {
  @Field({ description: "The shop's own id for this person; the shop API addresses subjects by it." })
  @IsShopId()
  shopSubjectId!: string;

  @Field(() => SubjectKindEnum)
  kind!: SubjectKind;

  @Field(() => Boolean, {
    nullable: true,
    description:
      'Under 14: consents need a legal representative (PIPA Art. 22-2). The gateway also derives it from `birthDate` on the Seoul calendar; either is enough. Omitted or null keeps the stored flag (false for a new subject).',
  })
  @IsOptional()
  under14?: boolean | null;
}

@InputType()
export class WithdrawMembershipInput {
  @Field({ description: 'A MEMBER subject.' })
  @IsShopId()
  shopSubjectId!: string;

  @Field(() => Date, { nullable: true, description: 'When the membership ended at the shop; now when omitted.' })
  @IsOptional()
  withdrawnAt?: Date | null;
}
