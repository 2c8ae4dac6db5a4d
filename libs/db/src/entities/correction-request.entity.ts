import type { Ref } from '@mikro-orm/core';
import { Entity, Index, ManyToOne, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { randomUUID } from 'node:crypto';
import { Subject } from './subject.entity.js';

/** A subject's pending or applied correction (Art. 36); items under a pending correction are not released. */
@Entity({ tableName: 'correction_requests' })
@Index({ properties: ['subject'] })
export class CorrectionRequest {
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @ManyToOne(() => Subject, { ref: true })
  subject!: Ref<Subject>;

  /** Item keys being corrected. */
  @Property({ type: 'text[]' })
  items!: string[];

  @Property({ type: 'timestamptz' })
  requestedAt!: Date;

  @Property({ type: 'timestamptz', nullable: true })
  appliedAt: Date | null = null;
}
