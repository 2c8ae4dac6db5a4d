// The public surface of @provision/review: monthly access-review reports per partner.
export {
  BASELINE_MONTHS,
  DENIAL_SPIKE_FACTOR,
  DENIAL_SPIKE_MIN,
  DENIAL_SPIKE_MIN_INCREASE,
  type Finding,
  FINDING_CODES,
  FINDING_SEVERITIES,
  type FindingCode,
  type FindingSeverity,
  type ItemPurposeVolume,
  type MonthFigures,
  NEW_SUBJECT_LOOKBACK_MONTHS,
  NEW_SUBJECTS_FACTOR,
  NEW_SUBJECTS_MIN,
  ODD_HOUR_RELEASES_MIN,
  ODD_HOUR_SHARE_MIN,
  ODD_HOURS_END,
  type ReasonCount,
  REVIEW_REPORT_SCHEMA_VERSION,
  REVIEW_THRESHOLDS,
  type ReviewReportData,
  type ReviewTotals,
} from './review-report.js';
export { parseReviewMonth, type ReviewMonth, seoulMonthOf, shiftMonth } from './review-month.js';
export { percent, reviewFindings } from './review-findings.js';
export { buildReviewReport } from './review-report.builder.js';
export { MONTHLY_REVIEW_ACTOR, type MonthlyReviewRun, ReviewReportService } from './review-report.service.js';
export { renderReviewReportHtml, type StoredReviewReport } from './review-report.html.js';
