import {
  BASELINE_MONTHS,
  DENIAL_SPIKE_FACTOR,
  DENIAL_SPIKE_MIN,
  DENIAL_SPIKE_MIN_INCREASE,
  type Finding,
  NEW_SUBJECT_LOOKBACK_MONTHS,
  NEW_SUBJECTS_FACTOR,
  NEW_SUBJECTS_MIN,
  ODD_HOUR_RELEASES_MIN,
  ODD_HOUR_SHARE_MIN,
  ODD_HOURS_END,
  type ReviewReportData,
} from './review-report.js';

/** `0.125` → `12.5%`; `null` (no decisions) → `—`. */
export function percent(fraction: number | null): string {
  return fraction === null ? '—' : `${Math.round(fraction * 1000) / 10}%`;
}

const oneDecimal = (value: number) => String(Math.round(value * 10) / 10);

/**
 * What the privacy officer should look at in a month's figures, most important first: a surge of
 * subjects the partner never read before, releases at odd hours, a denial spike against the
 * partner's own baseline (warnings); no activity, access changes, a month not over yet (notes).
 * Thresholds: the constants of `review-report.ts`.
 */
export function reviewFindings(report: Pick<ReviewReportData, 'month' | 'complete' | 'totals' | 'baseline' | 'accessChanges'>): Finding[] {
  const { month, totals, baseline } = report;
  const findings: Finding[] = [];

  if (totals.newSubjects >= NEW_SUBJECTS_MIN && totals.newSubjects >= NEW_SUBJECTS_FACTOR * baseline.newSubjectsAverage) {
    const share = percent(totals.subjectsRead === 0 ? null : totals.newSubjects / totals.subjectsRead);
    const average = oneDecimal(baseline.newSubjectsAverage);
    findings.push({
      code: 'NEW_SUBJECTS_SURGE',
      severity: 'WARNING',
      en: `The partner read ${totals.newSubjects} data subjects it had not read in the previous ${NEW_SUBJECT_LOOKBACK_MONTHS} months (${share} of the ${totals.subjectsRead} it read), against an average of ${average} a month in the previous ${BASELINE_MONTHS} months. Check that an order, subscription or support case explains each of them.`,
      ko: `제휴사가 직전 ${NEW_SUBJECT_LOOKBACK_MONTHS}개월 동안 조회하지 않았던 정보주체 ${totals.newSubjects}명을 조회했습니다(조회한 ${totals.subjectsRead}명 중 ${share}). 직전 ${BASELINE_MONTHS}개월 평균은 월 ${average}명입니다. 각 조회가 주문·구독·상담 건으로 설명되는지 확인하십시오.`,
    });
  }

  if (totals.oddHourReleases >= ODD_HOUR_RELEASES_MIN && (totals.oddHourShare ?? 0) >= ODD_HOUR_SHARE_MIN) {
    const share = percent(totals.oddHourShare);
    findings.push({
      code: 'ODD_HOUR_RELEASES',
      severity: 'WARNING',
      en: `${totals.oddHourReleases} of ${totals.releases} releases (${share}) happened between 00:00 and 0${ODD_HOURS_END}:00 Seoul time. Check that the partner works at those hours or runs an agreed automated process.`,
      ko: `제공 ${totals.releases}건 중 ${totals.oddHourReleases}건(${share})이 서울 시간 00:00~0${ODD_HOURS_END}:00에 이루어졌습니다. 제휴사가 그 시간에 업무를 하는지, 합의된 자동 처리인지 확인하십시오.`,
    });
  }

  const rate = totals.denialRate ?? 0;
  const usual = baseline.denialRate ?? 0;
  if (totals.itemsDenied >= DENIAL_SPIKE_MIN && rate >= DENIAL_SPIKE_FACTOR * usual && rate - usual >= DENIAL_SPIKE_MIN_INCREASE) {
    findings.push({
      code: 'DENIAL_SPIKE',
      severity: 'WARNING',
      en: `${totals.itemsDenied} items were denied, ${percent(totals.denialRate)} of all decisions, against ${percent(baseline.denialRate)} in the previous ${BASELINE_MONTHS} months. The partner is asking for data it may not receive: check its integration and the denial reasons.`,
      ko: `항목 ${totals.itemsDenied}건의 제공이 거부되었습니다(전체 판단의 ${percent(totals.denialRate)}, 직전 ${BASELINE_MONTHS}개월 ${percent(baseline.denialRate)}). 제휴사가 제공받을 수 없는 정보를 요청하고 있으니 연동 방식과 거부 사유를 확인하십시오.`,
    });
  }

  if (totals.records === 0) {
    findings.push({
      code: 'NO_ACTIVITY',
      severity: 'INFO',
      en: `No personal data was released to or denied to the partner in ${month}.`,
      ko: `${month}에 제휴사에 제공되거나 거부된 개인정보가 없습니다.`,
    });
  }

  if (report.accessChanges.length > 0) {
    findings.push({
      code: 'ACCESS_CHANGED',
      severity: 'INFO',
      en: `Changes to the partner's access recorded in ${month}: ${report.accessChanges.length} (see the permission history). Check that each was authorised.`,
      ko: `${month}에 제휴사의 접근 권한 변경 ${report.accessChanges.length}건이 기록되었습니다(권한 변경 이력 참조). 각 변경이 승인된 것인지 확인하십시오.`,
    });
  }

  if (!report.complete) {
    findings.push({
      code: 'MONTH_NOT_OVER',
      severity: 'INFO',
      en: `${month} was not over when this report was generated; the figures cover it up to then.`,
      ko: `보고서를 생성할 때 ${month}이(가) 끝나지 않았습니다. 수치는 생성 시점까지의 것입니다.`,
    });
  }
  return findings;
}
