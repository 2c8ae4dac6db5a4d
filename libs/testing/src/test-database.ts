import type { MikroORM } from '@mikro-orm/postgresql';
import { generateKeyringConfig, Keyring, type KeyringConfig } from '@provision/crypto';
import { createDatabase, databaseUrl, dropDatabases, openOrm } from '@provision/db';
import { randomBytes } from 'node:crypto';

let runKeys: KeyringConfig | undefined;

/**
 * The test run's keyring configuration (`DATA_KEYS`, `DATA_INDEX_KEY`): generated on first use in
 * each test process, never written anywhere, so no test key is ever committed.
 */
export function testKeyringConfig(): KeyringConfig {
  runKeys ??= generateKeyringConfig('test1');
  return runKeys;
}

/** A private, migrated database for one test suite. */
export interface TestDatabase {
  /** URL of the suite's own database (carries credentials: do not print it). */
  url: string;
  /** An ORM opened on it; fork its `em` per unit of work. */
  orm: MikroORM;
  /** The run's keyring ({@link testKeyringConfig}): seal and open unique identifiers with it. */
  keyring: Keyring;
  /** Closes the ORM and drops the database. Call it in `afterAll`. */
  drop(): Promise<void>;
}

export interface TestDatabaseOptions {
  /** `true`: an empty database without any schema, for testing the migrations themselves. */
  empty?: boolean;
}

/** Environment the test wrapper (`tools/with-postgres.ts`) hands to the test command. */
export const TEST_ADMIN_URL_ENV = 'PROVISION_TEST_ADMIN_URL';
export const TEST_TEMPLATE_ENV = 'PROVISION_TEST_TEMPLATE';

/**
 * Copies the run's migrated template into a new database (`CREATE DATABASE … TEMPLATE …`, tens of
 * milliseconds) and opens an ORM on it, so suites run in parallel without sharing rows. Its name
 * is the template's plus a random suffix, which lets the wrapper drop leftovers of crashed suites.
 * Needs the environment of `tools/with-postgres.ts` (npm test, npx nx test <project>).
 *
 * @example
 * let db: TestDatabase;
 * beforeAll(async () => { db = await createTestDatabase(); });
 * afterAll(() => db.drop());
 */
export async function createTestDatabase(options: TestDatabaseOptions = {}): Promise<TestDatabase> {
  const adminUrl = process.env[TEST_ADMIN_URL_ENV];
  const template = process.env[TEST_TEMPLATE_ENV];
  if (!adminUrl || !template) {
    throw new Error(
      `${TEST_TEMPLATE_ENV} is not set: integration tests need the test PostgreSQL; ` +
        'run them through npm test or npx nx test <project>',
    );
  }
  const name = `${template}_${randomBytes(5).toString('hex')}`;
  await createDatabase(adminUrl, name, options.empty ? {} : { template });
  const url = databaseUrl(adminUrl, name);
  // Suites hold few connections at once; keep many parallel suites well under max_connections.
  const orm = await openOrm(url, { poolSize: 4 });
  let dropped: Promise<void> | undefined;
  return {
    url,
    orm,
    keyring: Keyring.parse(testKeyringConfig()),
    drop: () => {
      dropped ??= (async () => {
        await orm.close(true);
        await dropDatabases(adminUrl, [name]);
      })();
      return dropped;
    },
  };
}
