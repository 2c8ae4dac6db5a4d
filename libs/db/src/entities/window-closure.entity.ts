import type { Ref } from '@mikro-orm/core';
import { Check, Entity, Index, ManyToOne, PrimaryKey, Property, Unique } from '@mikro-orm/decorators/legacy';
import { randomUUID } from 'node:crypto';
import { Notice } from './notice.entity.js';
import { Order } from './order.entity.js';
import { Partner } from './partner.entity.js';
import { Subscription } from './subscription.entity.js';
import { SupportCase } from './support-case.entity.js';

/**
 * The ledger's mark that one partner's provision window on one engagement (an order, for its seller
 * or its customs broker; a subscription; a support case) closed, and the `window-closed` notice that
 * told the partner to destroy what it holds. Written only by the window sweep, once per partner ×
 * engagement: the unique constraints make a second sweep's insert a no-op, so concurrent sweeps
 * cannot report an engagement twice. Read-time enforcement does not depend on this row.
 */
@Entity({ tableName: 'window_closures' })
// NULLs are distinct in unique constraints, so each pair only constrains rows of its own kind.
@Unique({ properties: ['partner', 'order'] })
@Unique({ properties: ['partner', 'subscription'] })
@Unique({ properties: ['partner', 'supportCase'] })
@Index({ properties: ['notice'] })
@Check({
  name: 'window_closures_engagement_check',
  expression: 'num_nonnulls(order_id, subscription_id, support_case_id) = 1',
})
export class WindowClosure {
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @ManyToOne(() => Partner, { ref: true })
  partner!: Ref<Partner>;

  @ManyToOne(() => Order, { ref: true, nullable: true, deleteRule: 'restrict' })
  order: Ref<Order> | null = null;

  @ManyToOne(() => Subscription, { ref: true, nullable: true, deleteRule: 'restrict' })
  subscription: Ref<Subscription> | null = null;

  @ManyToOne(() => SupportCase, { ref: true, nullable: true, deleteRule: 'restrict' })
  supportCase: Ref<SupportCase> | null = null;

  /** When the window closed by the partner's retention rule (not when the sweep noticed). */
  @Property({ type: 'timestamptz' })
  closedAt!: Date;

  /** When the sweep recorded the closure and wrote the notice. */
  @Property({ type: 'timestamptz' })
  sweptAt!: Date;

  /** The `window-closed` notice that listed this engagement. */
  @ManyToOne(() => Notice, { ref: true, deleteRule: 'restrict' })
  notice!: Ref<Notice>;
}
