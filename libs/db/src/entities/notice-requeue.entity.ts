import type { Ref } from '@mikro-orm/core';
import { Entity, Index, ManyToOne, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { Notice } from './notice.entity.js';

/**
 * An admin put a dead notice back in the outbox (after the partner fixed its webhook): who, when,
 * and what the notice had been through. Append-only (triggers refuse UPDATE, DELETE and TRUNCATE).
 */
@Entity({
  tableName: 'notice_requeues',
  triggers: [
    {
      name: 'notice_requeues_no_update_delete',
      timing: 'before',
      events: ['update', 'delete'],
      forEach: 'row',
      body: "raise exception 'notice_requeues is append-only' using errcode = 'insufficient_privilege';",
    },
  ],
})
@Index({ properties: ['notice', 'at'] })
export class NoticeRequeue {
  @PrimaryKey({ type: 'bigint', columnType: 'bigint', autoincrement: true, generated: 'by default as identity' })
  id!: bigint;

  @ManyToOne(() => Notice, { ref: true })
  notice!: Ref<Notice>;

  @Property({ type: 'timestamptz' })
  at!: Date;

  @Property({ type: 'text' })
  requeuedBy!: string;

  @Property({ type: 'text', nullable: true })
  requeuedBySub: string | null = null;

  @Property({ type: 'text', nullable: true })
  requeuedByName: string | null = null;

  /** Failed attempts before the re-queue. */
  @Property({ type: 'integer' })
  previousAttempts!: number;

  /** The last error before the re-queue (status or error class, never a response body). */
  @Property({ type: 'text', nullable: true })
  previousError: string | null = null;
}
