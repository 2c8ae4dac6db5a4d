import type { Ref } from '@mikro-orm/core';
import { Entity, Index, ManyToOne, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { randomUUID } from 'node:crypto';
import { Partner } from './partner.entity.js';
import { Subject } from './subject.entity.js';

/**
 * A subject's subscription to a partner's service (Gifti-show, web-fax): the engagement behind
 * service providers' access, and `endedAt` anchors `P6M after subscription-end`.
 */
@Entity({ tableName: 'subscriptions' })
// Partner first, for row binding; end time and id for the window sweep's index-only range scan.
@Index({ properties: ['partner', 'endedAt'], include: ['id'] })
@Index({ properties: ['subject'] })
export class Subscription {
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @Property({ type: 'text', unique: true })
  shopSubscriptionId!: string;

  @ManyToOne(() => Subject, { ref: true })
  subject!: Ref<Subject>;

  @ManyToOne(() => Partner, { ref: true })
  partner!: Ref<Partner>;

  /** Purpose key, e.g. `service.gift-voucher`. */
  @Property({ type: 'text' })
  purpose!: string;

  @Property({ type: 'timestamptz' })
  startedAt!: Date;

  @Property({ type: 'timestamptz', nullable: true })
  endedAt: Date | null = null;
}
