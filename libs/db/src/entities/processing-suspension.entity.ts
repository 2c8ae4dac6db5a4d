import type { Ref } from '@mikro-orm/core';
import { Entity, Index, ManyToOne, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { randomUUID } from 'node:crypto';
import { Partner } from './partner.entity.js';
import { Subject } from './subject.entity.js';

/** A subject's request to suspend processing (Art. 37), towards one partner or, with no partner, all of them. */
@Entity({ tableName: 'processing_suspensions' })
@Index({ properties: ['subject'] })
export class ProcessingSuspension {
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @ManyToOne(() => Subject, { ref: true })
  subject!: Ref<Subject>;

  /** Null: the suspension applies to every partner. */
  @ManyToOne(() => Partner, { ref: true, nullable: true, deleteRule: 'restrict' })
  partner: Ref<Partner> | null = null;

  @Property({ type: 'timestamptz' })
  requestedAt!: Date;

  @Property({ type: 'timestamptz', nullable: true })
  resumedAt: Date | null = null;

  @Property({ type: 'text' })
  reason!: string;
}
