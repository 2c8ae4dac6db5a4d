import { IsOptional, Matches, Max, MaxLength, Min } from 'class-validator';
import { ArgsType, Field, Int } from 'type-graphql';

/** The most alerts one `harvestAlerts` query returns. */
export const MAX_HARVEST_ALERTS = 500;

const SEOUL_DAY = /^\d{4}-\d{2}-\d{2}$/;

@ArgsType()
export class HarvestAlertsArgs {
  @Field(() => String, { nullable: true, description: "Only this partner's alerts (its code, e.g. `hanbok-house`)." })
  @IsOptional()
  @MaxLength(100, { message: 'partnerCode must be at most 100 characters' })
  partnerCode?: string | null;

  @Field(() => String, { nullable: true, description: 'First Seoul calendar day, `YYYY-MM-DD` (inclusive).' })
  @IsOptional()
  @Matches(SEOUL_DAY, { message: 'from must be a date written YYYY-MM-DD' })
  from?: string | null;

  @Field(() => String, { nullable: true, description: 'Last Seoul calendar day, `YYYY-MM-DD` (inclusive).' })
  @IsOptional()
  @Matches(SEOUL_DAY, { message: 'to must be a date written YYYY-MM-DD' })
  to?: string | null;

  @Field(() => Int, { defaultValue: 100, description: `How many, newest day first (1–${MAX_HARVEST_ALERTS}).` })
  @Min(1, { message: 'first must be 1 or more' })
  @Max(MAX_HARVEST_ALERTS, { message: `first must be at most ${MAX_HARVEST_ALERTS}` })
  first!: number;
}
