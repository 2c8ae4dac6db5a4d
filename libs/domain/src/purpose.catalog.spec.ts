import { parentKey } from './catalog.js';
import { PURPOSE_CATALOG, PURPOSE_KEYS, isGrantablePurpose, isPurposeKey, purposeCovers } from './purpose.catalog.js';

describe('PURPOSE_CATALOG', () => {
  it('holds the purposes of GLOSSARY.md', () => {
    expect(PURPOSE_KEYS).toEqual([
      'order',
      'order.delivery',
      'order.customer-service',
      'order.returns',
      'customs',
      'customs.clearance',
      'service',
      'service.gift-voucher',
      'service.web-fax',
      'support',
      'support.call-center',
      'support.identity-verification',
      'support.system-maintenance',
      'subject-rights',
      'subject-rights.access',
      'statutory',
      'statutory.investigation',
      'statutory.tax',
      'statutory.court',
    ]);
  });

  it("grants partners every purpose but the shop's own duties: answering subjects and statutory disclosures", () => {
    const own = PURPOSE_KEYS.filter((key) => !isGrantablePurpose(key));
    expect(own).toEqual(['subject-rights', 'subject-rights.access', 'statutory', 'statutory.investigation', 'statutory.tax', 'statutory.court']);
    expect(isGrantablePurpose('order.delivery')).toBe(true);
    expect(isGrantablePurpose('order.unknown')).toBe(false);
  });

  it("has every key's parent", () => {
    for (const key of PURPOSE_KEYS) {
      const parent = parentKey(key);
      if (parent !== null) expect(PURPOSE_CATALOG.has(parent)).toBe(true);
    }
  });

  it('labels every purpose in English and Korean with the glossary wording', () => {
    for (const entry of PURPOSE_CATALOG.entries()) {
      expect(entry.label.en).not.toBe('');
      expect(entry.label.ko).toMatch(/[가-힣]/);
    }
    expect(PURPOSE_CATALOG.get('order.delivery')?.label).toEqual({ en: 'delivery of ordered goods', ko: '주문 상품 배송' });
    expect(PURPOSE_CATALOG.get('service.gift-voucher')?.label.ko).toBe('기프티쇼 서비스 제공');
  });

  it.each([
    ['order.delivery', true],
    ['order', true],
    ['order.shipping', false],
    ['ORDER', false],
    ['', false],
  ])('isPurposeKey(%j) is %s', (key, expected) => {
    expect(isPurposeKey(key)).toBe(expected);
  });
});

describe('purposeCovers', () => {
  it.each([
    ['order', 'order.delivery', true],
    ['order', 'order.customer-service', true],
    ['order', 'order', true],
    ['order.delivery', 'order.delivery', true],
    ['support', 'support.call-center', true],
    ['order.delivery', 'order', false],
    ['order.delivery', 'order.returns', false],
    ['order', 'customs.clearance', false],
    ['service.gift-voucher', 'service.web-fax', false],
    ['order', 'order.unknown', false],
    ['order.unknown', 'order.unknown', false],
  ])('a grant for %s covers %s: %s', (granted, requested, expected) => {
    expect(purposeCovers(granted, requested)).toBe(expected);
  });
});
