import type { MikroORM } from '@mikro-orm/postgresql';
import { generateKeyringConfig, Keyring, type KeyringConfig } from '@provision/crypto';
import { createDatabase, dropDatabases, openOrm } from '@provision/db';
import { randomBytes } from 'node:crypto';
import { applyRolesSql, roleUrl, rolesVariables } from './deploy-roles.js';

let runKeys: KeyringConfig | undefined;

/**
 * The test run's keyring configuration (`DATA_KEYS`, `DATA_INDEX_KEY`): generated on first use in
 * each test process, never written anywhere, so no test key is ever committed.
 */
export function testKeyringConfig(): KeyringConfig {
  runKeys ??= generateKeyringConfig('test1');
  return runKeys;
}

/**
 * A private, migrated database for one test suite, set up by `deploy/roles.sql` as production is.
 * `url` and `orm` connect as the application's role `provision_app` with exactly the grants of
 * `roles.sql` and the migrations — what the gateway and the worker run as — so a statement the app
 * role may not run fails in the tests as it would in production. What only the owner may do
 * (migrations, a ledger row edited to prove that verification notices) goes through `owner()`,
 * and the test says so.
 */
export interface TestDatabase {
  /** URL of the suite's own database as `provision_app` (carries credentials: do not print it). */
  url: string;
  /** An ORM opened on it as `provision_app`; fork its `em` per unit of work. */
  orm: MikroORM;
  /** URL of the same database as the schema owner `provision_owner`. */
  ownerUrl: string;
  /** An ORM on the same database as `provision_owner` (opened on first call, closed by `drop()`). */
  owner(): Promise<MikroORM>;
  /** The run's keyring ({@link testKeyringConfig}): seal and open unique identifiers with it. */
  keyring: Keyring;
  /** Closes the ORMs and drops the database. Call it in `afterAll`. */
  drop(): Promise<void>;
}

export interface TestDatabaseOptions {
  /**
   * `true`: an empty database without any table (roles.sql applied, nothing migrated), for testing
   * the migrations themselves through `owner()`.
   */
  empty?: boolean;
}

/** Environment the test wrapper (`tools/with-postgres.ts`) hands to the test command. */
export const TEST_ADMIN_URL_ENV = 'PROVISION_TEST_ADMIN_URL';
export const TEST_TEMPLATE_ENV = 'PROVISION_TEST_TEMPLATE';

/**
 * Copies the run's migrated template into a new database (`CREATE DATABASE … TEMPLATE …`, tens of
 * milliseconds), applies the database part of `deploy/roles.sql` to it (ownership and grants on a
 * database are not copied from a template) and opens an ORM on it as `provision_app`, so suites
 * run in parallel without sharing rows. Its name is the template's plus a random suffix, which lets
 * the wrapper drop leftovers of crashed suites. Needs the environment of `tools/with-postgres.ts`
 * (npm test, npx nx test <project>).
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
  // The template's schema carries the `schema` section already; an empty database needs it too.
  await applyRolesSql(adminUrl, rolesVariables(adminUrl, name), options.empty ? ['database', 'schema'] : ['database']);
  const url = roleUrl(adminUrl, 'provision_app', name);
  const ownerUrl = roleUrl(adminUrl, 'provision_owner', name);
  // Suites hold few connections at once; keep many parallel suites well under max_connections.
  const orm = await openOrm(url, { poolSize: 4 });
  let ownerOrm: Promise<MikroORM> | undefined;
  let dropped: Promise<void> | undefined;
  return {
    url,
    orm,
    ownerUrl,
    owner: () => (ownerOrm ??= openOrm(ownerUrl, { poolSize: 2 })),
    keyring: Keyring.parse(testKeyringConfig()),
    drop: () => {
      dropped ??= (async () => {
        await orm.close(true);
        if (ownerOrm) await (await ownerOrm).close(true);
        await dropDatabases(adminUrl, [name]);
      })();
      return dropped;
    },
  };
}
