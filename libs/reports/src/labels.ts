import {
  ITEM_CATALOG,
  PURPOSE_CATALOG,
  type Catalog,
  type CatalogEntry,
  type DenialReason,
  type Label,
  type NoticeType,
  type PartnerKind,
  type PartnerRole,
  type PartnerStatus,
} from '@provision/domain';

// Words of the report and disclosure pages in the two languages they are published in. Catalog
// keys (items, purposes) take their labels from the domain catalogs; the terms below follow
// GLOSSARY.md, the usual wording of Korean privacy policies.

/** A catalog key with its English and Korean labels, as the report and the tables show it. */
export interface Labelled extends Label {
  key: string;
}

/** An item key with its catalog labels; an unknown key (an item retired from the catalog) shows as itself. */
export function itemLabel(key: string): Labelled {
  return { key, ...(ITEM_CATALOG.get(key)?.label ?? { en: key, ko: key }) };
}

/** A purpose key with its catalog labels; an unknown key shows as itself. */
export function purposeLabel(key: string): Labelled {
  return { key, ...(PURPOSE_CATALOG.get(key)?.label ?? { en: key, ko: key }) };
}

function inCatalogOrder<E extends CatalogEntry>(catalog: Catalog<E>, keys: Iterable<string>, label: (key: string) => Labelled): Labelled[] {
  const order: readonly string[] = catalog.keys();
  const rank = (key: string) => (order.includes(key) ? order.indexOf(key) : order.length);
  return [...new Set(keys)].sort((a, b) => rank(a) - rank(b) || (a < b ? -1 : a > b ? 1 : 0)).map(label);
}

/** Distinct item keys with their labels, in catalog order (the order policies list them in). */
export function itemsInCatalogOrder(keys: Iterable<string>): Labelled[] {
  return inCatalogOrder(ITEM_CATALOG, keys, itemLabel);
}

/** Distinct purpose keys with their labels, in catalog order. */
export function purposesInCatalogOrder(keys: Iterable<string>): Labelled[] {
  return inCatalogOrder(PURPOSE_CATALOG, keys, purposeLabel);
}

export const PARTNER_KIND_LABELS: Record<PartnerKind, Label> = {
  RECIPIENT: { en: 'recipient (third-party provision)', ko: '제공받는 자(제3자 제공)' },
  CONSIGNEE: { en: 'consignee', ko: '수탁자' },
};

export const PARTNER_ROLE_LABELS: Record<PartnerRole, Label> = {
  SELLER: { en: 'seller', ko: '판매자' },
  CUSTOMS_BROKER: { en: 'customs broker', ko: '관세사' },
  SERVICE_PROVIDER: { en: 'partner service', ko: '제휴 서비스' },
  SUPPORT: { en: 'outsourced support', ko: '업무 지원' },
};

export const PARTNER_STATUS_LABELS: Record<PartnerStatus, Label> = {
  ACTIVE: { en: 'active', ko: '제휴 중' },
  SUSPENDED: { en: 'suspended', ko: '제공 중지' },
  TERMINATED: { en: 'partnership terminated', ko: '제휴 종료' },
};

export const NOTICE_TYPE_LABELS: Record<NoticeType, Label> = {
  'window-closed': { en: 'provision period ended: destroy', ko: '보유·이용 기간 종료(파기 요청)' },
  'partnership-terminated': { en: 'partnership terminated: destroy all', ko: '제휴 종료(전체 파기 요청)' },
  'consent-withdrawn': { en: 'consent withdrawn: destroy', ko: '동의 철회(파기 요청)' },
  'subject-corrected': { en: 'correction of your information', ko: '개인정보 정정 통지' },
  'processing-suspended': { en: 'suspension of processing', ko: '처리정지 통지' },
};

export const DENIAL_REASON_LABELS: Record<DenialReason, Label> = {
  SCOPE_MISSING: { en: 'not in the access token', ko: '접근 권한 없음' },
  PARTNERSHIP_ENDED: { en: 'partnership terminated', ko: '제휴 종료' },
  PARTNER_SUSPENDED: { en: 'partner suspended', ko: '제공 중지된 제휴사' },
  ITEM_NOT_GRANTED: { en: 'item not in the agreement', ko: '제공 항목 아님' },
  PURPOSE_NOT_PERMITTED: { en: 'purpose not in the agreement', ko: '제공 목적 아님' },
  CONSENT_MISSING: { en: 'no consent', ko: '동의 없음' },
  CONSENT_WITHDRAWN: { en: 'consent withdrawn', ko: '동의 철회' },
  GUARDIAN_CONSENT_MISSING: { en: 'no consent of a legal representative (under 14)', ko: '법정대리인 동의 없음 (만 14세 미만)' },
  WINDOW_CLOSED: { en: 'provision period ended', ko: '보유·이용 기간 종료' },
  PROCESSING_SUSPENDED: { en: 'processing suspended at your request', ko: '처리정지 요구' },
  UNDER_CORRECTION: { en: 'under correction', ko: '정정 처리 중' },
  OVERSEAS_TRANSFER_NOT_PERMITTED: { en: 'overseas transfer not permitted', ko: '국외 이전 불가' },
  DAILY_CEILING_REACHED: { en: "partner's daily limit reached", ko: '제휴사 일일 제공 한도 초과' },
};

/** Headings and words of the pages (GLOSSARY.md). */
export const TERMS = {
  reportTitle: { en: 'Provision of your personal information to third parties', ko: '개인정보 제3자 제공 내역' },
  reportIntro: {
    en: 'Every partner that received personal information about you from {shop}, which items, for which purposes and when (PIPA Art. 35). Items are named, never shown.',
    ko: '개인정보 보호법 제35조에 따른 열람: {shop}(으)로부터 귀하의 개인정보를 제공받은 자, 제공 항목, 이용 목적 및 제공 시기입니다. 항목의 이름만 표시하며 값은 표시하지 않습니다.',
  },
  theShop: { en: 'the shop', ko: '쇼핑몰' },
  questions: { en: 'Questions about this report', ko: '이 내역에 대한 문의' },
  dataSubject: { en: 'data subject', ko: '정보주체' },
  generatedAt: { en: 'as of', ko: '기준 시각' },
  noProvision: { en: 'No personal information about you has been provided.', ko: '제공된 개인정보가 없습니다.' },
  recipient: { en: 'recipient', ko: '제공받는 자' },
  kind: { en: 'kind', ko: '구분' },
  role: { en: 'role', ko: '역할' },
  country: { en: 'country', ko: '국가' },
  status: { en: 'status', ko: '상태' },
  items: { en: 'items provided', ko: '제공하는 개인정보 항목' },
  purpose: { en: 'purpose of use by the recipient', ko: '제공받는 자의 이용 목적' },
  firstProvided: { en: 'first provided', ko: '최초 제공' },
  lastProvided: { en: 'last provided', ko: '최근 제공' },
  times: { en: 'times', ko: '횟수' },
  agreementVersion: { en: 'agreement version', ko: '계약(동의) 버전' },
  retention: { en: 'retention and use period of the recipient', ko: '제공받는 자의 보유·이용 기간' },
  consent: { en: 'consent', ko: '동의' },
  consentGiven: { en: 'given', ko: '동의 일시' },
  consentWithdrawn: { en: 'withdrawn', ko: '동의 철회 일시' },
  noConsent: { en: 'no consent needed or recorded', ko: '동의 기록 없음' },
  givenBy: { en: 'whose', ko: '동의한 사람' },
  givenBySubject: { en: 'yours', ko: '본인' },
  givenByOrderer: { en: "the orderer's, covering you as the receiver", ko: '주문자(수령인인 귀하의 정보 제공에 대한 동의)' },
  window: { en: 'provision period', ko: '제공 기간' },
  windowOpen: { en: 'open', ko: '제공 중' },
  windowClosed: { en: 'closed', ko: '종료' },
  closesAt: { en: 'closes', ko: '종료 시점' },
  closesNotYetKnown: { en: 'not yet fixed (runs until its end event)', ko: '미정(종료 사유 발생 시까지)' },
  engagement: { en: 'through', ko: '제공 근거 거래' },
  denials: { en: 'withheld', ko: '제공 거부' },
  reason: { en: 'reason', ko: '사유' },
  notices: { en: 'notices sent to the recipient about you', ko: '제공받는 자에게 보낸 통지' },
  noticeType: { en: 'notice', ko: '통지' },
  sentAt: { en: 'created', ko: '통지 일시' },
  delivered: { en: 'delivered', ko: '전달' },
  destruction: { en: 'destruction', ko: '파기' },
  destroyedAt: { en: 'destroyed', ko: '파기 일시' },
  notConfirmed: { en: 'not yet confirmed', ko: '확인 전' },
  notApplicable: { en: '—', ko: '—' },
  yes: { en: 'yes', ko: '예' },
  no: { en: 'no', ko: '아니오' },
  notDeliveredYet: { en: 'not yet (attempts so far: {n})', ko: '전달 중 (지금까지 {n}회 시도)' },
  deliveryGivenUp: {
    en: 'not delivered: given up after {n} attempts; the shop sends it again',
    ko: '전달 실패: {n}회 시도 후 중단, 쇼핑몰이 다시 보냅니다',
  },
  disclosureTitle: { en: 'Provision and consignment of personal information', ko: '개인정보의 제3자 제공 및 처리업무의 위탁' },
  recipientsTitle: { en: 'Provision to third parties (PIPA Art. 17)', ko: '개인정보의 제3자 제공 (개인정보 보호법 제17조)' },
  consigneesTitle: { en: 'Consignment of processing (PIPA Art. 26)', ko: '개인정보 처리업무의 위탁 (개인정보 보호법 제26조)' },
  consignee: { en: 'consignee', ko: '수탁자' },
  consignedTask: { en: 'consigned task', ko: '위탁업무 내용' },
  reconsignees: { en: 're-consignees', ko: '재수탁자' },
  legalBasis: { en: 'legal basis', ko: '법적 근거' },
  effectiveFrom: { en: 'in force since', ko: '시행일' },
  overseas: { en: 'overseas transfer (PIPA Art. 28-8)', ko: '개인정보의 국외 이전 (제28조의8)' },
  none: { en: 'none', ko: '없음' },
  asOf: { en: 'as in force on', ko: '기준일' },
  statutoryTitle: {
    en: 'Provision required by law, without your consent (PIPA Art. 18(2))',
    ko: '법령에 따른 동의 없는 제공 (개인정보 보호법 제18조제2항)',
  },
  authority: { en: 'requesting authority', ko: '요청 기관' },
  documentDate: { en: 'date of the request', ko: '요청 문서 일자' },
  disclosedAt: { en: 'provided', ko: '제공 일시' },
  documentNumber: { en: 'document number', ko: '문서 번호' },
  subjects: { en: 'data subjects', ko: '정보주체' },
  approvedBy: { en: 'approved by', ko: '승인자' },
  notifyDeferredUntil: { en: 'notice to the subject deferred until', ko: '정보주체 통지 유예 기한' },
  deferralReason: { en: 'ground for the deferral', ko: '유예 근거' },
  annualNoticeTitle: { en: 'Annual notice of the provision of your personal information', ko: '개인정보 이용·제공 내역 통지' },
  annualNoticeBasis: { en: 'PIPA Art. 20-2', ko: '개인정보 보호법 제20조의2' },
  annualNoticeIntro: {
    en: 'Which of your personal information {shop} provided to whom, and why, from {from} to {to} (Korean time). Items are named, never shown.',
    ko: '{shop}이(가) {from}부터 {to}까지(한국 시간) 귀하의 개인정보를 제공한 내역입니다. 항목의 이름만 표시하며 값은 표시하지 않습니다.',
  },
  providedTo: { en: 'provided to', ko: '제공받은 자' },
  provided: { en: 'provided', ko: '제공' },
  providedTimes: { en: '{n} times, {first} – {last}', ko: '{n}회, {first} ~ {last}' },
  providedOnce: { en: 'once, {first}', ko: '1회, {first}' },
} as const satisfies Record<string, Label>;

