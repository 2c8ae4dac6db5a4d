import { createCatalog, type CatalogEntry } from './catalog.js';

// Labels follow GLOSSARY.md; the usual wording of Korean privacy policies.
const PURPOSE_ENTRIES = [
  { key: 'order', label: { en: 'order fulfilment', ko: '주문 이행' } },
  { key: 'order.delivery', label: { en: 'delivery of ordered goods', ko: '주문 상품 배송' } },
  {
    key: 'order.customer-service',
    label: { en: 'customer consultation and complaint handling', ko: '고객 상담 및 불만 처리' },
  },
  { key: 'order.returns', label: { en: 'returns, exchanges and refunds', ko: '반품·교환·환불 처리' } },
  { key: 'customs', label: { en: 'customs', ko: '통관' } },
  { key: 'customs.clearance', label: { en: 'customs clearance filing', ko: '수입 통관 신고' } },
  { key: 'service', label: { en: 'partner services', ko: '제휴 서비스' } },
  { key: 'service.gift-voucher', label: { en: 'Gifti-show gift voucher service', ko: '기프티쇼 서비스 제공' } },
  { key: 'service.web-fax', label: { en: 'web-fax service', ko: '웹팩스 서비스 제공' } },
  { key: 'support', label: { en: 'outsourced support', ko: '업무 지원' } },
  { key: 'support.call-center', label: { en: 'call-center consultation', ko: '콜센터 상담' } },
  { key: 'support.identity-verification', label: { en: 'mobile identity verification', ko: '휴대폰 본인확인' } },
  { key: 'support.system-maintenance', label: { en: 'system maintenance', ko: '시스템 유지보수' } },
  { key: 'subject-rights', label: { en: "answering data subjects' requests", ko: '정보주체 권리 행사 대응' } },
  {
    key: 'subject-rights.access',
    label: { en: "answering a subject's request for access (PIPA Art. 35)", ko: '개인정보 열람 요구 처리' },
  },
] as const satisfies readonly CatalogEntry[];

/** A purpose key such as `order.delivery`. */
export type PurposeKey = (typeof PURPOSE_ENTRIES)[number]['key'];
/** One purpose of provision. */
export type PurposeEntry = CatalogEntry<PurposeKey>;

/** The purpose catalog, shipped as data (DESIGN.md, "Purpose"). Every purpose, group or not, may be granted. */
export const PURPOSE_CATALOG = createCatalog<PurposeEntry>(PURPOSE_ENTRIES);

/** Every purpose key in catalog order. */
export const PURPOSE_KEYS: readonly PurposeKey[] = PURPOSE_CATALOG.keys();

/** Whether `key` is a purpose of the catalog. */
export function isPurposeKey(key: string): key is PurposeKey {
  return PURPOSE_CATALOG.has(key);
}

/**
 * Whether a grant for `granted` permits use for `requested`: a purpose covers itself and its
 * children (`order` covers `order.delivery`, not the other way round). False for unknown keys.
 */
export function purposeCovers(granted: string, requested: string): boolean {
  return PURPOSE_CATALOG.covers(granted, requested);
}
