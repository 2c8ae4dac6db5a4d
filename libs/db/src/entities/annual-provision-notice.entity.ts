import type { Ref } from '@mikro-orm/core';
import { Check, Entity, ManyToOne, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { Subject } from './subject.entity.js';

/**
 * The record that a subject's annual provision notice (PIPA Art. 20-2; Enforcement Decree Art.
 * 15-3) was produced for a period: one per subject and period, so a rerun of the producing job
 * skips what is here. `content` is the notice as `@provision/reports` computed it from the
 * provision ledger (partners with their names at the time, purposes, items, counts); the Korean and
 * English texts are rendered from it.
 */
@Entity({ tableName: 'annual_provision_notices' })
@Check({ name: 'annual_provision_notices_period_check', expression: "period ~ '^[0-9]{4}$'" })
export class AnnualProvisionNotice {
  @ManyToOne(() => Subject, { ref: true, primary: true })
  subject!: Ref<Subject>;

  /** `YYYY`: a Seoul calendar year. */
  @PrimaryKey({ type: 'text' })
  period!: string;

  @Property({ type: 'timestamptz' })
  producedAt!: Date;

  @Property({ type: 'jsonb' })
  content!: Record<string, unknown>;
}
