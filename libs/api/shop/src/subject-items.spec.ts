import { fieldsUnderCorrection, itemsReading, itemsUnderCorrection } from './subject-items.js';

describe('subject items', () => {
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
});
