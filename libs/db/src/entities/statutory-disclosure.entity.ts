import { Check, Entity, Index, PrimaryKey, Property, Unique } from '@mikro-orm/decorators/legacy';
import { randomUUID } from 'node:crypto';

/**
 * A provision without consent under a statute (PIPA Art. 18(2)2, 7): an authority's request (a
 * warrant, a tax office's or a court's request), the article it rests on, the subjects and items,
 * who approved it, and whether telling the subjects is deferred by law. Recorded and released in
 * one transaction with its ledger rows (one per subject, `requestId` links them); released once:
 * the same authority's document cannot be recorded again. The register Art. 18(4) asks the
 * controller to keep; append-only (triggers refuse UPDATE, DELETE and TRUNCATE).
 */
@Entity({
  tableName: 'statutory_disclosures',
  triggers: [
    {
      name: 'statutory_disclosures_no_update_delete',
      timing: 'before',
      events: ['update', 'delete'],
      forEach: 'row',
      body: "raise exception 'statutory_disclosures is append-only' using errcode = 'insufficient_privilege';",
    },
  ],
})
@Unique({ properties: ['authority', 'documentNumber'] })
@Index({ properties: ['subjectIds'], type: 'gin' })
@Check({ name: 'statutory_disclosures_deferral_check', expression: '(notify_deferred_until is null) = (deferral_reason is null)' })
export class StatutoryDisclosure {
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  /** When it was recorded and released. */
  @Property({ type: 'timestamptz' })
  recordedAt!: Date;

  /** The requesting authority as its document names it, e.g. `서울중앙지방검찰청`. */
  @Property({ type: 'text' })
  authority!: string;

  /** The cited article, a key of the statute catalog. */
  @Property({ type: 'text' })
  statute!: string;

  /** The article's purpose, which the ledger rows carry (`statutory.investigation`, …). */
  @Property({ type: 'text' })
  purpose!: string;

  @Property({ type: 'text' })
  documentNumber!: string;

  /** The document's date (`YYYY-MM-DD`). */
  @Property({ type: 'date' })
  documentDate!: string;

  @Property({ type: 'text[]', columnType: 'uuid[]' })
  subjectIds: string[] = [];

  /** Item keys released, in catalog order. */
  @Property({ type: 'text[]' })
  items: string[] = [];

  /** The admin client the approver acted through. */
  @Property({ type: 'text' })
  approvedBy!: string;

  /** The approving person: a statutory disclosure is always approved by someone. */
  @Property({ type: 'text' })
  approvedBySub!: string;

  @Property({ type: 'text', nullable: true })
  approvedByName: string | null = null;

  /** The Seoul day until which the law defers telling the subjects; null: not deferred. */
  @Property({ type: 'date', nullable: true })
  notifyDeferredUntil: string | null = null;

  /** The provision of law that defers it. */
  @Property({ type: 'text', nullable: true })
  deferralReason: string | null = null;

  /** The request that released it: its ledger rows carry the same id. */
  @Property({ type: 'text' })
  requestId!: string;
}
