import { addInSeoul, parseRetentionRule, type CalendarDuration } from '@provision/domain';
import { latestAnchorClosedBy } from './anchor-bound.js';

function durationOf(text: string): CalendarDuration {
  const rule = parseRetentionRule(`${text} after purchase-confirmation`);
  if (rule.kind !== 'after-event') throw new Error('not an event rule');
  return rule.duration;
}

const DAY = 24 * 60 * 60 * 1000;
// Every Seoul calendar day of 2023–2028 (two leap years), at its first and its last millisecond.
const anchors: Date[] = [];
for (let t = Date.parse('2022-12-31T15:00:00Z'); t < Date.parse('2028-12-31T15:00:00Z'); t += DAY) {
  anchors.push(new Date(t), new Date(t + DAY - 1));
}

describe('latestAnchorClosedBy', () => {
  it.each(['P1M', 'P2M', 'P3M', 'P6M', 'P11M', 'P12M', 'P13M', 'P1Y', 'P1Y1M', 'P4Y', 'P1M1D', 'P2W', 'P1D', 'PT1H', 'P1M1DT1H1M1S'])(
    'never excludes an anchor whose %s window has closed, however the month end clamps',
    (text) => {
      const duration = durationOf(text);
      for (const anchor of anchors) {
        // The set of closed anchors only grows with now, so the instant of closing is the hardest case.
        const closesAt = addInSeoul(anchor, duration);
        expect(anchor.getTime()).toBeLessThanOrEqual(latestAnchorClosedBy(duration, closesAt).getTime());
      }
    },
  );
});
