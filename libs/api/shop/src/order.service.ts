import type { EntityManager } from '@mikro-orm/postgresql';
import { Order, OrderStatusEvent, type Partner, type Subject } from '@provision/db';
import { InputError } from '@provision/domain';
import type { Clock } from '@provision/util';
import { assertNotBefore, assertSameTime, eventTime } from './event-time.js';
import { writeIdempotently } from './idempotent-write.js';
import type { ConfirmPurchaseInput, RecordOrderInput, RecordOrderStatusInput } from './order.input.js';
import { findActivePartner, findOrder, findSubject } from './shop.repository.js';

/** An order with its parties loaded and its status timeline, oldest first. */
export interface OrderRecord {
  order: Order;
  buyer: Subject;
  receiver: Subject;
  seller: Partner;
  customsBroker: Partner | null;
  events: OrderStatusEvent[];
}

const CONFIRM_WITH_MUTATION = 'record purchase confirmation with confirmPurchase, which sets when the provision window starts';

/**
 * Orders and their timelines: the engagement that binds a seller (and a customs broker) to the
 * buyer and the receiver. `purchaseConfirmedAt` is set once, by {@link confirmPurchase}, because
 * it anchors the sellers' `P3M after purchase-confirmation` window.
 */
export class OrderService {
  constructor(
    private readonly em: EntityManager,
    private readonly clock: Clock,
  ) {}

  /**
   * Records an order and its first status event. A replay with the same parties is a no-op that
   * returns the order; a replay that names another party, time or first status is refused on that
   * field, since the order's engagement must not silently move to someone else.
   */
  async recordOrder(input: RecordOrderInput): Promise<OrderRecord> {
    if (input.status === 'PURCHASE_CONFIRMED') throw new InputError('status', CONFIRM_WITH_MUTATION);
    return writeIdempotently(this.em, async (em) => {
      const now = this.clock.now();
      const orderedAt = eventTime(input.orderedAt, 'orderedAt', now);
      const existing = await em.findOne(Order, { shopOrderId: input.shopOrderId });
      if (existing) {
        const record = await this.recordOf(em, existing);
        assertSameOrder(record, input);
        return record;
      }

      const buyer = await findSubject(em, input.buyerShopSubjectId, 'buyerShopSubjectId');
      const receiver = await findSubject(em, input.receiverShopSubjectId, 'receiverShopSubjectId');
      const seller = await findActivePartner(em, input.sellerCode, now, {
        field: 'sellerCode',
        role: 'SELLER',
        expected: 'a seller',
      });
      const customsBroker = input.customsBrokerCode
        ? await findActivePartner(em, input.customsBrokerCode, now, {
            field: 'customsBrokerCode',
            role: 'CUSTOMS_BROKER',
            expected: 'a customs broker',
          })
        : null;
      const order = em.create(Order, {
        shopOrderId: input.shopOrderId,
        buyer,
        receiver,
        seller,
        customsBroker,
        status: input.status,
        orderedAt,
        createdAt: now,
      });
      const event = em.create(OrderStatusEvent, { order, status: input.status, occurredAt: orderedAt, recordedAt: now });
      await em.flush();
      return { order, buyer, receiver, seller, customsBroker, events: [event] };
    });
  }

  /**
   * Appends a status change to the timeline. The status and time identify the event, so a replay
   * is a no-op. The order's current status is that of its latest event, so a late report of an
   * earlier step extends the history without turning the order back.
   */
  async recordOrderStatus(input: RecordOrderStatusInput): Promise<OrderRecord> {
    if (input.status === 'PURCHASE_CONFIRMED') throw new InputError('status', CONFIRM_WITH_MUTATION);
    return writeIdempotently(this.em, async (em) => {
      const now = this.clock.now();
      const occurredAt = eventTime(input.occurredAt, 'occurredAt', now);
      const order = await findOrder(em, input.shopOrderId, 'shopOrderId', true);
      assertNotBefore(occurredAt, order.orderedAt, 'occurredAt', 'the time the order was placed');
      const replay = await em.count(OrderStatusEvent, { order, status: input.status, occurredAt });
      if (replay === 0) {
        await this.appendEvent(em, order, input.status, occurredAt, now);
        await em.flush();
      }
      return this.recordOf(em, order);
    });
  }

  /**
   * Records when the buyer confirmed the purchase: sets `purchaseConfirmedAt` and appends a
   * PURCHASE_CONFIRMED event. The same time again is a no-op; another time is refused, because
   * moving the anchor would move when every seller's window closes.
   */
  async confirmPurchase(input: ConfirmPurchaseInput): Promise<OrderRecord> {
    return writeIdempotently(this.em, async (em) => {
      const now = this.clock.now();
      const confirmedAt = eventTime(input.confirmedAt, 'confirmedAt', now);
      const order = await findOrder(em, input.shopOrderId, 'shopOrderId', true);
      if (order.purchaseConfirmedAt) {
        assertSameTime(confirmedAt, order.purchaseConfirmedAt, 'confirmedAt', 'purchase already confirmed at another time');
        return this.recordOf(em, order);
      }
      assertNotBefore(confirmedAt, order.orderedAt, 'confirmedAt', 'the time the order was placed');
      if (order.status === 'CANCELLED' || order.status === 'RETURNED') {
        throw new InputError('shopOrderId', `the order is ${order.status.toLowerCase()}; there is no purchase to confirm`);
      }
      order.purchaseConfirmedAt = confirmedAt;
      await this.appendEvent(em, order, 'PURCHASE_CONFIRMED', confirmedAt, now);
      await em.flush();
      return this.recordOf(em, order);
    });
  }

  async findOrder(shopOrderId: string): Promise<OrderRecord | null> {
    const order = await this.em.findOne(Order, { shopOrderId });
    return order ? this.recordOf(this.em, order) : null;
  }

  /** Adds an event; the order takes its status unless a later event is already on the timeline. */
  private async appendEvent(
    em: EntityManager,
    order: Order,
    status: OrderStatusEvent['status'],
    occurredAt: Date,
    now: Date,
  ): Promise<void> {
    const latest = await em.findOne(OrderStatusEvent, { order }, { orderBy: { occurredAt: 'desc', recordedAt: 'desc' } });
    em.create(OrderStatusEvent, { order, status, occurredAt, recordedAt: now });
    if (!latest || occurredAt.getTime() >= latest.occurredAt.getTime()) order.status = status;
  }

  private async recordOf(em: EntityManager, order: Order): Promise<OrderRecord> {
    await em.populate(order, ['buyer', 'receiver', 'seller', 'customsBroker']);
    const events = await em.find(OrderStatusEvent, { order }, { orderBy: { occurredAt: 'asc', recordedAt: 'asc' } });
    return {
      order,
      buyer: order.buyer.getEntity(),
      receiver: order.receiver.getEntity(),
      seller: order.seller.getEntity(),
      customsBroker: order.customsBroker?.getEntity() ?? null,
      events,
    };
  }
}

/** Refuses a replay of `recordOrder` that differs from the recorded order, on the first differing field. */
function assertSameOrder(record: OrderRecord, input: RecordOrderInput): void {
  const differs: [boolean, string, string][] = [
    [record.buyer.shopSubjectId !== input.buyerShopSubjectId, 'buyerShopSubjectId', 'buyer'],
    [record.receiver.shopSubjectId !== input.receiverShopSubjectId, 'receiverShopSubjectId', 'receiver'],
    [record.seller.code !== input.sellerCode, 'sellerCode', 'seller'],
    [(record.customsBroker?.code ?? null) !== (input.customsBrokerCode ?? null), 'customsBrokerCode', 'customs broker'],
    [record.events[0]?.status !== input.status, 'status', 'first status'],
  ];
  for (const [different, field, what] of differs) {
    if (different) throw new InputError(field, `order already recorded with another ${what}`);
  }
  assertSameTime(input.orderedAt, record.order.orderedAt, 'orderedAt', 'order already recorded with another order time');
}
