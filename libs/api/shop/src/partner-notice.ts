import type { NoticeDraft } from '@provision/notices';
import type { Holding } from './ledger.repository.js';

// Payloads of the notices the shop's events send to partners. They name the subject by the shop's
// id and the data by item keys and the references the partner knows (orders, subscriptions,
// cases); the only personal values any of them carries are a correction's new values.

/** What the ledger shows the partner received of the subject. */
export interface HeldData {
  items: string[];
  shopOrderIds: string[];
  subscriptionIds: string[];
  shopCaseIds: string[];
}

/** What the partner must do with what it holds. */
export type NoticeAction = 'DESTROY' | 'SUSPEND_PROCESSING' | 'CORRECT';

/** The `held` part of a payload; empty lists for a partner the ledger shows holding nothing. */
export function heldData(holding: Holding | undefined): HeldData {
  return {
    items: holding?.items ?? [],
    shopOrderIds: holding?.shopOrderIds ?? [],
    subscriptionIds: holding?.subscriptionIds ?? [],
    shopCaseIds: holding?.shopCaseIds ?? [],
  };
}

/** `consent-withdrawn`: stop and destroy what was received under the subject's consent. */
export function consentWithdrawnNotice(notice: {
  partnerId: string;
  shopSubjectId: string;
  /** `CONSENT`: one consent withdrawn; `MEMBERSHIP`: the member left the shop, which ends every consent. */
  cause: 'CONSENT' | 'MEMBERSHIP';
  agreementVersion: number | null;
  withdrawnAt: Date;
  holding: Holding | undefined;
}): NoticeDraft {
  return {
    partnerId: notice.partnerId,
    type: 'consent-withdrawn',
    payload: {
      action: 'DESTROY' satisfies NoticeAction,
      shopSubjectId: notice.shopSubjectId,
      cause: notice.cause,
      agreementVersion: notice.agreementVersion,
      withdrawnAt: notice.withdrawnAt.toISOString(),
      held: heldData(notice.holding),
    },
  };
}

/** `processing-suspended`: the subject asked the shop to stop processing (PIPA Art. 37). */
export function processingSuspendedNotice(notice: {
  partnerId: string;
  shopSubjectId: string;
  suspendedFrom: Date;
  /** Whether the suspension covers every partner, not only the one notified. */
  allPartners: boolean;
  holding: Holding | undefined;
}): NoticeDraft {
  return {
    partnerId: notice.partnerId,
    type: 'processing-suspended',
    payload: {
      action: 'SUSPEND_PROCESSING' satisfies NoticeAction,
      shopSubjectId: notice.shopSubjectId,
      suspendedFrom: notice.suspendedFrom.toISOString(),
      allPartners: notice.allPartners,
      held: heldData(notice.holding),
    },
  };
}

/** `subject-corrected`: the new values of the items the partner received and may still receive. */
export function subjectCorrectedNotice(notice: {
  partnerId: string;
  shopSubjectId: string;
  correctedAt: Date;
  values: Record<string, string | null>;
  held: HeldData;
}): NoticeDraft {
  return {
    partnerId: notice.partnerId,
    type: 'subject-corrected',
    payload: {
      action: 'CORRECT' satisfies NoticeAction,
      shopSubjectId: notice.shopSubjectId,
      correctedAt: notice.correctedAt.toISOString(),
      held: notice.held,
    },
    personal: { values: notice.values },
  };
}
