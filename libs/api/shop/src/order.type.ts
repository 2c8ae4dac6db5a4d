import { Field, ID, ObjectType } from 'type-graphql';
import { OrderStatusEnum } from '@provision/api-core';
import type { OrderStatus } from '@provision/domain';

@ObjectType('ShopOrderStatusEvent', { description: "One step of an order's status timeline." })
export class OrderStatusEventView {
  @Field(() => OrderStatusEnum)
  status!: OrderStatus;

  @Field({ description: 'When it happened at the shop.' })
  occurredAt!: Date;

  @Field({ description: 'When the gateway learned of it.' })
  recordedAt!: Date;
}

@ObjectType('ShopOrder', { description: 'An order as the shop recorded it: who bought, who receives, who sells.' })
export class OrderView {
  @Field(() => ID)
  id!: string;

  @Field()
  shopOrderId!: string;

  @Field()
  buyerShopSubjectId!: string;

  @Field()
  receiverShopSubjectId!: string;

  @Field()
  sellerCode!: string;

  @Field(() => String, { nullable: true })
  customsBrokerCode!: string | null;

  @Field(() => OrderStatusEnum, { description: 'Status of the latest event.' })
  status!: OrderStatus;

  @Field()
  orderedAt!: Date;

  @Field(() => Date, { nullable: true, description: "Anchor of the sellers' 3-month provision window." })
  purchaseConfirmedAt!: Date | null;

  @Field(() => Date, { nullable: true, description: 'When the delivery completed: anchor of windows `… after delivery-completion`.' })
  deliveredAt!: Date | null;

  @Field(() => [OrderStatusEventView], { description: 'Oldest first.' })
  statusHistory!: OrderStatusEventView[];

  @Field()
  createdAt!: Date;
}
