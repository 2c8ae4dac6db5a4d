import { Migration } from '@mikro-orm/migrations';

/**
 * The register of statutory disclosures (PIPA Art. 18(2), 18(4)): one row per authority's request
 * released, append-only — triggers refuse UPDATE, DELETE and TRUNCATE for every role, and the app
 * role may only read and insert it, like the ledger.
 */
export class Migration20261206222000_statutory_disclosures extends Migration {

  override name = 'Migration20261206222000_statutory_disclosures';

  override up(): void | Promise<void> {
    this.addSql(`create table "statutory_disclosures" ("id" uuid not null, "recorded_at" timestamptz not null, "authority" text not null, "statute" text not null, "purpose" text not null, "document_number" text not null, "document_date" date not null, "subject_ids" uuid[] not null, "items" text[] not null, "approved_by" text not null, "approved_by_sub" text not null, "approved_by_name" text null, "notify_deferred_until" date null, "deferral_reason" text null, "request_id" text not null, primary key ("id"));`);
    this.addSql(`create index "statutory_disclosures_subject_ids_index" on "statutory_disclosures" using gin ("subject_ids");`);
    this.addSql(`alter table "statutory_disclosures" add constraint "statutory_disclosures_authority_document_number_unique" unique ("authority", "document_number");`);
    this.addSql(`alter table "statutory_disclosures" add constraint "statutory_disclosures_deferral_check" check ((notify_deferred_until is null) = (deferral_reason is null));`);
    this.addSql(`create or replace function "statutory_disclosures_statutory_disclosures_no_update_delete_fn"() returns trigger as \$\$ begin raise exception 'statutory_disclosures is append-only' using errcode = 'insufficient_privilege'; end; \$\$ language plpgsql;`);
    this.addSql(`create trigger "statutory_disclosures_no_update_delete" BEFORE UPDATE OR DELETE on "statutory_disclosures" for each ROW execute function "statutory_disclosures_statutory_disclosures_no_update_delete_fn"();`);
    // By hand: the entity declares the row trigger; a TRUNCATE trigger is invisible to the ORM's introspection.
    this.addSql(`create or replace function "statutory_disclosures_no_truncate_fn"() returns trigger as \$\$ begin raise exception 'statutory_disclosures is append-only' using errcode = 'insufficient_privilege'; end; \$\$ language plpgsql;`);
    this.addSql(`create trigger "statutory_disclosures_no_truncate" BEFORE TRUNCATE on "statutory_disclosures" for each STATEMENT execute function "statutory_disclosures_no_truncate_fn"();`);
    this.addSql(`revoke update, delete, truncate on table "statutory_disclosures" from provision_app;`);
    this.addSql(`grant select, insert on table "statutory_disclosures" to provision_app;`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists "statutory_disclosures" cascade;`);
    this.addSql(`drop function if exists "statutory_disclosures_no_truncate_fn"();`);
    this.addSql(`drop function if exists "statutory_disclosures_statutory_disclosures_no_update_delete_fn"();`);
  }

}
