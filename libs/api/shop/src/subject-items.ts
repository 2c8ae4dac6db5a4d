import type { Subject } from '@provision/db';
import { ITEM_KEYS, type ItemKey } from '@provision/domain';
import type { SUBJECT_ITEMS } from './subject.service.js';

/** A column of the subject row that holds one personal value (`name`, `mobile`, …). */
export type SubjectField = (typeof SUBJECT_ITEMS)[number];

/** The stored values of a subject, as a correction reads and writes them. */
export type SubjectValues = Pick<Subject, SubjectField>;

/**
 * Which stored values each releasable item is read from. The `receiver.*` items are the receiver's
 * own values seen through an order, so correcting `name` corrects `receiver.name` too. Must agree
 * with how the partner API reads them (api-partner's `item-value.ts`): a partner is told a new
 * value exactly when the value it would now read changed.
 */
const ITEM_FIELDS: Readonly<Record<ItemKey, readonly SubjectField[]>> = {
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

/** Every item whose value is read from one of `fields`, in catalog order. */
export function itemsReading(fields: Iterable<SubjectField>): ItemKey[] {
  const wanted = new Set(fields);
  return ITEM_KEYS.filter((item) => ITEM_FIELDS[item].some((field) => wanted.has(field)));
}

/**
 * The items a correction request of `items` puts under correction: every item that reads one of
 * their stored values. A disputed `name` must not go out as `receiver.name` either.
 */
export function itemsUnderCorrection(items: Iterable<ItemKey>): ItemKey[] {
  return itemsReading([...items].flatMap((item) => ITEM_FIELDS[item]));
}

/** The stored values a correction request of `items` may change. */
export function fieldsUnderCorrection(items: Iterable<string>): Set<SubjectField> {
  return new Set([...items].flatMap((item) => (item in ITEM_FIELDS ? ITEM_FIELDS[item as ItemKey] : [])));
}

/** Every item's value, so that a change can be compared item by item. */
export function itemValues(values: SubjectValues): Map<ItemKey, string | null> {
  return new Map(ITEM_KEYS.map((item) => [item, itemValue(values, item)]));
}
