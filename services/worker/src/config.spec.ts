import { randomBytes } from 'node:crypto';
import { ConfigError, loadWorkerConfig } from './config.js';

const KEY = randomBytes(32).toString('base64');
const INDEX_KEY = randomBytes(32).toString('base64');
const keys = { DATA_KEYS: `k1:${KEY}`, DATA_INDEX_KEY: INDEX_KEY };
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
  it('needs only DATABASE_URL and the keyring, and defaults the rest', () => {
    expect(loadWorkerConfig({ DATABASE_URL, ...keys })).toEqual({
      databaseUrl: DATABASE_URL,
      noticeMaxAttempts: 8,
      sweepCron: '* * * * *',
      reviewCron: '30 0 1 * *',
      annualNoticeCron: '0 2 10 1 *',
      deliveryIntervalSeconds: 5,
      ledgerRetentionMonths: 24,
      ledgerPurgeCron: '30 3 * * *',
      logLevel: 'info',
      harvest: { cron: '*/15 * * * *', factor: 3, minVolume: 100 },
      keys: { dataKeys: `k1:${KEY}`, indexKey: INDEX_KEY },
      poolSizes: { database: 5, pgBoss: 4 },
      port: 9400,
    });
  });

  it('reads WORKER_PORT and names a bad one', () => {
    expect(loadWorkerConfig({ DATABASE_URL, ...keys, WORKER_PORT: '9500' }).port).toBe(9500);
    for (const port of ['0', '65536', '94.5', 'http']) {
      expect(problem({ DATABASE_URL, ...keys, WORKER_PORT: port })).toBe('Invalid configuration: WORKER_PORT must be an integer from 1 to 65535');
    }
  });

  it('reads the pool sizes and names a bad one', () => {
    expect(loadWorkerConfig({ DATABASE_URL, ...keys, DATABASE_POOL_SIZE: '8', PGBOSS_POOL_SIZE: '2' }).poolSizes).toEqual({ database: 8, pgBoss: 2 });
    expect(problem({ DATABASE_URL, ...keys, PGBOSS_POOL_SIZE: '0' })).toBe('Invalid configuration: PGBOSS_POOL_SIZE must be an integer from 1 to 200');
  });

  it('reads the harvest check and names a bad value', () => {
    expect(loadWorkerConfig({ DATABASE_URL, ...keys, HARVEST_CRON: '0 * * * *', HARVEST_FACTOR: '2.5', HARVEST_MIN_VOLUME: '20' }).harvest).toEqual({
      cron: '0 * * * *',
      factor: 2.5,
      minVolume: 20,
    });
    expect(problem({ DATABASE_URL, ...keys, HARVEST_FACTOR: '1' })).toBe('Invalid configuration: HARVEST_FACTOR must be a number from 1.1 to 100');
    expect(problem({ DATABASE_URL, ...keys, HARVEST_FACTOR: 'three' })).toBe('Invalid configuration: HARVEST_FACTOR must be a number from 1.1 to 100');
    expect(problem({ DATABASE_URL, ...keys, HARVEST_MIN_VOLUME: '0' })).toBe(
      'Invalid configuration: HARVEST_MIN_VOLUME must be an integer from 1 to 100000',
    );
  });

  it('refuses to start without keys, or with a bad one, naming the variable and never the key', () => {
    expect(problem({ DATABASE_URL })).toBe('Invalid configuration: DATA_KEYS is required');
    expect(problem({ DATABASE_URL, DATA_KEYS: keys.DATA_KEYS })).toBe('Invalid configuration: DATA_INDEX_KEY must be set with DATA_KEYS');
    const message = problem({ DATABASE_URL, ...keys, DATA_KEYS: `k1:${KEY.slice(4)}` });
    expect(message).toMatch(/^Invalid configuration: DATA_KEYS key "k1" must be 32 bytes/);
    expect(message).not.toContain(KEY.slice(4));
  });

  it('reads every variable', () => {
    const config = loadWorkerConfig({
      DATABASE_URL,
      ...keys,
      NOTICE_MAX_ATTEMPTS: '12',
      SWEEP_CRON: '*/5 * * * *',
      REVIEW_CRON: '0 7 1 * *',
      ANNUAL_NOTICE_CRON: '0 3 2 1 *',
      DELIVERY_INTERVAL_SECONDS: '2',
      LEDGER_RETENTION_MONTHS: '36',
      LEDGER_PURGE_CRON: '0 4 * * *',
      LOG_LEVEL: 'warn',
    });
    expect(config).toMatchObject({
      noticeMaxAttempts: 12,
      sweepCron: '*/5 * * * *',
      reviewCron: '0 7 1 * *',
      annualNoticeCron: '0 3 2 1 *',
      deliveryIntervalSeconds: 2,
      ledgerRetentionMonths: 36,
      ledgerPurgeCron: '0 4 * * *',
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
    expect(problem({ DATABASE_URL, LEDGER_RETENTION_MONTHS: '23' })).toBe(
      'Invalid configuration: LEDGER_RETENTION_MONTHS must be an integer from 24 to 1200',
    );
    expect(problem({ DATABASE_URL, LEDGER_PURGE_CRON: 'daily' })).toBe(
      'Invalid configuration: LEDGER_PURGE_CRON must be a 5-field cron expression, e.g. "* * * * *"',
    );
    expect(problem({ DATABASE_URL, REVIEW_CRON: 'monthly' })).toBe(
      'Invalid configuration: REVIEW_CRON must be a 5-field cron expression, e.g. "* * * * *"',
    );
    expect(problem({ DATABASE_URL, LOG_LEVEL: 'loud' })).toMatch(/^Invalid configuration: LOG_LEVEL must be one of fatal, /);
    expect(problem({ DATABASE_URL: 'postgresql//worker:hunter2@db' })).not.toContain('hunter2');
  });
});
