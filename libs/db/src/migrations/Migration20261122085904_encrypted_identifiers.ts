import { Migration } from '@mikro-orm/migrations';

export class Migration20261122085904_encrypted_identifiers extends Migration {

  override name = 'Migration20261122085904_encrypted_identifiers';

  // Unique identifiers, webhook secrets and notices' personal values are stored sealed (AES-256-GCM,
  // @provision/crypto); CHECKs refuse anything else. A migration has no keys, so it cannot seal the
  // plaintext of rows written before this change: on such a database the CHECKs of subjects and
  // partners are added NOT VALID — every insert and update must store a sealed value, while old rows
  // stay until `npm run keys:rotate` (which `npm start` runs at every start) seals them and fills
  // their blind indexes. Until then such a row fails closed: it cannot be read out or updated.
  override up(): void | Promise<void> {

    this.addSql(`alter table "notices" add "sealed_payload" text null;`);
    this.addSql(`alter table "notices" add constraint "notices_sealed_payload_sealed" check (sealed_payload ~ '^v1\\.[A-Za-z0-9_-]{1,32}\\.[A-Za-z0-9_-]{16}\\.[A-Za-z0-9_-]*\\.[A-Za-z0-9_-]{22}\$');`);

    this.addSql(`alter table "subjects" drop constraint "subjects_customs_code_check";`);
    this.addSql(`alter table "subjects" add "customs_code_index" text null, add "ci_index" text null, add "di_index" text null;`);
    this.addSql(`create index "subjects_customs_code_index_index" on "subjects" ("customs_code_index");`);
    this.addSql(`create index "subjects_ci_index_index" on "subjects" ("ci_index");`);
    this.addSql(`create index "subjects_di_index_index" on "subjects" ("di_index");`);
    this.addSql(`do $$
declare
  pending text := case when exists (select 1 from subjects where customs_code is not null or ci is not null or di is not null)
                          or exists (select 1 from partners where webhook_secret is not null)
                        then ' not valid' else '' end;
begin
  execute 'alter table "partners" add constraint "partners_webhook_secret_sealed" check (webhook_secret ~ ''^v1\\.[A-Za-z0-9_-]{1,32}\\.[A-Za-z0-9_-]{16}\\.[A-Za-z0-9_-]*\\.[A-Za-z0-9_-]{22}\$'')' || pending;
  execute 'alter table "subjects" add constraint "subjects_di_sealed" check (di ~ ''^v1\\.[A-Za-z0-9_-]{1,32}\\.[A-Za-z0-9_-]{16}\\.[A-Za-z0-9_-]*\\.[A-Za-z0-9_-]{22}\$'')' || pending;
  execute 'alter table "subjects" add constraint "subjects_ci_sealed" check (ci ~ ''^v1\\.[A-Za-z0-9_-]{1,32}\\.[A-Za-z0-9_-]{16}\\.[A-Za-z0-9_-]*\\.[A-Za-z0-9_-]{22}\$'')' || pending;
  execute 'alter table "subjects" add constraint "subjects_customs_code_sealed" check (customs_code ~ ''^v1\\.[A-Za-z0-9_-]{1,32}\\.[A-Za-z0-9_-]{16}\\.[A-Za-z0-9_-]*\\.[A-Za-z0-9_-]{22}\$'')' || pending;
end $$;`);
  }

  override down(): void | Promise<void> {
    this.addSql(`alter table "notices" drop constraint "notices_sealed_payload_sealed";`);
    this.addSql(`alter table "notices" drop column "sealed_payload";`);

    this.addSql(`alter table "partners" drop constraint "partners_webhook_secret_sealed";`);

    this.addSql(`drop index "subjects_customs_code_index_index";`);
    this.addSql(`drop index "subjects_ci_index_index";`);
    this.addSql(`drop index "subjects_di_index_index";`);
    this.addSql(`alter table "subjects" drop constraint "subjects_di_sealed";`);
    this.addSql(`alter table "subjects" drop constraint "subjects_ci_sealed";`);
    this.addSql(`alter table "subjects" drop constraint "subjects_customs_code_sealed";`);
    this.addSql(`alter table "subjects" drop column "customs_code_index", drop column "ci_index", drop column "di_index";`);
    this.addSql(`alter table "subjects" add constraint "subjects_customs_code_check" check (customs_code ~ '^P[0-9]{12}\$'::text) not valid;`);
  }

}
