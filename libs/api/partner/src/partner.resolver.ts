import { Arg, Args, Authorized, Ctx, ID, Query, Resolver } from 'type-graphql';
import type { RequestContext } from '@provision/api-core';
import { toOrderView, toPageInfo, toSubscriberView, toSupportCaseView } from './partner.mapper.js';
import { OrdersFilterInput, PageArgs } from './partner.input.js';
import { PartnerDataService } from './partner-data.service.js';
import { OrderConnection, OrderView, SubscriberConnection, SupportCaseConnection } from './partner.type.js';
import { provisionSession } from './provision-session.js';

function partnerData(ctx: RequestContext) {
  const session = provisionSession(ctx);
  return { session, data: new PartnerDataService(ctx.em, session.partnerId) };
}

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
    const { session, data } = partnerData(ctx);
    const [page, facts] = await Promise.all([data.orders(filter ?? {}, first, after), session.partnerFacts()]);
    return { nodes: page.rows.map((order) => toOrderView(order, facts)), pageInfo: toPageInfo(page) };
  }

  @Authorized('partner:read')
  @Query(() => OrderView, { nullable: true, description: "One of the caller's orders; null for any other id." })
  async order(@Ctx() ctx: RequestContext, @Arg('id', () => ID) id: string): Promise<OrderView | null> {
    const { session, data } = partnerData(ctx);
    const [order, facts] = await Promise.all([data.order(id), session.partnerFacts()]);
    return order ? toOrderView(order, facts) : null;
  }

  @Authorized('partner:read')
  @Query(() => SubscriberConnection, { description: "Subjects subscribed to the caller's service, newest first." })
  async subscribers(@Ctx() ctx: RequestContext, @Args(() => PageArgs) { first, after }: PageArgs): Promise<SubscriberConnection> {
    const page = await partnerData(ctx).data.subscribers(first, after);
    return { nodes: page.rows.map(toSubscriberView), pageInfo: toPageInfo(page) };
  }

  @Authorized('partner:read')
  @Query(() => SupportCaseConnection, { description: 'Cases the shop handed to the caller (a consignee), newest first.' })
  async supportCases(@Ctx() ctx: RequestContext, @Args(() => PageArgs) { first, after }: PageArgs): Promise<SupportCaseConnection> {
    const page = await partnerData(ctx).data.supportCases(first, after);
    return { nodes: page.rows.map(toSupportCaseView), pageInfo: toPageInfo(page) };
  }
}
