import type { Ref } from '@mikro-orm/core';
import { Entity, Index, ManyToOne, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { randomUUID } from 'node:crypto';
import { Order } from './order.entity.js';
import { Partner } from './partner.entity.js';
import { Subject } from './subject.entity.js';

/** A support case handed to a consignee (call center, identity verification, …): the consignee's engagement. */
@Entity({ tableName: 'support_cases' })
// Partner first, for row binding; closing time and id for the window sweep's index-only range scan.
@Index({ properties: ['partner', 'closedAt'], include: ['id'] })
@Index({ properties: ['subject'] })
export class SupportCase {
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @Property({ type: 'text', unique: true })
  shopCaseId!: string;

  @ManyToOne(() => Subject, { ref: true })
  subject!: Ref<Subject>;

  /** The consignee handling the case. */
  @ManyToOne(() => Partner, { ref: true })
  partner!: Ref<Partner>;

  @ManyToOne(() => Order, { ref: true, nullable: true, deleteRule: 'restrict' })
  order: Ref<Order> | null = null;

  /** Purpose key, e.g. `support.call-center`. */
  @Property({ type: 'text' })
  purpose!: string;

  @Property({ type: 'timestamptz' })
  openedAt!: Date;

  @Property({ type: 'timestamptz', nullable: true })
  closedAt: Date | null = null;
}
