import { Partner, ReviewReport, seedDemo } from '@provision/db';
import { createTestDatabase, REVIEW_NOW, REVIEWED_MONTH, type TestDatabase, writeReviewHistory } from '@provision/testing';
import { ManualClock } from '@provision/util';
import { renderReviewReportHtml } from './review-report.html.js';
import { REVIEW_THRESHOLDS, type ReviewReportData } from './review-report.js';
import { MONTHLY_REVIEW_ACTOR, ReviewReportService } from './review-report.service.js';

let db: TestDatabase;
let clock: ManualClock;
const service = () => new ReviewReportService(db.orm.em.fork(), clock);
const reportOf = (stored: ReviewReport) => stored.report as unknown as ReviewReportData;

beforeAll(async () => {
  db = await createTestDatabase();
  clock = new ManualClock(REVIEW_NOW);
  await seedDemo(db.orm.em.fork(), clock, db.keyring);
  await writeReviewHistory(db.orm.em.fork());
});
afterAll(() => db?.drop());

describe('the monthly review report', () => {
  it('computes every figure of a known month from the ledger', async () => {
    const stored = await service().generate('hanbok-house', REVIEWED_MONTH, 'privacy-admin');
    const report = reportOf(stored);
    expect(stored).toMatchObject({ month: '2026-10', generatedBy: 'privacy-admin', revision: 1 });
    expect(report.partner).toMatchObject({ code: 'hanbok-house', name: '한복하우스', nameEn: 'Hanbok House', kind: 'RECIPIENT', role: 'SELLER' });
    expect(report.period).toEqual({ from: '2026-09-30T15:00:00.000Z', to: '2026-10-31T15:00:00.000Z' });
    expect(report.complete).toBe(true);
    expect(report.totals).toEqual({
      month: '2026-10',
      requests: 7,
      records: 17,
      releases: 16,
      itemsReleased: 29,
      itemsDenied: 11,
      denialRate: 11 / 40,
      subjectsTouched: 17,
      subjectsRead: 16,
      // S14 (last read in March) and S20–S31; S1 (April), S6 (July/August), S12 (September) are not new.
      newSubjects: 13,
      // 02:00 on the 1st, 05:59, 02:30, three at 03:00; 06:00 is not odd.
      oddHourReleases: 6,
      oddHourShare: 6 / 16,
    });
    expect(report.baseline).toEqual({
      months: [
        { month: '2026-07', itemsReleased: 8, itemsDenied: 0, denialRate: 0, subjectsRead: 4, newSubjects: 4 },
        { month: '2026-08', itemsReleased: 4, itemsDenied: 1, denialRate: 0.2, subjectsRead: 4, newSubjects: 2 },
        { month: '2026-09', itemsReleased: 2, itemsDenied: 0, denialRate: 0, subjectsRead: 2, newSubjects: 2 },
      ],
      newSubjectsAverage: 8 / 3,
      denialRate: 1 / 15,
    });
    expect(report.byItemPurpose).toEqual([
      { item: 'receiver.name', purpose: 'order.delivery', released: 15, denied: 1, denialsByReason: [{ reason: 'WINDOW_CLOSED', count: 1 }] },
      { item: 'receiver.address', purpose: 'order.delivery', released: 13, denied: 1, denialsByReason: [{ reason: 'WINDOW_CLOSED', count: 1 }] },
      { item: 'customsCode', purpose: 'order.delivery', released: 0, denied: 9, denialsByReason: [{ reason: 'SCOPE_MISSING', count: 9 }] },
      { item: 'receiver.phone', purpose: 'order.customer-service', released: 1, denied: 0, denialsByReason: [] },
    ]);
    expect(report.denialsByReason).toEqual([
      { reason: 'SCOPE_MISSING', count: 9 },
      { reason: 'WINDOW_CLOSED', count: 2 },
    ]);
    expect(report.accessChanges).toEqual([
      { at: '2026-10-07T01:00:00.000Z', kind: 'CLIENT_SCOPES_CHANGED', actor: 'privacy-admin', clientId: 'seller-hanbok-house' },
    ]);
    expect(report.thresholds).toEqual(REVIEW_THRESHOLDS);
    expect(report.findings).toEqual([
      {
        code: 'NEW_SUBJECTS_SURGE',
        severity: 'WARNING',
        en: 'The partner read 13 data subjects it had not read in the previous 6 months (81.3% of the 16 it read), against an average of 2.7 a month in the previous 3 months. Check that an order, subscription or support case explains each of them.',
        ko: '제휴사가 직전 6개월 동안 조회하지 않았던 정보주체 13명을 조회했습니다(조회한 16명 중 81.3%). 직전 3개월 평균은 월 2.7명입니다. 각 조회가 주문·구독·상담 건으로 설명되는지 확인하십시오.',
      },
      {
        code: 'ODD_HOUR_RELEASES',
        severity: 'WARNING',
        en: '6 of 16 releases (37.5%) happened between 00:00 and 06:00 Seoul time. Check that the partner works at those hours or runs an agreed automated process.',
        ko: '제공 16건 중 6건(37.5%)이 서울 시간 00:00~06:00에 이루어졌습니다. 제휴사가 그 시간에 업무를 하는지, 합의된 자동 처리인지 확인하십시오.',
      },
      {
        code: 'DENIAL_SPIKE',
        severity: 'WARNING',
        en: '11 items were denied, 27.5% of all decisions, against 6.7% in the previous 3 months. The partner is asking for data it may not receive: check its integration and the denial reasons.',
        ko: '항목 11건의 제공이 거부되었습니다(전체 판단의 27.5%, 직전 3개월 6.7%). 제휴사가 제공받을 수 없는 정보를 요청하고 있으니 연동 방식과 거부 사유를 확인하십시오.',
      },
      {
        code: 'ACCESS_CHANGED',
        severity: 'INFO',
        en: "Changes to the partner's access recorded in 2026-10: 1 (see the permission history). Check that each was authorised.",
        ko: '2026-10에 제휴사의 접근 권한 변경 1건이 기록되었습니다(권한 변경 이력 참조). 각 변경이 승인된 것인지 확인하십시오.',
      },
    ]);
  });

  it('says so for a partner without activity and a month not over yet', async () => {
    const report = reportOf(await service().generate('kt-mhows', '2026-11', 'privacy-admin'));
    expect(report.totals).toMatchObject({ records: 0, releases: 0, denialRate: null, oddHourShare: null, newSubjects: 0 });
    expect(report.complete).toBe(false);
    expect(report.findings.map((finding) => [finding.code, finding.severity])).toEqual([
      ['NO_ACTIVITY', 'INFO'],
      ['MONTH_NOT_OVER', 'INFO'],
    ]);
  });

  it('regenerates on demand in place, counting revisions; refuses months not begun and unknown partners', async () => {
    clock.set('2026-11-03T00:00:00Z');
    const again = await service().generate('hanbok-house', REVIEWED_MONTH, 'privacy-admin-2');
    expect(again).toMatchObject({ revision: 2, generatedBy: 'privacy-admin-2', generatedAt: clock.now() });
    expect(await db.orm.em.fork().count(ReviewReport, { month: REVIEWED_MONTH })).toBe(1);
    await expect(service().generate('hanbok-house', '2026-12', 'privacy-admin')).rejects.toMatchObject({ field: 'month' });
    await expect(service().generate('hanbok-house', '2026-13', 'privacy-admin')).rejects.toMatchObject({ field: 'month' });
    await expect(service().generate('nobody', REVIEWED_MONTH, 'privacy-admin')).rejects.toMatchObject({ field: 'partnerCode' });
    clock.set(REVIEW_NOW);
  });

  it("the monthly run writes last month's report for each partner with activity, once", async () => {
    const em = db.orm.em.fork();
    const hanbok = await em.findOneOrFail(Partner, { code: 'hanbok-house' });
    // hanbok-house already has an admin's October report: the run leaves it alone.
    const first = await service().generateLastMonth();
    expect(first).toEqual({ month: '2026-10', generated: ['seoul-sneakers'], skipped: ['hanbok-house'] });
    const second = await service().generateLastMonth();
    expect(second).toEqual({ month: '2026-10', generated: [], skipped: ['hanbok-house', 'seoul-sneakers'] });
    const reports = await service().listMonth(REVIEWED_MONTH);
    expect(reports.map((report) => [report.partner.getEntity().code, report.generatedBy])).toEqual([
      ['hanbok-house', 'privacy-admin-2'],
      ['seoul-sneakers', MONTHLY_REVIEW_ACTOR],
    ]);
    expect((await service().find('hanbok-house', REVIEWED_MONTH))?.partner.id).toBe(hanbok.id);
  });

  it('renders HTML in Korean and English with the figures, escaping what it shows', async () => {
    const stored = await service().generate('hanbok-house', REVIEWED_MONTH, '<script>x</script>');
    const report = reportOf(stored);
    report.partner.name = '한복 <b>하우스</b> & "Co"';
    report.partner.nameEn = 'Hanbok <b>House</b> & "Co"';
    const ko = renderReviewReportHtml({ ...stored, report }, 'ko');
    const en = renderReviewReportHtml({ ...stored, report }, 'en');
    expect(ko).toContain('<html lang="ko">');
    expect(ko).toContain('한복 &lt;b&gt;하우스&lt;/b&gt; &amp; &quot;Co&quot;');
    expect(en).toContain('Hanbok &lt;b&gt;House&lt;/b&gt; &amp; &quot;Co&quot;');
    // A report stored before names in two languages (schema version 1) shows its one name in both.
    expect(renderReviewReportHtml({ ...stored, report: { ...report, partner: { ...report.partner, nameEn: undefined } } }, 'en')).toContain(
      'Partner: <strong>한복 &lt;b&gt;하우스&lt;/b&gt;',
    );
    expect(ko).toContain('월간 개인정보 제공 점검 보고서');
    expect(ko).toContain('<tr><th>제공 항목 수</th><td class="n">29</td></tr>');
    expect(ko).toContain('<tr><th>신규 정보주체 (직전 6개월 미조회)</th><td class="n">13</td></tr>');
    expect(ko).toContain('<tr><th>00:00~06:00 제공 건수 (서울)</th><td class="n">6 (37.5%)</td></tr>');
    expect(ko).toContain('수령인 성명 <code>receiver.name</code></td><td>주문 상품 배송 <code>order.delivery</code></td><td class="n">15</td><td class="n">1</td><td>보유·이용 기간 종료 1<br></td>');
    expect(ko).toContain('항목 11건의 제공이 거부되었습니다');
    expect(en).toContain('<tr><th>Items released</th><td class="n">29</td></tr>');
    expect(en).toContain('<tr><th>Denial rate, previous 3 months</th><td class="n">6.7%</td></tr>');
    expect(en).toContain("receiver&#39;s name <code>receiver.name</code>");
    expect(en).toContain('not in the access token 9<br>');
    expect(en).toContain('<td>2026-10-07 10:00</td><td>CLIENT_SCOPES_CHANGED</td><td>privacy-admin</td><td>seller-hanbok-house</td>');
    for (const page of [ko, en]) {
      expect(page).toContain('&lt;script&gt;x&lt;/script&gt;');
      expect(page).not.toContain('<script>');
      expect(page).not.toContain('<b>House');
    }
  });
});
