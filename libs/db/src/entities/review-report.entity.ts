import type { Ref } from '@mikro-orm/core';
import { Check, Entity, ManyToOne, PrimaryKey, Property, Unique } from '@mikro-orm/decorators/legacy';
import { randomUUID } from 'node:crypto';
import { Partner } from './partner.entity.js';

/**
 * A partner's monthly access-review report (PIPA Safety Standards Art. 8), one per partner and
 * Seoul calendar month. Regenerating replaces the report and counts up `revision`: the ledger and
 * the permission history it is computed from are append-only, so a closed month's figures only
 * change if the report logic does.
 */
@Entity({ tableName: 'review_reports' })
@Unique({ properties: ['partner', 'month'] })
@Check({ name: 'review_reports_month_check', expression: "month ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'" })
export class ReviewReport {
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @ManyToOne(() => Partner, { ref: true, deleteRule: 'restrict' })
  partner!: Ref<Partner>;

  /** `YYYY-MM`, a month of the Seoul calendar. */
  @Property({ type: 'text' })
  month!: string;

  @Property({ type: 'timestamptz' })
  generatedAt!: Date;

  /** The admin's client id, or `worker:monthly-review`. */
  @Property({ type: 'text' })
  generatedBy!: string;

  /** 1 for the first generation, counted up by every regeneration. */
  @Property({ type: 'integer', default: 1 })
  revision = 1;

  /** The report as `@provision/review` builds it (its `schemaVersion` says which shape). */
  @Property({ type: 'jsonb' })
  report!: Record<string, unknown>;
}
