import type { Order, Subscription, SupportCase } from '@provision/db';
import { windowClosesAt } from '@provision/domain';
import type { Page } from './partner-data.service.js';
import type { PartnerFacts } from './provision-session.js';
import { BuyerView, OrderView, PageInfoView, ReceiverView, SubscriberView, SupportCaseView } from './partner.type.js';

export function toPageInfo(page: Page<unknown>): PageInfoView {
  return Object.assign(new PageInfoView(), { hasNextPage: page.hasNextPage, endCursor: page.endCursor });
}

/** An order with handles for its receiver (whose data, under the buyer's consent) and its buyer. */
export function toOrderView(order: Order, facts: PartnerFacts): OrderView {
  const anchors = { purchaseConfirmedAt: order.purchaseConfirmedAt };
  const buyerId = order.buyer.id;
  return Object.assign(new OrderView(), {
    id: order.id,
    shopOrderId: order.shopOrderId,
    status: order.status,
    orderedAt: order.orderedAt,
    purchaseConfirmedAt: order.purchaseConfirmedAt,
    provisionClosesAt: facts.agreement
      ? windowClosesAt(facts.agreement.rule, { ...anchors, partnershipTerminatedAt: facts.terminatedAt })
      : null,
    receiver: new ReceiverView({ dataSubjectId: order.receiver.id, consentSubjectId: buyerId, orderId: order.id, anchors }),
    buyer: new BuyerView({ dataSubjectId: buyerId, consentSubjectId: buyerId, orderId: order.id, anchors }),
  });
}

export function toSubscriberView(subscription: Subscription): SubscriberView {
  const subjectId = subscription.subject.id;
  return Object.assign(
    new SubscriberView({
      dataSubjectId: subjectId,
      consentSubjectId: subjectId,
      orderId: null,
      anchors: { subscriptionEndedAt: subscription.endedAt },
    }),
    {
      subscriptionId: subscription.id,
      purpose: subscription.purpose,
      startedAt: subscription.startedAt,
      endedAt: subscription.endedAt,
    },
  );
}

export function toSupportCaseView(supportCase: SupportCase): SupportCaseView {
  const subjectId = supportCase.subject.id;
  return Object.assign(
    new SupportCaseView({
      dataSubjectId: subjectId,
      consentSubjectId: subjectId,
      orderId: supportCase.order?.id ?? null,
      anchors: { caseClosedAt: supportCase.closedAt },
    }),
    {
      id: supportCase.id,
      shopCaseId: supportCase.shopCaseId,
      purpose: supportCase.purpose,
      openedAt: supportCase.openedAt,
      closedAt: supportCase.closedAt,
    },
  );
}
