import { createCatalog, parentKey, type CatalogEntry } from './catalog.js';

const entry = (key: string): CatalogEntry => ({ key, label: { en: `en ${key}`, ko: `ko ${key}` } });

describe('parentKey', () => {
  it.each([
    ['order', null],
    ['order.delivery', 'order'],
    ['a.b.c', 'a.b'],
  ])('%s has parent %s', (key, parent) => {
    expect(parentKey(key)).toBe(parent);
  });
});

describe('createCatalog', () => {
  const catalog = createCatalog(['order', 'order.delivery', 'order.delivery.express', 'order.returns', 'orders', 'customs'].map(entry));

  describe('construction', () => {
    it('accepts a parent listed after its child', () => {
      expect(createCatalog([entry('a.b'), entry('a')]).keys()).toEqual(['a.b', 'a']);
    });

    it('accepts an empty catalog', () => {
      expect(createCatalog([]).entries()).toEqual([]);
    });

    it('refuses an entry whose parent is missing', () => {
      expect(() => createCatalog([entry('order'), entry('customs.clearance')])).toThrow(
        'catalog key "customs.clearance" has no parent entry "customs"',
      );
    });

    it('refuses a grandchild whose middle generation is missing', () => {
      expect(() => createCatalog([entry('a'), entry('a.b.c')])).toThrow('has no parent entry "a.b"');
    });

    it('refuses a duplicated key', () => {
      expect(() => createCatalog([entry('order'), entry('order')])).toThrow('catalog key "order" is listed twice');
    });

    it.each(['', '.order', 'order.', 'order..delivery', 'order delivery', '1order', 'order.-x', 'order.x-', 'pii:name', 'a--b'])(
      'refuses the malformed key %j',
      (key) => {
        expect(() => createCatalog([entry(key)])).toThrow('is not a dotted key');
      },
    );

    it.each(['birthDate', 'order.customer-service', 'support.system-maintenance', 'a1.b2'])('accepts the key %j', (key) => {
      const parents = [];
      for (let parent = parentKey(key); parent !== null; parent = parentKey(parent)) parents.push(entry(parent));
      expect(createCatalog([...parents, entry(key)]).has(key)).toBe(true);
    });

    it.each([
      { en: '', ko: '주문' },
      { en: 'order', ko: ' ' },
    ])('refuses a missing label %j', (label) => {
      expect(() => createCatalog([{ key: 'order', label }])).toThrow('needs both an English and a Korean label');
    });
  });

  describe('lookup', () => {
    it('finds entries by key', () => {
      expect(catalog.get('order.delivery')).toEqual(entry('order.delivery'));
      expect(catalog.has('order.delivery')).toBe(true);
    });

    it('answers undefined / false for unknown keys', () => {
      expect(catalog.get('order.unknown')).toBeUndefined();
      expect(catalog.has('order.unknown')).toBe(false);
      expect(catalog.has('')).toBe(false);
    });

    it('lists entries and keys in the order given, and they cannot be changed', () => {
      expect(catalog.keys()).toEqual(['order', 'order.delivery', 'order.delivery.express', 'order.returns', 'orders', 'customs']);
      expect(catalog.entries().map((e) => e.key)).toEqual(catalog.keys());
      expect(Object.isFrozen(catalog.entries())).toBe(true);
      expect(Object.isFrozen(catalog.keys())).toBe(true);
    });

    it('is not affected by later changes to the input array', () => {
      const input = [entry('x')];
      const built = createCatalog(input);
      input.push(entry('y'));
      expect(built.keys()).toEqual(['x']);
      expect(built.has('y')).toBe(false);
    });
  });

  describe('hierarchy', () => {
    it('gives the parent, or null at the top', () => {
      expect(catalog.parentOf('order.delivery.express')?.key).toBe('order.delivery');
      expect(catalog.parentOf('order')).toBeNull();
    });

    it('gives the direct children only', () => {
      expect(catalog.childrenOf('order').map((e) => e.key)).toEqual(['order.delivery', 'order.returns']);
      expect(catalog.childrenOf('customs')).toEqual([]);
    });

    it('gives ancestors nearest first', () => {
      expect(catalog.ancestorsOf('order.delivery.express').map((e) => e.key)).toEqual(['order.delivery', 'order']);
      expect(catalog.ancestorsOf('order')).toEqual([]);
    });

    it.each(['parentOf', 'childrenOf', 'ancestorsOf'] as const)('%s throws for an unknown key', (method) => {
      expect(() => catalog[method]('nope')).toThrow(RangeError);
    });
  });

  describe('covers', () => {
    it.each([
      ['order', 'order', true],
      ['order', 'order.delivery', true],
      ['order', 'order.delivery.express', true],
      ['order.delivery', 'order.delivery.express', true],
      ['order.delivery', 'order', false],
      ['order.delivery', 'order.returns', false],
      ['order', 'orders', false],
      ['order', 'customs', false],
      ['order', 'order.unknown', false],
      ['order.unknown', 'order.unknown', false],
      ['', 'order', false],
    ])('%s covers %s: %s', (granted, requested, expected) => {
      expect(catalog.covers(granted, requested)).toBe(expected);
    });

    it('is the key itself or a key that goes on with a dot, for every pair of keys', () => {
      for (const granted of catalog.keys()) {
        for (const requested of catalog.keys()) {
          const descendant = requested === granted || requested.startsWith(`${granted}.`);
          expect([granted, requested, catalog.covers(granted, requested)]).toEqual([granted, requested, descendant]);
        }
      }
    });
  });
});
