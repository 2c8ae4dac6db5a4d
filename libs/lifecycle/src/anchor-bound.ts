import type { CalendarDuration } from '@provision/domain';

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * The latest anchor instant whose window (`anchor + duration`, Seoul calendar arithmetic) can have
 * closed by `now`: every anchor with `addInSeoul(anchor, duration) <= now` lies at or before it.
 * It lets the sweep's SQL use a range condition on the anchor column (an index range scan)
 * before computing the exact closing instant row by row. Conservative on purpose: a year adds at
 * least 365 days and a month at least 28 (Jan 31 + 1 month = Feb 28), so subtracting those minima
 * can only widen the range, never drop a closed window.
 */
export function latestAnchorClosedBy(duration: CalendarDuration, now: Date): Date {
  const minimumMs =
    (duration.years * 365 + duration.months * 28 + duration.weeks * 7 + duration.days) * DAY_MS +
    ((duration.hours * 60 + duration.minutes) * 60 + duration.seconds) * 1000;
  return new Date(now.getTime() - minimumMs);
}
