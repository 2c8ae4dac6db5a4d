import { createCatalog, type CatalogEntry } from './catalog.js';

/** One purpose of provision, or a group of purposes. */
export interface PurposeEntry<K extends string = string> extends CatalogEntry<K> {
  /**
   * Whether a partner's agreement may grant the purpose. The shop's own duties are not: answering a
   * data subject (`subject-rights`) is an admin's read, and a provision required by law
   * (`statutory`) is a one-time statutory disclosure to an authority, recorded per request, never a
   * standing grant.
   */
  readonly grantable: boolean;
}

// Labels follow GLOSSARY.md; the usual wording of Korean privacy policies.
const PURPOSE_ENTRIES = [
  { key: 'order', label: { en: 'order fulfilment', ko: '주문 이행' }, grantable: true },
  { key: 'order.delivery', label: { en: 'delivery of ordered goods', ko: '주문 상품 배송' }, grantable: true },
  {
    key: 'order.customer-service',
    label: { en: 'customer consultation and complaint handling', ko: '고객 상담 및 불만 처리' },
    grantable: true,
  },
  { key: 'order.returns', label: { en: 'returns, exchanges and refunds', ko: '반품·교환·환불 처리' }, grantable: true },
  { key: 'customs', label: { en: 'customs', ko: '통관' }, grantable: true },
  { key: 'customs.clearance', label: { en: 'customs clearance filing', ko: '수입 통관 신고' }, grantable: true },
  { key: 'service', label: { en: 'partner services', ko: '제휴 서비스' }, grantable: true },
  { key: 'service.gift-voucher', label: { en: 'Gifti-show gift voucher service', ko: '기프티쇼 서비스 제공' }, grantable: true },
  { key: 'service.web-fax', label: { en: 'web-fax service', ko: '웹팩스 서비스 제공' }, grantable: true },
  { key: 'support', label: { en: 'outsourced support', ko: '업무 지원' }, grantable: true },
  { key: 'support.call-center', label: { en: 'call-center consultation', ko: '콜센터 상담' }, grantable: true },
  { key: 'support.identity-verification', label: { en: 'mobile identity verification', ko: '휴대폰 본인확인' }, grantable: true },
  { key: 'support.system-maintenance', label: { en: 'system maintenance', ko: '시스템 유지보수' }, grantable: true },
  { key: 'subject-rights', label: { en: "answering data subjects' requests", ko: '정보주체 권리 행사 대응' }, grantable: false },
  {
    key: 'subject-rights.access',
    label: { en: "answering a subject's request for access (PIPA Art. 35)", ko: '개인정보 열람 요구 처리' },
    grantable: false,
  },
  { key: 'statutory', label: { en: 'provision required by law', ko: '법령에 따른 제공' }, grantable: false },
  { key: 'statutory.investigation', label: { en: 'criminal investigation', ko: '범죄 수사' }, grantable: false },
  { key: 'statutory.tax', label: { en: 'tax investigation and assessment', ko: '세무 조사 및 과세' }, grantable: false },
  { key: 'statutory.court', label: { en: 'court proceedings', ko: '법원의 재판 업무' }, grantable: false },
] as const satisfies readonly PurposeEntry[];

/** A purpose key such as `order.delivery`. */
export type PurposeKey = (typeof PURPOSE_ENTRIES)[number]['key'];

/** The purpose catalog, shipped as data (DESIGN.md, "Purpose"). A grantable purpose may be granted, group or not. */
export const PURPOSE_CATALOG = createCatalog<PurposeEntry<PurposeKey>>(PURPOSE_ENTRIES);

/** Every purpose key in catalog order. */
export const PURPOSE_KEYS: readonly PurposeKey[] = PURPOSE_CATALOG.keys();

/** Whether `key` is a purpose of the catalog. */
export function isPurposeKey(key: string): key is PurposeKey {
  return PURPOSE_CATALOG.has(key);
}

/** Whether a partner's agreement may grant `key` (a catalog purpose that is not one of the shop's own duties). */
export function isGrantablePurpose(key: string): key is PurposeKey {
  return PURPOSE_CATALOG.get(key)?.grantable === true;
}

/**
 * Whether a grant for `granted` permits use for `requested`: a purpose covers itself and its
 * children (`order` covers `order.delivery`, not the other way round). False for unknown keys.
 */
export function purposeCovers(granted: string, requested: string): boolean {
  return PURPOSE_CATALOG.covers(granted, requested);
}
