import { Migration } from '@mikro-orm/migrations';

/**
 * `partners.registry_version`: a counter that every change of what the partner API decides with —
 * the partner row itself, its status history, its agreement versions and their grants — moves in
 * the same transaction as the change, by trigger, whoever writes it (the admin API, a CLI, a
 * hand-written statement). The gateway keeps each partner's facts in memory and reads this counter
 * in the statement that authenticates every request: a cached copy of another version is never used.
 * Clients are not cached at all (their row is read on every request), so they need no counter.
 */
export class Migration20261206040000_partner_registry_version extends Migration {

  override name = 'Migration20261206040000_partner_registry_version';

  override up(): void | Promise<void> {
    this.addSql(`alter table "partners" add "registry_version" bigint not null default 0;`);

    // An UPDATE of the partner row moves its counter, unless the update is the counter's own move.
    this.addSql(`create function partner_registry_row_changed() returns trigger language plpgsql as $$
begin
  if new.registry_version = old.registry_version then
    new.registry_version := old.registry_version + 1;
  end if;
  return new;
end $$;`);
    this.addSql(`create trigger partners_registry_version before update on "partners"
  for each row when (old is distinct from new) execute function partner_registry_row_changed();`);

    // A row of a table keyed by partner_id (status changes, agreements) moves its partner's counter,
    // and on an update that moves the row to another partner, both partners' counters.
    this.addSql(`create function partner_registry_child_changed() returns trigger language plpgsql as $$
begin
  update partners set registry_version = registry_version + 1
   where id in (select (case when tg_op = 'DELETE' then null else new end).partner_id
                union select (case when tg_op = 'INSERT' then null else old end).partner_id);
  return null;
end $$;`);
    this.addSql(`create trigger partner_status_changes_registry_version after insert or update or delete on "partner_status_changes"
  for each row execute function partner_registry_child_changed();`);
    this.addSql(`create trigger agreements_registry_version after insert or update or delete on "agreements"
  for each row execute function partner_registry_child_changed();`);

    // A grant belongs to a partner through its agreement version.
    this.addSql(`create function partner_registry_grant_changed() returns trigger language plpgsql as $$
begin
  update partners set registry_version = registry_version + 1
   where id in (select a.partner_id from agreements a
                 where a.id in (select (case when tg_op = 'DELETE' then null else new end).agreement_id
                                union select (case when tg_op = 'INSERT' then null else old end).agreement_id));
  return null;
end $$;`);
    this.addSql(`create trigger agreement_grants_registry_version after insert or update or delete on "agreement_grants"
  for each row execute function partner_registry_grant_changed();`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop trigger agreement_grants_registry_version on "agreement_grants";`);
    this.addSql(`drop trigger agreements_registry_version on "agreements";`);
    this.addSql(`drop trigger partner_status_changes_registry_version on "partner_status_changes";`);
    this.addSql(`drop trigger partners_registry_version on "partners";`);
    this.addSql(`drop function partner_registry_grant_changed();`);
    this.addSql(`drop function partner_registry_child_changed();`);
    this.addSql(`drop function partner_registry_row_changed();`);
    this.addSql(`alter table "partners" drop column "registry_version";`);
  }

}
