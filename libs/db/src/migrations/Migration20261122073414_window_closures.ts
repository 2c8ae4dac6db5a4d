import { Migration } from '@mikro-orm/migrations';

export class Migration20261122073414_window_closures extends Migration {

  override name = 'Migration20261122073414_window_closures';

  override up(): void | Promise<void> {
    this.addSql(`create table "window_closures" ("id" uuid not null, "partner_id" uuid not null, "order_id" uuid null, "subscription_id" uuid null, "support_case_id" uuid null, "closed_at" timestamptz not null, "swept_at" timestamptz not null, "notice_id" uuid not null, primary key ("id"));`);
    this.addSql(`create index "window_closures_notice_id_index" on "window_closures" ("notice_id");`);
    this.addSql(`alter table "window_closures" add constraint "window_closures_partner_id_support_case_id_unique" unique ("partner_id", "support_case_id");`);
    this.addSql(`alter table "window_closures" add constraint "window_closures_partner_id_subscription_id_unique" unique ("partner_id", "subscription_id");`);
    this.addSql(`alter table "window_closures" add constraint "window_closures_partner_id_order_id_unique" unique ("partner_id", "order_id");`);

    this.addSql(`drop index "orders_customs_broker_id_index";`);
    this.addSql(`create index "orders_customs_broker_id_purchase_confirmed_at_index" on "orders" ("customs_broker_id", "purchase_confirmed_at") include ("id");`);
    this.addSql(`create index "orders_seller_id_purchase_confirmed_at_index" on "orders" ("seller_id", "purchase_confirmed_at") include ("id");`);

    this.addSql(`drop index "subscriptions_partner_id_index";`);
    this.addSql(`create index "subscriptions_partner_id_ended_at_index" on "subscriptions" ("partner_id", "ended_at") include ("id");`);

    this.addSql(`drop index "support_cases_partner_id_index";`);
    this.addSql(`create index "support_cases_partner_id_closed_at_index" on "support_cases" ("partner_id", "closed_at") include ("id");`);

    this.addSql(`alter table "window_closures" add constraint "window_closures_partner_id_foreign" foreign key ("partner_id") references "partners" ("id");`);
    this.addSql(`alter table "window_closures" add constraint "window_closures_order_id_foreign" foreign key ("order_id") references "orders" ("id") on delete restrict;`);
    this.addSql(`alter table "window_closures" add constraint "window_closures_subscription_id_foreign" foreign key ("subscription_id") references "subscriptions" ("id") on delete restrict;`);
    this.addSql(`alter table "window_closures" add constraint "window_closures_support_case_id_foreign" foreign key ("support_case_id") references "support_cases" ("id") on delete restrict;`);
    this.addSql(`alter table "window_closures" add constraint "window_closures_notice_id_foreign" foreign key ("notice_id") references "notices" ("id") on delete restrict;`);
    this.addSql(`alter table "window_closures" add constraint "window_closures_engagement_check" check (num_nonnulls(order_id, subscription_id, support_case_id) = 1);`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists "window_closures" cascade;`);

    this.addSql(`drop index "orders_customs_broker_id_purchase_confirmed_at_index";`);
    this.addSql(`drop index "orders_seller_id_purchase_confirmed_at_index";`);
    this.addSql(`create index "orders_customs_broker_id_index" on "orders" ("customs_broker_id");`);

    this.addSql(`drop index "subscriptions_partner_id_ended_at_index";`);
    this.addSql(`create index "subscriptions_partner_id_index" on "subscriptions" ("partner_id");`);

    this.addSql(`drop index "support_cases_partner_id_closed_at_index";`);
    this.addSql(`create index "support_cases_partner_id_index" on "support_cases" ("partner_id");`);
  }

}
