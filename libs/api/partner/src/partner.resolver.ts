import { Arg, Args, Authorized, Ctx, ID, Query, Resolver } from 'type-graphql';
import type { RequestContext } from '@provision/api-core';
import { entityIdOf } from './cache-identity.js';
import { toOrderView, toPageInfo, toSubscriberView, toSupportCaseView } from './partner.mapper.js';
import { OrdersFilterInput, PageArgs } from './partner.input.js';
import { OrderConnection, OrderView, SubscriberConnection, SupportCaseConnection } from './partner.type.js';
import { provisionSession } from './provision-session.js';

/**
 * The partner API's reads (scope `partner:read`, and a declared `@purpose`). Rows are bound to the
 * caller's engagements; personal fields are released field by field by the personal-data guard.
 */
@Resolver()
export class PartnerReadResolver {
  @Authorized('partner:read')
  @Query(() => OrderConnection, { description: 'Orders the caller sells or clears through customs, newest first.' })
  async orders(
    @Ctx() ctx: RequestContext,
    @Args(() => PageArgs) { first, after }: PageArgs,
    @Arg('filter', () => OrdersFilterInput, { nullable: true }) filter?: OrdersFilterInput | null,
  ): Promise<OrderConnection> {
    const session = provisionSession(ctx);
    const page = await session.pages.orders(filter ?? {}, first, after);
    return { nodes: page.rows.map((order) => toOrderView(order, session.partner, ctx.purpose)), pageInfo: toPageInfo(page) };
  }

  @Authorized('partner:read')
  @Query(() => OrderView, {
    nullable: true,
    description: "One of the caller's orders, by `orderId` or by an `Order.id` of any purpose; null for any other id.",
  })
  async order(@Ctx() ctx: RequestContext, @Arg('id', () => ID) id: string): Promise<OrderView | null> {
    const session = provisionSession(ctx);
    const order = await session.pages.order(entityIdOf(id));
    return order ? toOrderView(order, session.partner, ctx.purpose) : null;
  }

  @Authorized('partner:read')
  @Query(() => SubscriberConnection, { description: "Subjects subscribed to the caller's service, newest first." })
  async subscribers(@Ctx() ctx: RequestContext, @Args(() => PageArgs) { first, after }: PageArgs): Promise<SubscriberConnection> {
    const page = await provisionSession(ctx).pages.subscribers(first, after);
    return { nodes: page.rows.map(toSubscriberView), pageInfo: toPageInfo(page) };
  }

  @Authorized('partner:read')
  @Query(() => SupportCaseConnection, { description: 'Cases the shop handed to the caller (a consignee), newest first.' })
  async supportCases(@Ctx() ctx: RequestContext, @Args(() => PageArgs) { first, after }: PageArgs): Promise<SupportCaseConnection> {
    const page = await provisionSession(ctx).pages.supportCases(first, after);
    return { nodes: page.rows.map((supportCase) => toSupportCaseView(supportCase, ctx.purpose)), pageInfo: toPageInfo(page) };
  }
}
