import { AccessChange } from './access-change.entity.js';
import { AnnualProvisionNotice } from './annual-provision-notice.entity.js';
import { AgreementDraft } from './agreement-draft.entity.js';
import { AgreementGrant } from './agreement-grant.entity.js';
import { Agreement } from './agreement.entity.js';
import { Client } from './client.entity.js';
import { Consent } from './consent.entity.js';
import { ConsoleSession } from './console-session.entity.js';
import { CorrectionRequest } from './correction-request.entity.js';
import { LedgerChainHead } from './ledger-chain-head.entity.js';
import { LedgerPurge } from './ledger-purge.entity.js';
import { NoticeRequeue } from './notice-requeue.entity.js';
import { Notice } from './notice.entity.js';
import { OrderStatusEvent } from './order-status-event.entity.js';
import { Order } from './order.entity.js';
import { PartnerStatusChange } from './partner-status-change.entity.js';
import { Partner } from './partner.entity.js';
import { ProcessingSuspension } from './processing-suspension.entity.js';
import { ProvisionFirstRelease } from './provision-first-release.entity.js';
import { ProvisionRecord } from './provision-record.entity.js';
import { HarvestAlert, PartnerDailyCount, PartnerDailySubject, PartnerRateBucket, PartnerRateDebit } from './quota.entity.js';
import { ReviewReport } from './review-report.entity.js';
import { ReviewSignOff } from './review-sign-off.entity.js';
import { StatutoryDisclosure } from './statutory-disclosure.entity.js';
import { Subject } from './subject.entity.js';
import { Subscription } from './subscription.entity.js';
import { SupportCase } from './support-case.entity.js';
import { WindowClosure } from './window-closure.entity.js';

export {
  AccessChange,
  AnnualProvisionNotice,
  Agreement,
  AgreementDraft,
  AgreementGrant,
  Client,
  Consent,
  ConsoleSession,
  CorrectionRequest,
  LedgerChainHead,
  LedgerPurge,
  Notice,
  NoticeRequeue,
  Order,
  OrderStatusEvent,
  Partner,
  PartnerStatusChange,
  ProcessingSuspension,
  ProvisionFirstRelease,
  ProvisionRecord,
  ReviewReport,
  ReviewSignOff,
  StatutoryDisclosure,
  Subject,
  Subscription,
  SupportCase,
  WindowClosure,
};
export { HarvestAlert, PartnerDailyCount, PartnerDailySubject, PartnerRateBucket, PartnerRateDebit };
export { HARVEST_ALERT_KINDS, type HarvestAlertKind } from './quota.entity.js';
export { type DeniedItem } from './provision-record.entity.js';
export { type AgreementDraftContent } from './agreement-draft.entity.js';
export {
  ACCESS_CHANGE_KINDS,
  type AccessChangeKind,
  LEDGER_ACTOR_KINDS,
  type LedgerActorKind,
  NOTICE_STATES,
  type NoticeState,
  DRAFT_STATES,
  type DraftState,
  CONSOLE_SESSION_STAGES,
  type ConsoleSessionStage,
} from './vocabulary.js';

/** Every entity of the data model; the ORM config lists them explicitly (no folder discovery). */
export const ENTITIES = [
  Partner,
  PartnerStatusChange,
  Client,
  Agreement,
  AgreementGrant,
  Subject,
  Order,
  OrderStatusEvent,
  Subscription,
  SupportCase,
  Consent,
  ProcessingSuspension,
  CorrectionRequest,
  ProvisionRecord,
  LedgerChainHead,
  LedgerPurge,
  ProvisionFirstRelease,
  Notice,
  WindowClosure,
  PartnerRateBucket,
  PartnerRateDebit,
  PartnerDailyCount,
  PartnerDailySubject,
  HarvestAlert,
  AccessChange,
  ReviewReport,
  ReviewSignOff,
  AgreementDraft,
  NoticeRequeue,
  ConsoleSession,
  StatutoryDisclosure,
  AnnualProvisionNotice,
] as const;
