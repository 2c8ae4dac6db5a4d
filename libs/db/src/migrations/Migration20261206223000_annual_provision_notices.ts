import { Migration } from '@mikro-orm/migrations';

/**
 * The annual provision notices (PIPA Art. 20-2): one record per subject and period that the notice
 * was produced, which the application may add and read but not change or delete (like the ledger it
 * is computed from). And the ledger indexes a breach-scope question needs when it names no partner:
 * a token (`jti`) by B-tree, a period by BRIN (the ledger is appended in time order).
 */
export class Migration20261206223000_annual_provision_notices extends Migration {

  override name = 'Migration20261206223000_annual_provision_notices';

  override up(): void | Promise<void> {
    this.addSql(`create table "annual_provision_notices" ("subject_id" uuid not null, "period" text not null, "produced_at" timestamptz not null, "content" jsonb not null, primary key ("subject_id", "period"));`);
    this.addSql(`alter table "annual_provision_notices" add constraint "annual_provision_notices_subject_id_foreign" foreign key ("subject_id") references "subjects" ("id");`);
    this.addSql(`alter table "annual_provision_notices" add constraint "annual_provision_notices_period_check" check (period ~ '^[0-9]{4}\$');`);
    this.addSql(`revoke update, delete, truncate on table "annual_provision_notices" from provision_app;`);
    this.addSql(`grant select, insert on table "annual_provision_notices" to provision_app;`);

    this.addSql(`create index "provision_records_occurred_at_brin" on "provision_records" using brin ("occurred_at") with (pages_per_range = 32, autosummarize = on);`);
    this.addSql(`create index "provision_records_token_id_index" on "provision_records" ("token_id");`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop index "provision_records_token_id_index";`);
    this.addSql(`drop index "provision_records_occurred_at_brin";`);
    this.addSql(`drop table if exists "annual_provision_notices" cascade;`);
  }

}
