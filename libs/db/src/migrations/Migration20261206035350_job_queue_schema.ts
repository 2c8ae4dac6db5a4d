import { Migration } from '@mikro-orm/migrations';
import { JOB_SCHEMA, JOB_SCHEMA_GRANTS, JOB_SCHEMA_VERSION, jobSchemaInstallSql } from '../job-schema.js';

/**
 * The worker's job queue (pg-boss) gets its schema here, made by the migration's role (the owner),
 * so the worker runs as provision_app, which may not create schemas; the worker starts pg-boss with
 * `migrate: false`. A database where an earlier worker installed it already (development, or a
 * deployment whose worker ran as a privileged role) keeps it and only gets the grants.
 */
export class Migration20261206035350_job_queue_schema extends Migration {

  override name = 'Migration20261206035350_job_queue_schema';

  override async up(): Promise<void> {
    const [found] = await this.execute(`select to_regclass('${JOB_SCHEMA}.version') is not null as installed`);
    if (found?.['installed']) {
      const [row] = await this.execute(`select version::int as version from ${JOB_SCHEMA}.version`);
      if (row?.['version'] !== JOB_SCHEMA_VERSION) {
        throw new Error(`${JOB_SCHEMA} holds pg-boss schema version ${String(row?.['version'])}, expected ${JOB_SCHEMA_VERSION}`);
      }
    } else {
      this.addSql(jobSchemaInstallSql());
    }
    for (const grant of JOB_SCHEMA_GRANTS) this.addSql(`${grant};`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop schema if exists ${JOB_SCHEMA} cascade;`);
  }

}
