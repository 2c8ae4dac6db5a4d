import { Migration } from '@mikro-orm/migrations';
import { PURGE_FUNCTION } from './Migration20261122084647_ledger_chain.js';

/** `text` with its one `find` replaced; throws when `find` is missing or repeated, so an edit cannot silently not apply. */
function replaceOnce(text: string, find: string, replacement: string): string {
  const at = text.indexOf(find);
  if (at < 0 || text.includes(find, at + 1)) throw new Error(`the purge function does not hold exactly one "${find}"`);
  return text.slice(0, at) + replacement + text.slice(at + find.length);
}

/** The ledger migration's definition as `create or replace`: the owner, SECURITY DEFINER, search_path and grants stay. */
const ORIGINAL_PURGE = replaceOnce(PURGE_FUNCTION, 'create function ', 'create or replace function ');

// Of the rows one call deletes that released something to a partner (admins' rows name no partner;
// a row that only denied started no window), the earliest instant of each (partner, subject), kept
// with the earlier of it and the one already there. A step of the very statement that deletes the
// rows, fed by its RETURNING: the rows and their first release leave and arrive together (in one
// transaction; no reader ever sees neither), and exactly the rows deleted count. Grouped before the
// upsert, which may not touch a row twice: one call can cut a pair's rows in several chains (a
// partner's lanes).
const KEEP_FIRST_RELEASES = `), first_releases as (
    insert into public.provision_first_releases as kept (partner_id, subject_id, first_released_at)
    select d.partner_id, d.subject_id, min(d.occurred_at)
      from deleted d
     where d.partner_id is not null and cardinality(d.items_released) > 0
     group by d.partner_id, d.subject_id
    on conflict (partner_id, subject_id) do update set first_released_at = least(kept.first_released_at, excluded.first_released_at)
  ), recorded as (`;

/** The purge as before (same signature, refusals, cuts and records), keeping first releases as it deletes. */
const PURGE_KEEPING_FIRST_RELEASES = replaceOnce(
  replaceOnce(ORIGINAL_PURGE, 'returning r.chain_key, r.chain_seq, r.hash', 'returning r.chain_key, r.chain_seq, r.hash, r.partner_id, r.subject_id, r.occurred_at, r.items_released'),
  '), recorded as (',
  KEEP_FIRST_RELEASES,
);

/**
 * `provision_first_releases`: per (partner, subject), the partner's first release of any item of the
 * subject, kept by the retention purge as it deletes the ledger rows of the release. The anchor of
 * `… after provision` is read from the ledger (`firstReleaseSql`); without this table, a purge of a
 * subject's releases to a partner left the window with no start, and an open window: the partner
 * got the data again. Ids and an instant only. Only `purge_provision_records` (SECURITY DEFINER)
 * writes it; the app role may only read it.
 */
export class Migration20261207061348_provision_first_releases extends Migration {

  override name = 'Migration20261207061348_provision_first_releases';

  override up(): void | Promise<void> {
    this.addSql(`create table "provision_first_releases" ("partner_id" uuid not null, "subject_id" uuid not null, "first_released_at" timestamptz not null, primary key ("partner_id", "subject_id"));`);
    // The default privileges grant the app role SELECT, INSERT, UPDATE and DELETE on a new table.
    this.addSql(`revoke insert, update, delete, truncate on table "provision_first_releases" from provision_app;`);
    this.addSql(`grant select on table "provision_first_releases" to provision_app;`);
    this.addSql(PURGE_KEEPING_FIRST_RELEASES);
  }

  override down(): void | Promise<void> {
    this.addSql(ORIGINAL_PURGE);
    this.addSql(`drop table if exists "provision_first_releases";`);
  }

}
