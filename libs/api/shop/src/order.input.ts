import { IsOptional } from 'class-validator';
import { Field, InputType } from 'type-graphql';
import { OrderStatusEnum } from '@provision/api-core';
import type { OrderStatus } from '@provision/domain';
import { IsPartnerCode, IsShopId } from './input-formats.js';

@InputType()
export class RecordOrderInput {
  @Field({ description: "The shop's order number." })
  @IsShopId()
  shopOrderId!: string;

  @Field({ description: 'The buyer, an upserted subject.' })
  @IsShopId()
  buyerShopSubjectId!: string;

  @Field({ description: 'The receiver of the delivery, an upserted subject (may be the buyer).' })
  @IsShopId()
  receiverShopSubjectId!: string;

  @Field({ description: 'Code of the selling partner: an ACTIVE partner with role SELLER.' })
  @IsPartnerCode()
  sellerCode!: string;

  @Field(() => String, { nullable: true, description: 'Code of the customs broker (role CUSTOMS_BROKER), if the order clears customs.' })
  @IsOptional()
  @IsPartnerCode()
  customsBrokerCode?: string | null;

  @Field(() => Date, { nullable: true, description: 'When the order was placed; now when omitted.' })
  @IsOptional()
  orderedAt?: Date | null;

  @Field(() => OrderStatusEnum, {
    defaultValue: 'PLACED',
    description: 'Status when first recorded; later changes go through recordOrderStatus, confirmDelivery and confirmPurchase.',
  })
  status!: OrderStatus;
}

@InputType()
export class RecordOrderStatusInput {
  @Field()
  @IsShopId()
  shopOrderId!: string;

  @Field(() => OrderStatusEnum, {
    description: 'Any status but PURCHASE_CONFIRMED and DELIVERED, which confirmPurchase and confirmDelivery record.',
  })
  status!: OrderStatus;

  @Field({ description: 'When the status changed at the shop; with the status, it identifies the event.' })
  occurredAt!: Date;
}

@InputType()
export class ConfirmPurchaseInput {
  @Field()
  @IsShopId()
  shopOrderId!: string;

  @Field({ description: "When the buyer confirmed the purchase: the start of the sellers' 3-month window." })
  confirmedAt!: Date;
}

@InputType()
export class ConfirmDeliveryInput {
  @Field()
  @IsShopId()
  shopOrderId!: string;

  @Field({ description: 'When the delivery completed: the start of windows anchored on delivery completion.' })
  deliveredAt!: Date;
}
