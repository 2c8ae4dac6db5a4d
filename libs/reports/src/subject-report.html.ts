import { isOneOf, DENIAL_REASONS, type Language } from '@provision/domain';
import { html, type SafeHtml } from '@provision/util';
import {
  DENIAL_REASON_LABELS,
  NOTICE_TYPE_LABELS,
  PARTNER_KIND_LABELS,
  PARTNER_ROLE_LABELS,
  PARTNER_STATUS_LABELS,
  TERMS,
} from './labels.js';
import { labels, page, seoulTime } from './page.html.js';
import type { ReceiptController } from './consent-receipt.js';
import type { ReportedNotice, ReportedPartner, ReportedStatutoryDisclosure, SubjectProvisionReport } from './subject-report.js';

function reasonLabel(reason: string, language: Language): string {
  return isOneOf(DENIAL_REASONS, reason) ? DENIAL_REASON_LABELS[reason][language] : reason;
}

/** When a notice reached the partner, or why it has not: still being retried, or given up (a dead letter the shop re-queues). */
function deliveryOf(notice: ReportedNotice, lang: Language): string {
  if (notice.deliveredAt !== null) return seoulTime(notice.deliveredAt, lang);
  const text = notice.state === 'DEAD' ? TERMS.deliveryGivenUp[lang] : TERMS.notDeliveredYet[lang];
  return text.replace('{n}', String(notice.attempts));
}

/**
 * The window of a partner or engagement: an open one with when it closes (or that it runs until its
 * end event); a closed one with when it closed where that is known — never "closed" beside
 * "closes: not yet fixed".
 */
function windowOf(open: boolean, closesAt: Date | null, lang: Language): string {
  if (open) return `${TERMS.windowOpen[lang]} · ${TERMS.closesAt[lang]}: ${closesAt === null ? TERMS.closesNotYetKnown[lang] : seoulTime(closesAt, lang)}`;
  return closesAt === null ? TERMS.windowClosed[lang] : `${TERMS.windowClosed[lang]} · ${seoulTime(closesAt, lang)}`;
}

function partnerSection(partner: ReportedPartner, lang: Language): SafeHtml {
  const when = (instant: Date | null, missing: string) => (instant === null ? missing : seoulTime(instant, lang));
  const consents =
    partner.consents.length === 0
      ? html`<p class="muted">${TERMS.noConsent[lang]}</p>`
      : html`<table><tr><th>${TERMS.consent[lang]}</th><th>${TERMS.givenBy[lang]}</th><th>${TERMS.agreementVersion[lang]}</th><th>${TERMS.consentGiven[lang]}</th><th>${TERMS.consentWithdrawn[lang]}</th></tr>
${partner.consents.map(
  (consent) =>
    html`<tr><td>${consent.shopConsentId}</td><td>${consent.givenBy === 'SUBJECT' ? TERMS.givenBySubject[lang] : TERMS.givenByOrderer[lang]}</td><td>${consent.agreementVersion}</td><td>${seoulTime(consent.givenAt, lang)}</td><td>${when(consent.withdrawnAt, TERMS.notApplicable[lang])}</td></tr>`,
)}</table>`;
  const engagements = partner.engagements.map(
    (engagement) =>
      html`<tr><td>${engagement.shopId}</td><td>${engagement.windowOpen ? TERMS.windowOpen[lang] : TERMS.windowClosed[lang]}${
        engagement.closedReason === null ? '' : html` (${reasonLabel(engagement.closedReason, lang)})`
      }</td><td>${when(engagement.windowClosesAt, engagement.windowOpen ? TERMS.closesNotYetKnown[lang] : TERMS.notApplicable[lang])}</td></tr>`,
  );
  const denials =
    partner.denials.length === 0
      ? ''
      : html`<h3>${TERMS.denials[lang]}</h3><table><tr><th>${TERMS.items[lang]}</th><th>${TERMS.reason[lang]}</th><th>${TERMS.times[lang]}</th><th>${TERMS.lastProvided[lang]}</th></tr>
${partner.denials.map(
  (denial) =>
    html`<tr><td>${denial.item[lang]}</td><td>${reasonLabel(denial.reason, lang)}</td><td>${denial.times}</td><td>${seoulTime(denial.lastAt, lang)}</td></tr>`,
)}</table>`;
  const notices =
    partner.notices.length === 0
      ? html`<p class="muted">${TERMS.none[lang]}</p>`
      : html`<table><tr><th>${TERMS.noticeType[lang]}</th><th>${TERMS.sentAt[lang]}</th><th>${TERMS.delivered[lang]}</th><th>${TERMS.destruction[lang]}</th></tr>
${partner.notices.map(
  (notice) =>
    html`<tr><td>${NOTICE_TYPE_LABELS[notice.type][lang]}</td><td>${seoulTime(notice.createdAt, lang)}</td><td>${deliveryOf(notice, lang)}</td><td>${
      notice.asksForDestruction ? when(notice.destroyedAt, TERMS.notConfirmed[lang]) : TERMS.notApplicable[lang]
    }</td></tr>`,
)}</table>`;

  return html`<section>
<h2>${partner.name[lang]}</h2>
<table>
<tr><th>${TERMS.kind[lang]}</th><td>${PARTNER_KIND_LABELS[partner.kind][lang]} · ${PARTNER_ROLE_LABELS[partner.role][lang]}</td></tr>
<tr><th>${TERMS.country[lang]}</th><td>${partner.country}</td></tr>
<tr><th>${TERMS.status[lang]}</th><td>${PARTNER_STATUS_LABELS[partner.status][lang]}</td></tr>
<tr><th>${TERMS.items[lang]}</th><td>${labels(partner.items, lang)}</td></tr>
<tr><th>${TERMS.purpose[lang]}</th><td>${labels(partner.purposes, lang)}</td></tr>
<tr><th>${TERMS.firstProvided[lang]}</th><td>${seoulTime(partner.firstProvidedAt, lang)}</td></tr>
<tr><th>${TERMS.lastProvided[lang]}</th><td>${seoulTime(partner.lastProvidedAt, lang)}</td></tr>
<tr><th>${TERMS.agreementVersion[lang]}</th><td>${partner.agreementVersions.join(', ')}</td></tr>
<tr><th>${TERMS.window[lang]}</th><td>${windowOf(partner.windowOpen, partner.windowClosesAt, lang)}</td></tr>
</table>
<table><tr><th>${TERMS.items[lang]}</th><th>${TERMS.purpose[lang]}</th><th>${TERMS.agreementVersion[lang]}</th><th>${TERMS.firstProvided[lang]}</th><th>${TERMS.lastProvided[lang]}</th><th>${TERMS.times[lang]}</th></tr>
${partner.releases.map(
  (release) =>
    html`<tr><td>${release.item[lang]}</td><td>${release.purpose[lang]}</td><td>${release.agreementVersion ?? TERMS.notApplicable[lang]}</td><td>${seoulTime(release.firstAt, lang)}</td><td>${seoulTime(release.lastAt, lang)}</td><td>${release.times}</td></tr>`,
)}</table>
<h3>${TERMS.consent[lang]}</h3>
${consents}
${
  partner.engagements.length === 0
    ? ''
    : html`<h3>${TERMS.window[lang]}</h3><table><tr><th>${TERMS.engagement[lang]}</th><th>${TERMS.window[lang]}</th><th>${TERMS.closesAt[lang]}</th></tr>${engagements}</table>`
}
${denials}
<h3>${TERMS.notices[lang]}</h3>
${notices}
</section>`;
}

function statutorySection(disclosures: readonly ReportedStatutoryDisclosure[], lang: Language): SafeHtml | string {
  if (disclosures.length === 0) return '';
  return html`<section>
<h2>${TERMS.statutoryTitle[lang]}</h2>
<table><tr><th>${TERMS.authority[lang]}</th><th>${TERMS.legalBasis[lang]}</th><th>${TERMS.purpose[lang]}</th><th>${TERMS.documentDate[lang]}</th><th>${TERMS.disclosedAt[lang]}</th><th>${TERMS.items[lang]}</th></tr>
${disclosures.map(
  (disclosure) =>
    html`<tr><td>${disclosure.authority}</td><td>${disclosure.statute[lang]}</td><td>${disclosure.purpose[lang]}</td><td>${disclosure.documentDate}</td><td>${seoulTime(disclosure.disclosedAt, lang)}</td><td>${labels(disclosure.items, lang)}</td></tr>`,
)}</table>
</section>`;
}

/**
 * The report as a page in Korean or English; every value escaped, item names only. It names the
 * shop as the controller and whom to ask (its privacy officer), where the deployment configures
 * them (PII_CONTROLLER_*); otherwise it speaks of "the shop".
 */
export function subjectReportHtml(report: SubjectProvisionReport, lang: Language, controller: ReceiptController | null): string {
  const contact =
    controller === null
      ? ''
      : html`<p class="muted">${TERMS.questions[lang]}: ${controller.contact} · ${controller.email} · ${controller.phone}</p>`;
  const body = html`<p>${TERMS.reportIntro[lang].replace('{shop}', controller?.name ?? TERMS.theShop[lang])}</p>
<p class="muted">${TERMS.dataSubject[lang]}: ${report.shopSubjectId} · ${TERMS.generatedAt[lang]}: ${seoulTime(report.generatedAt, lang)}</p>
${contact}
${
  report.partners.length === 0 && report.statutoryDisclosures.length === 0
    ? html`<p>${TERMS.noProvision[lang]}</p>`
    : report.partners.map((partner) => partnerSection(partner, lang))
}
${statutorySection(report.statutoryDisclosures, lang)}`;
  return page(lang, TERMS.reportTitle[lang], body);
}
