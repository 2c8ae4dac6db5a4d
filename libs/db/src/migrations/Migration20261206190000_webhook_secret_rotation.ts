import { Migration } from '@mikro-orm/migrations';

/**
 * Webhook secret rotation with an overlap window: the rotated-out secret, sealed like the current
 * one, and when it stops signing notices.
 */
export class Migration20261206190000_webhook_secret_rotation extends Migration {

  override name = 'Migration20261206190000_webhook_secret_rotation';

  override up(): void | Promise<void> {
    this.addSql(`alter table "partners" add "webhook_secret_previous" text null, add "webhook_secret_previous_until" timestamptz null;`);
    this.addSql(`alter table "partners" add constraint "partners_webhook_secret_previous_sealed" check (webhook_secret_previous ~ '^v1\\.[A-Za-z0-9_-]{1,32}\\.[A-Za-z0-9_-]{16}\\.[A-Za-z0-9_-]*\\.[A-Za-z0-9_-]{22}\$');`);
  }

  override down(): void | Promise<void> {
    this.addSql(`alter table "partners" drop constraint "partners_webhook_secret_previous_sealed";`);
    this.addSql(`alter table "partners" drop column "webhook_secret_previous", drop column "webhook_secret_previous_until";`);
  }

}
