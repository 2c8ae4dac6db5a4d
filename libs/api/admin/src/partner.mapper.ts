import type { Agreement } from '@provision/db';
import { agreementInForce, describeLegalBasis, describeRetentionRule, parseRetentionRule, statusAt } from '@provision/domain';
import type { PartnerRecord } from './registry.service.js';
import { AgreementView, PartnerView } from './partner.type.js';
import { personView } from './person.type.js';
import { toClientView } from './access-history.mapper.js';

/** Maps an agreement row to its public view; grants sorted so the output is stable. */
export function toAgreementView(agreement: Agreement): AgreementView {
  const rule = parseRetentionRule(agreement.retentionRule);
  return Object.assign(new AgreementView(), {
    id: agreement.id,
    version: agreement.version,
    grants: agreement.grants
      .getItems()
      .map(({ item, purpose }) => ({ item, purpose }))
      .sort((a, b) => a.item.localeCompare(b.item) || a.purpose.localeCompare(b.purpose)),
    retentionRule: agreement.retentionRule,
    retentionEn: describeRetentionRule(rule, 'en'),
    retentionKo: describeRetentionRule(rule, 'ko'),
    legalBasis: agreement.legalBasis,
    statute: agreement.statute,
    legalBasisEn: describeLegalBasis(agreement.legalBasis, agreement.statute, 'en'),
    legalBasisKo: describeLegalBasis(agreement.legalBasis, agreement.statute, 'ko'),
    consentRequired: agreement.consentRequired,
    effectiveFrom: agreement.effectiveFrom,
    publishedAt: agreement.publishedAt,
    publishedBy: agreement.publishedBy,
    publishedByPerson: personView(agreement.publishedBySub, agreement.publishedByName),
    approvedAt: agreement.approvedAt,
    approvedBy: agreement.approvedBy,
    approvedByPerson: personView(agreement.approvedBySub, agreement.approvedByName),
    dailySubjectCeiling: agreement.dailySubjectCeiling,
    rateCapacity: agreement.rateCapacity,
    rateRefillPerMinute: agreement.rateRefillPerMinute,
  });
}

export function toPartnerView({ partner, history, agreements, clients }: PartnerRecord, now: Date): PartnerView {
  const current = agreementInForce(agreements, now);
  return Object.assign(new PartnerView(), {
    id: partner.id,
    code: partner.code,
    nameKo: partner.nameKo,
    nameEn: partner.nameEn,
    kind: partner.kind,
    role: partner.role,
    parentId: partner.parent?.id ?? null,
    consignedTaskKo: partner.consignedTaskKo ?? null,
    consignedTaskEn: partner.consignedTaskEn ?? null,
    country: partner.country,
    status: statusAt(history, now),
    statusHistory: history.map(({ status, reason, effectiveAt, recordedAt, recordedBy }) => ({
      status,
      reason,
      effectiveAt,
      recordedAt,
      recordedBy,
    })),
    currentAgreement: current ? toAgreementView(current) : null,
    agreements: [...agreements].sort((a, b) => b.version - a.version).map(toAgreementView),
    clientIds: clients.filter((client) => client.revokedAt === null).map((client) => client.clientId),
    clients: clients.map(toClientView),
    privacyContact: {
      name: partner.privacyContactName,
      email: partner.privacyContactEmail,
      phone: partner.privacyContactPhone ?? null,
    },
    webhookUrl: partner.webhookUrl ?? null,
    registeredAt: partner.registeredAt,
  });
}
