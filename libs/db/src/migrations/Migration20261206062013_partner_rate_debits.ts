import { Migration } from '@mikro-orm/migrations';

/**
 * Charges to partners' rate-limit buckets, appended by the statement that records a request's
 * releases and applied by the partner's next take (see `@provision/quotas`).
 */
export class Migration20261206062013_partner_rate_debits extends Migration {

  override name = 'Migration20261206062013_partner_rate_debits';

  override up(): void | Promise<void> {
    this.addSql(`create table "partner_rate_debits" ("id" bigserial primary key, "partner_id" uuid not null, "subjects" int not null);`);
    this.addSql(`create index "partner_rate_debits_partner_id_index" on "partner_rate_debits" ("partner_id");`);

    this.addSql(`alter table "partner_rate_debits" add constraint "partner_rate_debits_partner_id_foreign" foreign key ("partner_id") references "partners" ("id") on delete cascade;`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists "partner_rate_debits" cascade;`);
  }

}
