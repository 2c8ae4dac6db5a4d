// The public surface of @provision/quotas: per-partner limits on what is released, and harvest detection.
export { claimDailySubjects, type DailyClaim, dailyClaimCtes } from './daily-ceiling.js';
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
export {
  type RateLimitDefaults,
  rateDebitCte,
  rateTakeCte,
  type RateTakeRow,
  type RateVerdict,
  rateVerdictOf,
} from './rate-bucket.js';
