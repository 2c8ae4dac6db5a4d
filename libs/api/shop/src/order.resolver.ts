import { Arg, Authorized, Ctx, Mutation, Query, Resolver } from 'type-graphql';
import type { RequestContext } from '@provision/api-core';
import { ConfirmDeliveryInput, ConfirmPurchaseInput, RecordOrderInput, RecordOrderStatusInput } from './order.input.js';
import { OrderService } from './order.service.js';
import { OrderView } from './order.type.js';
import { toOrderView } from './shop.mapper.js';

const orders = (ctx: RequestContext) => new OrderService(ctx.em, ctx.clock);

/** Orders and their status timelines, as the shop backend reports them. */
@Resolver(() => OrderView)
export class ShopOrderResolver {
  @Authorized('shop:write')
  @Mutation(() => OrderView, { description: 'Records an order and its first status; a replay returns the order.' })
  async recordOrder(@Ctx() ctx: RequestContext, @Arg('input', () => RecordOrderInput) input: RecordOrderInput): Promise<OrderView> {
    return toOrderView(await orders(ctx).recordOrder(input));
  }

  @Authorized('shop:write')
  @Mutation(() => OrderView, { description: "Appends a status change to an order's timeline; idempotent." })
  async recordOrderStatus(
    @Ctx() ctx: RequestContext,
    @Arg('input', () => RecordOrderStatusInput) input: RecordOrderStatusInput,
  ): Promise<OrderView> {
    return toOrderView(await orders(ctx).recordOrderStatus(input));
  }

  @Authorized('shop:write')
  @Mutation(() => OrderView, {
    description: "Records when the buyer confirmed the purchase, which starts the sellers' provision window.",
  })
  async confirmPurchase(
    @Ctx() ctx: RequestContext,
    @Arg('input', () => ConfirmPurchaseInput) input: ConfirmPurchaseInput,
  ): Promise<OrderView> {
    return toOrderView(await orders(ctx).confirmPurchase(input));
  }

  @Authorized('shop:write')
  @Mutation(() => OrderView, {
    description: 'Records when the delivery completed, which starts the provision windows anchored on delivery completion.',
  })
  async confirmDelivery(
    @Ctx() ctx: RequestContext,
    @Arg('input', () => ConfirmDeliveryInput) input: ConfirmDeliveryInput,
  ): Promise<OrderView> {
    return toOrderView(await orders(ctx).confirmDelivery(input));
  }

  @Authorized('shop:read')
  @Query(() => OrderView, { nullable: true, description: 'An order by its shop order id, with its timeline.' })
  async shopOrder(@Ctx() ctx: RequestContext, @Arg('shopOrderId') shopOrderId: string): Promise<OrderView | null> {
    const record = await orders(ctx).findOrder(shopOrderId);
    return record ? toOrderView(record) : null;
  }
}
