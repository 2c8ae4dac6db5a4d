import { Arg, Args, Authorized, Ctx, Query, Resolver } from 'type-graphql';
import type { RequestContext } from '@provision/api-core';
import { NoticesFilterInput, NoticesPageArgs, OverdueDestructionsArgs } from './notice.input.js';
import { toNoticeView, toOverdueDestructionsView } from './notice.mapper.js';
import { NoticeAdminService } from './notice.service.js';
import { NoticeView, OverdueDestructionsView } from './notice.type.js';

const notices = (ctx: RequestContext) => new NoticeAdminService(ctx.em, ctx.clock);

/** The notice outbox as admins see it (scope `admin:read`): delivery, dead letters, destruction evidence. */
@Resolver()
export class NoticeResolver {
  @Authorized('admin:read')
  @Query(() => [NoticeView], { description: 'Notices to partners, newest first, with delivery state and acknowledgement.' })
  async notices(
    @Ctx() ctx: RequestContext,
    @Args(() => NoticesPageArgs) { first }: NoticesPageArgs,
    @Arg('filter', () => NoticesFilterInput, { nullable: true }) filter?: NoticesFilterInput | null,
  ): Promise<NoticeView[]> {
    return (await notices(ctx).list(filter ?? {}, first)).map(toNoticeView);
  }

  @Authorized('admin:read')
  @Query(() => [OverdueDestructionsView], {
    description: 'Per partner, the destruction notices it has not confirmed within olderThanDays of becoming due.',
  })
  async overdueDestructions(
    @Ctx() ctx: RequestContext,
    @Args(() => OverdueDestructionsArgs) { olderThanDays }: OverdueDestructionsArgs,
  ): Promise<OverdueDestructionsView[]> {
    return (await notices(ctx).overdueDestructions(olderThanDays)).map(toOverdueDestructionsView);
  }
}
