import { Migration } from '@mikro-orm/migrations';

/** Permission-history kinds for a partner's edited details and a rotated webhook secret. */
export class Migration20261206183000_partner_updates extends Migration {

  override name = 'Migration20261206183000_partner_updates';

  override up(): void | Promise<void> {
    this.addSql(`alter table "access_changes" drop constraint if exists "access_changes_kind_check";`);
    this.addSql(`alter table "access_changes" add constraint "access_changes_kind_check" check ("kind" in ('PARTNER_REGISTERED', 'AGREEMENT_PUBLISHED', 'STATUS_CHANGED', 'CLIENT_ADDED', 'CLIENT_SCOPES_CHANGED', 'CLIENT_REVOKED', 'PARTNER_UPDATED', 'WEBHOOK_SECRET_ROTATED'));`);
  }

  override down(): void | Promise<void> {
    this.addSql(`alter table "access_changes" drop constraint if exists "access_changes_kind_check";`);
    this.addSql(`alter table "access_changes" add constraint "access_changes_kind_check" check ("kind" in ('PARTNER_REGISTERED', 'AGREEMENT_PUBLISHED', 'STATUS_CHANGED', 'CLIENT_ADDED', 'CLIENT_SCOPES_CHANGED', 'CLIENT_REVOKED'));`);
  }

}
