import { Migration } from '@mikro-orm/migrations';

/** The tables whose rows a ledger row names, the ledger column naming them, and how to find a row's ledger rows by an index. */
const REFERENTS = [
  { table: 'partners', constraint: 'provision_records_partner_id_foreign', named: 'r.partner_id = old.id' },
  { table: 'subjects', constraint: 'provision_records_subject_id_foreign', named: 'r.subject_id = old.id' },
  // provision_records has no index on order_id: an order's rows are found through its two subjects.
  { table: 'orders', constraint: 'provision_records_order_id_foreign', named: 'r.subject_id in (old.buyer_id, old.receiver_id) and r.order_id = old.id' },
] as const;

/**
 * The ledger keeps the partner, subject and order its rows name without foreign keys. A foreign key
 * checks every inserted row — 300 lookups with a KEY SHARE row lock each for a page of 100, and the
 * partner's one row locked by every concurrent request of the partner — which cost about a third of
 * the append statement. What the keys guaranteed is kept where it can break: a partner, subject or
 * order named by a ledger row cannot be deleted (a row trigger refuses it with SQLSTATE 23503, as the
 * foreign key did). Nothing in the service deletes any of them; the append writes only ids its own
 * transaction has just read.
 */
export class Migration20261206190000_ledger_referents extends Migration {

  override name = 'Migration20261206190000_ledger_referents';

  override up(): void | Promise<void> {
    for (const { table, constraint, named } of REFERENTS) {
      this.addSql(`alter table "provision_records" drop constraint "${constraint}";`);
      this.addSql(`create function public.${table}_keep_ledger_referent() returns trigger language plpgsql as $$
begin
  if exists (select 1 from provision_records r where ${named}) then
    raise exception 'a ledger row names this row of ${table}: it cannot be deleted' using errcode = 'foreign_key_violation';
  end if;
  return old;
end $$;`);
      this.addSql(`create trigger "${table}_keep_ledger_referent" before delete on "${table}"
  for each row execute function public.${table}_keep_ledger_referent();`);
    }
  }

  override down(): void | Promise<void> {
    for (const { table, constraint } of REFERENTS) {
      this.addSql(`drop trigger "${table}_keep_ledger_referent" on "${table}";`);
      this.addSql(`drop function public.${table}_keep_ledger_referent();`);
      const column = constraint.replace(/^provision_records_/, '').replace(/_foreign$/, '');
      this.addSql(`alter table "provision_records" add constraint "${constraint}" foreign key ("${column}") references "${table}" ("id");`);
    }
  }

}
