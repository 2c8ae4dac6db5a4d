// Schema migrations: `up` (default) applies pending ones, `pending` lists them, `create [name]`
// writes a new migration for whatever the entities add to the schema the existing migrations build.
// The database comes from DATABASE_URL; `npm run migrate` is `tools/migrate.ts up`.
import { randomBytes } from 'node:crypto';
import {
  createDatabase,
  databaseUrl,
  dropDatabases,
  migrateUp,
  MIGRATIONS_DIR,
  openOrm,
  pendingMigrations,
  redactUrl,
} from '@provision/db';

const USAGE = 'usage: tools/migrate.ts [up | pending | create [name]]';

async function main(argv: string[]): Promise<number> {
  const [command = 'up', ...rest] = argv;
  if (!['up', 'pending', 'create'].includes(command)) return fail(`unknown command "${command}"; ${USAGE}`);
  const url = process.env.DATABASE_URL;
  if (!url) return fail('DATABASE_URL is not set (e.g. postgresql://postgres@127.0.0.1:5432/provision)');

  if (command === 'create') return create(url, rest[0]);

  const orm = await openOrm(url);
  try {
    if (command === 'pending') {
      const pending = await pendingMigrations(orm);
      console.log(pending.length ? pending.join('\n') : 'no pending migrations');
      return 0;
    }
    const applied = await migrateUp(orm);
    console.log(applied.length ? `applied: ${applied.join(', ')}` : 'up to date: no pending migrations');
    return 0;
  } finally {
    await orm.close(true);
  }
}

/**
 * Diffs the entities against a throw-away database on DATABASE_URL's server into which the existing
 * migrations were applied, so the new migration holds exactly what the entities add — whatever
 * state the DATABASE_URL database itself is in.
 */
async function create(url: string, name: string | undefined): Promise<number> {
  const scratch = `provision_migration_scratch_${randomBytes(4).toString('hex')}`;
  await createDatabase(url, scratch);
  try {
    const orm = await openOrm(databaseUrl(url, scratch));
    try {
      await migrateUp(orm);
      const result = await orm.migrator.create(MIGRATIONS_DIR, false, false, name);
      console.log(result.fileName ? `created ${MIGRATIONS_DIR}/${result.fileName}` : 'no schema changes: nothing created');
      return 0;
    } finally {
      await orm.close(true);
    }
  } finally {
    await dropDatabases(url, [scratch]);
  }
}

function fail(message: string): number {
  console.error(`migrate: ${message}`);
  return 1;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    // One line: the driver's message names the problem; URLs in it lose their password.
    const message = error instanceof Error ? error.message.split('\n')[0] : String(error);
    console.error(`migrate failed (${redactUrl(process.env.DATABASE_URL ?? '')}): ${message}`);
    process.exit(1);
  },
);
