import { IsOptional, Max, Min } from 'class-validator';
import { ArgsType, Field, InputType, Int } from 'type-graphql';
import { OrderStatusEnum } from '@provision/api-core';
import type { OrderStatus } from '@provision/domain';
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from './partner.type.js';

@ArgsType()
export class PageArgs {
  @Field(() => Int, { defaultValue: DEFAULT_PAGE_SIZE, description: `Page size, 1–${MAX_PAGE_SIZE}.` })
  @Min(1)
  @Max(MAX_PAGE_SIZE)
  first!: number;

  @Field(() => String, { nullable: true, description: '`pageInfo.endCursor` of the previous page.' })
  @IsOptional()
  after?: string | null;
}

@InputType()
export class OrdersFilterInput {
  @Field(() => OrderStatusEnum, { nullable: true })
  status?: OrderStatus | null;

  @Field(() => Date, { nullable: true, description: 'Orders placed at or after this time.' })
  orderedFrom?: Date | null;

  @Field(() => Date, { nullable: true, description: 'Orders placed before this time.' })
  orderedTo?: Date | null;
}
