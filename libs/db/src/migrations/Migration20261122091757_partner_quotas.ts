import { Migration } from '@mikro-orm/migrations';

export class Migration20261122091757_partner_quotas extends Migration {

  override name = 'Migration20261122091757_partner_quotas';

  override up(): void | Promise<void> {
    this.addSql(`create table "harvest_alerts" ("id" uuid not null, "partner_id" uuid not null, "day" date not null, "kind" text not null, "observed" double precision not null, "baseline" double precision not null, "created_at" timestamptz not null, primary key ("id"));`);
    this.addSql(`create index "harvest_alerts_day_index" on "harvest_alerts" ("day");`);
    this.addSql(`alter table "harvest_alerts" add constraint "harvest_alerts_partner_id_day_kind_unique" unique ("partner_id", "day", "kind");`);

    this.addSql(`create table "partner_daily_counts" ("partner_id" uuid not null, "day" date not null, "subjects" int not null, "last_granted" int not null, primary key ("partner_id", "day"));`);

    this.addSql(`create table "partner_rate_buckets" ("partner_id" uuid not null, "tokens" double precision not null, "capacity" double precision not null, "refill_per_second" double precision not null, "admitted" boolean not null, "updated_at" timestamptz not null, primary key ("partner_id"));`);

    this.addSql(`create table "partner_daily_subjects" ("partner_id" uuid not null, "day" date not null, "subject_id" uuid not null, primary key ("partner_id", "day", "subject_id"));`);

    this.addSql(`alter table "agreements" add "daily_subject_ceiling" int null, add "rate_capacity" int null, add "rate_refill_per_minute" int null;`);
    this.addSql(`alter table "agreements" add constraint "agreements_quota_check" check (coalesce(daily_subject_ceiling, 1) >= 1 and coalesce(rate_capacity, 1) >= 1 and coalesce(rate_refill_per_minute, 1) >= 1);`);

    this.addSql(`alter table "harvest_alerts" add constraint "harvest_alerts_partner_id_foreign" foreign key ("partner_id") references "partners" ("id");`);
    this.addSql(`alter table "harvest_alerts" add constraint "harvest_alerts_kind_check" check ("kind" in ('DISTINCT_SUBJECTS', 'DENIAL_RATE'));`);

    this.addSql(`alter table "partner_daily_counts" add constraint "partner_daily_counts_partner_id_foreign" foreign key ("partner_id") references "partners" ("id");`);

    this.addSql(`alter table "partner_rate_buckets" add constraint "partner_rate_buckets_partner_id_foreign" foreign key ("partner_id") references "partners" ("id") on update cascade on delete cascade;`);

    this.addSql(`alter table "partner_daily_subjects" add constraint "partner_daily_subjects_partner_id_foreign" foreign key ("partner_id") references "partners" ("id");`);
    this.addSql(`alter table "partner_daily_subjects" add constraint "partner_daily_subjects_subject_id_foreign" foreign key ("subject_id") references "subjects" ("id");`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists "harvest_alerts" cascade;`);
    this.addSql(`drop table if exists "partner_daily_counts" cascade;`);
    this.addSql(`drop table if exists "partner_rate_buckets" cascade;`);
    this.addSql(`drop table if exists "partner_daily_subjects" cascade;`);

    this.addSql(`alter table "agreements" drop constraint "agreements_quota_check";`);
    this.addSql(`alter table "agreements" drop column "daily_subject_ceiling", drop column "rate_capacity", drop column "rate_refill_per_minute";`);
  }

}
