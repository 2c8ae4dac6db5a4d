import { InputError } from '@provision/domain';
import { parseBreachFilter, REGULATOR_THRESHOLD_SUBJECTS, scopeOf } from './breach-scope.js';
import { TEST_CONTROLLER } from './controller.harness.js';

const controller = TEST_CONTROLLER;
const subjects = (count: number, items: string[]) =>
  Array.from({ length: count }, (_, index) => ({
    shopSubjectId: `s-${index}`,
    items,
    releases: 2,
    firstAt: new Date(Date.UTC(2026, 1, 1) + index * 1000),
    lastAt: new Date(Date.UTC(2026, 2, 1) + index * 1000),
  }));

describe('scopeOf (PIPA Art. 34)', () => {
  it('tells the regulator at 1,000 subjects, not at 999', () => {
    const below = scopeOf({ partnerCode: 'x' }, subjects(REGULATOR_THRESHOLD_SUBJECTS - 1, ['receiver.name']), controller);
    expect([below.subjects, below.thresholdCrossed, below.regulatorNotificationRequired]).toEqual([999, false, false]);
    const at = scopeOf({ partnerCode: 'x' }, subjects(REGULATOR_THRESHOLD_SUBJECTS, ['receiver.name']), controller);
    expect([at.subjects, at.releases, at.thresholdCrossed, at.regulatorNotificationRequired]).toEqual([1000, 2000, true, true]);
  });

  it('tells the regulator of any unique identifier, however few subjects', () => {
    const scope = scopeOf({ partnerCode: 'x' }, subjects(1, ['customsCode', 'receiver.name']), controller);
    expect(scope.uniqueIdentifiers.map((item) => item.key)).toEqual(['customsCode']);
    expect([scope.thresholdCrossed, scope.regulatorNotificationRequired]).toEqual([false, true]);
    expect(scope.noticeDraft.items).toEqual({ en: "personal customs clearance code, receiver's name", ko: '개인통관고유부호, 수령인 성명' });
  });

  it('spans the first to the last release, and folds 200,000 subjects without overflowing the stack', () => {
    const scope = scopeOf({ partnerCode: 'x' }, subjects(200_000, ['receiver.name']), controller);
    expect(scope.firstReleaseAt).toEqual(new Date(Date.UTC(2026, 1, 1)));
    expect(scope.lastReleaseAt).toEqual(new Date(Date.UTC(2026, 2, 1) + 199_999 * 1000));
    expect(scopeOf({ partnerCode: 'x' }, [], controller)).toMatchObject({ subjects: 0, firstReleaseAt: null, regulatorNotificationRequired: false });
  });
});

describe('parseBreachFilter', () => {
  const fieldOf = (query: Record<string, unknown>) => {
    try {
      parseBreachFilter(query);
      return null;
    } catch (error) {
      if (error instanceof InputError) return error.field;
      throw error;
    }
  };

  it('needs a party or a closed time range, and names the bad parameter', () => {
    expect(fieldOf({ jti: 'abc' })).toBeNull();
    expect(fieldOf({ from: '2026-02-01T00:00:00+09:00', to: '2026-03-01T00:00:00+09:00' })).toBeNull();
    expect(fieldOf({})).toBe('partner');
    expect(fieldOf({ from: '2026-02-01T00:00:00+09:00' })).toBe('partner');
    expect(fieldOf({ partner: 'x', from: 'yesterday' })).toBe('from');
    expect(fieldOf({ partner: 'x', from: '2026-03-01T00:00:00Z', to: '2026-02-01T00:00:00Z' })).toBe('to');
    expect(fieldOf({ clientId: ['a', 'b'] })).toBe('clientId');
  });
});
