import { Collection, type Ref } from '@mikro-orm/core';
import { Entity, Enum, Index, ManyToOne, OneToMany, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { ORDER_STATUSES, type OrderStatus } from '@provision/domain';
import { randomUUID } from 'node:crypto';
import { OrderStatusEvent } from './order-status-event.entity.js';
import { Partner } from './partner.entity.js';
import { Subject } from './subject.entity.js';

/**
 * An order: the engagement that lets its seller (and its customs broker, if any) see the buyer and
 * the receiver. `purchaseConfirmedAt` anchors the sellers' `P3M after purchase-confirmation` window,
 * `deliveredAt` the windows `… after delivery-completion` (Dr.esthetique+ Art. 4: shipping data is
 * kept until delivery completes).
 */
@Entity({ tableName: 'orders' })
// The partner API's order pages: newest first per role, read backwards from the index (keyset cursor).
@Index({ properties: ['seller', 'orderedAt', 'id'] })
@Index({ properties: ['customsBroker', 'orderedAt', 'id'] })
// The window sweep reads each partner's orders confirmed before a bound, as seller and as broker,
// from the index alone (the id is included): already closed orders cost no table read.
@Index({ properties: ['seller', 'purchaseConfirmedAt'], include: ['id'] })
@Index({ properties: ['customsBroker', 'purchaseConfirmedAt'], include: ['id'] })
@Index({ properties: ['seller', 'deliveredAt'], include: ['id'] })
@Index({ properties: ['customsBroker', 'deliveredAt'], include: ['id'] })
@Index({ properties: ['buyer'] })
@Index({ properties: ['receiver'] })
@Index({ properties: ['purchaseConfirmedAt'] })
export class Order {
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  /** The shop's own order number. */
  @Property({ type: 'text', unique: true })
  shopOrderId!: string;

  @ManyToOne(() => Subject, { ref: true })
  buyer!: Ref<Subject>;

  @ManyToOne(() => Subject, { ref: true })
  receiver!: Ref<Subject>;

  @ManyToOne(() => Partner, { ref: true })
  seller!: Ref<Partner>;

  @ManyToOne(() => Partner, { ref: true, nullable: true, deleteRule: 'restrict' })
  customsBroker: Ref<Partner> | null = null;

  /** Current status; the history is in {@link OrderStatusEvent}. */
  @Enum({ items: [...ORDER_STATUSES], type: 'text' })
  status!: OrderStatus;

  @Property({ type: 'timestamptz' })
  orderedAt!: Date;

  @Property({ type: 'timestamptz', nullable: true })
  purchaseConfirmedAt: Date | null = null;

  /** When delivery completed: the first DELIVERED step of the timeline, set once by the shop's `confirmDelivery`. */
  @Property({ type: 'timestamptz', nullable: true })
  deliveredAt: Date | null = null;

  @Property({ type: 'timestamptz' })
  createdAt!: Date;

  @OneToMany(() => OrderStatusEvent, (event) => event.order)
  statusEvents = new Collection<OrderStatusEvent>(this);
}
