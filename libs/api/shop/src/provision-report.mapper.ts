import type { Labelled, ReportedPartner, SubjectProvisionReport } from '@provision/reports';
import { LabelledKeyView, ProvisionReportPartnerView, ProvisionReportView } from './provision-report.type.js';

// Field-by-field maps from the report to its GraphQL views (STYLE.md §2).

function toLabelledKey({ key, en, ko }: Labelled): LabelledKeyView {
  return Object.assign(new LabelledKeyView(), { key, labelEn: en, labelKo: ko, en, ko });
}

function toPartnerView(partner: ReportedPartner): ProvisionReportPartnerView {
  return Object.assign(new ProvisionReportPartnerView(), {
    code: partner.code,
    nameKo: partner.name.ko,
    nameEn: partner.name.en,
    kind: partner.kind,
    role: partner.role,
    country: partner.country,
    status: partner.status,
    terminatedAt: partner.terminatedAt,
    items: partner.items.map(toLabelledKey),
    purposes: partner.purposes.map(toLabelledKey),
    firstProvidedAt: partner.firstProvidedAt,
    lastProvidedAt: partner.lastProvidedAt,
    agreementVersions: partner.agreementVersions,
    releases: partner.releases.map((release) => ({
      ...release,
      item: toLabelledKey(release.item),
      purpose: toLabelledKey(release.purpose),
    })),
    consents: partner.consents,
    engagements: partner.engagements,
    windowOpen: partner.windowOpen,
    windowClosesAt: partner.windowClosesAt,
    denials: partner.denials.map((denial) => ({ ...denial, item: toLabelledKey(denial.item) })),
    notices: partner.notices,
  });
}

export function toProvisionReportView(report: SubjectProvisionReport): ProvisionReportView {
  return Object.assign(new ProvisionReportView(), {
    shopSubjectId: report.shopSubjectId,
    generatedAt: report.generatedAt,
    partners: report.partners.map(toPartnerView),
    statutoryDisclosures: report.statutoryDisclosures.map((disclosure) => ({
      ...disclosure,
      statute: toLabelledKey(disclosure.statute),
      purpose: toLabelledKey(disclosure.purpose),
      items: disclosure.items.map(toLabelledKey),
    })),
  });
}
