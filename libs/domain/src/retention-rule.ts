import { assertUnreachable } from '@provision/util';
import type { Label } from './catalog.js';
import { addInSeoul, isCalendarDate, startOfSeoulDay, type CalendarDuration } from './seoul-time.js';

/** Business events a provision window can be anchored on. */
export const RETENTION_ANCHORS = ['purchase-confirmation', 'delivery-completion', 'subscription-end', 'case-closure', 'provision'] as const;
/** A business event that starts the countdown of a provision window. */
export type RetentionAnchor = (typeof RETENTION_ANCHORS)[number];

/** Languages of the human labels. */
export const LANGUAGES = ['en', 'ko'] as const;
/** A language of the human labels. */
export type Language = (typeof LANGUAGES)[number];

/**
 * When provision to a partner stops (DESIGN.md, "Retention rule / provision window").
 * Every window also closes at partnership termination; `windowClosesAt` applies that.
 */
export type RetentionRule =
  /** `P3M after purchase-confirmation`: a duration counted from a business event. */
  | { readonly kind: 'after-event'; readonly duration: CalendarDuration; readonly anchor: RetentionAnchor }
  /** `until partnership-termination`: open for as long as the partnership lasts. */
  | { readonly kind: 'until-termination' }
  /** `until 2027-12-31`: closes at the start of that day in Asia/Seoul. */
  | { readonly kind: 'until-date'; readonly date: string };

/** The text is not a retention rule; the message says what was expected. */
export class RetentionRuleSyntaxError extends SyntaxError {
  constructor(message: string) {
    super(message);
    this.name = 'RetentionRuleSyntaxError';
  }
}

const EXPECTED =
  'expected "<ISO-8601 duration> after <anchor>", "until partnership-termination" or "until <YYYY-MM-DD>"';
const EXPECTED_ANCHOR = `expected one of ${RETENTION_ANCHORS.join(', ')}`;
const EXPECTED_UNTIL = 'expected "partnership-termination" or a date YYYY-MM-DD after "until"';
const MAX_RULE_LENGTH = 200;
// No window runs longer than a century; this also keeps every computed date inside Date's range.
const MAX_DURATION_SECONDS = 100 * 31_556_952;
const DURATION =
  /^P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?(?:(T)(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?)?$/;

/** Quotes a fragment of the input, cut short: enough to locate the mistake, never the whole text. */
function quote(fragment: string): string {
  return JSON.stringify(fragment.length > 24 ? `${fragment.slice(0, 24)}…` : fragment);
}

function fail(message: string): never {
  throw new RetentionRuleSyntaxError(message);
}

function parseDuration(text: string): CalendarDuration {
  const match = DURATION.exec(text);
  if (!match) {
    if (/^P[\d.,YMWDTHS]*$/.test(text) && /[.,]/.test(text)) {
      fail(`durations take whole numbers only, found ${quote(text)}`);
    }
    fail(`expected an ISO-8601 duration such as "P3M" or "P1Y6M", found ${quote(text)}`);
  }
  const [, years, months, weeks, days, t, hours, minutes, seconds] = match;
  if (t && hours === undefined && minutes === undefined && seconds === undefined) {
    fail(`expected hours, minutes or seconds after "T" in ${quote(text)}`);
  }
  if ([years, months, weeks, days].every((part) => part === undefined) && !t) {
    fail('a duration needs at least one part, e.g. "P3M"');
  }
  const duration: CalendarDuration = {
    years: Number(years ?? 0),
    months: Number(months ?? 0),
    weeks: Number(weeks ?? 0),
    days: Number(days ?? 0),
    hours: Number(hours ?? 0),
    minutes: Number(minutes ?? 0),
    seconds: Number(seconds ?? 0),
  };
  const nominalSeconds =
    (duration.years * 12 + duration.months) * 2_629_746 +
    (duration.weeks * 7 + duration.days) * 86_400 +
    duration.hours * 3_600 +
    duration.minutes * 60 +
    duration.seconds;
  if (nominalSeconds === 0) fail('a duration must not be zero');
  if (nominalSeconds > MAX_DURATION_SECONDS) fail('a duration must not exceed 100 years');
  return duration;
}

function rejectTrailing(rest: readonly string[], after: string): void {
  if (rest.length > 0) fail(`unexpected ${quote(rest[0])} after ${quote(after)}; ${EXPECTED}`);
}

/**
 * Parses a retention rule. Keywords are case-sensitive; any run of whitespace separates them.
 * @example parseRetentionRule('P3M after purchase-confirmation')
 * @throws RetentionRuleSyntaxError saying what was expected
 */
export function parseRetentionRule(text: string): RetentionRule {
  if (typeof text !== 'string') fail(`a retention rule is text; ${EXPECTED}`);
  if (text.length > MAX_RULE_LENGTH) fail(`a retention rule has at most ${MAX_RULE_LENGTH} characters`);
  const tokens = text.split(/\s+/).filter((token) => token !== '');
  const [first, ...rest] = tokens;
  if (first === undefined) fail(`the retention rule is empty; ${EXPECTED}`);

  if (first === 'until') {
    const [target, ...trailing] = rest;
    if (target === undefined) fail(EXPECTED_UNTIL);
    rejectTrailing(trailing, target);
    if (target === 'partnership-termination') return { kind: 'until-termination' };
    if (/^\d{4}-\d{2}-\d{2}$/.test(target)) {
      if (!isCalendarDate(target)) fail(`${quote(target)} is not a calendar date`);
      return { kind: 'until-date', date: target };
    }
    fail(`${EXPECTED_UNTIL}, found ${quote(target)}`);
  }

  if (!first.startsWith('P')) fail(`${EXPECTED}; found ${quote(first)}`);
  const duration = parseDuration(first);
  const [keyword, anchor, ...trailing] = rest;
  if (keyword !== 'after') {
    fail(`expected "after" following the duration${keyword === undefined ? '' : `, found ${quote(keyword)}`}`);
  }
  if (anchor === undefined) fail(`expected an anchor after "after": ${EXPECTED_ANCHOR}`);
  if (!(RETENTION_ANCHORS as readonly string[]).includes(anchor)) {
    fail(`unknown anchor ${quote(anchor)}; ${EXPECTED_ANCHOR}`);
  }
  rejectTrailing(trailing, anchor);
  return { kind: 'after-event', duration, anchor: anchor as RetentionAnchor };
}

function formatDuration(duration: CalendarDuration): string {
  const part = (value: number, unit: string) => (value === 0 ? '' : `${value}${unit}`);
  const date = part(duration.years, 'Y') + part(duration.months, 'M') + part(duration.weeks, 'W') + part(duration.days, 'D');
  const time = part(duration.hours, 'H') + part(duration.minutes, 'M') + part(duration.seconds, 'S');
  return `P${date}${time === '' ? '' : `T${time}`}`;
}

/** The canonical text of a rule; `parseRetentionRule(formatRetentionRule(rule))` equals `rule`. */
export function formatRetentionRule(rule: RetentionRule): string {
  switch (rule.kind) {
    case 'after-event':
      return `${formatDuration(rule.duration)} after ${rule.anchor}`;
    case 'until-termination':
      return 'until partnership-termination';
    case 'until-date':
      return `until ${rule.date}`;
    default:
      return assertUnreachable(rule);
  }
}

const ANCHOR_LABELS: Record<RetentionAnchor, Label> = {
  'purchase-confirmation': { en: 'purchase confirmation', ko: '구매확정' },
  'delivery-completion': { en: 'delivery completion', ko: '배송 완료' },
  'subscription-end': { en: 'subscription end', ko: '서비스 해지' },
  'case-closure': { en: 'case closure', ko: '해당 건 종결' },
  provision: { en: 'provision', ko: '제공' },
};

const UNIT_LABELS: readonly [keyof CalendarDuration, string, string, string][] = [
  // [part, English singular, English plural, Korean]
  ['years', 'year', 'years', '년'],
  ['months', 'month', 'months', '개월'],
  ['weeks', 'week', 'weeks', '주'],
  ['days', 'day', 'days', '일'],
  ['hours', 'hour', 'hours', '시간'],
  ['minutes', 'minute', 'minutes', '분'],
  ['seconds', 'second', 'seconds', '초'],
];

function describeDuration(duration: CalendarDuration, language: Language): string {
  return UNIT_LABELS.filter(([part]) => duration[part] !== 0)
    .map(([part, one, many, ko]) => {
      const value = duration[part];
      if (language === 'ko') return `${value}${ko}`;
      return `${value} ${value === 1 ? one : many}`;
    })
    .join(' ');
}

/**
 * The rule in words, for disclosure tables and the admin UI (GLOSSARY.md wording).
 * @example describeRetentionRule(parseRetentionRule('P3M after purchase-confirmation'), 'ko') // '구매확정 후 3개월'
 */
export function describeRetentionRule(rule: RetentionRule, language: Language): string {
  switch (rule.kind) {
    case 'after-event': {
      const duration = describeDuration(rule.duration, language);
      const anchor = ANCHOR_LABELS[rule.anchor][language];
      return language === 'ko' ? `${anchor} 후 ${duration}` : `${duration} after ${anchor}`;
    }
    case 'until-termination':
      return language === 'ko' ? '제휴 종료(계약 해지) 시까지' : 'until partnership termination';
    case 'until-date':
      return language === 'ko' ? `${rule.date} 00:00(한국 시간)까지` : `until ${rule.date} 00:00 KST`;
    default:
      return assertUnreachable(rule);
  }
}

/** The business events a window depends on; null or absent when the event has not happened (yet). */
export interface RetentionAnchors {
  readonly purchaseConfirmedAt?: Date | null;
  /** When the order's delivery completed (the first DELIVERED step of its status timeline). */
  readonly deliveredAt?: Date | null;
  readonly subscriptionEndedAt?: Date | null;
  readonly caseClosedAt?: Date | null;
  /**
   * When the partner first received any personal item of the engagement's data subjects (its
   * provision ledger); the anchor of `… after provision`.
   */
  readonly providedAt?: Date | null;
  readonly partnershipTerminatedAt?: Date | null;
}

const ANCHOR_FIELDS: Record<RetentionAnchor, keyof RetentionAnchors> = {
  'purchase-confirmation': 'purchaseConfirmedAt',
  'delivery-completion': 'deliveredAt',
  'subscription-end': 'subscriptionEndedAt',
  'case-closure': 'caseClosedAt',
  provision: 'providedAt',
};

function instant(value: Date | null | undefined, field: keyof RetentionAnchors): Date | null {
  if (value === null || value === undefined) return null;
  if (Number.isNaN(value.getTime())) throw new RangeError(`${field} is not a valid date`);
  return value;
}

function closesByRule(rule: RetentionRule, anchors: RetentionAnchors): Date | null {
  switch (rule.kind) {
    case 'after-event': {
      const field = ANCHOR_FIELDS[rule.anchor];
      const anchor = instant(anchors[field], field);
      return anchor === null ? null : addInSeoul(anchor, rule.duration);
    }
    case 'until-termination':
      return null;
    case 'until-date':
      return startOfSeoulDay(rule.date);
    default:
      return assertUnreachable(rule);
  }
}

/** The earlier of the rule's close and the termination; the termination is not copied. */
function firstClose(rule: RetentionRule, anchors: RetentionAnchors, terminatedAt: Date | null | undefined): Date | null {
  const byRule = closesByRule(rule, anchors);
  const terminated = instant(terminatedAt, 'partnershipTerminatedAt');
  return terminated !== null && (byRule === null || terminated.getTime() < byRule.getTime()) ? terminated : byRule;
}

/**
 * The instant the provision window closes, or null when nothing has closed it yet (the anchor
 * event has not happened, or the rule runs until a termination that has not come). Whatever
 * the rule says, a partnership termination closes the window no later than its own time.
 */
export function windowClosesAt(rule: RetentionRule, anchors: RetentionAnchors): Date | null {
  const closesAt = firstClose(rule, anchors, anchors.partnershipTerminatedAt);
  // Never the caller's own termination Date: the result is the caller's to keep or change.
  return closesAt !== null && closesAt === anchors.partnershipTerminatedAt ? new Date(closesAt.getTime()) : closesAt;
}

/**
 * Whether the window is open at `now`: open until the last millisecond before it closes, closed
 * from the closing instant on. A window with no close time yet is open.
 */
export function isWindowOpen(rule: RetentionRule, anchors: RetentionAnchors, now: Date): boolean {
  return isWindowOpenWithTermination(rule, anchors, anchors.partnershipTerminatedAt, now);
}

/**
 * `isWindowOpen` with the partnership's termination passed on its own; a `partnershipTerminatedAt`
 * among the anchors is not read. The decision passes the partner's termination this way rather
 * than build an anchors object for every field it decides.
 */
export function isWindowOpenWithTermination(
  rule: RetentionRule,
  anchors: Omit<RetentionAnchors, 'partnershipTerminatedAt'>,
  partnershipTerminatedAt: Date | null | undefined,
  now: Date,
): boolean {
  const closesAt = firstClose(rule, anchors, partnershipTerminatedAt);
  return closesAt === null || now.getTime() < closesAt.getTime();
}
