import { IsOptional, Length, Matches, Max, Min } from 'class-validator';
import { ArgsType, Field, Int } from 'type-graphql';
import { SLUG } from './partner.input.js';

/** The most entries one `accessHistory` page returns. */
export const MAX_HISTORY_PAGE = 200;

@ArgsType()
export class AccessHistoryArgs {
  @Field(() => String, { nullable: true, description: "Only this partner's entries (its registration, agreements, status, clients)." })
  @IsOptional()
  @Matches(SLUG, { message: 'partnerCode must be 3-64 lowercase letters, digits or dashes' })
  partnerCode?: string | null;

  @Field(() => String, { nullable: true, description: "Only this client's entries." })
  @IsOptional()
  @Matches(SLUG, { message: 'clientId must be 3-64 lowercase letters, digits or dashes' })
  clientId?: string | null;

  @Field(() => Date, { nullable: true, description: 'Entries at or after this instant.' })
  @IsOptional()
  from?: Date | null;

  @Field(() => Date, { nullable: true, description: 'Entries before this instant.' })
  @IsOptional()
  to?: Date | null;

  @Field(() => Int, { defaultValue: 50, description: `How many, newest first (1–${MAX_HISTORY_PAGE}).` })
  @Min(1, { message: 'first must be 1 or more' })
  @Max(MAX_HISTORY_PAGE, { message: `first must be at most ${MAX_HISTORY_PAGE}` })
  first!: number;

  @Field(() => String, { nullable: true, description: '`pageInfo.endCursor` of the previous page.' })
  @IsOptional()
  @Length(1, 200)
  after?: string | null;
}
