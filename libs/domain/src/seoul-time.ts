// Korea has kept UTC+9 without daylight saving time since 1988, so calendar arithmetic "in
// Asia/Seoul" is plain arithmetic on a shifted clock; no time-zone database is needed.

/** Offset of Korea Standard Time from UTC, in milliseconds. */
export const SEOUL_OFFSET_MS = 9 * 60 * 60 * 1000;

const DAY_MS = 24 * 60 * 60 * 1000;
const HOUR_MS = 60 * 60 * 1000;
const MINUTE_MS = 60 * 1000;
const SECOND_MS = 1000;

/** A calendar duration; every part a non-negative integer. */
export interface CalendarDuration {
  readonly years: number;
  readonly months: number;
  readonly weeks: number;
  readonly days: number;
  readonly hours: number;
  readonly minutes: number;
  readonly seconds: number;
}

// January to December of a common year.
const MONTH_DAYS: readonly number[] = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** Whether `year` has a 29 February on the proleptic Gregorian calendar, the one Date counts on. */
function isLeapYear(year: number): boolean {
  return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
}

/**
 * The number of days of a month, `monthIndex` from 0 (January) to 11. Arithmetic rather than a
 * Date: the decision computes it for every field whose window it checks.
 */
export function daysInMonth(year: number, monthIndex: number): number {
  return monthIndex === 1 && isLeapYear(year) ? 29 : MONTH_DAYS[monthIndex];
}

/**
 * Adds a duration to an instant the way a Korean reader of "3 months after" expects: years and
 * months move the Seoul calendar date, clamped to the last day of a shorter month (Jan 31 + 1
 * month = Feb 28 or 29), keeping the time of day; weeks, days and time parts then add exactly.
 */
export function addInSeoul(instant: Date, duration: CalendarDuration): Date {
  // One Date, made here and returned: it reads the Seoul wall clock, moves on its calendar, then
  // takes the exact parts and goes back to UTC. (The decision calls this for every field whose
  // window it checks.)
  const moved = new Date(instant.getTime() + SEOUL_OFFSET_MS);
  const totalMonths = moved.getUTCFullYear() * 12 + moved.getUTCMonth() + duration.years * 12 + duration.months;
  const year = Math.floor(totalMonths / 12);
  const monthIndex = totalMonths - year * 12;
  const day = Math.min(moved.getUTCDate(), daysInMonth(year, monthIndex));
  // Set the date in one call so an intermediate day-of-month overflow cannot roll the month.
  moved.setUTCFullYear(year, monthIndex, day);
  const exact =
    (duration.weeks * 7 + duration.days) * DAY_MS +
    duration.hours * HOUR_MS +
    duration.minutes * MINUTE_MS +
    duration.seconds * SECOND_MS;
  moved.setTime(moved.getTime() + exact - SEOUL_OFFSET_MS);
  return moved;
}

/** The Seoul calendar day (`YYYY-MM-DD`) that `instant` falls on. */
export function seoulDayOf(instant: Date): string {
  return new Date(instant.getTime() + SEOUL_OFFSET_MS).toISOString().slice(0, 10);
}

/** The instant a Seoul calendar day (`YYYY-MM-DD`, already validated) begins. */
export function startOfSeoulDay(isoDate: string): Date {
  const [year, month, day] = isoDate.split('-').map(Number);
  const utc = new Date(0);
  utc.setUTCFullYear(year, month - 1, day);
  return new Date(utc.getTime() - SEOUL_OFFSET_MS);
}

/** A day of the calendar; `month` from 1 (January) to 12. */
export interface CalendarDate {
  readonly year: number;
  readonly month: number;
  readonly day: number;
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** The day `isoDate` (`YYYY-MM-DD`) names, or null when it is no day that exists on the calendar. */
export function parseCalendarDate(isoDate: string): CalendarDate | null {
  const match = ISO_DATE.exec(isoDate);
  if (!match) return null;
  const year = Number(match[1]);
  const month = Number(match[2]);
  const day = Number(match[3]);
  return month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month - 1) ? { year, month, day } : null;
}

/** Whether `isoDate` (`YYYY-MM-DD`) names a day that exists on the calendar. */
export function isCalendarDate(isoDate: string): boolean {
  return parseCalendarDate(isoDate) !== null;
}
