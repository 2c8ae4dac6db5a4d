import { ITEM_KEYS } from './item.catalog.js';
import {
  CLIENT_KINDS,
  CONSENT_CHANNELS,
  FIXED_SCOPES,
  LEGAL_BASES,
  NOTICE_TYPES,
  ORDER_STATUSES,
  PARTNER_KINDS,
  PARTNER_ROLES,
  PARTNER_STATUSES,
  SUBJECT_KINDS,
  isKnownScope,
  isOneOf,
  itemOfScope,
  piiScope,
} from './vocabulary.js';

describe('vocabulary', () => {
  it.each([
    ['PARTNER_KINDS', PARTNER_KINDS, ['RECIPIENT', 'CONSIGNEE']],
    ['PARTNER_ROLES', PARTNER_ROLES, ['SELLER', 'CUSTOMS_BROKER', 'SERVICE_PROVIDER', 'SUPPORT']],
    ['PARTNER_STATUSES', PARTNER_STATUSES, ['ACTIVE', 'SUSPENDED', 'TERMINATED']],
    ['LEGAL_BASES', LEGAL_BASES, ['CONSENT', 'STATUTE', 'CONTRACT']],
    ['CLIENT_KINDS', CLIENT_KINDS, ['PARTNER', 'SHOP', 'ADMIN']],
    ['SUBJECT_KINDS', SUBJECT_KINDS, ['MEMBER', 'NON_MEMBER', 'RECEIVER']],
    [
      'ORDER_STATUSES',
      ORDER_STATUSES,
      ['PLACED', 'PAID', 'SHIPPED', 'DELIVERED', 'PURCHASE_CONFIRMED', 'CANCELLED', 'RETURNED'],
    ],
    ['CONSENT_CHANNELS', CONSENT_CHANNELS, ['WEB', 'APP', 'PHONE', 'PAPER', 'IN_PERSON']],
    [
      'NOTICE_TYPES',
      NOTICE_TYPES,
      ['window-closed', 'partnership-terminated', 'consent-withdrawn', 'subject-corrected', 'processing-suspended'],
    ],
  ])('%s holds the agreed values', (_, values, expected) => {
    expect(values).toEqual(expected);
  });

  it.each([
    ['ACTIVE', true],
    ['active', false],
    ['', false],
    [null, false],
    [42, false],
  ])('isOneOf(PARTNER_STATUSES, %j) is %s', (value, expected) => {
    expect(isOneOf(PARTNER_STATUSES, value)).toBe(expected);
  });
});

describe('scopes', () => {
  it('builds the pii scope of a releasable item', () => {
    expect(piiScope('receiver.address')).toBe('pii:receiver.address');
    expect(piiScope('customsCode')).toBe('pii:customsCode');
  });

  it.each(['receiver', 'password', '', 'pii:name'])('refuses to build a scope for %j', (item) => {
    expect(() => piiScope(item)).toThrow(RangeError);
  });

  it('reads the item back from a pii scope', () => {
    for (const item of ITEM_KEYS) expect(itemOfScope(piiScope(item))).toBe(item);
    expect(itemOfScope('pii:receiver')).toBeNull();
    expect(itemOfScope('pii:')).toBeNull();
    expect(itemOfScope('partner:read')).toBeNull();
    expect(itemOfScope('name')).toBeNull();
  });

  it.each<[string, boolean]>([
    ...FIXED_SCOPES.map((scope): [string, boolean] => [scope, true]),
    ['pii:name', true],
    ['pii:receiver.phone', true],
    ['pii:receiver', false],
    ['pii:unknown', false],
    ['PII:name', false],
    ['partner:write', false],
    ['admin', false],
    ['', false],
  ])('isKnownScope(%j) is %s', (scope, expected) => {
    expect(isKnownScope(scope)).toBe(expected);
  });
});
