import {
  type DenialReason,
  isOneOf,
  ITEM_CATALOG,
  type Label,
  type Language,
  PURPOSE_CATALOG,
  SEOUL_OFFSET_MS,
} from '@provision/domain';
import { DENIAL_REASON_LABELS } from '@provision/reports';
import { html, rawHtml, type SafeHtml } from '@provision/util';
import { percent } from './review-findings.js';
import type { ReviewReportData } from './review-report.js';

/** A stored report with what the table keeps beside it. */
export interface StoredReviewReport {
  report: ReviewReportData;
  generatedAt: Date;
  generatedBy: string;
  revision: number;
}

const TEXT = {
  title: { en: 'Monthly access review', ko: '월간 개인정보 제공 점검 보고서' },
  partner: { en: 'Partner', ko: '제휴사' },
  month: { en: 'Month', ko: '대상 월' },
  generated: { en: 'Generated', ko: '생성' },
  findings: { en: 'Findings', ko: '점검 결과' },
  noFindings: { en: 'Nothing unusual.', ko: '특이사항 없음.' },
  totals: { en: 'Figures', ko: '주요 수치' },
  requests: { en: 'Requests', ko: '요청 수' },
  records: { en: 'Ledger records (subject × request)', ko: '제공기록 건수 (정보주체 × 요청)' },
  releases: { en: 'Releases', ko: '제공 건수' },
  itemsReleased: { en: 'Items released', ko: '제공 항목 수' },
  itemsDenied: { en: 'Items denied', ko: '거부 항목 수' },
  denialRate: { en: 'Denial rate', ko: '거부율' },
  baselineDenialRate: { en: 'Denial rate, previous 3 months', ko: '직전 3개월 거부율' },
  subjectsTouched: { en: 'Data subjects touched', ko: '관련 정보주체 수' },
  subjectsRead: { en: 'Data subjects read', ko: '조회된 정보주체 수' },
  newSubjects: { en: 'New data subjects (not read in the previous 6 months)', ko: '신규 정보주체 (직전 6개월 미조회)' },
  oddHours: { en: 'Releases 00:00–06:00 (Seoul)', ko: '00:00~06:00 제공 건수 (서울)' },
  byItem: { en: 'Releases and denials by item and purpose', ko: '항목·목적별 제공 및 거부' },
  item: { en: 'Item', ko: '항목' },
  purpose: { en: 'Purpose', ko: '이용 목적' },
  released: { en: 'Released', ko: '제공' },
  denied: { en: 'Denied', ko: '거부' },
  reasons: { en: 'Denial reasons', ko: '거부 사유' },
  baseline: { en: 'Previous months', ko: '직전 월 비교' },
  accessChanges: { en: 'Access changes this month', ko: '이번 달 접근 권한 변경' },
  at: { en: 'When', ko: '일시' },
  kind: { en: 'Change', ko: '변경 내용' },
  actor: { en: 'By', ko: '처리자' },
  client: { en: 'Client', ko: '클라이언트' },
  severity: { en: 'Severity', ko: '수준' },
  incomplete: { en: '(month not over)', ko: '(해당 월 진행 중)' },
} satisfies Record<string, Label>;

const STYLE = rawHtml(`body{font-family:system-ui,sans-serif;margin:2rem;color:#222}table{border-collapse:collapse;margin:1rem 0}
th,td{border:1px solid #ccc;padding:.3rem .6rem;text-align:left}td.n{text-align:right}
.WARNING{background:#fff3cd}.INFO{background:#eef5ff}li{margin:.4rem 0;padding:.3rem}`);

/** `2026-10-03T17:02:00Z` → `2026-10-04 02:02` (Seoul wall clock). */
function seoulTime(instant: string | Date): string {
  return new Date(new Date(instant).getTime() + SEOUL_OFFSET_MS).toISOString().slice(0, 16).replace('T', ' ');
}

/**
 * The report as an HTML page for the privacy officer, in Korean or English. Every value goes
 * through the `html` tag, so a partner name or key with markup in it shows as text.
 */
export function renderReviewReportHtml(stored: StoredReviewReport, lang: Language): string {
  const { report } = stored;
  const t = (label: Label) => label[lang];
  const itemLabel = (key: string) => ITEM_CATALOG.get(key)?.label[lang] ?? key;
  const purposeLabel = (key: string) => PURPOSE_CATALOG.get(key)?.label[lang] ?? key;
  const reasonLabel = (reason: string) => (isOneOf(Object.keys(DENIAL_REASON_LABELS) as DenialReason[], reason) ? DENIAL_REASON_LABELS[reason][lang] : reason);
  const row = (label: Label, value: string | number): SafeHtml => html`<tr><th>${t(label)}</th><td class="n">${value}</td></tr>`;
  const { totals, baseline } = report;
  // Reports of schema version 1 carry one name only.
  const partnerName = lang === 'en' ? (report.partner.nameEn ?? report.partner.name) : report.partner.name;

  const page = html`<!doctype html>
<html lang="${lang}"><head><meta charset="utf-8"><title>${t(TEXT.title)} — ${partnerName} — ${report.month}</title>
<style>${STYLE}</style></head><body>
<h1>${t(TEXT.title)}</h1>
<p>${t(TEXT.partner)}: <strong>${partnerName}</strong> (${report.partner.code}) · ${t(TEXT.month)}: <strong>${report.month}</strong>
${report.complete ? '' : t(TEXT.incomplete)} · ${t(TEXT.generated)}: ${seoulTime(stored.generatedAt)} (${stored.generatedBy}, r${stored.revision})</p>
<h2>${t(TEXT.findings)}</h2>
${
  report.findings.length === 0
    ? html`<p>${t(TEXT.noFindings)}</p>`
    : html`<ul>${report.findings.map((finding) => html`<li class="${finding.severity}"><strong>${finding.severity}</strong> ${finding[lang]}</li>`)}</ul>`
}
<h2>${t(TEXT.totals)}</h2>
<table>
${row(TEXT.requests, totals.requests)}${row(TEXT.records, totals.records)}${row(TEXT.releases, totals.releases)}
${row(TEXT.itemsReleased, totals.itemsReleased)}${row(TEXT.itemsDenied, totals.itemsDenied)}
${row(TEXT.denialRate, percent(totals.denialRate))}${row(TEXT.baselineDenialRate, percent(baseline.denialRate))}
${row(TEXT.subjectsTouched, totals.subjectsTouched)}${row(TEXT.subjectsRead, totals.subjectsRead)}${row(TEXT.newSubjects, totals.newSubjects)}
${row(TEXT.oddHours, `${totals.oddHourReleases} (${percent(totals.oddHourShare)})`)}
</table>
<h2>${t(TEXT.byItem)}</h2>
<table><tr><th>${t(TEXT.item)}</th><th>${t(TEXT.purpose)}</th><th>${t(TEXT.released)}</th><th>${t(TEXT.denied)}</th><th>${t(TEXT.reasons)}</th></tr>
${report.byItemPurpose.map(
  (volume) =>
    html`<tr><td>${itemLabel(volume.item)} <code>${volume.item}</code></td><td>${purposeLabel(volume.purpose)} <code>${volume.purpose}</code></td><td class="n">${volume.released}</td><td class="n">${volume.denied}</td><td>${volume.denialsByReason.map((entry) => html`${reasonLabel(entry.reason)} ${entry.count}<br>`)}</td></tr>`,
)}
</table>
<h2>${t(TEXT.baseline)}</h2>
<table><tr><th>${t(TEXT.month)}</th><th>${t(TEXT.itemsReleased)}</th><th>${t(TEXT.itemsDenied)}</th><th>${t(TEXT.denialRate)}</th><th>${t(TEXT.subjectsRead)}</th><th>${t(TEXT.newSubjects)}</th></tr>
${[...baseline.months, totals].map(
  (figures) =>
    html`<tr><td>${figures.month}</td><td class="n">${figures.itemsReleased}</td><td class="n">${figures.itemsDenied}</td><td class="n">${percent(figures.denialRate)}</td><td class="n">${figures.subjectsRead}</td><td class="n">${figures.newSubjects}</td></tr>`,
)}
</table>
<h2>${t(TEXT.accessChanges)}</h2>
<table><tr><th>${t(TEXT.at)}</th><th>${t(TEXT.kind)}</th><th>${t(TEXT.actor)}</th><th>${t(TEXT.client)}</th></tr>
${report.accessChanges.map(
  (change) => html`<tr><td>${seoulTime(change.at)}</td><td>${change.kind}</td><td>${change.actor}</td><td>${change.clientId}</td></tr>`,
)}
</table>
</body></html>`;
  return page.toString();
}
