import { Migration } from '@mikro-orm/migrations';

export class Migration20261122084245_partner_quotas extends Migration {

  override name = 'Migration20261122084245_partner_quotas';

  override up(): void | Promise<void> {
    this.addSql(`create table "harvest_alerts" ("id" uuid not null, "partner_id" uuid not null, "day" date not null, "kind" text not null, "observed" double precision not null, "baseline" double precision not null, "created_at" timestamptz not null, primary key ("id"));`);
    this.addSql(`create index "harvest_alerts_day_index" on "harvest_alerts" ("day");`);
    this.addSql(`alter table "harvest_alerts" add constraint "harvest_alerts_partner_id_day_kind_unique" unique ("partner_id", "day", "kind");`);

    this.addSql(`create table "partner_daily_counts" ("partner_id" uuid not null, "day" date not null, "subjects" int not null, primary key ("partner_id", "day"));`);

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

    // Written by hand: the daily ceiling's claim (see @provision/quotas, claimDailySubjects). One
    // statement for the caller, correct under concurrency: the first statement locks the partner-day's
    // counter row until the caller's transaction ends, so concurrent claims of one partner-day run one
    // after another; the function is volatile, so under READ COMMITTED its next statement takes a
    // fresh snapshot that sees every claim committed before the lock was granted.
    this.addSql(`create function "claim_daily_subjects"(p_partner uuid, p_day date, p_ceiling integer, p_subjects uuid[])
  returns table (admitted_subject_id uuid)
  language plpgsql volatile as $fn$
declare
  v_counted integer;
begin
  insert into partner_daily_counts as c (partner_id, day, subjects) values (p_partner, p_day, 0)
    on conflict (partner_id, day) do update set subjects = c.subjects
    returning c.subjects into v_counted;
  return query
  with wanted as (
    select distinct on (u.s) u.s, u.i from unnest(p_subjects) with ordinality as u(s, i) order by u.s, u.i
  ), fresh as (
    select w.s, w.i from wanted w
    where not exists (
      select 1 from partner_daily_subjects d where d.partner_id = p_partner and d.day = p_day and d.subject_id = w.s
    )
    order by w.i
    limit greatest(p_ceiling - v_counted, 0)
  ), inserted as (
    insert into partner_daily_subjects (partner_id, day, subject_id) select p_partner, p_day, f.s from fresh f
    returning partner_daily_subjects.subject_id
  ), counted as (
    update partner_daily_counts c set subjects = c.subjects + (select count(*) from inserted)
    where c.partner_id = p_partner and c.day = p_day
  )
  select d.subject_id from partner_daily_subjects d
    where d.partner_id = p_partner and d.day = p_day and d.subject_id = any(p_subjects)
  union all
  select inserted.subject_id from inserted;
end
$fn$;`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop function if exists "claim_daily_subjects"(uuid, date, integer, uuid[]);`);
    this.addSql(`drop table if exists "harvest_alerts" cascade;`);
    this.addSql(`drop table if exists "partner_daily_counts" cascade;`);
    this.addSql(`drop table if exists "partner_rate_buckets" cascade;`);
    this.addSql(`drop table if exists "partner_daily_subjects" cascade;`);

    this.addSql(`alter table "agreements" drop constraint "agreements_quota_check";`);
    this.addSql(`alter table "agreements" drop column "daily_subject_ceiling", drop column "rate_capacity", drop column "rate_refill_per_minute";`);
  }

}
