import type { WorkerOptions } from './worker.js';

/**
 * Worker options for integration tests: deliveries every second, polling every half second, the
 * production cron shapes, scheduled but never fired. The tests send each job themselves, at a
 * frozen clock; an occurrence fired by the wall clock (a sweep at any fifth minute) would run the
 * same job beside theirs and take its work (the windows it closes, the alert it raises).
 */
export const TEST_WORKER_OPTIONS: WorkerOptions = {
  deliveryIntervalSeconds: 1,
  sweepCron: '*/5 * * * *',
  harvest: { cron: '*/15 * * * *', factor: 3, minVolume: 100 },
  ledgerPurgeCron: '30 3 * * *',
  ledgerRetentionMonths: 24,
  reviewCron: '30 0 1 * *',
  annualNoticeCron: '0 2 10 1 *',
  pollingIntervalSeconds: 0.5,
  stopTimeoutMs: 5000,
  cronPass: false,
};
