export { enqueueNotice, type NoticeDraft, noticePayload } from './outbox.js';
export {
  DEFAULT_SIGNATURE_TOLERANCE_SECONDS,
  type HeaderSource,
  NOTICE_ID_HEADER,
  NOTICE_SIGNATURE_HEADER,
  NOTICE_TIMESTAMP_HEADER,
  type NoticeSignatureCheck,
  type NoticeSignatureFailure,
  type NoticeSignatureHeaders,
  signNotice,
  signStandardWebhook,
  standardWebhookSecret,
  type StandardWebhookHeaders,
  verifyNoticeSignature,
  WEBHOOK_ID_HEADER,
  WEBHOOK_SIGNATURE_HEADER,
  WEBHOOK_TIMESTAMP_HEADER,
} from './notice-signature.js';
export { type BackoffOptions, retryDelayMs } from './retry-backoff.js';
export {
  deliverDueNotices,
  DELIVERY_DEFAULTS,
  type DeliveryOptions,
  type DeliveryOutcome,
  type DeliveryReport,
  NO_WEBHOOK,
  NO_WEBHOOK_SECRET,
  type NoticeBody,
  WEBHOOK_URL_NOT_ALLOWED,
} from './notice-delivery.js';
