import { inputErrorOf } from './input-error.harness.js';
import {
  isDisclosureNotifiable,
  MAX_DISCLOSURE_SUBJECTS,
  type StatutoryDisclosureDraft,
  validateStatutoryDisclosure,
} from './statutory-disclosure.js';

// 2026-03-01 09:00 in Seoul.
const now = new Date('2026-03-01T00:00:00Z');

const draft = (overrides: Partial<StatutoryDisclosureDraft> = {}): StatutoryDisclosureDraft => ({
  statute: 'criminal-procedure-act.art-215',
  documentDate: '2026-02-27',
  shopSubjectIds: ['member-0001'],
  items: ['mobile', 'name'],
  notifySubjectDeferredUntil: null,
  deferralReason: null,
  ...overrides,
});

const fieldOf = (overrides: Partial<StatutoryDisclosureDraft>) => {
  const error = inputErrorOf(() => validateStatutoryDisclosure(draft(overrides), now));
  return { field: error.field, message: error.message };
};

describe('validateStatutoryDisclosure', () => {
  it("takes the purpose from the cited article and puts the items in catalog order, each once", () => {
    expect(validateStatutoryDisclosure(draft({ items: ['mobile', 'name', 'mobile'], shopSubjectIds: ['a', 'b', 'a'] }), now)).toEqual({
      statute: 'criminal-procedure-act.art-215',
      purpose: 'statutory.investigation',
      documentDate: '2026-02-27',
      shopSubjectIds: ['a', 'b'],
      items: ['name', 'mobile'],
      deferral: null,
    });
    expect(validateStatutoryDisclosure(draft({ statute: 'income-tax-act.art-170' }), now).purpose).toBe('statutory.tax');
    expect(validateStatutoryDisclosure(draft({ statute: 'civil-procedure-act.art-347' }), now).purpose).toBe('statutory.court');
  });

  it('refuses an act, an unknown key, and an article that grounds a standing agreement rather than a request', () => {
    expect(fieldOf({ statute: 'criminal-procedure-act' })).toEqual({ field: 'statute', message: 'names an act; cite one of its articles' });
    expect(fieldOf({ statute: 'pipa.art-18' }).field).toBe('statute');
    expect(fieldOf({ statute: 'customs-act.art-241' }).message).toMatch(/standing agreement/);
  });

  it('refuses a document dated after today in Seoul or on no calendar day', () => {
    expect(validateStatutoryDisclosure(draft({ documentDate: '2026-03-01' }), now).documentDate).toBe('2026-03-01');
    expect(fieldOf({ documentDate: '2026-03-02' }).field).toBe('documentDate');
    expect(fieldOf({ documentDate: '2026-02-30' }).field).toBe('documentDate');
  });

  it('needs 1 to 100 subjects', () => {
    expect(fieldOf({ shopSubjectIds: [] }).field).toBe('shopSubjectIds');
    const many = Array.from({ length: MAX_DISCLOSURE_SUBJECTS + 1 }, (_, index) => `s-${index}`);
    expect(fieldOf({ shopSubjectIds: many }).field).toBe('shopSubjectIds');
  });

  it("names the offending item: none, unknown, a group, or an order's item", () => {
    expect(fieldOf({ items: [] }).field).toBe('items');
    expect(fieldOf({ items: ['name', 'shoeSize'] })).toEqual({ field: 'items[1]', message: 'is not an item of the item catalog' });
    expect(fieldOf({ items: ['receiver'] }).field).toBe('items[0]');
    expect(fieldOf({ items: ['receiver.name'] }).message).toMatch(/subject's own item/);
  });

  it('defers the notice to the subject only to a later day and with the provision of law that allows it', () => {
    const deferred = validateStatutoryDisclosure(draft({ notifySubjectDeferredUntil: '2026-09-01', deferralReason: '통신비밀보호법 제13조의3' }), now);
    expect(deferred.deferral).toEqual({ until: '2026-09-01', reason: '통신비밀보호법 제13조의3' });
    expect(fieldOf({ notifySubjectDeferredUntil: '2026-09-01' }).field).toBe('deferralReason');
    expect(fieldOf({ deferralReason: 'law' }).field).toBe('deferralReason');
    expect(fieldOf({ notifySubjectDeferredUntil: '2026-03-01', deferralReason: 'law' }).field).toBe('notifySubjectDeferredUntil');
    expect(fieldOf({ notifySubjectDeferredUntil: '2026-13-01', deferralReason: 'law' }).field).toBe('notifySubjectDeferredUntil');
  });
});

describe('isDisclosureNotifiable', () => {
  it('is true without a deferral, and from the start of the deferral day in Seoul', () => {
    expect(isDisclosureNotifiable(null, now)).toBe(true);
    expect(isDisclosureNotifiable('2026-03-02', new Date('2026-03-01T14:59:59Z'))).toBe(false);
    expect(isDisclosureNotifiable('2026-03-02', new Date('2026-03-01T15:00:00Z'))).toBe(true);
  });
});
