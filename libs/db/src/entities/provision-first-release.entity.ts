import { Entity, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';

/**
 * A partner's first release of any item of one data subject, kept when the retention purge deletes
 * the ledger rows it was read from: the anchor of `… after provision` must outlive them, or a
 * window closed long ago would open again. Ids and an instant only, no personal values. Written only
 * by the database function `purge_provision_records` (the application's role may only read it);
 * `firstReleaseSql` in `@provision/audit` answers the earlier of this and the ledger's.
 */
@Entity({ tableName: 'provision_first_releases' })
export class ProvisionFirstRelease {
  // No foreign keys, like the ledger whose rows these outlive.
  @PrimaryKey({ type: 'uuid' })
  partnerId!: string;

  @PrimaryKey({ type: 'uuid' })
  subjectId!: string;

  @Property({ type: 'timestamptz' })
  firstReleasedAt!: Date;
}
