import { Arg, Args, Authorized, Ctx, ID, Mutation, Query, Resolver } from 'type-graphql';
import { actorOf, type RequestContext } from '@provision/api-core';
import {
  ConfirmDestructionInput,
  DestructionConfirmationView,
  DestructionService,
  toConfirmationView,
} from '@provision/api-partner';
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

  @Authorized('admin:write')
  @Mutation(() => NoticeView, {
    description: 'Puts a DEAD notice back in the outbox (after the partner fixed its webhook); recorded with who did it.',
  })
  async requeueNotice(@Ctx() ctx: RequestContext, @Arg('noticeId', () => ID) noticeId: string): Promise<NoticeView> {
    return toNoticeView(await notices(ctx).requeue(noticeId, actorOf(ctx.principal)));
  }

  @Authorized('admin:write')
  @Mutation(() => DestructionConfirmationView, {
    description:
      "Records a partner's destruction evidence given another way (e.g. a terminated partner's signed letter, whose tokens are refused). Same rules as confirmDestruction; recorded under the admin's client id.",
  })
  async recordDestruction(
    @Ctx() ctx: RequestContext,
    @Arg('input', () => ConfirmDestructionInput) input: ConfirmDestructionInput,
  ): Promise<DestructionConfirmationView> {
    const service = new DestructionService(ctx.em, ctx.clock, null, actorOf(ctx.principal));
    return toConfirmationView(await service.confirmDestruction(input));
  }
}
