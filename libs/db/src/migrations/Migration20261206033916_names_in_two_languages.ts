import { Migration } from '@mikro-orm/migrations';

/**
 * Partners get their name and consigned task in Korean and in English (the Korean disclosure page
 * showed "System maintenance"), and a STATUTE agreement names the article it rests on. Rows from
 * before carry their one text in both languages until an admin corrects them.
 */
export class Migration20261206033916_names_in_two_languages extends Migration {

  override name = 'Migration20261206033916_names_in_two_languages';

  override up(): void | Promise<void> {
    this.addSql(`alter table "partners" rename column "name" to "name_ko";`);
    this.addSql(`alter table "partners" rename column "consigned_task" to "consigned_task_ko";`);
    this.addSql(`alter table "partners" add "name_en" text null, add "consigned_task_en" text null;`);
    this.addSql(`update "partners" set "name_en" = "name_ko", "consigned_task_en" = "consigned_task_ko";`);
    this.addSql(`alter table "partners" alter column "name_en" set not null;`);
    this.addSql(`alter table "partners" add constraint "partners_consigned_task_check" check ((consigned_task_ko is null) = (consigned_task_en is null));`);

    this.addSql(`alter table "agreements" add "statute" text null;`);
    this.addSql(`alter table "agreements" add constraint "agreements_statute_check" check (statute is null or legal_basis = 'STATUTE');`);
  }

  override down(): void | Promise<void> {
    this.addSql(`alter table "agreements" drop constraint "agreements_statute_check";`);
    this.addSql(`alter table "agreements" drop column "statute";`);

    this.addSql(`alter table "partners" drop constraint "partners_consigned_task_check";`);
    this.addSql(`alter table "partners" drop column "name_en", drop column "consigned_task_en";`);
    this.addSql(`alter table "partners" rename column "name_ko" to "name";`);
    this.addSql(`alter table "partners" rename column "consigned_task_ko" to "consigned_task";`);
  }

}
