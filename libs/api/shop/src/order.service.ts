import type { EntityManager } from '@mikro-orm/postgresql';
import { Order, OrderStatusEvent, type Partner, type Subject } from '@provision/db';
import { InputError, type OrderStatus } from '@provision/domain';
import type { Clock } from '@provision/util';
import { assertNotBefore, assertSameTime, eventTime } from './event-time.js';
import { writeIdempotently } from './idempotent-write.js';
import type { ConfirmDeliveryInput, ConfirmPurchaseInput, RecordOrderInput, RecordOrderStatusInput } from './order.input.js';
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

/**
 * The steps of the timeline that anchor provision windows, each recorded by its own mutation and set
 * once on the order: moving one would move when every window anchored on it closes.
 */
const ANCHOR_STEPS = {
  PURCHASE_CONFIRMED: {
    property: 'purchaseConfirmedAt',
    field: 'confirmedAt',
    mutation: 'record purchase confirmation with confirmPurchase, which sets when the provision window starts',
    again: 'purchase already confirmed at another time',
    // A cancelled or returned order has no purchase left to confirm.
    refusedIn: ['CANCELLED', 'RETURNED'],
    refusal: 'there is no purchase to confirm',
  },
  DELIVERED: {
    property: 'deliveredAt',
    field: 'deliveredAt',
    mutation: 'record delivery completion with confirmDelivery, which sets when the provision window starts',
    again: 'delivery already completed at another time',
    // A returned order was delivered first; a late report of its delivery is still true.
    refusedIn: ['CANCELLED'],
    refusal: 'there is no delivery to complete',
  },
} as const satisfies Partial<Record<OrderStatus, unknown>>;

type AnchorStep = keyof typeof ANCHOR_STEPS;

function refuseAnchorStep(status: OrderStatus): void {
  if (status in ANCHOR_STEPS) throw new InputError('status', ANCHOR_STEPS[status as AnchorStep].mutation);
}

/**
 * Orders and their timelines: the engagement that binds a seller (and a customs broker) to the
 * buyer and the receiver. `purchaseConfirmedAt` and `deliveredAt` are set once, by
 * {@link confirmPurchase} and {@link confirmDelivery}, because they anchor provision windows
 * (`P3M after purchase-confirmation`, `… after delivery-completion`).
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
    refuseAnchorStep(input.status);
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
    refuseAnchorStep(input.status);
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
    return this.recordAnchorStep(input.shopOrderId, 'PURCHASE_CONFIRMED', input.confirmedAt);
  }

  /**
   * Records when the delivery completed: sets `deliveredAt` and appends a DELIVERED event, like
   * {@link confirmPurchase}: set once, the same time again is a no-op, another time is refused.
   */
  async confirmDelivery(input: ConfirmDeliveryInput): Promise<OrderRecord> {
    return this.recordAnchorStep(input.shopOrderId, 'DELIVERED', input.deliveredAt);
  }

  async findOrder(shopOrderId: string): Promise<OrderRecord | null> {
    const order = await this.em.findOne(Order, { shopOrderId });
    return order ? this.recordOf(this.em, order) : null;
  }

  private async recordAnchorStep(shopOrderId: string, status: AnchorStep, reported: Date): Promise<OrderRecord> {
    const step = ANCHOR_STEPS[status];
    return writeIdempotently(this.em, async (em) => {
      const now = this.clock.now();
      const at = eventTime(reported, step.field, now);
      const order = await findOrder(em, shopOrderId, 'shopOrderId', true);
      const recorded = order[step.property];
      if (recorded) {
        assertSameTime(at, recorded, step.field, step.again);
        return this.recordOf(em, order);
      }
      assertNotBefore(at, order.orderedAt, step.field, 'the time the order was placed');
      if ((step.refusedIn as readonly OrderStatus[]).includes(order.status)) {
        throw new InputError('shopOrderId', `the order is ${order.status.toLowerCase()}; ${step.refusal}`);
      }
      order[step.property] = at;
      await this.appendEvent(em, order, status, at, now);
      await em.flush();
      return this.recordOf(em, order);
    });
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
