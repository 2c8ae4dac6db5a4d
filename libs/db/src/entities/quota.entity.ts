import type { Ref } from '@mikro-orm/core';
import { Entity, Enum, Index, ManyToOne, PrimaryKey, Property, Unique } from '@mikro-orm/decorators/legacy';
import { randomUUID } from 'node:crypto';
import { Partner } from './partner.entity.js';
import { Subject } from './subject.entity.js';

/**
 * A partner's rate-limit token bucket, shared by every gateway replica. Only `@provision/quotas`
 * writes it, with one atomic statement per request: apply the charges of earlier requests
 * (`PartnerRateDebit`), refill, then take one token; `tokens` may go negative, which makes later
 * requests wait.
 */
@Entity({ tableName: 'partner_rate_buckets' })
export class PartnerRateBucket {
  @ManyToOne(() => Partner, { ref: true, primary: true })
  partner!: Ref<Partner>;

  @Property({ type: 'double precision', columnType: 'double precision' })
  tokens!: number;

  /** Capacity and refill rate in force at the last refill (agreement's, or the gateway's defaults). */
  @Property({ type: 'double precision', columnType: 'double precision' })
  capacity!: number;

  @Property({ type: 'double precision', columnType: 'double precision' })
  refillPerSecond!: number;

  /** Whether the last request was let through; how the atomic statement reports its verdict. */
  @Property({ type: 'boolean' })
  admitted!: boolean;

  @Property({ type: 'timestamptz' })
  updatedAt!: Date;
}

/**
 * A charge to a partner's bucket not yet applied: written (appended, so concurrent requests of one
 * partner never wait for each other) in the statement that records a request's releases, and
 * applied — deleted and subtracted from the bucket — by the partner's next rate-limit take, before
 * it decides whether a token is left.
 */
@Entity({ tableName: 'partner_rate_debits' })
@Index({ properties: ['partner'] })
export class PartnerRateDebit {
  @PrimaryKey({ type: 'bigint', autoincrement: true })
  id!: string;

  @ManyToOne(() => Partner, { ref: true, deleteRule: 'cascade' })
  partner!: Ref<Partner>;

  /** Distinct subjects released: tokens owed. */
  @Property({ type: 'integer' })
  subjects!: number;
}

/**
 * How many distinct subjects a partner was released on one Seoul calendar day. Only the daily
 * claim of `@provision/quotas` writes it: its upsert of this row serializes concurrent
 * claims of one partner-day, and `lastGranted` is how it reports the places it just took.
 */
@Entity({ tableName: 'partner_daily_counts' })
export class PartnerDailyCount {
  @ManyToOne(() => Partner, { ref: true, primary: true })
  partner!: Ref<Partner>;

  @PrimaryKey({ type: 'date', columnType: 'date' })
  day!: string;

  @Property({ type: 'integer' })
  subjects!: number;

  /** Places the latest claim took (0 when the ceiling was reached). */
  @Property({ type: 'integer' })
  lastGranted!: number;
}

/** One distinct subject released to one partner on one Seoul calendar day (the daily ceiling's set). */
@Entity({ tableName: 'partner_daily_subjects' })
export class PartnerDailySubject {
  @ManyToOne(() => Partner, { ref: true, primary: true })
  partner!: Ref<Partner>;

  @PrimaryKey({ type: 'date', columnType: 'date' })
  day!: string;

  @ManyToOne(() => Subject, { ref: true, primary: true })
  subject!: Ref<Subject>;
}

/** What jumped above a partner's own baseline. */
export const HARVEST_ALERT_KINDS = ['DISTINCT_SUBJECTS', 'DENIAL_RATE'] as const;
export type HarvestAlertKind = (typeof HARVEST_ALERT_KINDS)[number];

/**
 * A partner's daily distinct subjects or denial rate jumped above its own baseline: a possible
 * harvest. At most one per partner, Seoul day and kind; written by the worker's harvest check.
 */
@Entity({ tableName: 'harvest_alerts' })
@Unique({ properties: ['partner', 'day', 'kind'] })
@Index({ properties: ['day'] })
export class HarvestAlert {
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @ManyToOne(() => Partner, { ref: true })
  partner!: Ref<Partner>;

  @Property({ type: 'date', columnType: 'date' })
  day!: string;

  @Enum({ items: [...HARVEST_ALERT_KINDS], type: 'text' })
  kind!: HarvestAlertKind;

  /** The day's value when the alert was raised (subjects, or denied items / decided items). */
  @Property({ type: 'double precision', columnType: 'double precision' })
  observed!: number;

  /** The partner's baseline it was compared with. */
  @Property({ type: 'double precision', columnType: 'double precision' })
  baseline!: number;

  @Property({ type: 'timestamptz' })
  createdAt!: Date;
}
