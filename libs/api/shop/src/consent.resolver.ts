import { Arg, Authorized, Ctx, Mutation, Query, Resolver } from 'type-graphql';
import type { RequestContext } from '@provision/api-core';
import { RecordConsentInput, WithdrawConsentInput } from './consent.input.js';
import { ConsentService } from './consent.service.js';
import { ConsentView } from './consent.type.js';
import { toConsentView } from './shop.mapper.js';

const consents = (ctx: RequestContext) => new ConsentService(ctx.em, ctx.clock);

/** Consents and their withdrawal, as the shop backend collects them. */
@Resolver(() => ConsentView)
export class ShopConsentResolver {
  @Authorized('shop:write')
  @Mutation(() => ConsentView, { description: 'Records a consent to an agreement version; a replay returns it.' })
  async recordConsent(
    @Ctx() ctx: RequestContext,
    @Arg('input', () => RecordConsentInput) input: RecordConsentInput,
  ): Promise<ConsentView> {
    return toConsentView(await consents(ctx).recordConsent(input));
  }

  @Authorized('shop:write')
  @Mutation(() => ConsentView, { description: 'Withdraws a consent; idempotent.' })
  async withdrawConsent(
    @Ctx() ctx: RequestContext,
    @Arg('input', () => WithdrawConsentInput) input: WithdrawConsentInput,
  ): Promise<ConsentView> {
    return toConsentView(await consents(ctx).withdrawConsent(input));
  }

  @Authorized('shop:read')
  @Query(() => ConsentView, { nullable: true, description: 'A consent by its shop consent id.' })
  async shopConsent(@Ctx() ctx: RequestContext, @Arg('shopConsentId') shopConsentId: string): Promise<ConsentView | null> {
    const record = await consents(ctx).findConsent(shopConsentId);
    return record ? toConsentView(record) : null;
  }
}
