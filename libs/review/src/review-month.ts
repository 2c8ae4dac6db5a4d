import { InputError, SEOUL_OFFSET_MS } from '@provision/domain';

/** A month of the Seoul calendar and the instants it starts and ends (end exclusive). */
export interface ReviewMonth {
  /** `YYYY-MM`. */
  month: string;
  start: Date;
  end: Date;
}

const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;

function fromIndex(index: number): ReviewMonth {
  const year = Math.floor(index / 12);
  const monthIndex = index - year * 12;
  const start = new Date(Date.UTC(year, monthIndex, 1) - SEOUL_OFFSET_MS);
  const end = new Date(Date.UTC(year, monthIndex + 1, 1) - SEOUL_OFFSET_MS);
  return { month: `${String(year).padStart(4, '0')}-${String(monthIndex + 1).padStart(2, '0')}`, start, end };
}

/** `YYYY-MM` as a Seoul calendar month; an InputError on `field` for anything else. */
export function parseReviewMonth(text: string, field = 'month'): ReviewMonth {
  const match = MONTH.exec(text);
  if (!match) throw new InputError(field, 'must be a month as YYYY-MM');
  return fromIndex(Number(match[1]) * 12 + Number(match[2]) - 1);
}

/** The Seoul calendar month `instant` falls in. */
export function seoulMonthOf(instant: Date): ReviewMonth {
  const wall = new Date(instant.getTime() + SEOUL_OFFSET_MS);
  return fromIndex(wall.getUTCFullYear() * 12 + wall.getUTCMonth());
}

/** The month `count` months after `month` (before, for a negative count). */
export function shiftMonth(month: ReviewMonth, count: number): ReviewMonth {
  const [year, monthNumber] = month.month.split('-').map(Number) as [number, number];
  return fromIndex(year * 12 + monthNumber - 1 + count);
}
