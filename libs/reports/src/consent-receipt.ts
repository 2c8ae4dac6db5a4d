import type { EntityManager } from '@mikro-orm/postgresql';
import {
  type ConsentChannel,
  describeRetentionRule,
  isUniqueIdentifier,
  type Label,
  type Language,
  parseRetentionRule,
  type PartnerKind,
} from '@provision/domain';
import { assertShopSubjectId } from './subject-report.js';
import { itemsInCatalogOrder, purposeLabel } from './labels.js';

// A subject's consents as Kantara Initiative Consent Receipts v1.1 (KI-CR-v1.1.0), so that other
// consent tools can read them. The constraints of the format are in
// `kantara-consent-receipt-v1.1.schema.json` beside this file, written from the specification's
// field tables; the tests validate every receipt against it.

/** The version string the specification fixes. */
export const CONSENT_RECEIPT_VERSION = 'KI-CR-v1.1.0';

/** The shop as the PII controller (configuration). */
export interface ReceiptController {
  name: string;
  /** The privacy officer (개인정보 보호책임자) or the office that answers for it. */
  contact: string;
  email: string;
  phone: string;
  address: string;
  policyUrl: string;
}

/** One purpose of a receipt's service: the items provided for it, to whom, until when. */
export interface ReceiptPurpose {
  purpose: string;
  purposeCategory: string[];
  consentType: 'EXPLICIT';
  piiCategory: string[];
  primaryPurpose: boolean;
  termination: string;
  thirdPartyDisclosure: boolean;
  thirdPartyName: string;
}

/** A Kantara Consent Receipt v1.1, as JSON. */
export interface ConsentReceipt {
  version: typeof CONSENT_RECEIPT_VERSION;
  jurisdiction: 'KR';
  consentTimestamp: number;
  collectionMethod: string;
  consentReceiptID: string;
  language: Language;
  piiPrincipalId: string;
  piiControllers: {
    piiController: string;
    onBehalf: false;
    contact: string;
    address: { streetAddress: string; addressCountry: 'KR' };
    email: string;
    phone: string;
  }[];
  policyUrl: string;
  services: { service: string; purposes: ReceiptPurpose[] }[];
  sensitive: boolean;
  spiCat: string[];
}

const COLLECTION_METHODS: Record<ConsentChannel, Label> = {
  WEB: { en: 'web form', ko: '웹 양식' },
  APP: { en: 'mobile app', ko: '모바일 앱' },
  PHONE: { en: 'telephone', ko: '전화' },
  PAPER: { en: 'paper form', ko: '서면' },
  IN_PERSON: { en: 'in person', ko: '대면' },
};

const WORDS = {
  service: { en: 'Provision of personal information to', ko: '개인정보 제공:' },
  until: { en: 'Provision ends', ko: '제공 종료:' },
  withdrawal: {
    en: 'or when consent is withdrawn (PIPA Art. 37), membership ends, or the partnership ends',
    ko: '또는 동의 철회(개인정보 보호법 제37조), 회원 탈퇴, 제휴 종료 시',
  },
  withdrawnAt: { en: 'Consent withdrawn at', ko: '동의 철회 일시:' },
  legalRepresentative: { en: 'Consent given by a legal representative (PIPA Art. 22-2).', ko: '법정대리인 동의(개인정보 보호법 제22조의2).' },
} satisfies Record<string, Label>;

/** One consent with what its receipt names, as the statement returns it. */
interface ConsentRow {
  id: string;
  channel: ConsentChannel;
  givenAt: string | Date;
  withdrawnAt: string | Date | null;
  legalRepresentative: boolean;
  retentionRule: string;
  version: number;
  partnerKind: PartnerKind;
  partnerNameEn: string;
  partnerNameKo: string;
  grants: { item: string; purpose: string }[];
}

const CONSENTS_SQL = `
select c.id, c.channel, c.given_at as "givenAt", c.withdrawn_at as "withdrawnAt",
       c.legal_representative_name is not null as "legalRepresentative",
       a.retention_rule as "retentionRule", a.version, p.kind as "partnerKind", p.name_en as "partnerNameEn", p.name_ko as "partnerNameKo",
       coalesce((select jsonb_agg(jsonb_build_object('item', g.item, 'purpose', g.purpose) order by g.purpose, g.item)
                   from agreement_grants g where g.agreement_id = a.id), '[]') as grants
  from consents c join subjects s on s.id = c.subject_id join agreements a on a.id = c.agreement_id join partners p on p.id = a.partner_id
 where s.shop_subject_id = ?
 order by c.given_at, c.id`;

/**
 * The controller's telephone as the specification asks (4.4.8: RFC 3966), a global number: a domestic
 * number (configuration takes `02-123-4567`) gets Korea's country code in place of its trunk 0.
 */
export function globalNumber(phone: string): string {
  return phone.startsWith('+') ? phone : `+82-${phone.replace(/^0/, '')}`;
}

/** The receipt of one consent: one service (the provision to the partner), one purpose per purpose granted. */
export function consentReceiptOf(row: ConsentRow, shopSubjectId: string, controller: ReceiptController, language: Language): ConsentReceipt {
  const partnerName = language === 'ko' ? row.partnerNameKo : row.partnerNameEn;
  const notes = [
    ...(row.legalRepresentative ? [WORDS.legalRepresentative[language]] : []),
    ...(row.withdrawnAt === null ? [] : [`${WORDS.withdrawnAt[language]} ${new Date(row.withdrawnAt).toISOString()}.`]),
  ];
  const termination = [
    `${WORDS.until[language]} ${describeRetentionRule(parseRetentionRule(row.retentionRule), language)}, ${WORDS.withdrawal[language]}.`,
    ...notes,
  ].join(' ');
  const purposes = [...new Set(row.grants.map((grant) => grant.purpose))];
  const items = row.grants.map((grant) => grant.item);
  const spiCat = itemsInCatalogOrder(items.filter(isUniqueIdentifier)).map((item) => item[language]);
  return {
    version: CONSENT_RECEIPT_VERSION,
    jurisdiction: 'KR',
    consentTimestamp: Math.floor(new Date(row.givenAt).getTime() / 1000),
    collectionMethod: COLLECTION_METHODS[row.channel][language],
    consentReceiptID: row.id,
    language,
    piiPrincipalId: shopSubjectId,
    piiControllers: [
      {
        piiController: controller.name,
        onBehalf: false,
        contact: controller.contact,
        address: { streetAddress: controller.address, addressCountry: 'KR' },
        email: controller.email,
        phone: globalNumber(controller.phone),
      },
    ],
    policyUrl: controller.policyUrl,
    services: [
      {
        service: `${WORDS.service[language]} ${partnerName} (v${row.version})`,
        purposes: purposes.map((purpose, index) => ({
          purpose: purposeLabel(purpose)[language],
          purposeCategory: [purpose],
          consentType: 'EXPLICIT',
          piiCategory: itemsInCatalogOrder(row.grants.filter((grant) => grant.purpose === purpose).map((grant) => grant.item)).map(
            (item) => item[language],
          ),
          primaryPurpose: index === 0,
          termination,
          // A recipient is a third party (PIPA Art. 17); a consignee processes on the shop's behalf (Art. 26).
          thirdPartyDisclosure: row.partnerKind === 'RECIPIENT',
          thirdPartyName: partnerName,
        })),
      },
    ],
    // Unique identifiers (PIPA Art. 24: customs code, CI, DI) are what this catalog treats as sensitive.
    sensitive: spiCat.length > 0,
    spiCat,
  };
}

/**
 * Every consent the subject gave (withdrawn ones too, with the withdrawal in `termination`), oldest
 * first, as Kantara Consent Receipts v1.1; null for a subject the shop never recorded.
 * @throws InputError on `shopSubjectId` for a malformed id
 */
export async function buildConsentReceipts(
  em: EntityManager,
  shopSubjectId: string,
  controller: ReceiptController,
  language: Language,
): Promise<ConsentReceipt[] | null> {
  assertShopSubjectId(shopSubjectId);
  const [subject] = await em.execute<{ id: string }[]>('select id from subjects where shop_subject_id = ?', [shopSubjectId]);
  if (!subject) return null;
  const rows = await em.execute<ConsentRow[]>(CONSENTS_SQL, [shopSubjectId]);
  return rows.map((row) => consentReceiptOf(row, shopSubjectId, controller, language));
}
