import { z } from 'zod';
import { MIN_RETENTION_MONTHS } from '@provision/audit';
import { keyringConfigFromEnv, KeyringError, type KeyringConfig } from '@provision/crypto';
import { type LogLevel } from '@provision/runtime';


/** The worker's configuration, read once from the environment at start. */
export interface WorkerConfig {
  databaseUrl: string;
  /** Delivery attempts before a notice is DEAD. */
  noticeMaxAttempts: number;
  /** When the window sweep runs (cron, UTC); once per occurrence across all replicas. */
  sweepCron: string;
  /** When the monthly review reports are generated (cron, Seoul time). */
  reviewCron: string;
  /** When the annual provision notices of the year before are produced (cron, Seoul time). */
  annualNoticeCron: string;
  /** How often each replica asks for a delivery pass. */
  deliveryIntervalSeconds: number;
  /** How long provision ledger rows are kept before the purge deletes them; at least 24 months. */
  ledgerRetentionMonths: number;
  /** When the ledger purge runs (cron, UTC); once per occurrence across all replicas. */
  ledgerPurgeCron: string;
  logLevel: LogLevel;
  /** The harvest check: when it runs, and when a partner's day counts as a jump. */
  harvest: { cron: string; factor: number; minVolume: number };
  /** DATA_KEYS and DATA_INDEX_KEY, checked: opens webhook secrets and the personal values of notices. */
  keys: KeyringConfig;
  /** Most connections of the jobs' own pool (MikroORM) and of pg-boss's pool. */
  poolSizes: { database: number; pgBoss: number };
  /** WORKER_PORT: where `/healthz`, `/readyz` and `/metrics` are served (all interfaces). */
  port: number;
}

/** A bad environment; `message` is the one line the process prints before exiting. */
export class ConfigError extends Error {
  constructor(variable: string, problem: string) {
    super(`Invalid configuration: ${variable} ${problem}`);
    this.name = 'ConfigError';
  }
}

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

// Five fields (minute hour day-of-month month day-of-week) of the characters cron uses; pg-boss
// parses the expression itself when it schedules, this catches the typical slip at start-up.
const CRON = /^\s*([\d*/,\-A-Za-z?LW#]+\s+){4}[\d*/,\-A-Za-z?LW#]+\s*$/;

function integer(min: number, max: number) {
  const message = `must be an integer from ${min} to ${max}`;
  return z
    .string()
    .regex(/^\d{1,6}$/, { error: message })
    .transform(Number)
    .refine((value) => value >= min && value <= max, { error: message });
}

function cron(fallback: string) {
  return z.string().regex(CRON, { error: 'must be a 5-field cron expression, e.g. "* * * * *"' }).default(fallback);
}

function isPostgresUrl(text: string): boolean {
  try {
    return ['postgres:', 'postgresql:'].includes(new URL(text).protocol);
  } catch {
    return false;
  }
}

// One schema per variable; each message completes the sentence "<VARIABLE> …".
const env = z.object({
  DATABASE_URL: z.string({ error: 'is required' }).refine(isPostgresUrl, { error: 'must be a postgres:// or postgresql:// URL' }),
  NOTICE_MAX_ATTEMPTS: integer(1, 100).default(8),
  SWEEP_CRON: cron('* * * * *'),
  REVIEW_CRON: cron('30 0 1 * *'),
  ANNUAL_NOTICE_CRON: cron('0 2 10 1 *'),
  DELIVERY_INTERVAL_SECONDS: integer(1, 3600).default(5),
  // Safety Standard 8 keeps the provision ledger at least 2 years; the database refuses less too.
  LEDGER_RETENTION_MONTHS: integer(MIN_RETENTION_MONTHS, 1200).default(MIN_RETENTION_MONTHS),
  LEDGER_PURGE_CRON: cron('30 3 * * *'),
  LOG_LEVEL: z.enum(LOG_LEVELS, { error: `must be one of ${LOG_LEVELS.join(', ')}` }).default('info'),
  // Harvest detection (README, "Quotas and harvest detection").
  HARVEST_CRON: z.string().regex(CRON, { error: 'must be a 5-field cron expression, e.g. "*/15 * * * *"' }).default('*/15 * * * *'),
  HARVEST_FACTOR: z
    .string()
    .regex(/^\d{1,3}(\.\d{1,2})?$/, { error: 'must be a number from 1.1 to 100' })
    .transform(Number)
    .refine((value) => value >= 1.1 && value <= 100, { error: 'must be a number from 1.1 to 100' })
    .default(3),
  HARVEST_MIN_VOLUME: integer(1, 100_000).default(100),
  DATA_KEYS: z.string().optional(),
  DATA_INDEX_KEY: z.string().optional(),
  DATABASE_POOL_SIZE: integer(1, 200).default(5),
  PGBOSS_POOL_SIZE: integer(1, 200).default(4),
  WORKER_PORT: integer(1, 65535).default(9400),
});

/** The keyring is required in every environment: `npm start` hands the worker its development keyring. */
function keyringConfig(dataKeys: string | undefined, indexKey: string | undefined): KeyringConfig {
  let keys: KeyringConfig | null;
  try {
    keys = keyringConfigFromEnv(dataKeys, indexKey);
  } catch (err) {
    if (err instanceof KeyringError) throw new ConfigError(err.variable, err.problem);
    throw err;
  }
  if (keys === null) throw new ConfigError('DATA_KEYS', 'is required');
  return keys;
}

/**
 * Reads and checks the environment. Empty variables count as unset. Throws {@link ConfigError}
 * naming the first bad variable; never includes a value, which may be a secret.
 */
export function loadWorkerConfig(source: Record<string, string | undefined>): WorkerConfig {
  const present = Object.fromEntries(
    Object.keys(env.shape)
      .map((name) => [name, source[name]?.trim()] as const)
      .filter(([, value]) => value !== undefined && value !== ''),
  );
  const result = env.safeParse(present);
  if (!result.success) {
    const [issue] = result.error.issues;
    throw new ConfigError(String(issue?.path[0] ?? 'environment'), issue?.message ?? 'is invalid');
  }
  const vars = result.data;
  return {
    databaseUrl: vars.DATABASE_URL,
    noticeMaxAttempts: vars.NOTICE_MAX_ATTEMPTS,
    sweepCron: vars.SWEEP_CRON,
    reviewCron: vars.REVIEW_CRON,
    annualNoticeCron: vars.ANNUAL_NOTICE_CRON,
    deliveryIntervalSeconds: vars.DELIVERY_INTERVAL_SECONDS,
    ledgerRetentionMonths: vars.LEDGER_RETENTION_MONTHS,
    ledgerPurgeCron: vars.LEDGER_PURGE_CRON,
    logLevel: vars.LOG_LEVEL,
    harvest: { cron: vars.HARVEST_CRON, factor: vars.HARVEST_FACTOR, minVolume: vars.HARVEST_MIN_VOLUME },
    keys: keyringConfig(vars.DATA_KEYS, vars.DATA_INDEX_KEY),
    poolSizes: { database: vars.DATABASE_POOL_SIZE, pgBoss: vars.PGBOSS_POOL_SIZE },
    port: vars.WORKER_PORT,
  };
}
