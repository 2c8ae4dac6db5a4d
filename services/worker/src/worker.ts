import type { MikroORM } from '@mikro-orm/postgresql';
import { purgeLedger, retentionCutoff } from '@provision/audit';
import { JOB_SCHEMA, nativePool, Notice } from '@provision/db';
import { runWindowSweep } from '@provision/lifecycle';
import { previousSeoulYear, produceAnnualNotices } from '@provision/reports';
import { ReviewReportService } from '@provision/review';
import { deliverDueNotices, DELIVERY_DEFAULTS, type DeliveryOptions, type DeliveryReport } from '@provision/notices';
import type { HarvestThresholds } from '@provision/quotas';
import type { Keyring } from '@provision/crypto';
import { type PoolCounts, withLogContext } from '@provision/runtime';
import type { Clock } from '@provision/util';
import { type Job, PgBoss } from 'pg-boss';
import type { Logger } from 'pino';
import { runHarvestCheck } from './harvest-check.js';
import { countDelivery, createWorkerMetrics, type WorkerMetrics } from './metrics.js';

/** Queue of delivery passes over the notice outbox. */
export const NOTICE_DELIVERY_QUEUE = 'notice-delivery';
/** Queue of window sweeps. */
export const WINDOW_SWEEP_QUEUE = 'window-sweep';
/** Queue of harvest checks (partners' daily counts against their baselines). */
export const HARVEST_CHECK_QUEUE = 'harvest-check';
/** Queue of provision ledger retention purges. */
export const LEDGER_PURGE_QUEUE = 'ledger-purge';
/** Queue of the monthly access-review reports. */
export const MONTHLY_REVIEW_QUEUE = 'monthly-review';
/** Queue of the annual provision notices (PIPA Art. 20-2). */
export const ANNUAL_NOTICE_QUEUE = 'annual-notice';
/** The time zone the monthly review's and the annual notice's crons are read in: Seoul calendar months and years. */
export const MONTHLY_REVIEW_TIME_ZONE = 'Asia/Seoul';
/** The delivery backstop schedule: a pass every minute even if no replica's timer fires. */
export const DELIVERY_BACKSTOP_CRON = '* * * * *';
/** Every job the worker runs: the label values of its job metrics, each there from the start. */
export const WORKER_JOBS = [NOTICE_DELIVERY_QUEUE, WINDOW_SWEEP_QUEUE, HARVEST_CHECK_QUEUE, LEDGER_PURGE_QUEUE, MONTHLY_REVIEW_QUEUE, ANNUAL_NOTICE_QUEUE] as const;

/** Tuning of {@link createWorker}; the entry points fill it from configuration. */
export interface WorkerOptions {
  /** Seconds between the delivery passes each replica asks for. */
  deliveryIntervalSeconds: number;
  /** Cron (UTC) of the window sweep. */
  sweepCron: string;
  /** Cron (UTC) of the harvest check, and when it alarms. */
  harvest: HarvestThresholds & { cron: string };
  /** Cron (UTC) of the ledger retention purge. */
  ledgerPurgeCron: string;
  /** Months ledger rows are kept (at least 24). */
  ledgerRetentionMonths: number;
  /** Cron (Seoul time) of the monthly review reports. */
  reviewCron: string;
  /** Cron (Seoul time) of the annual provision notices of the year before. */
  annualNoticeCron: string;
  /** Delivery settings (maxAttempts from NOTICE_MAX_ATTEMPTS; the rest default). */
  delivery?: Omit<DeliveryOptions, 'orm' | 'clock' | 'keyring' | 'signal'>;
  /** How often pg-boss looks for jobs; default 2 s (pg-boss's minimum is 0.5). */
  pollingIntervalSeconds?: number;
  /** How long one delivery pass keeps draining a backlog before it yields; default 60 s. */
  drainBudgetMs?: number;
  /** How long `stop()` waits for running jobs; default 30 s. */
  stopTimeoutMs?: number;
  /** Most connections pg-boss opens; default 4. */
  pgBossPoolSize?: number;
  /**
   * Whether this replica takes part in pg-boss's cron pass, which turns the schedules' due
   * occurrences into jobs; default true. The schedules are written either way.
   */
  cronPass?: boolean;
}

/** What {@link createWorker} runs on. */
export interface WorkerDependencies {
  /** The database pg-boss runs on: the application's own. */
  databaseUrl: string;
  /** The application's ORM; the worker uses it but does not close it. */
  orm: MikroORM;
  clock: Clock;
  logger: Logger;
  /** Opens webhook secrets and the personal values of notices when they are sent. */
  keyring: Keyring;
  options: WorkerOptions;
}

/** A worker process's pg-boss side; one start and one stop per instance. */
export interface Worker {
  /** Its jobs, deliveries, sweeps, outbox and pool, for `/metrics`. */
  readonly metrics: WorkerMetrics;
  /** Whether pg-boss has started (queues and schedules in place) and the worker is not stopping. */
  readonly started: boolean;
  /** Checks that the migrations installed pg-boss's schema, creates the queues and schedules, starts working. */
  start(): Promise<void>;
  /** Stops asking for work, lets running jobs finish (bounded), closes pg-boss's connections. */
  stop(): Promise<void>;
}

const errorType = (err: unknown) => (err instanceof Error ? err.name : typeof err);

/**
 * The worker: pg-boss on the application's PostgreSQL (schema `pgboss`) with three queues.
 *
 * - `window-sweep`, scheduled by cron: `runWindowSweep`. pg-boss's cron pass runs on one replica at
 *   a time and files each occurrence under a singleton key, so each occurrence is one job however
 *   many replicas run; the queue's `stately` policy keeps a slow sweep from overlapping the next.
 * - `notice-delivery`: every replica sends a job every `deliveryIntervalSeconds` (the `short`
 *   policy keeps at most one queued, so replicas do not pile jobs up) and a cron backstop sends one
 *   every minute. A job drains due notices batch after batch; passes on several replicas at once
 *   are safe, the outbox claim (`FOR UPDATE SKIP LOCKED`) gives each a disjoint batch.
 * - `harvest-check`, scheduled by cron like the sweep: `runHarvestCheck` for today so far. Two checks
 *   at once would be harmless too: an alert is unique per partner, day and kind.
 * - `monthly-review`, scheduled by cron in Seoul time (default early on the 1st): last month's
 *   access-review report for every partner with ledger records or access changes in it. One job per
 *   occurrence like the sweep; reports already there are skipped, so a retry or a second job writes
 *   nothing twice.
 * - `annual-notice`, scheduled by cron in Seoul time (default early in January): the annual provision
 *   notices of the year before (or of the job's `{ year }`), resumable like the review: a run stopped
 *   midway fails, and its retry carries on after the subjects already recorded.
 */
export function createWorker({ databaseUrl, orm, clock, logger, keyring, options }: WorkerDependencies): Worker {
  const pollingIntervalSeconds = options.pollingIntervalSeconds ?? 2;
  const drainBudgetMs = options.drainBudgetMs ?? 60_000;
  const stopTimeoutMs = options.stopTimeoutMs ?? 30_000;
  const batchSize = options.delivery?.batchSize ?? DELIVERY_DEFAULTS.batchSize;
  const stopping = new AbortController();
  let boss: PgBoss | undefined;
  let ticker: NodeJS.Timeout | undefined;
  let started = false;
  let jobsPool: PoolCounts | null = null;
  const metrics = createWorkerMetrics(WORKER_JOBS, {
    outbox: async () => {
      const em = orm.em.fork();
      return { pending: await em.count(Notice, { status: 'PENDING' }), dead: await em.count(Notice, { status: 'DEAD' }) };
    },
    jobsPool: () => jobsPool,
  });

  const log = logger.child({ component: 'worker' });

  const requestDelivery = () => {
    boss?.send(NOTICE_DELIVERY_QUEUE).catch((err: unknown) => log.warn({ errorType: errorType(err) }, 'could not queue a delivery pass'));
  };

  const logFailures = (report: DeliveryReport) => {
    for (const outcome of report.outcomes) {
      countDelivery(metrics, outcome.type, outcome.status);
      if (outcome.status === 'DELIVERED') continue;
      // Ids, partner code and error class only: payloads hold personal data and never reach a log.
      const fields = {
        noticeId: outcome.noticeId,
        partner: outcome.partnerCode,
        noticeType: outcome.type,
        attempt: outcome.attempt,
        error: outcome.error,
        nextAttemptAt: outcome.nextAttemptAt?.toISOString(),
      };
      if (outcome.status === 'DEAD') log.error(fields, 'notice dead: delivery given up');
      else log.warn(fields, 'notice delivery failed; will retry');
    }
  };

  const deliveryPass = async () => {
    const deadline = Date.now() + drainBudgetMs;
    const totals = { claimed: 0, delivered: 0, retrying: 0, dead: 0, released: 0, stale: 0 };
    for (;;) {
      const report = await deliverDueNotices({ ...options.delivery, orm, clock, keyring, signal: stopping.signal });
      logFailures(report);
      for (const key of Object.keys(totals) as (keyof typeof totals)[]) totals[key] += report[key];
      if (report.claimed < batchSize || stopping.signal.aborted || Date.now() >= deadline) break;
    }
    if (totals.claimed > 0) log.info(totals, 'delivery pass finished');
  };

  const monthlyReview = async () => {
    const run = await new ReviewReportService(orm.em.fork(), clock).generateLastMonth();
    log.info({ month: run.month, generated: run.generated.length, skipped: run.skipped.length }, 'monthly review finished');
  };

  const annualNotice = async (data: unknown) => {
    const asked = (data as { year?: unknown } | null)?.year;
    const year = typeof asked === 'number' ? asked : previousSeoulYear(clock.now());
    const run = await produceAnnualNotices(orm.em.fork(), { year, now: clock.now(), signal: stopping.signal });
    const fields = { period: run.period, batches: run.batches, produced: run.produced, resumed: run.resumed };
    // A stopping worker ends between batches; failing the job makes pg-boss retry it, and the retry resumes.
    if (run.stopped) throw Object.assign(new Error(`stopped after ${run.batches} batches; the retry resumes`), { name: 'AnnualNoticeStopped' });
    log.info(fields, 'annual notice finished');
  };

  const sweep = async () => {
    const stopTimer = metrics.sweepDuration.startTimer();
    let result;
    try {
      result = await runWindowSweep(orm, clock);
    } catch (err) {
      metrics.sweepRuns.inc({ outcome: 'failure' });
      throw err;
    } finally {
      stopTimer();
    }
    metrics.sweepRuns.inc({ outcome: 'success' });
    metrics.sweepClosures.inc(result.closures);
    metrics.sweepNotices.inc(result.notices);
    log.info({ closures: result.closures, notices: result.notices }, 'window sweep finished');
  };

  const harvestCheck = async () => {
    await runHarvestCheck({ orm, clock, logger: log }, options.harvest);
  };

  const purge = async () => {
    const report = await purgeLedger(orm.em.fork(), { cutoff: retentionCutoff(clock.now(), options.ledgerRetentionMonths) });
    log.info({ chains: report.chains, rows: report.rows, cutoff: report.cutoff.toISOString() }, 'ledger purge finished');
  };

  /** pg-boss hands a batch (an array) of jobs; a pass or a sweep does not care how many, a job with data reads the first's. */
  const handler = (name: string, run: (data: unknown) => Promise<void>) => async (jobs: Pick<Job, 'id' | 'data'>[]) => {
    metrics.jobRuns.inc({ job: name });
    // pg-boss's ids (UUIDs it generates; one at the default batch size the worker keeps): they tell
    // this run's lines from those of another run of the same queue, a scheduled one's or a retry's.
    const jobId = jobs.map((job) => job.id).join(',');
    try {
      // Every line the job writes names it.
      await withLogContext({ job: name, jobId }, () => run(jobs[0]?.data));
    } catch (err) {
      metrics.jobFailures.inc({ job: name });
      // Class and SQLSTATE only: messages may quote row values.
      log.error({ queue: name, jobId, errorType: errorType(err), code: (err as { code?: unknown })?.code }, 'job failed');
      throw err;
    }
  };

  return {
    metrics,

    get started() {
      return started;
    },

    async start() {
      jobsPool = await nativePool(orm.em);
      // The schema is the migrations' (Migration…_job_queue_schema): the worker's role may use the
      // queues but not create or alter them, so pg-boss only checks that its version is there.
      boss = new PgBoss({
        connectionString: databaseUrl,
        schema: JOB_SCHEMA,
        migrate: false,
        application_name: 'provision-worker',
        max: options.pgBossPoolSize ?? 4,
        schedule: options.cronPass ?? true,
      });
      // An EventEmitter 'error' without a listener would crash the process; pg-boss reports
      // transient database trouble this way and recovers by itself.
      // While stopping (e.g. Ctrl-C also stopped the development database) such errors are expected.
      boss.on('error', (err) => {
        const fields = { errorType: errorType(err), code: (err as { code?: unknown })?.code };
        if (stopping.signal.aborted) log.warn(fields, 'pg-boss error while stopping');
        else log.error(fields, 'pg-boss error');
      });
      await boss.start();
      // createQueue is idempotent (insert … on conflict do nothing), so every replica may call it.
      await boss.createQueue(NOTICE_DELIVERY_QUEUE, {
        policy: 'short',
        // A failed pass is not retried: the next one comes within seconds anyway.
        retryLimit: 0,
        expireInSeconds: Math.ceil(drainBudgetMs / 1000) + 120,
        deleteAfterSeconds: 3600,
      });
      // The cron jobs: one queue each, `stately` so one run per occurrence across replicas.
      const scheduledJobs = [
        { name: WINDOW_SWEEP_QUEUE, cron: options.sweepCron, run: sweep, queue: { retryLimit: 0, expireInSeconds: 900, deleteAfterSeconds: 7 * 24 * 3600 } },
        { name: HARVEST_CHECK_QUEUE, cron: options.harvest.cron, run: harvestCheck, queue: { retryLimit: 0, expireInSeconds: 900, deleteAfterSeconds: 7 * 24 * 3600 } },
        // The next day's run purges what a failed one left.
        { name: LEDGER_PURGE_QUEUE, cron: options.ledgerPurgeCron, run: purge, queue: { retryLimit: 0, expireInSeconds: 3600, deleteAfterSeconds: 30 * 24 * 3600 } },
        // Once a month: a failed run (database restarting, say) is worth retrying; reports already
        // written are skipped on the retry.
        {
          name: MONTHLY_REVIEW_QUEUE,
          cron: options.reviewCron,
          tz: MONTHLY_REVIEW_TIME_ZONE,
          run: monthlyReview,
          queue: { retryLimit: 5, retryDelay: 300, retryBackoff: true, expireInSeconds: 3600, deleteAfterSeconds: 90 * 24 * 3600 },
        },
        // Once a year, like the review: a retry resumes after the subjects already recorded.
        {
          name: ANNUAL_NOTICE_QUEUE,
          cron: options.annualNoticeCron,
          tz: MONTHLY_REVIEW_TIME_ZONE,
          run: annualNotice,
          queue: { retryLimit: 5, retryDelay: 300, retryBackoff: true, expireInSeconds: 4 * 3600, deleteAfterSeconds: 400 * 24 * 3600 },
        },
      ];
      for (const job of scheduledJobs) {
        await boss.createQueue(job.name, { policy: 'stately', ...job.queue });
        await boss.schedule(job.name, job.cron, null, job.tz === undefined ? {} : { tz: job.tz });
      }
      await boss.schedule(NOTICE_DELIVERY_QUEUE, DELIVERY_BACKSTOP_CRON);
      await boss.work(NOTICE_DELIVERY_QUEUE, { pollingIntervalSeconds }, handler(NOTICE_DELIVERY_QUEUE, deliveryPass));
      for (const job of scheduledJobs) {
        await boss.work(job.name, { pollingIntervalSeconds }, handler(job.name, job.run));
      }
      ticker = setInterval(requestDelivery, options.deliveryIntervalSeconds * 1000);
      requestDelivery();
      started = true;
      log.info(
        {
          deliveryIntervalSeconds: options.deliveryIntervalSeconds,
          sweepCron: options.sweepCron,
          ledgerPurgeCron: options.ledgerPurgeCron,
          ledgerRetentionMonths: options.ledgerRetentionMonths,
          reviewCron: options.reviewCron,
          annualNoticeCron: options.annualNoticeCron,
        },
        'worker started',
      );
    },

    async stop() {
      started = false;
      clearInterval(ticker);
      // Running passes stop starting requests; what is in flight finishes within the request timeout.
      stopping.abort();
      await boss?.stop({ graceful: true, timeout: stopTimeoutMs });
      boss = undefined;
      log.info('worker stopped');
    },
  };
}
