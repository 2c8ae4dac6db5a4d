import { Migration } from '@mikro-orm/migrations';

export class Migration20261122075427_notice_acknowledged_by extends Migration {

  override name = 'Migration20261122075427_notice_acknowledged_by';

  override up(): void | Promise<void> {
    this.addSql(`alter table "notices" add "acknowledged_by" text null;`);
  }

  override down(): void | Promise<void> {
    this.addSql(`alter table "notices" drop column "acknowledged_by";`);
  }

}
