import type { Keyring, Sealed } from '@provision/crypto';
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

/**
 * A subject's id and the values of some of its fields, as a hand-written query reads them (the
 * partner API reads only the fields of the items a view can release). A field that was not read is
 * absent, and reading its value fails rather than passing for "not recorded".
 */
export type SubjectValues = Pick<Subject, 'id'> & Partial<Pick<Subject, SubjectField>>;

/**
 * The fields holding the catalog's `unique-identifier` items: stored sealed, bound to
 * `subjects.<column>` and the row id, with a blind index beside each (a test keeps this list equal to
 * the catalog's).
 */
export const SEALED_SUBJECT_FIELDS = {
  customsCode: { column: 'subjects.customs_code', index: 'customsCodeIndex', indexColumn: 'customs_code_index' },
  ci: { column: 'subjects.ci', index: 'ciIndex', indexColumn: 'ci_index' },
  di: { column: 'subjects.di', index: 'diIndex', indexColumn: 'di_index' },
} as const satisfies Partial<Record<SubjectField, { column: string; index: keyof Subject; indexColumn: string }>>;

type SealedField = keyof typeof SEALED_SUBJECT_FIELDS;

function isSealed(field: SubjectField): field is SealedField {
  return Object.hasOwn(SEALED_SUBJECT_FIELDS, field);
}

/**
 * Stores a plaintext value in `field`: sealed with the active key, and its blind index set, when the
 * field holds a unique identifier. The only way values reach a subject row.
 */
export function writeSubjectValue(subject: Subject, field: SubjectField, value: string | null, keyring: Keyring): void {
  if (!isSealed(field)) {
    subject[field] = value;
    return;
  }
  const { column, index } = SEALED_SUBJECT_FIELDS[field];
  subject[field] = value === null ? null : keyring.seal(value, { column, rowId: subject.id });
  subject[index] = value === null ? null : keyring.blindIndex(value, column);
}

/** Whether `field` holds `value`; unique identifiers are compared by blind index, without decrypting. */
export function holdsSubjectValue(subject: Subject, field: SubjectField, value: string | null, keyring: Keyring): boolean {
  if (!isSealed(field) || value === null) return subject[field] === value;
  const { column, index } = SEALED_SUBJECT_FIELDS[field];
  return subject[index] === keyring.blindIndex(value, column);
}

/** What to compare a field by: its value, or for a unique identifier its blind index. */
function fingerprintOf(subject: Subject, field: SubjectField): string | null {
  return isSealed(field) ? subject[SEALED_SUBJECT_FIELDS[field].index] : subject[field];
}

/** The stored text of `field`; throws for a field the caller did not read. */
function storedOf(subject: SubjectValues, field: SubjectField): string | null {
  const stored = subject[field];
  if (stored === undefined) throw new Error(`subject field ${field} was not read`);
  return stored;
}

/** The plaintext of `field`; decrypts unique identifiers, so call it only where the value is released or sent. */
function plaintextOf(subject: SubjectValues, field: SubjectField, keyring: Keyring): string | null {
  if (!isSealed(field)) return storedOf(subject, field);
  const sealed = storedOf(subject, field) as Sealed | null;
  return sealed === null ? null : keyring.open(sealed, { column: SEALED_SUBJECT_FIELDS[field].column, rowId: subject.id });
}

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

function firstHeld<S extends SubjectValues>(subject: S, item: ItemKey, read: (field: SubjectField) => string | null): string | null {
  const field = ITEM_FIELDS[item].find((candidate) => storedOf(subject, candidate) !== null);
  return field === undefined ? null : read(field);
}

/**
 * The value a partner receives for `item`, decrypted where sealed. For release and notices only;
 * throws `DecryptionError` (fail closed) when a sealed value does not open.
 */
export function itemValue(subject: SubjectValues, item: ItemKey, keyring: Keyring): string | null {
  return firstHeld(subject, item, (field) => plaintextOf(subject, field, keyring));
}

/**
 * Stands for the value of `item` without revealing it (blind indexes for unique identifiers): two
 * fingerprints are equal exactly when the values are, so a change can be found without decrypting.
 */
export function itemFingerprint(subject: Subject, item: ItemKey): string | null {
  return firstHeld(subject, item, (field) => fingerprintOf(subject, field));
}
