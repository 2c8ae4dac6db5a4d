import { Migration } from '@mikro-orm/migrations';

/**
 * The partner API's order pages, newest first with a keyset cursor, read from an index per role:
 * `(seller_id, ordered_at, id)` and `(customs_broker_id, ordered_at, id)`, scanned backwards. Before,
 * a page filtered `seller_id = $1 or customs_broker_id = $1` and sorted every order of the partner
 * to return the first N. The seller index replaces `(seller_id, ordered_at)`, which it covers.
 */
export class Migration20261206230000_partner_order_pages extends Migration {

  override name = 'Migration20261206230000_partner_order_pages';

  override up(): void | Promise<void> {
    this.addSql(`drop index "orders_seller_id_ordered_at_index";`);
    this.addSql(`create index "orders_seller_id_ordered_at_id_index" on "orders" ("seller_id", "ordered_at", "id");`);
    this.addSql(`create index "orders_customs_broker_id_ordered_at_id_index" on "orders" ("customs_broker_id", "ordered_at", "id");`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop index "orders_customs_broker_id_ordered_at_id_index";`);
    this.addSql(`drop index "orders_seller_id_ordered_at_id_index";`);
    this.addSql(`create index "orders_seller_id_ordered_at_index" on "orders" ("seller_id", "ordered_at");`);
  }

}
