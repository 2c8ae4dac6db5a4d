// The public surface of @provision/quotas: per-partner limits on what is released, and harvest detection.
export { claimDailySubjects } from './daily-ceiling.js';
export {
  BASELINE_DAYS,
  checkHarvest,
  harvestAlertTotals,
  MIN_BASELINE_DAYS,
  MIN_DENIAL_RATE_BASELINE,
  pruneDailySubjects,
  type HarvestThresholds,
  type RaisedHarvestAlert,
} from './harvest-detection.js';
export { debitSubjects, takeRequestToken, type RateLimitDefaults, type RateVerdict } from './rate-bucket.js';
