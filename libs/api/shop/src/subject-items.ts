import { ITEM_FIELDS, itemFingerprint, type Subject, type SubjectField } from '@provision/db';
import { ITEM_KEYS, type ItemKey } from '@provision/domain';

// Where each item is stored (`ITEM_FIELDS`, `itemValue`, `itemFingerprint`) is @provision/db's,
// shared with the partner API; this file says what a correction touches.

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

/**
 * Every item's fingerprint (its value, or a unique identifier's blind index), so that a change can
 * be compared item by item without decrypting anything.
 */
export function itemFingerprints(subject: Subject): Map<ItemKey, string | null> {
  return new Map(ITEM_KEYS.map((item) => [item, itemFingerprint(subject, item)]));
}
