import { PURPOSE_CATALOG } from './purpose.catalog.js';
import { isCitableStatute, STATUTE_CATALOG } from './statute.catalog.js';

describe('STATUTE_CATALOG', () => {
  it('cites each article with its act, in English and Korean, and files acts as groups that cannot be cited', () => {
    for (const entry of STATUTE_CATALOG.entries()) {
      const parent = STATUTE_CATALOG.parentOf(entry.key);
      if (entry.citable) {
        expect(parent).not.toBeNull();
        expect(entry.label.ko.startsWith(parent?.label.ko ?? '')).toBe(true);
        expect(entry.label.en.startsWith(`${parent?.label.en}, Art. `)).toBe(true);
        expect(entry.label.ko).toMatch(/제\d+조/);
      } else {
        expect(parent).toBeNull();
        expect(entry.purpose).toBeNull();
      }
    }
  });

  it('gives every article a purpose of the purpose catalog: statutory ones for authorities, the agreement purpose for customs', () => {
    for (const entry of STATUTE_CATALOG.entries().filter((candidate) => candidate.citable)) {
      expect(entry.purpose).not.toBeNull();
      expect(PURPOSE_CATALOG.has(entry.purpose ?? '')).toBe(true);
    }
    expect(STATUTE_CATALOG.get('criminal-procedure-act.art-215')?.purpose).toBe('statutory.investigation');
    expect(STATUTE_CATALOG.get('income-tax-act.art-170')?.purpose).toBe('statutory.tax');
    expect(STATUTE_CATALOG.get('civil-procedure-act.art-347')?.purpose).toBe('statutory.court');
    expect(STATUTE_CATALOG.get('customs-act.art-241')?.purpose).toBe('customs.clearance');
  });

  it.each([
    ['criminal-procedure-act.art-215', true],
    ['customs-act.art-241', true],
    ['criminal-procedure-act', false],
    ['criminal-procedure-act.art-999', false],
    ['', false],
  ])('isCitableStatute(%j) is %s', (key, expected) => {
    expect(isCitableStatute(key)).toBe(expected);
  });
});
