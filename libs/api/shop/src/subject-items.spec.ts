import { itemValue, type SubjectValues } from '@provision/db';
import { ITEM_KEYS } from '@provision/domain';
import { fieldsUnderCorrection, itemsReading, itemsUnderCorrection, itemValues } from './subject-items.js';
import { SUBJECT_ITEMS } from './subject.service.js';

const empty = Object.fromEntries(SUBJECT_ITEMS.map((field) => [field, null])) as SubjectValues;
const subject = (values: Partial<SubjectValues>): SubjectValues => ({ ...empty, ...values });

describe('subject items', () => {
  it('reads the receiver items from the receiver’s own values, as the partner API does', () => {
    const receiver = subject({ name: '최영희', mobile: '010-0000-0011', phone: '02-000-0011', address: '부산광역시 예시로 45' });
    expect(itemValue(receiver, 'receiver.name')).toBe('최영희');
    expect(itemValue(receiver, 'receiver.address')).toBe('부산광역시 예시로 45');
    expect(itemValue(receiver, 'receiver.phone')).toBe('010-0000-0011');
    expect(itemValue({ ...receiver, mobile: null }, 'receiver.phone')).toBe('02-000-0011');
    expect(itemValue(empty, 'customsCode')).toBeNull();
  });

  it('puts every item read from a disputed value under correction', () => {
    expect(itemsUnderCorrection(['address'])).toEqual(['address', 'receiver.address']);
    expect(itemsUnderCorrection(['receiver.name'])).toEqual(['name', 'receiver.name']);
    expect(itemsUnderCorrection(['receiver.phone'])).toEqual(['mobile', 'phone', 'receiver.phone']);
    expect(itemsUnderCorrection(['email', 'email'])).toEqual(['email']);
  });

  it('lets a correction request change exactly the stored values its items read', () => {
    expect([...fieldsUnderCorrection(['receiver.phone', 'address'])].sort()).toEqual(['address', 'mobile', 'phone']);
    expect(fieldsUnderCorrection(['not-an-item']).size).toBe(0);
    expect(itemsReading(['mobile'])).toEqual(['mobile', 'receiver.phone']);
  });

  it('maps every releasable item, so a changed value is noticed whatever item a partner received', () => {
    const values = itemValues(subject({ phone: '02-000-0011' }));
    expect([...values.keys()]).toEqual(ITEM_KEYS);
    const changed = itemValues(subject({ phone: '02-000-0099' }));
    expect(ITEM_KEYS.filter((item) => values.get(item) !== changed.get(item))).toEqual(['phone', 'receiver.phone']);
    // With a mobile on file the receiver's contact does not change when the landline does.
    const withMobile = (phone: string) => itemValues(subject({ mobile: '010-0000-0011', phone }));
    const [before, after] = [withMobile('02-000-0011'), withMobile('02-000-0099')];
    expect(ITEM_KEYS.filter((item) => before.get(item) !== after.get(item))).toEqual(['phone']);
  });
});
