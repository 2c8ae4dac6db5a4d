import { Max, Min } from 'class-validator';
import { Args, ArgsType, Authorized, Ctx, Field, Int, Query, Resolver } from 'type-graphql';
import { actorOf, type RequestContext } from '@provision/api-core';
import { NoticeAdminService } from './notice.service.js';
import { OverviewService } from './overview.service.js';
import { OverviewView } from './overview.type.js';
import { RegistryService } from './registry.service.js';

@ArgsType()
class OverviewArgs {
  @Field(() => Int, { defaultValue: 30, description: 'How many days of activity (1–90).' })
  @Min(1)
  @Max(90)
  days!: number;
}

/** The console's overview (scope `admin:read`). */
@Resolver()
export class OverviewResolver {
  @Authorized('admin:read')
  @Query(() => OverviewView, { description: "Aggregates for the privacy officer's overview." })
  async consoleOverview(@Ctx() ctx: RequestContext, @Args(() => OverviewArgs) { days }: OverviewArgs): Promise<OverviewView> {
    const registry = new RegistryService(ctx.em, ctx.clock, actorOf(ctx.principal), ctx.keyring);
    return new OverviewService(ctx.em, registry, new NoticeAdminService(ctx.em, ctx.clock), ctx.clock).overview(days);
  }
}
