import type { EntityManager } from '@mikro-orm/postgresql';
import type { Keyring } from '@provision/crypto';
import { Agreement, Consent, CorrectionRequest, itemValue, Order, Partner, PartnerStatusChange, ProcessingSuspension, Subject, Subscription, SupportCase } from '@provision/db';
import {
  agreementInForce,
  decide,
  isGrantableItem,
  parseRetentionRule,
  statusAt,
  terminatedAt,
  type ItemKey,
  type ProvisionAgreement,
  type ProvisionGrant,
  type ProvisionPartner,
  type RetentionAnchors,
} from '@provision/domain';
import { receiptsOf, type Receipt } from './ledger.repository.js';
import type { HeldData } from './partner-notice.js';

/** A partner to send `subject-corrected` to: the new values it may have, and where it holds the old ones. */
export interface CorrectionRecipient {
  partnerId: string;
  values: Record<string, string | null>;
  held: HeldData;
}

/** An engagement through which a partner sees the subject, as the partner API builds its provision handles. */
interface Engagement {
  consentSubjectId: string;
  anchors: Omit<RetentionAnchors, 'partnershipTerminatedAt'>;
  reference: { shopOrderId: string } | { subscriptionId: string } | { shopCaseId: string };
}

interface PartnerFacts {
  partner: ProvisionPartner;
  agreement: ProvisionAgreement | null;
  grantsByAgreement: Map<string, ProvisionGrant[]>;
}

/**
 * Who hears of a correction (seeds MIKMIK 7.3, KT Ch. 9 §6), and of which items: a partner whose
 * ledger shows it received one of the changed items of the subject, for the items that the
 * decision would release to it now, under the purpose and through the engagement it received them
 * by. That is the agreement in force still granting the item to an ACTIVE partner, and also its
 * consent, window and the subject's suspensions: a partner whose window closed was told to
 * destroy the data and must not receive the new value. Called after the new values and the
 * applied requests are flushed, so the decision sees them.
 */
export async function correctionRecipients(
  em: EntityManager,
  subject: Subject,
  changedItems: readonly ItemKey[],
  now: Date,
  keyring: Keyring,
): Promise<CorrectionRecipient[]> {
  const changed = new Set<string>(changedItems);
  const receipts = (await receiptsOf(em, subject.id)).filter((receipt) => changed.has(receipt.item));
  if (receipts.length === 0) return [];

  const partnerIds = [...new Set(receipts.map((receipt) => receipt.partnerId))];
  const orderIds = [...new Set(receipts.flatMap((receipt) => (receipt.orderId === null ? [] : [receipt.orderId])))];
  const [facts, orders, subscriptions, supportCases, suspensions, corrections] = await Promise.all([
    loadPartnerFacts(em, partnerIds, now),
    orderIds.length > 0 ? em.find(Order, { id: { $in: orderIds } }) : Promise.resolve([]),
    em.find(Subscription, { subject: subject.id, partner: { $in: partnerIds } }),
    em.find(SupportCase, { subject: subject.id, partner: { $in: partnerIds } }, { populate: ['order'] }),
    em.find(ProcessingSuspension, { subject: subject.id }),
    em.find(CorrectionRequest, { subject: subject.id }),
  ]);
  const consentSubjectIds = [...new Set([subject.id, ...orders.map((order) => order.buyer.id)])];
  const agreementIds = [...facts.values()].flatMap((fact) => [...fact.grantsByAgreement.keys()]);
  const [consents, consentSubjects] = await Promise.all([
    em.find(Consent, { subject: { $in: consentSubjectIds }, agreement: { $in: agreementIds } }),
    em.find(Subject, { id: { $in: consentSubjectIds } }),
  ]);

  /** The engagements through which `receipt`'s partner saw the subject when it received the item. */
  const engagementsOf = (receipt: Receipt): Engagement[] => {
    const { partnerId, orderId } = receipt;
    const order = orders.find((candidate) => candidate.id === orderId);
    const engagements: Engagement[] = [];
    if (order && (order.seller.id === partnerId || order.customsBroker?.id === partnerId)) {
      engagements.push({
        consentSubjectId: order.buyer.id,
        anchors: { purchaseConfirmedAt: order.purchaseConfirmedAt },
        reference: { shopOrderId: order.shopOrderId },
      });
    }
    for (const subscription of subscriptions) {
      if (subscription.partner.id !== partnerId || orderId !== null) continue;
      engagements.push({
        consentSubjectId: subject.id,
        anchors: { subscriptionEndedAt: subscription.endedAt },
        reference: { subscriptionId: subscription.id },
      });
    }
    for (const supportCase of supportCases) {
      if (supportCase.partner.id !== partnerId || (supportCase.order?.id ?? null) !== orderId) continue;
      engagements.push({
        consentSubjectId: subject.id,
        anchors: { caseClosedAt: supportCase.closedAt },
        reference: { shopCaseId: supportCase.shopCaseId },
      });
    }
    return engagements;
  };

  const releases = (receipt: Receipt, engagement: Engagement): boolean => {
    const fact = facts.get(receipt.partnerId);
    if (!fact) return false;
    const consentSubject = consentSubjects.find((candidate) => candidate.id === engagement.consentSubjectId);
    const decision = decide({
      purpose: receipt.purpose,
      item: receipt.item,
      // A notice is not a token's request: the scope check has no counterpart here.
      scopes: new Set([`pii:${receipt.item}`]),
      partner: fact.partner,
      agreement: fact.agreement,
      consents: consents
        .filter((consent) => consent.subject.id === engagement.consentSubjectId && fact.grantsByAgreement.has(consent.agreement.id))
        .map((consent) => ({
          grants: fact.grantsByAgreement.get(consent.agreement.id) ?? [],
          givenAt: consent.givenAt,
          withdrawnAt: consent.withdrawnAt,
          legalRepresentative: consent.legalRepresentativeName !== null,
        })),
      // A consenting subject not found counts as a child (fail closed).
      consentingSubject: { birthDate: consentSubject?.birthDate ?? null, under14: consentSubject?.under14 ?? true },
      membershipWithdrawnAt: consentSubject?.membershipWithdrawnAt ?? null,
      anchors: engagement.anchors,
      suspensions: suspensions.filter((suspension) => suspension.partner === null || suspension.partner.id === receipt.partnerId),
      corrections,
      // A correction goes to every partner that received the item, whatever today's count.
      dailyCeiling: null,
      now,
    });
    return decision.release;
  };

  const recipients = new Map<string, CorrectionRecipient>();
  for (const receipt of receipts) {
    if (!isGrantableItem(receipt.item)) continue;
    const released = engagementsOf(receipt).filter((engagement) => releases(receipt, engagement));
    if (released.length === 0) continue;
    const recipient = recipients.get(receipt.partnerId) ?? {
      partnerId: receipt.partnerId,
      values: {},
      held: { items: [], shopOrderIds: [], subscriptionIds: [], shopCaseIds: [] },
    };
    recipient.values[receipt.item] = itemValue(subject, receipt.item, keyring);
    for (const { reference } of released) {
      if ('shopOrderId' in reference) recipient.held.shopOrderIds.push(reference.shopOrderId);
      if ('subscriptionId' in reference) recipient.held.subscriptionIds.push(reference.subscriptionId);
      if ('shopCaseId' in reference) recipient.held.shopCaseIds.push(reference.shopCaseId);
    }
    recipients.set(receipt.partnerId, recipient);
  }
  return [...recipients.values()]
    .map((recipient) => ({
      ...recipient,
      values: Object.fromEntries(Object.entries(recipient.values).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))),
      held: {
        items: Object.keys(recipient.values).sort(),
        shopOrderIds: distinctSorted(recipient.held.shopOrderIds),
        subscriptionIds: distinctSorted(recipient.held.subscriptionIds),
        shopCaseIds: distinctSorted(recipient.held.shopCaseIds),
      },
    }))
    .sort((a, b) => (a.partnerId < b.partnerId ? -1 : 1));
}

/** Each partner's status, termination and agreements now, as the decision sees them. */
async function loadPartnerFacts(em: EntityManager, partnerIds: string[], now: Date): Promise<Map<string, PartnerFacts>> {
  const [partners, changes, agreements] = await Promise.all([
    em.find(Partner, { id: { $in: partnerIds } }),
    em.find(PartnerStatusChange, { partner: { $in: partnerIds } }, { orderBy: { effectiveAt: 'asc', recordedAt: 'asc' } }),
    em.find(Agreement, { partner: { $in: partnerIds } }, { populate: ['grants'], orderBy: { version: 'asc' } }),
  ]);
  return new Map(
    partners.map((partner) => {
      const history = changes.filter((change) => change.partner.id === partner.id);
      const versions = agreements.filter((agreement) => agreement.partner.id === partner.id);
      const grantsByAgreement = new Map(
        versions.map((version) => [version.id, version.grants.getItems().map(({ item, purpose }) => ({ item, purpose }))]),
      );
      const current = agreementInForce(versions, now);
      return [
        partner.id,
        {
          partner: {
            status: statusAt(history, now),
            country: partner.country,
            overseasTransferBasis: partner.overseasTransferBasis,
            terminatedAt: terminatedAt(history),
          },
          agreement: current
            ? {
                grants: grantsByAgreement.get(current.id) ?? [],
                rule: parseRetentionRule(current.retentionRule),
                consentRequired: current.consentRequired,
              }
            : null,
          grantsByAgreement,
        },
      ];
    }),
  );
}

function distinctSorted(values: string[]): string[] {
  return [...new Set(values)].sort();
}
