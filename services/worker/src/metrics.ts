import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import { NOTICE_TYPES, type NoticeType } from '@provision/domain';
import { type PoolCounts, registerPoolMetrics } from '@provision/runtime';

/** The worker's Prometheus metrics, on a registry of its own so several workers can coexist in tests. */
export interface WorkerMetrics {
  registry: Registry;
  /** Runs of each job, failed or not. */
  jobRuns: Counter<'job'>;
  /** Runs of each job that failed (thrown, so pg-boss records the job failed). */
  jobFailures: Counter<'job'>;
  deliveries: Counter<'type'>;
  retries: Counter<'type'>;
  deadLetters: Counter<'type'>;
  sweepRuns: Counter<'outcome'>;
  sweepClosures: Counter;
  sweepNotices: Counter;
  sweepDuration: Histogram;
}

/** Where the gauges read at scrape time. */
export interface WorkerMetricsSources {
  /** Notices waiting for delivery (PENDING) and given up (DEAD), from the database. */
  outbox: () => Promise<{ pending: number; dead: number }>;
  /** The jobs' database pool; null until opened. */
  jobsPool: () => PoolCounts | null;
}

/**
 * The worker's registry. Job, delivery and sweep counters are this process's own (aggregate
 * replicas with `sum`); the outbox gauge is read from the database at scrape time and is the same
 * on every replica (use `max`). Every job of `jobs`, every notice type and both sweep outcomes are
 * there from the start at 0. Labels are job names, notice types and fixed words: never personal data.
 */
export function createWorkerMetrics(jobs: readonly string[], { outbox, jobsPool }: WorkerMetricsSources): WorkerMetrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  registerPoolMetrics(registry, { jobs: jobsPool });
  const counter = <L extends string>(name: string, help: string, labelNames: readonly L[]) =>
    new Counter<L>({ name, help, labelNames, registers: [registry] });

  const jobRuns = counter('worker_job_runs_total', 'Runs of each worker job on this replica, failed or not.', ['job']);
  const jobFailures = counter('worker_job_failures_total', 'Runs of each worker job on this replica that failed.', ['job']);
  for (const job of jobs) {
    jobRuns.inc({ job }, 0);
    jobFailures.inc({ job }, 0);
  }
  const deliveries = counter('notice_deliveries_total', 'Notices delivered to partners (acknowledged with 2xx), by notice type.', ['type']);
  const retries = counter('notice_delivery_retries_total', 'Failed delivery attempts that will be retried, by notice type.', ['type']);
  const deadLetters = counter('notice_dead_letters_total', 'Notices given up (DEAD) by this replica, by notice type.', ['type']);
  for (const type of NOTICE_TYPES) for (const metric of [deliveries, retries, deadLetters]) metric.inc({ type }, 0);
  const sweepRuns = counter('window_sweep_runs_total', 'Window sweeps run on this replica, by outcome (success, failure).', ['outcome']);
  for (const outcome of ['success', 'failure']) sweepRuns.inc({ outcome }, 0);

  let last = { pending: 0, dead: 0 };
  new Gauge({
    name: 'notice_outbox_notices',
    help: 'Undelivered notices in the outbox, from the database (the same on every replica): PENDING is the depth, DEAD the dead letters.',
    labelNames: ['status'],
    registers: [registry],
    async collect() {
      try {
        last = await outbox();
      } catch {
        // The database away: keep the last value read; /readyz tells the rest.
      }
      this.set({ status: 'PENDING' }, last.pending);
      this.set({ status: 'DEAD' }, last.dead);
    },
  });

  return {
    registry,
    jobRuns,
    jobFailures,
    deliveries,
    retries,
    deadLetters,
    sweepRuns,
    sweepClosures: counter('window_sweep_closures_total', 'Provision windows the sweep closed on this replica.', []),
    sweepNotices: counter('window_sweep_notices_total', 'window-closed notices the sweep wrote on this replica.', []),
    sweepDuration: new Histogram({
      name: 'window_sweep_duration_seconds',
      help: 'Time one window sweep took, failed or not.',
      buckets: [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300],
      registers: [registry],
    }),
  };
}

/** A delivery outcome's counter; `stale` and `released` outcomes are not attempts and count nowhere. */
export function countDelivery(metrics: WorkerMetrics, type: NoticeType, status: 'DELIVERED' | 'PENDING' | 'DEAD'): void {
  if (status === 'DELIVERED') metrics.deliveries.inc({ type });
  else if (status === 'PENDING') metrics.retries.inc({ type });
  else metrics.deadLetters.inc({ type });
}
