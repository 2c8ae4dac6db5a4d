// The public surface of @provision/reports: the subject's provision report (PIPA Art. 35) and the
// published disclosure tables (Art. 17(2), 26(2)), the annual provision notice (Art. 20-2), the subject's consents as Kantara Consent Receipts
// v1.1, their builders and renderings.
export {
  assertShopSubjectId,
  buildSubjectReport,
  type EngagementKind,
  type ReportedConsent,
  type ReportedDenial,
  type ReportedEngagement,
  type ReportedNotice,
  type ReportedPartner,
  type ReportedRelease,
  type ReportedStatutoryDisclosure,
  type SubjectProvisionReport,
} from './subject-report.js';
export { subjectReportHtml } from './subject-report.html.js';
export { buildStatutoryRegister, type StatutoryRegisterEntry, statutoryRegisterCsv } from './statutory-register.js';
export {
  type BreachFilter,
  type BreachScope,
  buildBreachScope,
  parseBreachFilter,
  REGULATOR_DEADLINE_HOURS,
  REGULATOR_THRESHOLD_SUBJECTS,
} from './breach-scope.js';
export {
  ANNUAL_NOTICE_BATCH_SIZE,
  type AnnualNotice,
  type AnnualNoticeContent,
  type AnnualNoticeProvision,
  type AnnualNoticeRun,
  annualNoticeText,
  findAnnualNotice,
  parseNoticeYear,
  previousSeoulYear,
  produceAnnualNotices,
} from './annual-notice.js';
export { buildConsentReceipts, CONSENT_RECEIPT_VERSION, type ConsentReceipt, type ReceiptController } from './consent-receipt.js';
export {
  buildDisclosureTables,
  type DisclosedConsignee,
  type DisclosedRecipient,
  type DisclosureTables,
  parseAsOf,
} from './disclosure.js';
export { disclosureHtml, disclosureMarkdown } from './disclosure.render.js';
export { PAGE_CSP } from './page.html.js';
export { FORMATS, type Format, formatOf, languageOf } from './request-options.js';
export { DENIAL_REASON_LABELS, type Labelled } from './labels.js';
