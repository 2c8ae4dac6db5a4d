import { parentKey } from './catalog.js';
import { ITEM_CATALOG, ITEM_KEYS, isGrantableItem, isUniqueIdentifier } from './item.catalog.js';

describe('ITEM_CATALOG', () => {
  it('holds the items of GLOSSARY.md, with the receiver group', () => {
    expect(ITEM_CATALOG.keys()).toEqual([
      'name',
      'mobile',
      'phone',
      'email',
      'address',
      'birthDate',
      'gender',
      'memberId',
      'companyName',
      'customsCode',
      'ci',
      'di',
      'receiver',
      'receiver.name',
      'receiver.phone',
      'receiver.address',
    ]);
  });

  it("has every key's parent", () => {
    for (const key of ITEM_CATALOG.keys()) {
      const parent = parentKey(key);
      if (parent !== null) expect(ITEM_CATALOG.has(parent)).toBe(true);
    }
  });

  it('labels every entry in English and Korean with the glossary wording', () => {
    for (const entry of ITEM_CATALOG.entries()) {
      expect(entry.label.en).not.toBe('');
      expect(entry.label.ko).toMatch(/[가-힣]/);
    }
    expect(ITEM_CATALOG.get('customsCode')?.label).toEqual({ en: 'personal customs clearance code', ko: '개인통관고유부호' });
    expect(ITEM_CATALOG.get('receiver.address')?.label).toEqual({ en: 'delivery address', ko: '배송지 주소' });
    expect(ITEM_CATALOG.get('memberId')?.label).toEqual({ en: 'member ID', ko: '아이디' });
  });

  it('marks customs code, CI and DI as unique identifiers, and nothing else', () => {
    const unique = ITEM_CATALOG.entries()
      .filter((entry) => entry.sensitivity === 'unique-identifier')
      .map((entry) => entry.key);
    expect(unique).toEqual(['customsCode', 'ci', 'di']);
    expect(isUniqueIdentifier('ci')).toBe(true);
    expect(isUniqueIdentifier('name')).toBe(false);
    expect(isUniqueIdentifier('unknown')).toBe(false);
  });

  it('makes exactly the leaves grantable: a group has children and cannot be granted', () => {
    for (const entry of ITEM_CATALOG.entries()) {
      expect(entry.grantable).toBe(ITEM_CATALOG.childrenOf(entry.key).length === 0);
    }
    expect(ITEM_CATALOG.get('receiver')?.grantable).toBe(false);
  });

  it("covers the KT recipient table's items (ID, name, mobile, company name, email, date of birth)", () => {
    for (const item of ['memberId', 'name', 'mobile', 'companyName', 'email', 'birthDate']) {
      expect(isGrantableItem(item)).toBe(true);
    }
  });

  it("covers the MIKMIK sellers' items (name, address, contact, personal customs code)", () => {
    for (const item of ['receiver.name', 'receiver.address', 'receiver.phone', 'customsCode']) {
      expect(isGrantableItem(item)).toBe(true);
    }
  });
});

describe('ITEM_KEYS and isGrantableItem', () => {
  it('lists the releasable items, without the group', () => {
    expect(ITEM_KEYS).toHaveLength(15);
    expect(ITEM_KEYS).not.toContain('receiver');
    expect(ITEM_KEYS).toContain('receiver.phone');
  });

  it.each([
    ['name', true],
    ['receiver.address', true],
    ['receiver', false],
    ['receiver.email', false],
    ['Name', false],
    ['', false],
    ['toString', false],
    ['__proto__', false],
  ])('isGrantableItem(%j) is %s', (key, expected) => {
    expect(isGrantableItem(key)).toBe(expected);
  });
});
