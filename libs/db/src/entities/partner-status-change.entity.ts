import type { Ref } from '@mikro-orm/core';
import { Entity, Enum, Index, ManyToOne, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { PARTNER_STATUSES, type PartnerStatus } from '@provision/domain';
import { randomUUID } from 'node:crypto';
import { Partner } from './partner.entity.js';

/**
 * One entry of a partner's status history. Rows are only ever added: the status at any instant is
 * the latest change whose `effectiveAt` is not after it, so a termination can be scheduled ahead.
 */
@Entity({ tableName: 'partner_status_changes' })
@Index({ properties: ['partner', 'effectiveAt'] })
export class PartnerStatusChange {
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @ManyToOne(() => Partner, { ref: true })
  partner!: Ref<Partner>;

  @Enum({ items: [...PARTNER_STATUSES], type: 'text' })
  status!: PartnerStatus;

  @Property({ type: 'text' })
  reason!: string;

  @Property({ type: 'timestamptz' })
  effectiveAt!: Date;

  @Property({ type: 'timestamptz' })
  recordedAt!: Date;

  /** Client id of the admin who recorded the change. */
  @Property({ type: 'text' })
  recordedBy!: string;
}
