import { percent, reviewFindings } from './review-findings.js';
import type { ReviewReportData, ReviewTotals } from './review-report.js';

// The thresholds at their edges: exactly at a threshold is flagged, one short is not.
const totals = (overrides: Partial<ReviewTotals>): ReviewTotals => ({
  month: '2026-10',
  requests: 100,
  records: 100,
  releases: 100,
  itemsReleased: 100,
  itemsDenied: 0,
  denialRate: 0,
  subjectsTouched: 100,
  subjectsRead: 100,
  newSubjects: 0,
  oddHourReleases: 0,
  oddHourShare: 0,
  ...overrides,
});

function codes(figures: Partial<ReviewTotals>, baseline: Partial<ReviewReportData['baseline']> = {}): string[] {
  return reviewFindings({
    month: '2026-10',
    complete: true,
    totals: totals(figures),
    baseline: { months: [], newSubjectsAverage: 0, denialRate: null, ...baseline },
    accessChanges: [],
  }).map((finding) => finding.code);
}

describe('reviewFindings', () => {
  it('flags new subjects from 10 and twice the baseline average', () => {
    expect(codes({ newSubjects: 10 }, { newSubjectsAverage: 5 })).toEqual(['NEW_SUBJECTS_SURGE']);
    expect(codes({ newSubjects: 9 }, { newSubjectsAverage: 0 })).toEqual([]);
    expect(codes({ newSubjects: 10 }, { newSubjectsAverage: 5.1 })).toEqual([]);
  });

  it('flags releases at odd hours from 5 making at least 10%', () => {
    expect(codes({ releases: 50, oddHourReleases: 5, oddHourShare: 5 / 50 })).toEqual(['ODD_HOUR_RELEASES']);
    expect(codes({ releases: 51, oddHourReleases: 5, oddHourShare: 5 / 51 })).toEqual([]);
    expect(codes({ releases: 10, oddHourReleases: 4, oddHourShare: 4 / 10 })).toEqual([]);
  });

  it('flags a denial spike from 10 denials at twice the baseline rate and 10 points above it', () => {
    expect(codes({ itemsDenied: 10, denialRate: 10 / 50 }, { denialRate: 0.1 })).toEqual(['DENIAL_SPIKE']);
    expect(codes({ itemsDenied: 9, denialRate: 9 / 45 }, { denialRate: 0.1 })).toEqual([]);
    // Twice a tiny baseline is not enough without 10 points more.
    expect(codes({ itemsDenied: 10, denialRate: 0.09 }, { denialRate: 0.01 })).toEqual([]);
    // 10 points more is not enough below twice the baseline.
    expect(codes({ itemsDenied: 50, denialRate: 0.7 }, { denialRate: 0.4 })).toEqual([]);
    // No earlier decisions: the baseline counts as 0.
    expect(codes({ itemsDenied: 10, denialRate: 0.1 }, { denialRate: null })).toEqual(['DENIAL_SPIKE']);
  });

  it('notes a month without activity, access changes and a month not over', () => {
    const findings = reviewFindings({
      month: '2026-11',
      complete: false,
      totals: totals({ records: 0, releases: 0, itemsReleased: 0, denialRate: null, oddHourShare: null, subjectsRead: 0 }),
      baseline: { months: [], newSubjectsAverage: 0, denialRate: null },
      accessChanges: [{ at: '2026-11-03T00:00:00.000Z', kind: 'CLIENT_REVOKED', actor: 'privacy-admin', clientId: 'x-client' }],
    });
    expect(findings.map((finding) => [finding.code, finding.severity])).toEqual([
      ['NO_ACTIVITY', 'INFO'],
      ['ACCESS_CHANGED', 'INFO'],
      ['MONTH_NOT_OVER', 'INFO'],
    ]);
    expect(findings.every((finding) => finding.en.length > 0 && /[가-힣]/.test(finding.ko))).toBe(true);
  });

  it('writes shares as percentages with one decimal', () => {
    expect([percent(0.8125), percent(1 / 15), percent(0), percent(null)]).toEqual(['81.3%', '6.7%', '0%', '—']);
  });
});
