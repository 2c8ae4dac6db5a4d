import { registerEnumType } from 'type-graphql';
import { enumOf } from '@provision/api-core';
import { ACCESS_CHANGE_KINDS, HARVEST_ALERT_KINDS, NOTICE_STATES } from '@provision/db';
import { FINDING_CODES, FINDING_SEVERITIES } from '@provision/review';
import { CLIENT_KINDS, LEGAL_BASES, PARTNER_KINDS, PARTNER_ROLES, PARTNER_STATUSES } from '@provision/domain';

export const PartnerKindEnum = enumOf(PARTNER_KINDS);
export const PartnerRoleEnum = enumOf(PARTNER_ROLES);
export const PartnerStatusEnum = enumOf(PARTNER_STATUSES);
export const LegalBasisEnum = enumOf(LEGAL_BASES);
export const LanguageEnum = enumOf(['en', 'ko'] as const);

registerEnumType(PartnerKindEnum, {
  name: 'PartnerKind',
  description: 'RECIPIENT: third-party provision (PIPA Art. 17). CONSIGNEE: processing on the shop\'s behalf (Art. 26).',
});
registerEnumType(PartnerRoleEnum, { name: 'PartnerRole', description: 'Which engagements bind the partner to subjects.' });
registerEnumType(PartnerStatusEnum, { name: 'PartnerStatus' });
registerEnumType(LegalBasisEnum, { name: 'LegalBasis' });
registerEnumType(LanguageEnum, { name: 'Language' });

export const NoticeStatusEnum = enumOf(NOTICE_STATES);
registerEnumType(NoticeStatusEnum, {
  name: 'NoticeStatus',
  description: 'Outbox delivery state: PENDING (not delivered yet, retrying), DELIVERED, DEAD (gave up; needs an admin).',
});

export const HarvestAlertKindEnum = enumOf(HARVEST_ALERT_KINDS);
registerEnumType(HarvestAlertKindEnum, {
  name: 'HarvestAlertKind',
  description: 'DISTINCT_SUBJECTS: distinct subjects released in a day. DENIAL_RATE: denied items per decided item in a day.',
});

export const ClientKindEnum = enumOf(CLIENT_KINDS);
registerEnumType(ClientKindEnum, {
  name: 'ClientKind',
  description: "PARTNER: a partner's system (needs a partner). SHOP: the shop's backend. ADMIN: the privacy officer's team.",
});

export const AccessChangeKindEnum = enumOf(ACCESS_CHANGE_KINDS);
registerEnumType(AccessChangeKindEnum, { name: 'AccessChangeKind', description: 'Kind of a permission-history entry.' });

export const FindingSeverityEnum = enumOf(FINDING_SEVERITIES);
registerEnumType(FindingSeverityEnum, { name: 'ReviewFindingSeverity' });
export const FindingCodeEnum = enumOf(FINDING_CODES);
registerEnumType(FindingCodeEnum, { name: 'ReviewFindingCode' });
