export * from './entities/index.js';
export { createOrmConfig, migrateUp, MIGRATIONS_DIR, openOrm, pendingMigrations, type OrmOptions } from './orm.config.js';
export { createDatabase, databaseUrl, dropDatabases, listDatabases, redactUrl, runAdminStatements } from './database-admin.js';
export { findFreePort, startEmbeddedPostgres, type EmbeddedPostgres, type EmbeddedPostgresOptions } from './embedded-postgres.js';
export { DEMO_CLIENT_IDS, seedDemo, type SeedResult } from './demo-seed.js';
export {
  holdsSubjectValue,
  ITEM_FIELDS,
  itemFingerprint,
  itemValue,
  SUBJECT_ITEM_FIELDS,
  type SubjectField,
  type SubjectValues,
  writeSubjectValue,
} from './subject-items.js';
export { rotateKeys, type RotationCount, type RotationOptions } from './key-rotation.js';
export { NOTICE_PAYLOAD_COLUMN, openWebhookSecret, PREVIOUS_WEBHOOK_SECRET_COLUMN, sealWebhookSecret } from './sealed-columns.js';
export {
  type AccessChangeEntry,
  agreementPublished,
  clientAdded,
  type GrantSummary,
  partnerRegistered,
  recordAccessChange,
  statusChanged,
} from './access-history.js';
export { nativePool, PreparedStatements, type Queryable, SqlParams } from './sql.js';
export { JOB_SCHEMA, JOB_SCHEMA_VERSION } from './job-schema.js';
