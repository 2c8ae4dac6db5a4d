import { ConfigError, loadWorkerConfig } from './config.js';

const DATABASE_URL = 'postgresql://worker:s3cret@db.internal:5432/provision';

function problem(env: Record<string, string>): string {
  try {
    loadWorkerConfig(env);
  } catch (err) {
    if (err instanceof ConfigError) return err.message;
    throw err;
  }
  throw new Error('expected a ConfigError');
}

describe('loadWorkerConfig', () => {
  it('needs only DATABASE_URL and defaults the rest', () => {
    expect(loadWorkerConfig({ DATABASE_URL })).toEqual({
      databaseUrl: DATABASE_URL,
      noticeMaxAttempts: 8,
      sweepCron: '* * * * *',
      reviewCron: '30 0 1 * *',
      deliveryIntervalSeconds: 5,
      logLevel: 'info',
    });
  });

  it('reads every variable', () => {
    const config = loadWorkerConfig({
      DATABASE_URL,
      NOTICE_MAX_ATTEMPTS: '12',
      SWEEP_CRON: '*/5 * * * *',
      REVIEW_CRON: '0 7 1 * *',
      DELIVERY_INTERVAL_SECONDS: '2',
      LOG_LEVEL: 'warn',
    });
    expect(config).toMatchObject({
      noticeMaxAttempts: 12,
      sweepCron: '*/5 * * * *',
      reviewCron: '0 7 1 * *',
      deliveryIntervalSeconds: 2,
      logLevel: 'warn',
    });
  });

  it('names the bad variable in one line and never echoes a value', () => {
    expect(problem({})).toBe('Invalid configuration: DATABASE_URL is required');
    expect(problem({ DATABASE_URL: '  ' })).toBe('Invalid configuration: DATABASE_URL is required');
    expect(problem({ DATABASE_URL: 'mysql://root:hunter2@db/provision' })).toBe(
      'Invalid configuration: DATABASE_URL must be a postgres:// or postgresql:// URL',
    );
    expect(problem({ DATABASE_URL, NOTICE_MAX_ATTEMPTS: '0' })).toBe(
      'Invalid configuration: NOTICE_MAX_ATTEMPTS must be an integer from 1 to 100',
    );
    expect(problem({ DATABASE_URL, NOTICE_MAX_ATTEMPTS: 'eight' })).toBe(
      'Invalid configuration: NOTICE_MAX_ATTEMPTS must be an integer from 1 to 100',
    );
    expect(problem({ DATABASE_URL, DELIVERY_INTERVAL_SECONDS: '0.5' })).toBe(
      'Invalid configuration: DELIVERY_INTERVAL_SECONDS must be an integer from 1 to 3600',
    );
    expect(problem({ DATABASE_URL, SWEEP_CRON: 'every minute' })).toBe(
      'Invalid configuration: SWEEP_CRON must be a 5-field cron expression, e.g. "* * * * *"',
    );
    expect(problem({ DATABASE_URL, REVIEW_CRON: 'monthly' })).toBe(
      'Invalid configuration: REVIEW_CRON must be a 5-field cron expression, e.g. "30 0 1 * *"',
    );
    expect(problem({ DATABASE_URL, LOG_LEVEL: 'loud' })).toMatch(/^Invalid configuration: LOG_LEVEL must be one of fatal, /);
    expect(problem({ DATABASE_URL: 'postgresql//worker:hunter2@db' })).not.toContain('hunter2');
  });
});
