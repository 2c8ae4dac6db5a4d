import type { EntityManager, FilterQuery } from '@mikro-orm/postgresql';
import { Order, Subscription, SupportCase } from '@provision/db';
import type { OrderStatus } from '@provision/domain';
import { decodeCursor, encodeCursor, isUuid } from './cursor.js';

export interface OrdersFilter {
  status?: OrderStatus | null;
  orderedFrom?: Date | null;
  orderedTo?: Date | null;
}

export interface Page<T> {
  rows: T[];
  hasNextPage: boolean;
  endCursor: string | null;
}

/** Keyset condition for "after this (time, id)" in descending order. */
function after<T>(timeField: string, cursor: string | null | undefined): FilterQuery<T>[] {
  if (!cursor) return [];
  const { at, id } = decodeCursor(cursor);
  return [{ $or: [{ [timeField]: { $lt: at } }, { [timeField]: at, id: { $lt: id } }] } as FilterQuery<T>];
}

function page<T extends { id: string }>(rows: T[], first: number, timeOf: (row: T) => Date): Page<T> {
  const visible = rows.slice(0, first);
  const last = visible.at(-1);
  return {
    rows: visible,
    hasNextPage: rows.length > first,
    endCursor: last ? encodeCursor({ at: timeOf(last), id: last.id }) : null,
  };
}

/**
 * Row binding: every query is bound to the calling partner's engagements, so a partner never
 * learns that a row it has no engagement with exists — another partner's order answers exactly
 * like a missing one.
 */
export class PartnerDataService {
  constructor(
    private readonly em: EntityManager,
    private readonly partnerId: string,
  ) {}

  /** Orders the partner sells or clears through customs. */
  private engagedOrders(): FilterQuery<Order> {
    return { $or: [{ seller: this.partnerId }, { customsBroker: this.partnerId }] };
  }

  async orders(filter: OrdersFilter, first: number, cursor?: string | null): Promise<Page<Order>> {
    const conditions: FilterQuery<Order>[] = [this.engagedOrders(), ...after<Order>('orderedAt', cursor)];
    if (filter.status) conditions.push({ status: filter.status });
    if (filter.orderedFrom) conditions.push({ orderedAt: { $gte: filter.orderedFrom } });
    if (filter.orderedTo) conditions.push({ orderedAt: { $lt: filter.orderedTo } });
    const rows = await this.em.find(Order, { $and: conditions }, { orderBy: { orderedAt: 'desc', id: 'desc' }, limit: first + 1 });
    return page(rows, first, (order) => order.orderedAt);
  }

  async order(id: string): Promise<Order | null> {
    if (!isUuid(id)) return null;
    return this.em.findOne(Order, { $and: [{ id }, this.engagedOrders()] });
  }

  /** Subjects subscribed to the partner's service (current and past: the window decides what is released). */
  async subscribers(first: number, cursor?: string | null): Promise<Page<Subscription>> {
    const conditions: FilterQuery<Subscription>[] = [{ partner: this.partnerId }, ...after<Subscription>('startedAt', cursor)];
    const rows = await this.em.find(Subscription, { $and: conditions }, { orderBy: { startedAt: 'desc', id: 'desc' }, limit: first + 1 });
    return page(rows, first, (subscription) => subscription.startedAt);
  }

  /** Cases the shop handed to the partner (a consignee), newest first. */
  async supportCases(first: number, cursor?: string | null): Promise<Page<SupportCase>> {
    const conditions: FilterQuery<SupportCase>[] = [{ partner: this.partnerId }, ...after<SupportCase>('openedAt', cursor)];
    const rows = await this.em.find(SupportCase, { $and: conditions }, { orderBy: { openedAt: 'desc', id: 'desc' }, limit: first + 1 });
    return page(rows, first, (supportCase) => supportCase.openedAt);
  }
}
