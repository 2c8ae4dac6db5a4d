import {
  describeRetentionRule,
  formatRetentionRule,
  isWindowOpen,
  isWindowOpenWithTermination,
  parseRetentionRule,
  RetentionRuleSyntaxError,
  windowClosesAt,
  type RetentionRule,
} from './retention-rule.js';

const ZERO = { years: 0, months: 0, weeks: 0, days: 0, hours: 0, minutes: 0, seconds: 0 };
const at = (iso: string) => new Date(iso);
const rule = (text: string) => parseRetentionRule(text);

function syntaxErrorOf(text: string): RetentionRuleSyntaxError {
  try {
    parseRetentionRule(text);
  } catch (error) {
    if (error instanceof RetentionRuleSyntaxError) return error;
    throw error;
  }
  throw new Error(`expected ${JSON.stringify(text)} not to parse`);
}

describe('parseRetentionRule', () => {
  describe('accepts', () => {
    it.each<[string, RetentionRule]>([
      [
        'P3M after purchase-confirmation',
        { kind: 'after-event', anchor: 'purchase-confirmation', duration: { ...ZERO, months: 3 } },
      ],
      ['P6M after subscription-end', { kind: 'after-event', anchor: 'subscription-end', duration: { ...ZERO, months: 6 } }],
      ['P1D after delivery-completion', { kind: 'after-event', anchor: 'delivery-completion', duration: { ...ZERO, days: 1 } }],
      ['P1Y6M after case-closure', { kind: 'after-event', anchor: 'case-closure', duration: { ...ZERO, years: 1, months: 6 } }],
      ['P2W after provision', { kind: 'after-event', anchor: 'provision', duration: { ...ZERO, weeks: 2 } }],
      ['P1DT12H after provision', { kind: 'after-event', anchor: 'provision', duration: { ...ZERO, days: 1, hours: 12 } }],
      ['PT30M after provision', { kind: 'after-event', anchor: 'provision', duration: { ...ZERO, minutes: 30 } }],
      [
        'P1Y2M3W4DT5H6M7S after provision',
        { kind: 'after-event', anchor: 'provision', duration: { years: 1, months: 2, weeks: 3, days: 4, hours: 5, minutes: 6, seconds: 7 } },
      ],
      ['P100Y after provision', { kind: 'after-event', anchor: 'provision', duration: { ...ZERO, years: 100 } }],
      ['until partnership-termination', { kind: 'until-termination' }],
      ['until 2027-12-31', { kind: 'until-date', date: '2027-12-31' }],
      ['until 2028-02-29', { kind: 'until-date', date: '2028-02-29' }],
    ])('%j', (text, expected) => {
      expect(parseRetentionRule(text)).toEqual(expected);
    });

    it.each([
      ['  P3M   after\tpurchase-confirmation \n', 'P3M after purchase-confirmation'],
      ['\tuntil    partnership-termination  ', 'until partnership-termination'],
      ['until\n2027-12-31', 'until 2027-12-31'],
      ['P03M after purchase-confirmation', 'P3M after purchase-confirmation'],
      ['P0Y3M after purchase-confirmation', 'P3M after purchase-confirmation'],
      ['P1DT0H after provision', 'P1D after provision'],
      ['P0DT6H after provision', 'PT6H after provision'],
    ])('%j in the canonical form %j', (text, canonical) => {
      expect(formatRetentionRule(parseRetentionRule(text))).toBe(canonical);
    });
  });

  describe('refuses, saying what was expected', () => {
    it.each([
      ['', 'the retention rule is empty; expected "<ISO-8601 duration> after <anchor>"'],
      ['   \t ', 'the retention rule is empty'],
      ['p3m after purchase-confirmation', 'expected "<ISO-8601 duration> after <anchor>", "until partnership-termination" or "until <YYYY-MM-DD>"; found "p3m"'],
      ['three months', 'found "three"'],
      ['Until partnership-termination', 'found "Until"'],
      ['-P3M after provision', 'found "-P3M"'],
      ['P3M', 'expected "after" following the duration'],
      ['P3M After purchase-confirmation', 'expected "after" following the duration, found "After"'],
      ['P3M before purchase-confirmation', 'found "before"'],
      ['P3M after', 'expected an anchor after "after": expected one of purchase-confirmation, delivery-completion, subscription-end, case-closure, provision'],
      ['P3M after Purchase-Confirmation', 'unknown anchor "Purchase-Confirmation"; expected one of purchase-confirmation'],
      ['P3M after purchase confirmation', 'unknown anchor "purchase"'],
      ['P3M after purchase-confirmation please', 'unexpected "please" after "purchase-confirmation"'],
      ['P3Mafter purchase-confirmation', 'expected an ISO-8601 duration such as "P3M" or "P1Y6M", found "P3Mafter"'],
      ['P', 'a duration needs at least one part'],
      ['P after provision', 'a duration needs at least one part'],
      ['PT after provision', 'expected hours, minutes or seconds after "T"'],
      ['P1DT after provision', 'expected hours, minutes or seconds after "T"'],
      ['P3m after provision', 'expected an ISO-8601 duration'],
      ['P1M1Y after provision', 'expected an ISO-8601 duration'],
      ['P3M3M after provision', 'expected an ISO-8601 duration'],
      ['P-1M after provision', 'expected an ISO-8601 duration'],
      ['PT1D after provision', 'expected an ISO-8601 duration'],
      ['P1H after provision', 'expected an ISO-8601 duration'],
      ['P1.5M after provision', 'durations take whole numbers only, found "P1.5M"'],
      ['P1,5M after provision', 'durations take whole numbers only'],
      ['P0D after provision', 'a duration must not be zero'],
      ['PT0S after provision', 'a duration must not be zero'],
      ['P0Y0M after provision', 'a duration must not be zero'],
      ['P101Y after provision', 'a duration must not exceed 100 years'],
      ['P1201M after provision', 'a duration must not exceed 100 years'],
      ['P100YT1S after provision', 'a duration must not exceed 100 years'],
      ['P99999999999999999999999Y after provision', 'a duration must not exceed 100 years'],
      ['until', 'expected "partnership-termination" or a date YYYY-MM-DD after "until"'],
      ['until tomorrow', 'expected "partnership-termination" or a date YYYY-MM-DD after "until", found "tomorrow"'],
      ['until Partnership-Termination', 'found "Partnership-Termination"'],
      ['until partnership-termination now', 'unexpected "now" after "partnership-termination"'],
      ['until 2027-12-31 KST', 'unexpected "KST" after "2027-12-31"'],
      ['until 2027-02-30', '"2027-02-30" is not a calendar date'],
      ['until 2026-02-29', '"2026-02-29" is not a calendar date'],
      ['until 2027-13-01', 'is not a calendar date'],
      ['until 2027-00-10', 'is not a calendar date'],
      ['until 2027-12-00', 'is not a calendar date'],
      ['until 2027-1-1', 'found "2027-1-1"'],
      ['until 2027-12-31T00:00', 'found "2027-12-31T00:00"'],
      ['after purchase-confirmation', 'found "after"'],
    ])('%j', (text, message) => {
      const error = syntaxErrorOf(text);
      expect(error).toBeInstanceOf(SyntaxError);
      expect(error.name).toBe('RetentionRuleSyntaxError');
      expect(error.message).toContain(message);
    });

    it('refuses text longer than 200 characters', () => {
      expect(syntaxErrorOf(`P3M after purchase-confirmation${' '.repeat(200)}`).message).toBe(
        'a retention rule has at most 200 characters',
      );
    });

    it('refuses what is not text', () => {
      expect(syntaxErrorOf(null as unknown as string).message).toContain('a retention rule is text');
    });

    it('echoes no more than a short fragment of the input', () => {
      const long = `P${'9'.repeat(150)}X after provision`;
      const { message } = syntaxErrorOf(long);
      expect(message).toContain(`"P${'9'.repeat(23)}…"`);
      expect(message).not.toContain('9'.repeat(30));

      const anchor = syntaxErrorOf(`P3M after ${'x'.repeat(120)}`).message;
      expect(anchor).not.toContain('x'.repeat(30));
    });
  });
});

describe('formatRetentionRule', () => {
  const texts = [
    'P3M after purchase-confirmation',
    'P6M after subscription-end',
    'P1Y after case-closure',
    'P1Y2M3W4DT5H6M7S after provision',
    'PT1S after provision',
    'P2W after provision',
    'until partnership-termination',
    'until 2027-12-31',
  ];

  it.each(texts)('round-trips %j exactly', (text) => {
    const parsed = parseRetentionRule(text);
    expect(formatRetentionRule(parsed)).toBe(text);
    expect(parseRetentionRule(formatRetentionRule(parsed))).toEqual(parsed);
  });

  it('formats a rule built in code', () => {
    expect(formatRetentionRule({ kind: 'after-event', anchor: 'provision', duration: { ...ZERO, days: 10, seconds: 5 } })).toBe(
      'P10DT5S after provision',
    );
  });
});

describe('describeRetentionRule', () => {
  it.each([
    ['P3M after purchase-confirmation', '3 months after purchase confirmation', '구매확정 후 3개월'],
    ['P6M after subscription-end', '6 months after subscription end', '서비스 해지 후 6개월'],
    ['P1D after delivery-completion', '1 day after delivery completion', '배송 완료 후 1일'],
    ['P2W after delivery-completion', '2 weeks after delivery completion', '배송 완료 후 2주'],
    ['P1Y after case-closure', '1 year after case closure', '해당 건 종결 후 1년'],
    ['P1M after provision', '1 month after provision', '제공 후 1개월'],
    ['P1Y6M after purchase-confirmation', '1 year 6 months after purchase confirmation', '구매확정 후 1년 6개월'],
    ['P2W after provision', '2 weeks after provision', '제공 후 2주'],
    ['P1DT12H after provision', '1 day 12 hours after provision', '제공 후 1일 12시간'],
    ['PT1H1M1S after provision', '1 hour 1 minute 1 second after provision', '제공 후 1시간 1분 1초'],
    ['P2DT2M2S after provision', '2 days 2 minutes 2 seconds after provision', '제공 후 2일 2분 2초'],
    ['until partnership-termination', 'until partnership termination', '제휴 종료(계약 해지) 시까지'],
    ['until 2027-12-31', 'until 2027-12-31 00:00 KST', '2027-12-31 00:00(한국 시간)까지'],
  ])('%j reads %j / %j', (text, en, ko) => {
    expect(describeRetentionRule(rule(text), 'en')).toBe(en);
    expect(describeRetentionRule(rule(text), 'ko')).toBe(ko);
  });
});

describe('windowClosesAt and isWindowOpen', () => {
  const threeMonths = rule('P3M after purchase-confirmation');
  // 14:00 in Seoul on 10 January 2026.
  const confirmed = at('2026-01-10T05:00:00.000Z');

  describe('3 months after purchase confirmation', () => {
    const closes = at('2026-04-10T05:00:00.000Z');

    it('closes 3 calendar months later in Seoul, at the same time of day', () => {
      expect(windowClosesAt(threeMonths, { purchaseConfirmedAt: confirmed })).toEqual(closes);
    });

    it('is open at 3 months minus 1 ms', () => {
      expect(isWindowOpen(threeMonths, { purchaseConfirmedAt: confirmed }, new Date(closes.getTime() - 1))).toBe(true);
    });

    it('is closed at exactly 3 months, and after', () => {
      expect(isWindowOpen(threeMonths, { purchaseConfirmedAt: confirmed }, closes)).toBe(false);
      expect(isWindowOpen(threeMonths, { purchaseConfirmedAt: confirmed }, at('2030-01-01T00:00:00Z'))).toBe(false);
    });

    it('is open at the moment of confirmation', () => {
      expect(isWindowOpen(threeMonths, { purchaseConfirmedAt: confirmed }, confirmed)).toBe(true);
    });

    it('has no close time while the purchase is not confirmed, and stays open', () => {
      expect(windowClosesAt(threeMonths, {})).toBeNull();
      expect(windowClosesAt(threeMonths, { purchaseConfirmedAt: null })).toBeNull();
      expect(isWindowOpen(threeMonths, { purchaseConfirmedAt: null }, at('2099-01-01T00:00:00Z'))).toBe(true);
    });

    it('ignores anchors of other events', () => {
      expect(
        windowClosesAt(threeMonths, { deliveredAt: confirmed, subscriptionEndedAt: confirmed, caseClosedAt: confirmed, providedAt: confirmed }),
      ).toBeNull();
    });

    it('keeps milliseconds', () => {
      expect(windowClosesAt(threeMonths, { purchaseConfirmedAt: at('2026-01-10T05:00:00.123Z') })).toEqual(
        at('2026-04-10T05:00:00.123Z'),
      );
    });

    it('hands out a new Date, not one of the anchors', () => {
      const terminated = at('2026-02-01T00:00:00Z');
      const closesAt = windowClosesAt(threeMonths, { purchaseConfirmedAt: confirmed, partnershipTerminatedAt: terminated });
      closesAt?.setUTCFullYear(1999);
      expect(terminated.getUTCFullYear()).toBe(2026);
    });
  });

  describe('calendar arithmetic in Asia/Seoul', () => {
    it.each([
      // [rule, anchor instant, closing instant, why]
      ['P1M after provision', '2026-01-31T03:00:00Z', '2026-02-28T03:00:00Z', 'Jan 31 + 1 month clamps to Feb 28'],
      ['P1M after provision', '2024-01-31T03:00:00Z', '2024-02-29T03:00:00Z', 'in a leap year to Feb 29'],
      ['P1Y after provision', '2024-02-29T03:00:00Z', '2025-02-28T03:00:00Z', 'Feb 29 + 1 year clamps to Feb 28'],
      ['P4Y after provision', '2024-02-29T03:00:00Z', '2028-02-29T03:00:00Z', 'Feb 29 + 4 years stays Feb 29'],
      ['P1M after provision', '2026-03-31T03:00:00Z', '2026-04-30T03:00:00Z', 'Mar 31 + 1 month clamps to Apr 30'],
      ['P3M after provision', '2026-11-30T03:00:00Z', '2027-02-28T03:00:00Z', 'across a year end, clamped'],
      ['P1Y1M after provision', '2026-01-31T03:00:00Z', '2027-02-28T03:00:00Z', 'years and months move together, then clamp'],
      ['P1M1D after provision', '2026-01-31T03:00:00Z', '2026-03-01T03:00:00Z', 'months clamp first, then days add'],
      ['P12M after provision', '2026-05-15T03:00:00Z', '2027-05-15T03:00:00Z', '12 months is a year'],
      // 00:30 on 1 February in Seoul is still 31 January in UTC.
      ['P1M after provision', '2026-01-31T15:30:00Z', '2026-02-28T15:30:00Z', 'Seoul Feb 1 00:30 + 1 month = Mar 1 00:30'],
      // 00:00 on 1 March in Seoul is 28 February in UTC: a UTC calendar would give 28 March.
      ['P1M after provision', '2026-02-28T15:00:00Z', '2026-03-31T15:00:00Z', 'Seoul Mar 1 + 1 month = Apr 1'],
      // 01:00 on 31 January in Seoul is 30 January in UTC: a UTC calendar would not clamp.
      ['P1M after provision', '2026-01-30T16:00:00Z', '2026-02-27T16:00:00Z', 'Seoul Jan 31 01:00 clamps to Feb 28 01:00'],
      ['P2W after provision', '2026-01-10T05:00:00Z', '2026-01-24T05:00:00Z', 'weeks add exactly'],
      ['P10D after provision', '2026-02-25T05:00:00Z', '2026-03-07T05:00:00Z', 'days add exactly across a month end'],
      ['PT12H after provision', '2026-01-10T20:00:00Z', '2026-01-11T08:00:00Z', 'hours add exactly'],
      ['PT90M after provision', '2026-01-10T05:00:00Z', '2026-01-10T06:30:00Z', 'minutes add exactly'],
      ['PT1S after provision', '2026-01-10T05:00:00Z', '2026-01-10T05:00:01Z', 'seconds add exactly'],
      ['P1DT1H1M1S after provision', '2026-01-10T05:00:00Z', '2026-01-11T06:01:01Z', 'mixed exact parts'],
    ])('%s from %s closes at %s (%s)', (text, anchor, expected) => {
      expect(windowClosesAt(rule(text), { providedAt: at(anchor) })).toEqual(at(expected));
    });
  });

  describe('anchors', () => {
    const anchor = at('2026-01-10T05:00:00Z');
    const oneMonthLater = at('2026-02-10T05:00:00Z');

    it.each([
      ['P1M after purchase-confirmation', { purchaseConfirmedAt: anchor }],
      ['P1M after delivery-completion', { deliveredAt: anchor }],
      ['P1M after subscription-end', { subscriptionEndedAt: anchor }],
      ['P1M after case-closure', { caseClosedAt: anchor }],
      ['P1M after provision', { providedAt: anchor }],
    ])('%s counts from its own event', (text, anchors) => {
      expect(windowClosesAt(rule(text), anchors)).toEqual(oneMonthLater);
    });

    it('refuses an invalid anchor date rather than computing nonsense', () => {
      expect(() => windowClosesAt(rule('P1M after provision'), { providedAt: new Date(Number.NaN) })).toThrow(RangeError);
      expect(() =>
        windowClosesAt(rule('until partnership-termination'), { partnershipTerminatedAt: new Date(Number.NaN) }),
      ).toThrow('partnershipTerminatedAt is not a valid date');
    });
  });

  describe('until a fixed date', () => {
    const until = rule('until 2027-12-31');

    it('closes at the start of that day in Seoul (15:00 UTC the day before)', () => {
      expect(windowClosesAt(until, {})).toEqual(at('2027-12-30T15:00:00.000Z'));
    });

    it('is open 1 ms before midnight in Seoul and closed at midnight', () => {
      expect(isWindowOpen(until, {}, at('2027-12-30T14:59:59.999Z'))).toBe(true);
      expect(isWindowOpen(until, {}, at('2027-12-30T15:00:00.000Z'))).toBe(false);
    });
  });

  describe('partnership termination', () => {
    const terminated = at('2026-02-01T00:00:00Z');

    it('closes the window early when it comes before the computed close', () => {
      const anchors = { purchaseConfirmedAt: confirmed, partnershipTerminatedAt: terminated };
      expect(windowClosesAt(threeMonths, anchors)).toEqual(terminated);
      expect(isWindowOpen(threeMonths, anchors, new Date(terminated.getTime() - 1))).toBe(true);
      expect(isWindowOpen(threeMonths, anchors, terminated)).toBe(false);
    });

    it('changes nothing when it comes after the computed close', () => {
      expect(
        windowClosesAt(threeMonths, { purchaseConfirmedAt: confirmed, partnershipTerminatedAt: at('2027-01-01T00:00:00Z') }),
      ).toEqual(at('2026-04-10T05:00:00Z'));
    });

    it('closes a window whose anchor event has not happened yet', () => {
      expect(windowClosesAt(threeMonths, { purchaseConfirmedAt: null, partnershipTerminatedAt: terminated })).toEqual(terminated);
    });

    it('closes a fixed-date window early', () => {
      expect(windowClosesAt(rule('until 2027-12-31'), { partnershipTerminatedAt: terminated })).toEqual(terminated);
    });

    it('is the only close of "until partnership-termination"', () => {
      const untilTermination = rule('until partnership-termination');
      expect(windowClosesAt(untilTermination, { providedAt: confirmed })).toBeNull();
      expect(isWindowOpen(untilTermination, {}, at('2099-01-01T00:00:00Z'))).toBe(true);
      expect(windowClosesAt(untilTermination, { partnershipTerminatedAt: terminated })).toEqual(terminated);
      expect(isWindowOpen(untilTermination, { partnershipTerminatedAt: terminated }, new Date(terminated.getTime() - 1))).toBe(true);
      expect(isWindowOpen(untilTermination, { partnershipTerminatedAt: terminated }, terminated)).toBe(false);
    });

    it('can be passed apart from the anchors, which then are not asked for one', () => {
      const stale = { purchaseConfirmedAt: confirmed, partnershipTerminatedAt: at('2026-01-20T00:00:00Z') };
      expect(isWindowOpenWithTermination(threeMonths, stale, null, terminated)).toBe(true);
      expect(isWindowOpenWithTermination(threeMonths, stale, terminated, new Date(terminated.getTime() - 1))).toBe(true);
      expect(isWindowOpenWithTermination(threeMonths, stale, terminated, terminated)).toBe(false);
      expect(() => isWindowOpenWithTermination(threeMonths, {}, new Date(Number.NaN), terminated)).toThrow(
        'partnershipTerminatedAt is not a valid date',
      );
    });
  });
});
