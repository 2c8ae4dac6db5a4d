import { Arg, Authorized, Ctx, Mutation, Query, Resolver } from 'type-graphql';
import type { RequestContext } from '@provision/api-core';
import {
  CloseSupportCaseInput,
  EndSubscriptionInput,
  OpenSupportCaseInput,
  StartSubscriptionInput,
} from './engagement.input.js';
import { EngagementService } from './engagement.service.js';
import { SubscriptionView, SupportCaseView } from './engagement.type.js';
import { toSubscriptionView, toSupportCaseView } from './shop.mapper.js';

const engagements = (ctx: RequestContext) => new EngagementService(ctx.em, ctx.clock);

/** Service subscriptions and support cases: what binds service providers and consignees to subjects. */
@Resolver()
export class ShopEngagementResolver {
  @Authorized('shop:write')
  @Mutation(() => SubscriptionView, { description: "Records a subject's subscription to a partner's service." })
  async startSubscription(
    @Ctx() ctx: RequestContext,
    @Arg('input', () => StartSubscriptionInput) input: StartSubscriptionInput,
  ): Promise<SubscriptionView> {
    return toSubscriptionView(await engagements(ctx).startSubscription(input));
  }

  @Authorized('shop:write')
  @Mutation(() => SubscriptionView, { description: 'Records the end (cancellation) of a subscription; idempotent.' })
  async endSubscription(
    @Ctx() ctx: RequestContext,
    @Arg('input', () => EndSubscriptionInput) input: EndSubscriptionInput,
  ): Promise<SubscriptionView> {
    return toSubscriptionView(await engagements(ctx).endSubscription(input));
  }

  @Authorized('shop:write')
  @Mutation(() => SupportCaseView, { description: 'Hands a support case about a subject to a consignee.' })
  async openSupportCase(
    @Ctx() ctx: RequestContext,
    @Arg('input', () => OpenSupportCaseInput) input: OpenSupportCaseInput,
  ): Promise<SupportCaseView> {
    return toSupportCaseView(await engagements(ctx).openSupportCase(input));
  }

  @Authorized('shop:write')
  @Mutation(() => SupportCaseView, { description: 'Closes a support case; idempotent.' })
  async closeSupportCase(
    @Ctx() ctx: RequestContext,
    @Arg('input', () => CloseSupportCaseInput) input: CloseSupportCaseInput,
  ): Promise<SupportCaseView> {
    return toSupportCaseView(await engagements(ctx).closeSupportCase(input));
  }

  @Authorized('shop:read')
  @Query(() => SubscriptionView, { nullable: true, description: 'A subscription by its shop subscription id.' })
  async shopSubscription(
    @Ctx() ctx: RequestContext,
    @Arg('shopSubscriptionId') shopSubscriptionId: string,
  ): Promise<SubscriptionView | null> {
    const record = await engagements(ctx).findSubscription(shopSubscriptionId);
    return record ? toSubscriptionView(record) : null;
  }

  @Authorized('shop:read')
  @Query(() => SupportCaseView, { nullable: true, description: 'A support case by its shop case id.' })
  async shopSupportCase(@Ctx() ctx: RequestContext, @Arg('shopCaseId') shopCaseId: string): Promise<SupportCaseView | null> {
    const record = await engagements(ctx).findSupportCase(shopCaseId);
    return record ? toSupportCaseView(record) : null;
  }
}
