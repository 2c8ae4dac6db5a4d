import { Migration } from '@mikro-orm/migrations';

/**
 * When an order's delivery completed, the anchor of `… after delivery-completion` windows, kept on
 * the order beside `purchase_confirmed_at` and indexed like it for the window sweep (partner and
 * anchor, with the id, so closed orders cost no table read). Orders recorded before take the first
 * DELIVERED step of their status timeline.
 */
export class Migration20261206221000_order_delivered_at extends Migration {

  override name = 'Migration20261206221000_order_delivered_at';

  override up(): void | Promise<void> {
    this.addSql(`alter table "orders" add column "delivered_at" timestamptz null;`);
    this.addSql(`update "orders" o set "delivered_at" = e.first_delivered_at
      from (select "order_id", min("occurred_at") as first_delivered_at from "order_status_events" where "status" = 'DELIVERED' group by "order_id") e
      where e."order_id" = o."id";`);
    this.addSql(`create index "orders_seller_id_delivered_at_index" on "orders" ("seller_id", "delivered_at") include ("id");`);
    this.addSql(`create index "orders_customs_broker_id_delivered_at_index" on "orders" ("customs_broker_id", "delivered_at") include ("id");`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop index "orders_customs_broker_id_delivered_at_index";`);
    this.addSql(`drop index "orders_seller_id_delivered_at_index";`);
    this.addSql(`alter table "orders" drop column "delivered_at";`);
  }

}
