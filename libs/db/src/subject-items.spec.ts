import { generateKeyringConfig, Keyring } from '@provision/crypto';
import { ITEM_KEYS, isUniqueIdentifier } from '@provision/domain';
import { Subject } from './entities/subject.entity.js';
import { holdsSubjectValue, itemFingerprint, itemValue, SEALED_SUBJECT_FIELDS, SUBJECT_ITEM_FIELDS, writeSubjectValue } from './subject-items.js';

const keyring = Keyring.parse(generateKeyringConfig());
const CODE = 'P190412345678';

function subjectWith(values: Partial<Record<(typeof SUBJECT_ITEM_FIELDS)[number], string>>): Subject {
  const subject = new Subject();
  for (const field of SUBJECT_ITEM_FIELDS) writeSubjectValue(subject, field, values[field] ?? null, keyring);
  return subject;
}

describe('subject values', () => {
  it('seal exactly the fields of the catalog’s unique-identifier items', () => {
    expect(Object.keys(SEALED_SUBJECT_FIELDS).sort()).toEqual(SUBJECT_ITEM_FIELDS.filter(isUniqueIdentifier).sort());
  });

  it('keep no plaintext of a unique identifier on the row, and release it decrypted', () => {
    const subject = subjectWith({ name: '김민지', customsCode: CODE });
    expect(JSON.stringify(subject)).not.toContain(CODE);
    expect(subject.customsCode).toMatch(/^v1\./);
    expect(subject.customsCodeIndex).toBe(keyring.blindIndex(CODE, 'subjects.customs_code'));
    expect(itemValue(subject, 'customsCode', keyring)).toBe(CODE);
    expect(itemValue(subject, 'name', keyring)).toBe('김민지');
    expect(itemValue(subject, 'ci', keyring)).toBeNull();
    expect(subject.ciIndex).toBeNull();
  });

  it('do not open a value copied to another subject', () => {
    const [one, other] = [subjectWith({ customsCode: CODE }), subjectWith({})];
    other.customsCode = one.customsCode;
    expect(() => itemValue(other, 'customsCode', keyring)).toThrow('cannot open sealed value');
  });

  it('compare unique identifiers by blind index, without decrypting', () => {
    const subject = subjectWith({ customsCode: CODE });
    expect(holdsSubjectValue(subject, 'customsCode', CODE, keyring)).toBe(true);
    expect(holdsSubjectValue(subject, 'customsCode', 'P190412345679', keyring)).toBe(false);
    expect(holdsSubjectValue(subject, 'customsCode', null, keyring)).toBe(false);
    expect(holdsSubjectValue(subjectWith({}), 'customsCode', null, keyring)).toBe(true);
    expect(holdsSubjectValue(subject, 'name', null, keyring)).toBe(true);
  });

  it('read the receiver items from the receiver’s own values, as the partner API does', () => {
    const receiver = subjectWith({ name: '최영희', mobile: '010-0000-0011', phone: '02-000-0011', address: '부산광역시 예시로 45' });
    expect(itemValue(receiver, 'receiver.name', keyring)).toBe('최영희');
    expect(itemValue(receiver, 'receiver.address', keyring)).toBe('부산광역시 예시로 45');
    expect(itemValue(receiver, 'receiver.phone', keyring)).toBe('010-0000-0011');
    writeSubjectValue(receiver, 'mobile', null, keyring);
    expect(itemValue(receiver, 'receiver.phone', keyring)).toBe('02-000-0011');
  });

  it('fingerprint every releasable item, so a changed value is noticed whatever item a partner received', () => {
    const fingerprints = (subject: Subject) => ITEM_KEYS.map((item) => itemFingerprint(subject, item));
    const changed = (a: Subject, b: Subject) => ITEM_KEYS.filter((item, i) => fingerprints(a)[i] !== fingerprints(b)[i]);
    expect(changed(subjectWith({ phone: '02-000-0011' }), subjectWith({ phone: '02-000-0099' }))).toEqual(['phone', 'receiver.phone']);
    // With a mobile on file the receiver's contact does not change when the landline does.
    const withMobile = (phone: string) => subjectWith({ mobile: '010-0000-0011', phone });
    expect(changed(withMobile('02-000-0011'), withMobile('02-000-0099'))).toEqual(['phone']);
    // Sealing the same code twice gives two ciphertexts but one fingerprint.
    const [a, b] = [subjectWith({ customsCode: CODE }), subjectWith({ customsCode: CODE })];
    expect(a.customsCode).not.toBe(b.customsCode);
    expect(changed(a, b)).toEqual([]);
    expect(changed(a, subjectWith({ customsCode: 'P190412345679' }))).toEqual(['customsCode']);
  });
});
