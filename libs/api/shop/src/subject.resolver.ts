import { Arg, Authorized, Ctx, Mutation, Query, Resolver } from 'type-graphql';
import type { RequestContext } from '@provision/api-core';
import { toSubjectView } from './shop.mapper.js';
import { UpsertSubjectInput, WithdrawMembershipInput } from './subject.input.js';
import { SubjectService } from './subject.service.js';
import { SubjectView } from './subject.type.js';

const subjects = (ctx: RequestContext) => new SubjectService(ctx.em, ctx.clock, ctx.keyring);

/** Subjects as the shop backend reports them (scopes `shop:write` / `shop:read`). */
@Resolver(() => SubjectView)
export class ShopSubjectResolver {
  @Authorized('shop:write')
  @Mutation(() => SubjectView, {
    description: 'Creates or updates a subject by its shop id. Answers without the personal values.',
  })
  async upsertSubject(
    @Ctx() ctx: RequestContext,
    @Arg('input', () => UpsertSubjectInput) input: UpsertSubjectInput,
  ): Promise<SubjectView> {
    return toSubjectView(await subjects(ctx).upsertSubject(input));
  }

  @Authorized('shop:write')
  @Mutation(() => SubjectView, { description: "Records the end of a member's membership; idempotent." })
  async withdrawMembership(
    @Ctx() ctx: RequestContext,
    @Arg('input', () => WithdrawMembershipInput) input: WithdrawMembershipInput,
  ): Promise<SubjectView> {
    return toSubjectView(await subjects(ctx).withdrawMembership(input));
  }

  @Authorized('shop:read')
  @Query(() => SubjectView, { nullable: true, description: 'A subject by its shop id, without its personal values.' })
  async shopSubject(@Ctx() ctx: RequestContext, @Arg('shopSubjectId') shopSubjectId: string): Promise<SubjectView | null> {
    const subject = await subjects(ctx).findSubject(shopSubjectId);
    return subject ? toSubjectView(subject) : null;
  }
}
