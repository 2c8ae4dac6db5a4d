import {
  addInSeoul,
  daysInMonth,
  isCalendarDate,
  parseCalendarDate,
  SEOUL_OFFSET_MS,
  seoulDayOf,
  startOfSeoulDay,
  type CalendarDuration,
} from './seoul-time.js';

const ZERO: CalendarDuration = { years: 0, months: 0, weeks: 0, days: 0, hours: 0, minutes: 0, seconds: 0 };

describe('SEOUL_OFFSET_MS', () => {
  it('is nine hours', () => {
    expect(SEOUL_OFFSET_MS).toBe(32_400_000);
  });
});

describe('daysInMonth', () => {
  // The Date computation it replaced: day 0 of the next month is the last day of this one.
  // setUTCFullYear, not Date.UTC: Date.UTC reads years 0-99 as 1900-1999.
  const byDate = (year: number, monthIndex: number): number => {
    const lastDay = new Date(0);
    lastDay.setUTCFullYear(year, monthIndex + 1, 0);
    return lastDay.getUTCDate();
  };

  it('agrees with Date for every month a caller can reach: stored years 1 to 9999, plus a window of up to 100 years', () => {
    const disagreements: string[] = [];
    for (let year = 1; year <= 10_099; year += 1) {
      for (let monthIndex = 0; monthIndex < 12; monthIndex += 1) {
        const days = daysInMonth(year, monthIndex);
        if (days !== byDate(year, monthIndex)) disagreements.push(`${year}-${monthIndex + 1}: ${days}`);
      }
    }
    expect(disagreements).toEqual([]);
  });

  it.each([
    [2024, 29],
    [2026, 28],
    [2000, 29],
    [1900, 28],
    [4, 29],
  ])('gives February %i %i days', (year, days) => {
    expect(daysInMonth(year, 1)).toBe(days);
  });
});

describe('addInSeoul', () => {
  it('adds nothing for a zero duration', () => {
    expect(addInSeoul(new Date('2026-01-31T15:30:00.250Z'), ZERO)).toEqual(new Date('2026-01-31T15:30:00.250Z'));
  });

  it('moves months across many years without drifting the day', () => {
    expect(addInSeoul(new Date('2026-01-15T00:00:00Z'), { ...ZERO, months: 1200 })).toEqual(new Date('2126-01-15T00:00:00Z'));
  });

  it('clamps on the Seoul calendar, not the UTC one', () => {
    // 2026-03-30T15:00Z is 31 March 00:00 in Seoul; one month later is 30 April 00:00 in Seoul.
    expect(addInSeoul(new Date('2026-03-30T15:00:00Z'), { ...ZERO, months: 1 })).toEqual(new Date('2026-04-29T15:00:00Z'));
  });

  it('does not mutate its input', () => {
    const start = new Date('2026-01-31T03:00:00Z');
    addInSeoul(start, { ...ZERO, months: 1, days: 3 });
    expect(start.toISOString()).toBe('2026-01-31T03:00:00.000Z');
  });

  it('returns a Date of its own, even for a zero duration', () => {
    const start = new Date('2026-01-31T03:00:00Z');
    expect(addInSeoul(start, ZERO)).not.toBe(start);
  });

  it('keeps years 0-99 literal (not 19xx) while moving and clamping', () => {
    expect(addInSeoul(new Date('0050-01-31T03:00:00Z'), { ...ZERO, months: 1 }).toISOString()).toBe('0050-02-28T03:00:00.000Z');
    expect(addInSeoul(new Date('0099-12-31T03:00:00Z'), { ...ZERO, months: 2 }).toISOString()).toBe('0100-02-28T03:00:00.000Z');
  });

  it('gives an invalid date for an invalid instant, and past the end of the Date range', () => {
    expect(addInSeoul(new Date(Number.NaN), { ...ZERO, months: 1 }).getTime()).toBeNaN();
    expect(addInSeoul(new Date(8.64e15), { ...ZERO, days: 1 }).getTime()).toBeNaN();
  });
});

describe('startOfSeoulDay', () => {
  it.each([
    ['2027-12-31', '2027-12-30T15:00:00.000Z'],
    ['2028-02-29', '2028-02-28T15:00:00.000Z'],
    ['2027-01-01', '2026-12-31T15:00:00.000Z'],
  ])('%s begins at %s', (day, instant) => {
    expect(startOfSeoulDay(day).toISOString()).toBe(instant);
  });

  it('reads two-digit years literally (not as 19xx)', () => {
    expect(startOfSeoulDay('0050-06-01').getUTCFullYear()).toBe(50);
  });
});

describe('isCalendarDate', () => {
  it.each([
    ['2027-12-31', true],
    ['2028-02-29', true],
    ['2000-02-29', true],
    ['1900-02-29', false],
    ['2027-02-29', false],
    ['2027-04-31', false],
    ['2027-13-01', false],
    ['2027-00-01', false],
    ['2027-01-00', false],
    ['2027-1-01', false],
    ['27-01-01', false],
    ['2027-01-01T00:00', false],
    ['', false],
  ])('%j is %s', (text, expected) => {
    expect(isCalendarDate(text)).toBe(expected);
  });
});

describe('parseCalendarDate', () => {
  it('reads the year, month and day of a day of the calendar, years 0-99 literally', () => {
    expect(parseCalendarDate('2028-02-29')).toEqual({ year: 2028, month: 2, day: 29 });
    expect(parseCalendarDate('0050-12-31')).toEqual({ year: 50, month: 12, day: 31 });
  });

  it.each(['2027-02-29', '2027-13-01', '2027-1-01', ''])('gives null for %j', (text) => {
    expect(parseCalendarDate(text)).toBeNull();
  });
});

describe('seoulDayOf', () => {
  it('turns at midnight in Seoul, 15:00 UTC', () => {
    expect(seoulDayOf(new Date('2026-02-28T14:59:59.999Z'))).toBe('2026-02-28');
    expect(seoulDayOf(new Date('2026-02-28T15:00:00Z'))).toBe('2026-03-01');
    expect(startOfSeoulDay(seoulDayOf(new Date('2026-02-28T15:00:00Z'))).toISOString()).toBe('2026-02-28T15:00:00.000Z');
  });
});
