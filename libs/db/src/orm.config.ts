import 'reflect-metadata';
import { DataloaderType } from '@mikro-orm/core';
import { ReflectMetadataProvider } from '@mikro-orm/decorators/legacy';
import { Migrator } from '@mikro-orm/migrations';
import { defineConfig, MikroORM, type Options } from '@mikro-orm/postgresql';
import { fileURLToPath } from 'node:url';
import { ENTITIES } from './entities/index.js';

/** Where the migration files live; `tools/migrate.ts create` writes new ones here. */
export const MIGRATIONS_DIR = fileURLToPath(new URL('./migrations', import.meta.url));

/** Options of {@link createOrmConfig} and {@link openOrm}. */
export interface OrmOptions {
  /** `postgresql://user:password@host:port/database`. */
  clientUrl: string;
  /** Log SQL (never enable in production: parameters carry personal data). */
  debug?: boolean;
  /** Most connections this process opens; default 10. */
  poolSize?: number;
  /**
   * Receives every SQL statement the ORM runs, instead of any other query log; for tests that count
   * statements. The text includes parameters, so never point it at a log.
   */
  onQuery?: (statement: string) => void;
}

/** The one ORM configuration of the project: explicit entities, migrations in `libs/db/src/migrations`. */
export function createOrmConfig({ clientUrl, debug = false, poolSize = 10, onQuery }: OrmOptions): Options {
  return defineConfig({
    clientUrl,
    entities: [...ENTITIES],
    metadataProvider: ReflectMetadataProvider,
    extensions: [Migrator],
    migrations: {
      path: MIGRATIONS_DIR,
      pathTs: MIGRATIONS_DIR,
      glob: '!(*.d|*.spec|*.int-spec).ts',
      emit: 'ts',
      // The database is the truth; a snapshot file would be a second one to keep in step.
      snapshot: false,
      silent: true,
    },
    // SQL functions and triggers are written by hand in migrations (the ledger's SECURITY DEFINER
    // purge, the partner registry version); the schema diff must not offer to drop them for having
    // no entity.
    schemaGenerator: { ignoreRoutines: true, ignoreTriggers: true },
    forceUtcTimezone: true,
    dataloader: DataloaderType.ALL,
    pool: { min: 0, max: poolSize },
    ...(onQuery ? { debug: ['query' as const], colors: false, logger: onQuery } : { debug }),
  });
}

/** Opens an ORM on the given database (connects lazily; `orm.close()` when done). */
export async function openOrm(clientUrl: string, options: Omit<OrmOptions, 'clientUrl'> = {}): Promise<MikroORM> {
  return MikroORM.init(createOrmConfig({ clientUrl, ...options }));
}

/** Applies every pending migration in one transaction; returns the names applied, oldest first. */
export async function migrateUp(orm: MikroORM): Promise<string[]> {
  const applied = await orm.migrator.up();
  return applied.map((migration) => migration.name);
}

/** Names of the migrations not yet applied to the ORM's database; the app refuses to serve while any exist. */
export async function pendingMigrations(orm: MikroORM): Promise<string[]> {
  const pending = await orm.migrator.getPending();
  return pending.map((migration) => migration.name);
}
