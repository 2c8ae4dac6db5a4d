import { MikroORM } from '@mikro-orm/postgresql';

/**
 * Server-level chores on a PostgreSQL cluster (create, copy, drop databases) through a
 * short-lived connection to `adminUrl`, which must name an existing database and a role with CREATEDB.
 */

/** The same server and credentials as `url`, but database `name`. */
export function databaseUrl(url: string, name: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${encodeURIComponent(name)}`;
  return parsed.toString();
}

/** `url` without its password, for logs and messages. */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return '(unparsable URL)';
  }
}

type AdminConnection = ReturnType<MikroORM['em']['getConnection']>;

/** Opens one connection to `adminUrl` for `work`, and closes it whatever happens. */
async function withAdminConnection<T>(adminUrl: string, work: (connection: AdminConnection) => Promise<T>): Promise<T> {
  const orm = await MikroORM.init({
    clientUrl: adminUrl,
    entities: [],
    discovery: { warnWhenNoEntities: false },
    ensureDatabase: false,
    pool: { min: 0, max: 1 },
  });
  try {
    return await work(orm.em.getConnection());
  } finally {
    await orm.close(true);
  }
}

/** Runs `statements` one by one, outside any transaction (CREATE DATABASE refuses to run in one). */
export async function runAdminStatements(adminUrl: string, statements: readonly string[]): Promise<void> {
  await withAdminConnection(adminUrl, async (connection) => {
    for (const statement of statements) {
      await connection.execute(statement);
    }
  });
}

/** Names the database may carry: we interpolate them into DDL, so keep to a safe alphabet. */
const SAFE_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

function quoteName(name: string): string {
  if (!SAFE_NAME.test(name)) throw new Error(`unsafe database name "${name}" (use a-z, 0-9, _; at most 63)`);
  return `"${name}"`;
}

/** `CREATE DATABASE name [TEMPLATE template]`. */
export async function createDatabase(adminUrl: string, name: string, options: { template?: string } = {}): Promise<void> {
  const template = options.template ? ` TEMPLATE ${quoteName(options.template)}` : '';
  await runAdminStatements(adminUrl, [`CREATE DATABASE ${quoteName(name)}${template}`]);
}

/** Drops the databases if they exist, disconnecting anyone still connected (PostgreSQL 13+). */
export async function dropDatabases(adminUrl: string, names: readonly string[]): Promise<void> {
  if (names.length === 0) return;
  await runAdminStatements(
    adminUrl,
    names.map((name) => `DROP DATABASE IF EXISTS ${quoteName(name)} WITH (FORCE)`),
  );
}

/** Names of the databases on the server that start with `prefix`. */
export async function listDatabases(adminUrl: string, prefix: string): Promise<string[]> {
  return withAdminConnection(adminUrl, async (connection) => {
    const rows = await connection.execute<{ datname: string }[]>(
      'select datname from pg_database where starts_with(datname, ?) order by datname',
      [prefix],
    );
    return rows.map((row) => row.datname);
  });
}
