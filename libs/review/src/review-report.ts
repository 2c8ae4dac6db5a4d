// The shape of a monthly access-review report (stored as jsonb in `review_reports.report`, served
// as JSON, GraphQL and HTML) and the thresholds its findings are judged against.
import type { AccessChangeKind } from '@provision/db';

/** How far back a subject must not have been read for it to count as new to the partner. */
export const NEW_SUBJECT_LOOKBACK_MONTHS = 6;
/** The months before the reviewed one that make the partner's own baseline. */
export const BASELINE_MONTHS = 3;
/** New subjects: flagged from this many new subjects in the month … */
export const NEW_SUBJECTS_MIN = 10;
/** … and at least this many times the baseline months' average of new subjects. */
export const NEW_SUBJECTS_FACTOR = 2;
/** Odd hours: releases from 00:00 up to (not including) this hour, Seoul time. */
export const ODD_HOURS_END = 6;
/** Odd hours: flagged from this many releases at odd hours … */
export const ODD_HOUR_RELEASES_MIN = 5;
/** … making at least this share of the month's releases. */
export const ODD_HOUR_SHARE_MIN = 0.1;
/** Denial spike: flagged from this many denied items in the month … */
export const DENIAL_SPIKE_MIN = 10;
/** … at a denial rate at least this many times the baseline's … */
export const DENIAL_SPIKE_FACTOR = 2;
/** … and at least this much (as a fraction: 0.1 = 10 percentage points) above it. */
export const DENIAL_SPIKE_MIN_INCREASE = 0.1;

/** The thresholds a report was judged against, stored with it. */
export const REVIEW_THRESHOLDS = {
  newSubjectLookbackMonths: NEW_SUBJECT_LOOKBACK_MONTHS,
  baselineMonths: BASELINE_MONTHS,
  newSubjectsMin: NEW_SUBJECTS_MIN,
  newSubjectsFactor: NEW_SUBJECTS_FACTOR,
  oddHoursEnd: ODD_HOURS_END,
  oddHourReleasesMin: ODD_HOUR_RELEASES_MIN,
  oddHourShareMin: ODD_HOUR_SHARE_MIN,
  denialSpikeMin: DENIAL_SPIKE_MIN,
  denialSpikeFactor: DENIAL_SPIKE_FACTOR,
  denialSpikeMinIncrease: DENIAL_SPIKE_MIN_INCREASE,
} as const;

/** Bump when the shape changes; stored reports keep the version they were built with. */
export const REVIEW_REPORT_SCHEMA_VERSION = 2;

export const FINDING_SEVERITIES = ['INFO', 'WARNING'] as const;
export type FindingSeverity = (typeof FINDING_SEVERITIES)[number];

export const FINDING_CODES = [
  'NO_ACTIVITY',
  'NEW_SUBJECTS_SURGE',
  'ODD_HOUR_RELEASES',
  'DENIAL_SPIKE',
  'ACCESS_CHANGED',
  'MONTH_NOT_OVER',
] as const;
export type FindingCode = (typeof FINDING_CODES)[number];

/** Something the privacy officer should look at, explained in both languages. */
export interface Finding {
  code: FindingCode;
  severity: FindingSeverity;
  en: string;
  ko: string;
}

/** Releases and denials of one item for one purpose in the month. */
export interface ItemPurposeVolume {
  item: string;
  purpose: string;
  /** Ledger records (one subject in one request) in which the item was released. */
  released: number;
  /** Ledger records in which the item was denied. */
  denied: number;
  denialsByReason: ReasonCount[];
}

export interface ReasonCount {
  reason: string;
  count: number;
}

/** One month's figures of the partner's baseline. */
export interface MonthFigures {
  month: string;
  itemsReleased: number;
  itemsDenied: number;
  /** itemsDenied / (itemsReleased + itemsDenied); null without any decision. */
  denialRate: number | null;
  /** Distinct subjects with at least one item released. */
  subjectsRead: number;
  /** Of those, subjects not read by the partner in the {@link NEW_SUBJECT_LOOKBACK_MONTHS} months before. */
  newSubjects: number;
}

export interface ReviewTotals extends MonthFigures {
  /** Distinct requests (request ids). */
  requests: number;
  /** Ledger records: one per subject per request. */
  records: number;
  /** Ledger records with at least one item released. */
  releases: number;
  /** Distinct subjects in any record, released or only denied. */
  subjectsTouched: number;
  /** Releases between 00:00 and {@link ODD_HOURS_END}:00 Seoul time. */
  oddHourReleases: number;
  /** oddHourReleases / releases; null without releases. */
  oddHourShare: number | null;
}

export interface AccessChangeSummary {
  at: string;
  kind: AccessChangeKind;
  actor: string;
  clientId: string | null;
}

/** A partner's monthly access-review report. Item and purpose keys and counts only: no personal data. */
export interface ReviewReportData {
  schemaVersion: number;
  /** `name` is the Korean name; `nameEn` (from schema version 2) the English one. */
  partner: { id: string; code: string; name: string; nameEn?: string; kind: string; role: string };
  month: string;
  /** The Seoul month as instants (`to` exclusive). */
  period: { from: string; to: string };
  /** Whether the month had ended when the report was built. */
  complete: boolean;
  totals: ReviewTotals;
  baseline: {
    months: MonthFigures[];
    newSubjectsAverage: number;
    /** Pooled over the baseline months; null without any decision in them. */
    denialRate: number | null;
  };
  byItemPurpose: ItemPurposeVolume[];
  denialsByReason: ReasonCount[];
  accessChanges: AccessChangeSummary[];
  findings: Finding[];
  thresholds: typeof REVIEW_THRESHOLDS;
}
