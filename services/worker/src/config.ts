import { z } from 'zod';
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
  /** How often each replica asks for a delivery pass. */
  deliveryIntervalSeconds: number;
  logLevel: LogLevel;
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
  SWEEP_CRON: z.string().regex(CRON, { error: 'must be a 5-field cron expression, e.g. "* * * * *"' }).default('* * * * *'),
  REVIEW_CRON: z.string().regex(CRON, { error: 'must be a 5-field cron expression, e.g. "30 0 1 * *"' }).default('30 0 1 * *'),
  DELIVERY_INTERVAL_SECONDS: integer(1, 3600).default(5),
  LOG_LEVEL: z.enum(LOG_LEVELS, { error: `must be one of ${LOG_LEVELS.join(', ')}` }).default('info'),
});

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
    deliveryIntervalSeconds: vars.DELIVERY_INTERVAL_SECONDS,
    logLevel: vars.LOG_LEVEL,
  };
}
