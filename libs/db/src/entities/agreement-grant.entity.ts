import type { Ref } from '@mikro-orm/core';
import { Entity, ManyToOne, PrimaryKey, Property, Unique } from '@mikro-orm/decorators/legacy';
import { randomUUID } from 'node:crypto';
import { Agreement } from './agreement.entity.js';

/** One item × purpose an agreement version lets its partner receive. Keys come from the domain catalogs. */
@Entity({ tableName: 'agreement_grants' })
@Unique({ properties: ['agreement', 'item', 'purpose'] })
export class AgreementGrant {
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @ManyToOne(() => Agreement, { ref: true })
  agreement!: Ref<Agreement>;

  /** Item key, e.g. `receiver.address`. */
  @Property({ type: 'text' })
  item!: string;

  /** Purpose key, e.g. `order.delivery`; covers its children. */
  @Property({ type: 'text' })
  purpose!: string;
}
