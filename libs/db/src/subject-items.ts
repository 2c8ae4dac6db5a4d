import type { ItemKey } from '@provision/domain';
import type { Subject } from './entities/subject.entity.js';

/** The columns of a subject row that hold one personal value each, in catalog order. */
export const SUBJECT_ITEM_FIELDS = [
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
] as const satisfies readonly (keyof Subject)[];

/** A column of the subject row that holds one personal value (`name`, `mobile`, …). */
export type SubjectField = (typeof SUBJECT_ITEM_FIELDS)[number];

/** The stored values of a subject. */
export type SubjectValues = Pick<Subject, SubjectField>;

/**
 * Which stored values each releasable item is read from. The `receiver.*` items are the receiver's
 * own values seen through an order, so correcting `name` corrects `receiver.name` too. The partner
 * API releases exactly these values and the shop API's corrections compare them, so both read this
 * one map.
 */
export const ITEM_FIELDS: Readonly<Record<ItemKey, readonly SubjectField[]>> = {
  name: ['name'],
  mobile: ['mobile'],
  phone: ['phone'],
  email: ['email'],
  address: ['address'],
  birthDate: ['birthDate'],
  gender: ['gender'],
  memberId: ['memberId'],
  companyName: ['companyName'],
  customsCode: ['customsCode'],
  ci: ['ci'],
  di: ['di'],
  'receiver.name': ['name'],
  // A receiver's contact is the mobile number when the shop holds one, else the landline.
  'receiver.phone': ['mobile', 'phone'],
  'receiver.address': ['address'],
};

/** The value a partner receives for `item`, read from a subject's stored values. */
export function itemValue(values: SubjectValues, item: ItemKey): string | null {
  for (const field of ITEM_FIELDS[item]) {
    const value = values[field];
    if (value !== null) return value;
  }
  return null;
}
