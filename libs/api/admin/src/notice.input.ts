import { IsIn, IsOptional, IsUUID, Max, Min } from 'class-validator';
import { ArgsType, Field, ID, InputType, Int } from 'type-graphql';
import type { NoticeState } from '@provision/db';
import { NOTICE_TYPES, type NoticeType } from '@provision/domain';
import { NoticeStatusEnum } from './enums.js';

/** The most notices one `notices` query returns. */
export const MAX_NOTICES = 500;

@InputType()
export class NoticesFilterInput {
  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID('all', { message: 'partnerId must be a partner id' })
  partnerId?: string | null;

  @Field(() => String, { nullable: true, description: `The webhook's notice type: ${NOTICE_TYPES.join(', ')}.` })
  @IsOptional()
  @IsIn([...NOTICE_TYPES], { message: `type must be one of ${NOTICE_TYPES.join(', ')}` })
  type?: NoticeType | null;

  @Field(() => NoticeStatusEnum, { nullable: true })
  @IsOptional()
  status?: NoticeState | null;
}

@ArgsType()
export class NoticesPageArgs {
  @Field(() => Int, { defaultValue: 100, description: `How many, newest first (1–${MAX_NOTICES}).` })
  @Min(1, { message: 'first must be 1 or more' })
  @Max(MAX_NOTICES, { message: `first must be at most ${MAX_NOTICES}` })
  first!: number;
}

@ArgsType()
export class OverdueDestructionsArgs {
  @Field(() => Int, {
    defaultValue: 5,
    description: 'Days a destruction may stay unconfirmed after it became due ("without delay", PIPA Art. 21); 0–365.',
  })
  @Min(0, { message: 'olderThanDays must be 0 or more' })
  @Max(365, { message: 'olderThanDays must be at most 365' })
  olderThanDays!: number;
}
