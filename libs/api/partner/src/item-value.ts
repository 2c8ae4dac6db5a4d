import type { Subject } from '@provision/db';

/**
 * Where each personal item is kept on a subject. The `receiver.*` items are the receiver's own
 * data seen through an order: a receiver's contact is the mobile number the shop holds, else the
 * landline.
 */
const ITEM_VALUES: Readonly<Record<string, (subject: Subject) => string | null>> = {
  name: (subject) => subject.name,
  mobile: (subject) => subject.mobile,
  phone: (subject) => subject.phone,
  email: (subject) => subject.email,
  address: (subject) => subject.address,
  birthDate: (subject) => subject.birthDate,
  gender: (subject) => subject.gender,
  memberId: (subject) => subject.memberId,
  companyName: (subject) => subject.companyName,
  customsCode: (subject) => subject.customsCode,
  ci: (subject) => subject.ci,
  di: (subject) => subject.di,
  'receiver.name': (subject) => subject.name,
  'receiver.phone': (subject) => subject.mobile ?? subject.phone,
  'receiver.address': (subject) => subject.address,
};

/** The value of `item` for `subject`; throws for an item with no storage, which is a schema bug. */
export function itemValue(subject: Subject, item: string): string | null {
  const read = ITEM_VALUES[item];
  if (!read) throw new Error(`no storage is mapped for personal item ${item}`);
  return read(subject);
}
