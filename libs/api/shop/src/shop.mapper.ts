import type { Subject } from '@provision/db';
import type { ConsentRecord } from './consent.service.js';
import { ConsentView } from './consent.type.js';
import type { SubscriptionRecord, SupportCaseRecord } from './engagement.service.js';
import { SubscriptionView, SupportCaseView } from './engagement.type.js';
import type { OrderRecord } from './order.service.js';
import { OrderView } from './order.type.js';
import type { CorrectionRecord, SuspensionRecord } from './subject-rights.service.js';
import { CorrectionView, ProcessingSuspensionView } from './subject-rights.type.js';
import { SUBJECT_ITEMS } from './subject.service.js';
import { SubjectView } from './subject.type.js';

// Explicit maps from rows to the public views (STYLE.md §2). The subject view is built from a
// list of fields, not by copying the row, so a personal value cannot reach a response by accident.

export function toSubjectView(subject: Subject): SubjectView {
  return Object.assign(new SubjectView(), {
    id: subject.id,
    shopSubjectId: subject.shopSubjectId,
    kind: subject.kind,
    under14: subject.under14,
    itemsOnFile: SUBJECT_ITEMS.filter((item) => subject[item] !== null),
    membershipWithdrawnAt: subject.membershipWithdrawnAt,
    createdAt: subject.createdAt,
    updatedAt: subject.updatedAt,
  });
}

export function toOrderView({ order, buyer, receiver, seller, customsBroker, events }: OrderRecord): OrderView {
  return Object.assign(new OrderView(), {
    id: order.id,
    shopOrderId: order.shopOrderId,
    buyerShopSubjectId: buyer.shopSubjectId,
    receiverShopSubjectId: receiver.shopSubjectId,
    sellerCode: seller.code,
    customsBrokerCode: customsBroker?.code ?? null,
    status: order.status,
    orderedAt: order.orderedAt,
    purchaseConfirmedAt: order.purchaseConfirmedAt,
    deliveredAt: order.deliveredAt,
    statusHistory: events.map(({ status, occurredAt, recordedAt }) => ({ status, occurredAt, recordedAt })),
    createdAt: order.createdAt,
  });
}

export function toConsentView({ consent, subject, agreement, partnerCode }: ConsentRecord): ConsentView {
  return Object.assign(new ConsentView(), {
    id: consent.id,
    shopConsentId: consent.shopConsentId,
    shopSubjectId: subject.shopSubjectId,
    partnerCode,
    agreementVersion: agreement.version,
    channel: consent.channel,
    wordingHash: consent.wordingHash,
    givenAt: consent.givenAt,
    withdrawnAt: consent.withdrawnAt,
    legalRepresentativeRecorded: consent.legalRepresentativeName !== null,
  });
}

export function toSubscriptionView({ subscription, subject, partner }: SubscriptionRecord): SubscriptionView {
  return Object.assign(new SubscriptionView(), {
    id: subscription.id,
    shopSubscriptionId: subscription.shopSubscriptionId,
    shopSubjectId: subject.shopSubjectId,
    partnerCode: partner.code,
    purpose: subscription.purpose,
    startedAt: subscription.startedAt,
    endedAt: subscription.endedAt,
  });
}

export function toSupportCaseView({ supportCase, subject, partner, order }: SupportCaseRecord): SupportCaseView {
  return Object.assign(new SupportCaseView(), {
    id: supportCase.id,
    shopCaseId: supportCase.shopCaseId,
    shopSubjectId: subject.shopSubjectId,
    partnerCode: partner.code,
    shopOrderId: order?.shopOrderId ?? null,
    purpose: supportCase.purpose,
    openedAt: supportCase.openedAt,
    closedAt: supportCase.closedAt,
  });
}

export function toSuspensionView({ suspension, subject, partnerCode }: SuspensionRecord): ProcessingSuspensionView {
  return Object.assign(new ProcessingSuspensionView(), {
    id: suspension.id,
    shopSubjectId: subject.shopSubjectId,
    partnerCode,
    requestedAt: suspension.requestedAt,
    resumedAt: suspension.resumedAt,
  });
}

export function toCorrectionView({ correction, subject }: CorrectionRecord): CorrectionView {
  return Object.assign(new CorrectionView(), {
    id: correction.id,
    shopSubjectId: subject.shopSubjectId,
    items: [...correction.items],
    requestedAt: correction.requestedAt,
    appliedAt: correction.appliedAt,
  });
}
