import type { Opt, Ref } from '@mikro-orm/core';
import { Check, Entity, Enum, Index, ManyToOne, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { SEALED_PATTERN, type Sealed } from '@provision/crypto';
import { NOTICE_TYPES, type NoticeType } from '@provision/domain';
import { randomUUID } from 'node:crypto';
import { Partner } from './partner.entity.js';
import { NOTICE_STATES, type NoticeState } from './vocabulary.js';

/**
 * The notice outbox: written in the same transaction as the change that causes it, delivered to the
 * partner's webhook later, retried until delivered or dead, and acknowledged by the partner
 * (with the time and method of destruction where the notice asks for it).
 */
@Entity({ tableName: 'notices' })
@Index({ properties: ['status', 'nextAttemptAt'] })
@Index({ properties: ['partner', 'createdAt'] })
@Check({ name: 'notices_attempts_check', expression: 'attempts >= 0' })
@Check({ name: 'notices_sealed_payload_sealed', expression: `sealed_payload ~ '${SEALED_PATTERN}'` })
export class Notice {
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @ManyToOne(() => Partner, { ref: true })
  partner!: Ref<Partner>;

  @Enum({ items: [...NOTICE_TYPES], type: 'text' })
  type!: NoticeType;

  @Property({ type: 'jsonb' })
  payload!: Record<string, unknown>;

  /**
   * The personal values of the payload (a correction's new values), as JSON sealed for this row
   * (`notices.sealed_payload`); merged into the payload only when the notice is sent.
   */
  @Property({ type: 'text', nullable: true })
  sealedPayload: Sealed | null = null;

  @Property({ type: 'timestamptz' })
  createdAt!: Date;

  @Enum({ items: [...NOTICE_STATES], type: 'text', default: 'PENDING' })
  status: Opt<NoticeState> = 'PENDING';

  @Property({ type: 'integer', default: 0 })
  attempts: Opt<number> = 0;

  /** When the deliverer may try next; starts at `createdAt`. */
  @Property({ type: 'timestamptz' })
  nextAttemptAt!: Date;

  @Property({ type: 'timestamptz', nullable: true })
  deliveredAt: Date | null = null;

  /** Last delivery failure (status code or transport error); never personal data. */
  @Property({ type: 'text', nullable: true })
  lastError: string | null = null;

  @Property({ type: 'timestamptz', nullable: true })
  acknowledgedAt: Date | null = null;

  /**
   * Client id that recorded the acknowledgement: the partner's own client, or an admin who recorded
   * evidence the partner gave another way (a terminated partner's tokens are refused).
   */
  @Property({ type: 'text', nullable: true })
  acknowledgedBy: string | null = null;

  /** The person who recorded the evidence for the partner (`recordDestruction` from the console). */
  @Property({ type: 'text', nullable: true })
  acknowledgedBySub: string | null = null;

  @Property({ type: 'text', nullable: true })
  acknowledgedByName: string | null = null;

  /** When the partner says it destroyed the data the notice named. */
  @Property({ type: 'timestamptz', nullable: true })
  destroyedAt: Date | null = null;

  @Property({ type: 'text', nullable: true })
  destructionMethod: string | null = null;
}
