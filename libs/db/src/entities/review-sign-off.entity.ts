import type { Ref } from '@mikro-orm/core';
import { Entity, Index, ManyToOne, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { ReviewReport } from './review-report.entity.js';

/**
 * The privacy officer's sign-off of a monthly access review (Safety Standards Art. 8): who, when,
 * which revision of the report, the comment and the follow-up actions. Append-only (triggers refuse
 * UPDATE, DELETE and TRUNCATE): a later sign-off of a regenerated report is a new row.
 */
@Entity({
  tableName: 'review_sign_offs',
  triggers: [
    {
      name: 'review_sign_offs_no_update_delete',
      timing: 'before',
      events: ['update', 'delete'],
      forEach: 'row',
      body: "raise exception 'review_sign_offs is append-only' using errcode = 'insufficient_privilege';",
    },
  ],
})
@Index({ properties: ['report', 'signedAt'] })
export class ReviewSignOff {
  @PrimaryKey({ type: 'bigint', columnType: 'bigint', autoincrement: true, generated: 'by default as identity' })
  id!: bigint;

  @ManyToOne(() => ReviewReport, { ref: true, deleteRule: 'restrict' })
  report!: Ref<ReviewReport>;

  /** The report's revision that was read and signed. */
  @Property({ type: 'integer' })
  revision!: number;

  @Property({ type: 'timestamptz' })
  signedAt!: Date;

  @Property({ type: 'text' })
  signedBy!: string;

  @Property({ type: 'text' })
  signedBySub!: string;

  @Property({ type: 'text', nullable: true })
  signedByName: string | null = null;

  @Property({ type: 'text' })
  comment!: string;

  /** Follow-up actions the officer decided, one line each. */
  @Property({ type: 'text[]' })
  followUps: string[] = [];
}
