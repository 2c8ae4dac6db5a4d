import { registerEnumType } from 'type-graphql';
import { ORDER_STATUSES } from '@provision/domain';

/**
 * type-graphql registers enums from objects; the domain keeps its vocabularies as `as const`
 * arrays. This maps each value to itself, so GraphQL and the domain share one list.
 */
export function enumOf<const T extends string>(values: readonly T[]): { [K in T]: K } {
  return Object.fromEntries(values.map((value) => [value, value])) as { [K in T]: K };
}

/** Used by more than one API area (shop and partner), so registered once, here. */
export const OrderStatusEnum = enumOf(ORDER_STATUSES);
registerEnumType(OrderStatusEnum, { name: 'OrderStatus' });
