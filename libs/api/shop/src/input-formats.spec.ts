import 'reflect-metadata';
import { validate } from 'class-validator';
import { firstInvalidPath } from '@provision/api-core';
import { LegalRepresentativeInput, RecordConsentInput } from './consent.input.js';
import { isCalendarDate } from './input-formats.js';
import { UpsertSubjectInput } from './subject.input.js';

const valid = {
  shopSubjectId: 'member-1042',
  kind: 'MEMBER',
  name: '홍길동',
  mobile: '010-0000-1042',
  phone: '+82-2-0000-1042',
  email: 'gildong@example.com',
  address: '서울특별시 종로구 예시로 1, 101호',
  birthDate: '1990-02-28',
  gender: 'M',
  memberId: 'gildong_h',
  companyName: '길동상사',
  customsCode: 'P123456789012',
  ci: 'ZXhhbXBsZS1jaQ==',
  di: 'ZXhhbXBsZS1kaQ==',
  under14: false,
};

/** The field class-validator refuses first (as the API reports it), or null when the input is valid. */
async function refusedField(values: Record<string, unknown>): Promise<string | null> {
  return firstInvalidPath(await validate(Object.assign(new UpsertSubjectInput(), values)))?.path ?? null;
}

describe('UpsertSubjectInput', () => {
  it('accepts a complete subject, and one with only its id and kind', async () => {
    expect(await refusedField(valid)).toBeNull();
    expect(await refusedField({ shopSubjectId: 'guest-1', kind: 'NON_MEMBER' })).toBeNull();
  });

  it('accepts null for every personal item (null clears it)', async () => {
    const cleared = Object.fromEntries(Object.keys(valid).map((key) => [key, null]));
    expect(await refusedField({ ...cleared, shopSubjectId: 'member-1042', kind: 'MEMBER' })).toBeNull();
  });

  it.each([
    ['shopSubjectId', 'member 1042'],
    ['shopSubjectId', ''],
    ['shopSubjectId', 'x'.repeat(129)],
    ['name', ''],
    ['name', 'x'.repeat(101)],
    ['name', '홍길동\u0007'],
    ['address', '서울특별시\n종로구'],
    ['address', '서울\u2028종로구'],
    ['name', '   '],
    ['name', ' \u3000 '],
    ['name', '\u200b'],
    ['name', '\u3164'],
    ['name', '\ufeff\u2060'],
    ['name', '홍\ud800'],
    ['address', '\udc00서울'],
    ['companyName', '\u00a0'],
    ['mobile', '010 0000 1042'],
    ['mobile', '010-CALL-NOW'],
    ['mobile', '010--0000'],
    ['phone', '12345'],
    ['email', 'not-an-email'],
    ['email', `${'x'.repeat(250)}@example.com`],
    ['birthDate', '1990-02-30'],
    ['birthDate', '1990-2-3'],
    ['birthDate', '19900203'],
    ['customsCode', 'P12345678901'],
    ['customsCode', 'p123456789012'],
    ['ci', 'has space'],
    ['memberId', 'x'.repeat(101)],
  ])('refuses %s = %j, naming the field', async (field, value) => {
    expect(await refusedField({ ...valid, [field]: value })).toBe(field);
  });

  it('accepts text with inner or edge spaces, and a character beyond the BMP (a surrogate pair)', async () => {
    expect(await refusedField({ ...valid, name: ' 홍 길동 ', address: '서울\u3000종로구 𠮷' })).toBeNull();
  });

  it('never quotes the value in its messages', async () => {
    const errors = await validate(Object.assign(new UpsertSubjectInput(), { ...valid, email: 'kim.secret@@example', mobile: '010-CALL-KIM' }));
    const messages = errors.flatMap((error) => Object.values(error.constraints ?? {}));
    expect(messages.length).toBeGreaterThan(0);
    expect(messages.join(' ')).not.toMatch(/secret|KIM/);
  });
});

describe('RecordConsentInput', () => {
  const consent = {
    shopConsentId: 'CNS-1',
    shopSubjectId: 'member-1042',
    partnerCode: 'hanbok-house',
    agreementVersion: 1,
    channel: 'WEB',
    wordingHash: 'a'.repeat(64),
  };
  const refused = async (values: Record<string, unknown>) =>
    firstInvalidPath(await validate(Object.assign(new RecordConsentInput(), values)))?.path ?? null;

  it('checks the hash, the version and the legal representative inside the input', async () => {
    expect(await refused(consent)).toBeNull();
    expect(await refused({ ...consent, wordingHash: 'A'.repeat(64) })).toBe('wordingHash');
    expect(await refused({ ...consent, wordingHash: 'a'.repeat(63) })).toBe('wordingHash');
    expect(await refused({ ...consent, agreementVersion: 0 })).toBe('agreementVersion');
    expect(await refused({ ...consent, partnerCode: 'Hanbok House' })).toBe('partnerCode');
    const representative = (name: string) => Object.assign(new LegalRepresentativeInput(), { name, relation: 'mother' });
    expect(await refused({ ...consent, legalRepresentative: representative('김엄마') })).toBeNull();
    expect(await refused({ ...consent, legalRepresentative: representative('') })).toBe('legalRepresentative.name');
  });
});

describe('isCalendarDate', () => {
  it('knows leap years', () => {
    expect(isCalendarDate('2024-02-29')).toBe(true);
    expect(isCalendarDate('2025-02-29')).toBe(false);
  });
});
