import { windowClosesAt } from '@provision/domain';
import { purposeQualifiedId } from './cache-identity.js';
import type { PartnerFactsNow } from './partner-facts.js';
import type { OrderRow, Page, SubscriptionRow, SupportCaseRow } from './partner-pages.js';
import { BuyerView, OrderView, PageInfoView, ReceiverView, SubscriberView, SupportCaseView } from './partner.type.js';

export function toPageInfo(page: Page<unknown>): PageInfoView {
  return Object.assign(new PageInfoView(), { hasNextPage: page.hasNextPage, endCursor: page.endCursor });
}

/** The earliest of the instants given, or null when there is none. */
function earliest(...instants: (Date | null)[]): Date | null {
  const known = instants.filter((instant): instant is Date => instant !== null);
  return known.length === 0 ? null : new Date(Math.min(...known.map((instant) => instant.getTime())));
}

/**
 * An order with handles for its receiver (whose data, under the buyer's consent) and its buyer. The
 * order's provision began with the partner's first release of either of them (the sweep's anchor too).
 */
export function toOrderView(order: OrderRow, partner: PartnerFactsNow, purpose: string | null): OrderView {
  const anchors = {
    purchaseConfirmedAt: order.purchaseConfirmedAt,
    deliveredAt: order.deliveredAt,
    providedAt: earliest(order.receiver.providedAt, order.buyer.providedAt),
  };
  return Object.assign(new OrderView(), {
    id: purposeQualifiedId(order.id, purpose),
    orderId: order.id,
    shopOrderId: order.shopOrderId,
    status: order.status,
    orderedAt: order.orderedAt,
    purchaseConfirmedAt: order.purchaseConfirmedAt,
    deliveredAt: order.deliveredAt,
    provisionClosesAt: partner.agreement
      ? windowClosesAt(partner.agreement.rule, { ...anchors, partnershipTerminatedAt: partner.terminatedAt })
      : null,
    receiver: new ReceiverView({ dataSubject: order.receiver, consentSubject: order.buyer, orderId: order.id, anchors }),
    buyer: new BuyerView({ dataSubject: order.buyer, consentSubject: order.buyer, orderId: order.id, anchors }),
  });
}

export function toSubscriberView(subscription: SubscriptionRow): SubscriberView {
  const { subject } = subscription;
  return Object.assign(
    new SubscriberView({ dataSubject: subject, consentSubject: subject, orderId: null, anchors: { subscriptionEndedAt: subscription.endedAt, providedAt: subject.providedAt } }),
    {
      subscriptionId: subscription.id,
      purpose: subscription.purpose,
      startedAt: subscription.startedAt,
      endedAt: subscription.endedAt,
    },
  );
}

export function toSupportCaseView(supportCase: SupportCaseRow, purpose: string | null): SupportCaseView {
  const { subject } = supportCase;
  return Object.assign(
    new SupportCaseView({ dataSubject: subject, consentSubject: subject, orderId: supportCase.orderId, anchors: { caseClosedAt: supportCase.closedAt, providedAt: subject.providedAt } }),
    {
      id: purposeQualifiedId(supportCase.id, purpose),
      caseId: supportCase.id,
      shopCaseId: supportCase.shopCaseId,
      purpose: supportCase.purpose,
      openedAt: supportCase.openedAt,
      closedAt: supportCase.closedAt,
    },
  );
}
