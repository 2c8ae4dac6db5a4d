import { DEMO_CLIENT_IDS } from '@provision/db';
import { PAGE_CSP } from '@provision/reports';
import { REVIEW_NOW, REVIEWED_MONTH, writeReviewHistory } from '@provision/testing';
import { type GraphQLBody, useSeededGateway } from './gateway.harness.js';
import { loadOperation } from './operations.harness.js';

// Monthly review reports end to end: GraphQL and the privacy officer's page, with real tokens.
const GENERATE = loadOperation('admin/generate-review-report');
const REPORT = loadOperation('admin/review-report');
const REPORTS = loadOperation('admin/review-reports');
const ADMIN = DEMO_CLIENT_IDS.privacyAdmin;

interface ReportView {
  partnerCode: string;
  month: string;
  generatedBy: string;
  revision: number;
  complete: boolean;
  periodFrom: string;
  findings: { code: string; severity: string; explanationEn: string; explanationKo: string }[];
  totals: Record<string, number | null>;
  baseline: { months: { month: string; newSubjects: number }[]; newSubjectsAverage: number; denialRate: number | null };
  byItemPurpose: { item: string; purpose: string; released: number; denied: number; denialsByReason: { reason: string; count: number }[] }[];
  accessChanges: { at: string; kind: string; actor: string; clientId: string | null }[];
}

const suite = useSeededGateway(REVIEW_NOW, (db) => writeReviewHistory(db.orm.em.fork()));

async function graphql<TData>(query: string, variables: Record<string, unknown>, scopes = ['admin:read', 'admin:write']) {
  const token = await suite.harness.token(ADMIN, scopes);
  return (await suite.harness.post<TData>({ query, variables }, token)).body;
}

async function page(path: string, bearer?: string, accept = 'text/html') {
  return fetch(`${suite.harness.base}${path}`, {
    headers: { accept, ...(bearer === undefined ? {} : { authorization: `Bearer ${bearer}` }) },
  });
}

describe('review reports over HTTP', () => {
  it('generateReviewReport builds the month with typed figures and findings; reviewReport(s) read it back', async () => {
    const body: GraphQLBody<{ generateReviewReport: ReportView }> = await graphql(GENERATE, { partnerCode: 'hanbok-house', month: REVIEWED_MONTH });
    expect(body.errors).toBeUndefined();
    const report = body.data!.generateReviewReport;
    expect(report).toMatchObject({ partnerCode: 'hanbok-house', month: '2026-10', generatedBy: ADMIN, revision: 1, complete: true });
    expect(report.periodFrom).toBe('2026-09-30T15:00:00.000Z');
    expect(report.totals).toEqual({
      requests: 7,
      records: 17,
      releases: 16,
      itemsReleased: 29,
      itemsDenied: 11,
      denialRate: 0.275,
      subjectsTouched: 17,
      subjectsRead: 16,
      newSubjects: 13,
      oddHourReleases: 6,
      oddHourShare: 0.375,
    });
    expect(report.baseline.months.map((month) => [month.month, month.newSubjects])).toEqual([
      ['2026-07', 4],
      ['2026-08', 2],
      ['2026-09', 2],
    ]);
    expect(report.byItemPurpose[2]).toEqual({
      item: 'customsCode',
      purpose: 'order.delivery',
      released: 0,
      denied: 9,
      denialsByReason: [{ reason: 'SCOPE_MISSING', count: 9 }],
    });
    expect(report.accessChanges).toEqual([
      { at: '2026-10-07T01:00:00.000Z', kind: 'CLIENT_SCOPES_CHANGED', actor: 'privacy-admin', clientId: 'seller-hanbok-house' },
    ]);
    expect(report.findings.map((finding) => [finding.code, finding.severity])).toEqual([
      ['NEW_SUBJECTS_SURGE', 'WARNING'],
      ['ODD_HOUR_RELEASES', 'WARNING'],
      ['DENIAL_SPIKE', 'WARNING'],
      ['ACCESS_CHANGED', 'INFO'],
    ]);

    const read = await graphql<{ reviewReport: ReportView | null }>(REPORT, { partnerCode: 'hanbok-house', month: REVIEWED_MONTH }, ['admin:read']);
    expect(read.data!.reviewReport).toEqual(report);
    const none = await graphql<{ reviewReport: ReportView | null }>(REPORT, { partnerCode: 'ktis', month: REVIEWED_MONTH }, ['admin:read']);
    expect(none.data!.reviewReport).toBeNull();
    const list = await graphql<{ reviewReports: ReportView[] }>(REPORTS, { month: REVIEWED_MONTH }, ['admin:read']);
    expect(list.data!.reviewReports.map((entry) => entry.partnerCode)).toEqual(['hanbok-house']);
  });

  it('still answers the deprecated `en` / `ko` of a finding, the same as `explanationEn` / `explanationKo`', async () => {
    const query = `query ($partnerCode: String!, $month: String!) {
      reviewReport(partnerCode: $partnerCode, month: $month) { findings { en ko explanationEn explanationKo } } }`;
    type Texts = { en: string; ko: string; explanationEn: string; explanationKo: string };
    // The report the first test generated, as the later tests read it too.
    const read = await graphql<{ reviewReport: { findings: Texts[] } }>(query, { partnerCode: 'hanbok-house', month: REVIEWED_MONTH }, ['admin:read']);
    const findings = read.data!.reviewReport.findings;
    expect(findings.length).toBeGreaterThan(0);
    for (const finding of findings) expect([finding.en, finding.ko]).toEqual([finding.explanationEn, finding.explanationKo]);
    expect(findings.every((finding) => finding.explanationEn.length > 0 && finding.explanationKo.length > 0)).toBe(true);
  });

  it('refuses bad arguments and a token without admin:write', async () => {
    const month = await graphql(GENERATE, { partnerCode: 'hanbok-house', month: '2026-1' });
    expect(month.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT' });
    const future = await graphql(GENERATE, { partnerCode: 'hanbok-house', month: '2027-01' });
    expect(future.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'month' });
    const unknown = await graphql(GENERATE, { partnerCode: 'no-such-partner', month: REVIEWED_MONTH });
    expect(unknown.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'partnerCode' });
    const readOnly = await graphql(GENERATE, { partnerCode: 'ktis', month: REVIEWED_MONTH }, ['admin:read']);
    expect(readOnly.errors?.[0]?.extensions?.['code']).toBe('FORBIDDEN');
  });

  it("serves the privacy officer's page in Korean and English, and JSON on request", async () => {
    const token = await suite.harness.token(ADMIN, ['admin:read']);
    const path = `/admin/review-reports/hanbok-house/${REVIEWED_MONTH}`;

    const ko = await page(path, token);
    expect(ko.status).toBe(200);
    expect(ko.headers.get('content-type')).toMatch(/^text\/html/);
    expect(ko.headers.get('cache-control')).toBe('no-store');
    expect(ko.headers.get('content-security-policy')).toBe(PAGE_CSP);
    const koPage = await ko.text();
    expect(koPage).toContain('<html lang="ko">');
    expect(koPage).toContain('<tr><th>제공 항목 수</th><td class="n">29</td></tr>');
    expect(koPage).toContain('<tr><th>거부율</th><td class="n">27.5%</td></tr>');
    expect(koPage).toContain('제휴사가 직전 6개월 동안 조회하지 않았던 정보주체 13명을 조회했습니다');

    const enPage = await (await page(`${path}?lang=en`, token)).text();
    expect(enPage).toContain('<html lang="en">');
    expect(enPage).toContain('<tr><th>Releases 00:00–06:00 (Seoul)</th><td class="n">6 (37.5%)</td></tr>');
    expect(enPage).toContain('delivery address <code>receiver.address</code>');

    const json = await page(path, token, 'application/json');
    expect(json.headers.get('content-type')).toMatch(/^application\/json/);
    const stored = (await json.json()) as { generatedBy: string; revision: number; report: { totals: { newSubjects: number } } };
    expect(stored).toMatchObject({ generatedBy: ADMIN, revision: 1, report: { totals: { newSubjects: 13 } } });
  });

  it('answers 401 without a valid token, 403 without admin:read, 400 for bad input, 404 when not generated', async () => {
    const path = `/admin/review-reports/hanbok-house/${REVIEWED_MONTH}`;
    const anonymous = await page(path);
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers.get('www-authenticate')).toBe('Bearer');
    expect(await anonymous.json()).toEqual({ errors: [{ message: 'Invalid or missing access token', extensions: { code: 'UNAUTHENTICATED' } }] });
    expect((await page(path, 'not-a-token')).status).toBe(401);

    const writer = await suite.harness.token(ADMIN, ['admin:write']);
    const forbidden = await page(path, writer);
    expect(forbidden.status).toBe(403);
    expect(await forbidden.json()).toEqual({ errors: [{ message: 'missing scope admin:read', extensions: { code: 'FORBIDDEN' } }] });
    const seller = await suite.harness.token(DEMO_CLIENT_IDS.hanbokHouse, ['partner:read']);
    expect((await page(path, seller)).status).toBe(403);

    const reader = await suite.harness.token(ADMIN, ['admin:read']);
    expect((await page(`${path}?lang=fr`, reader)).status).toBe(400);
    const badMonth = await page('/admin/review-reports/hanbok-house/2026-13', reader);
    expect(badMonth.status).toBe(400);
    expect(((await badMonth.json()) as { errors: { extensions: unknown }[] }).errors[0]!.extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'month' });
    expect((await page(`/admin/review-reports/ktis/${REVIEWED_MONTH}`, reader)).status).toBe(404);
    expect((await page(`/admin/review-reports/no-such-partner/${REVIEWED_MONTH}`, reader)).status).toBe(400);
  });
});
