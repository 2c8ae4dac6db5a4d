import { bornUnder14At, isUnder14At } from './child.js';

describe('bornUnder14At', () => {
  it('turns 14 at 00:00 of the 14th birthday in Seoul (15:00 UTC the day before)', () => {
    expect(bornUnder14At('2012-05-01', new Date('2026-04-30T14:59:59.999Z'))).toBe(true);
    expect(bornUnder14At('2012-05-01', new Date('2026-04-30T15:00:00Z'))).toBe(false);
  });

  it('born on 29 February: 14 on 1 March of a common year, on 29 February of a leap year', () => {
    expect(bornUnder14At('2012-02-29', new Date('2026-02-28T14:59:59Z'))).toBe(true);
    expect(bornUnder14At('2012-02-29', new Date('2026-02-28T15:00:00Z'))).toBe(false);
    expect(bornUnder14At('2010-02-29', new Date('2024-02-28T15:00:00Z'))).toBe(true); // 2010-02-29 does not exist
    expect(bornUnder14At('2008-02-29', new Date('2022-02-28T15:00:00Z'))).toBe(false);
    expect(bornUnder14At('2008-02-29', new Date('2022-02-28T14:59:59Z'))).toBe(true);
  });

  it('a birth date in the future is a child; one that cannot be read counts as one (fail closed)', () => {
    expect(bornUnder14At('2030-01-01', new Date('2026-01-01T00:00:00Z'))).toBe(true);
    expect(bornUnder14At('2010-13-01', new Date('2026-01-01T00:00:00Z'))).toBe(true);
    expect(bornUnder14At('', new Date('2026-01-01T00:00:00Z'))).toBe(true);
  });

  it('handles the ends of the calendar', () => {
    expect(bornUnder14At('0001-01-01', new Date('2026-01-01T00:00:00Z'))).toBe(false);
    expect(bornUnder14At('9999-12-31', new Date('9999-12-31T00:00:00Z'))).toBe(true);
  });
});

describe('isUnder14At', () => {
  const now = new Date('2026-03-01T00:00:00Z');

  it('is under 14 by the flag or by the birth date', () => {
    expect(isUnder14At({ birthDate: null, under14: true }, now)).toBe(true);
    expect(isUnder14At({ birthDate: '2016-05-01', under14: false }, now)).toBe(true);
    expect(isUnder14At({ birthDate: '1990-04-12', under14: true }, now)).toBe(true);
  });

  it('is not without either', () => {
    expect(isUnder14At({ birthDate: null, under14: false }, now)).toBe(false);
    expect(isUnder14At({ birthDate: '1990-04-12', under14: false }, now)).toBe(false);
  });
});
