import type { Ref } from '@mikro-orm/core';
import { Entity, Enum, Index, ManyToOne, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { ORDER_STATUSES, type OrderStatus } from '@provision/domain';
import { randomUUID } from 'node:crypto';
import { Order } from './order.entity.js';

/** One step of an order's status timeline, as the shop reported it. */
@Entity({ tableName: 'order_status_events' })
@Index({ properties: ['order', 'occurredAt'] })
export class OrderStatusEvent {
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @ManyToOne(() => Order, { ref: true })
  order!: Ref<Order>;

  @Enum({ items: [...ORDER_STATUSES], type: 'text' })
  status!: OrderStatus;

  /** When it happened at the shop. */
  @Property({ type: 'timestamptz' })
  occurredAt!: Date;

  /** When the gateway learned of it. */
  @Property({ type: 'timestamptz' })
  recordedAt!: Date;
}
