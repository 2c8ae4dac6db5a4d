import { getConstructionPlans } from 'pg-boss';

/** The schema of the application's database where pg-boss keeps the worker's queues. */
export const JOB_SCHEMA = 'pgboss';

/**
 * The pg-boss schema version the migrations install (pg-boss's `package.json` `pgboss.schema`). A
 * test compares it with the installed package: an upgrade of pg-boss that changes its schema needs
 * a migration that brings existing databases up to it (pg-boss's `getMigrationPlans(JOB_SCHEMA,
 * <old version>)`, which builds indexes concurrently, so in a migration whose `isTransactional()` is
 * false, skipped where the version is already the new one), and then this number changed with it.
 */
export const JOB_SCHEMA_VERSION = 43;

/**
 * pg-boss's own install script for {@link JOB_SCHEMA}, without its `BEGIN`/`COMMIT`, so that a
 * migration runs it inside the migration's transaction: the queue schema and the grants that let
 * `provision_app` use it commit together or not at all. It still takes pg-boss's advisory lock, so
 * it never runs beside a pg-boss instance installing the same schema.
 */
export function jobSchemaInstallSql(): string {
  const script = getConstructionPlans(JOB_SCHEMA).trim();
  const body = /^BEGIN;([\s\S]*)COMMIT;$/.exec(script)?.[1];
  if (body === undefined) throw new Error('pg-boss install script: expected one BEGIN … COMMIT transaction');
  return body;
}

/**
 * What the application's role may do in {@link JOB_SCHEMA}: use the queues (rows and sequences,
 * pg-boss's functions), never change the schema. Tables a later migration adds there as the same
 * owner get the same grants by default.
 */
export const JOB_SCHEMA_GRANTS = [
  `grant usage on schema ${JOB_SCHEMA} to provision_app`,
  `grant select, insert, update, delete on all tables in schema ${JOB_SCHEMA} to provision_app`,
  `grant usage, select on all sequences in schema ${JOB_SCHEMA} to provision_app`,
  `grant execute on all functions in schema ${JOB_SCHEMA} to provision_app`,
  `alter default privileges in schema ${JOB_SCHEMA} grant select, insert, update, delete on tables to provision_app`,
  `alter default privileges in schema ${JOB_SCHEMA} grant usage, select on sequences to provision_app`,
] as const;
