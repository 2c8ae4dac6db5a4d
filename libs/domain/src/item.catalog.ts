import { createCatalog, type CatalogEntry } from './catalog.js';

/** How an item is protected at rest: `unique-identifier` items are encrypted (PIPA Art. 24). */
export const ITEM_SENSITIVITIES = ['general', 'unique-identifier'] as const;
/** Sensitivity class of an item. */
export type ItemSensitivity = (typeof ITEM_SENSITIVITIES)[number];

/** One kind of personal data, or a group of kinds (such as `receiver`). */
export interface ItemEntry<K extends string = string> extends CatalogEntry<K> {
  readonly sensitivity: ItemSensitivity;
  /**
   * Whether the entry is a releasable item that an agreement may grant. Groups only gather
   * their children for display: granting `receiver` would be a blank cheque for whatever
   * receiver item is added later, so it is refused.
   */
  readonly grantable: boolean;
}

// Labels follow GLOSSARY.md. The KT recipient table (seed 003, Ch. 7: ID, name, mobile phone
// number, company name, email, date of birth) is covered by memberId, name, mobile,
// companyName, email and birthDate.
const ITEM_ENTRIES = [
  { key: 'name', label: { en: 'name', ko: '성명' }, sensitivity: 'general', grantable: true },
  { key: 'mobile', label: { en: 'mobile phone number', ko: '휴대전화번호' }, sensitivity: 'general', grantable: true },
  { key: 'phone', label: { en: 'telephone number', ko: '전화번호' }, sensitivity: 'general', grantable: true },
  { key: 'email', label: { en: 'email address', ko: '이메일 주소' }, sensitivity: 'general', grantable: true },
  { key: 'address', label: { en: 'address', ko: '주소' }, sensitivity: 'general', grantable: true },
  { key: 'birthDate', label: { en: 'date of birth', ko: '생년월일' }, sensitivity: 'general', grantable: true },
  { key: 'gender', label: { en: 'gender', ko: '성별' }, sensitivity: 'general', grantable: true },
  { key: 'memberId', label: { en: 'member ID', ko: '아이디' }, sensitivity: 'general', grantable: true },
  { key: 'companyName', label: { en: 'company name', ko: '회사명' }, sensitivity: 'general', grantable: true },
  {
    key: 'customsCode',
    label: { en: 'personal customs clearance code', ko: '개인통관고유부호' },
    sensitivity: 'unique-identifier',
    grantable: true,
  },
  {
    key: 'ci',
    label: { en: 'connecting information (CI)', ko: '연계정보(CI)' },
    sensitivity: 'unique-identifier',
    grantable: true,
  },
  {
    key: 'di',
    label: { en: 'duplicate-joining information (DI)', ko: '중복가입확인정보(DI)' },
    sensitivity: 'unique-identifier',
    grantable: true,
  },
  { key: 'receiver', label: { en: 'receiver', ko: '수령인' }, sensitivity: 'general', grantable: false },
  { key: 'receiver.name', label: { en: "receiver's name", ko: '수령인 성명' }, sensitivity: 'general', grantable: true },
  {
    key: 'receiver.phone',
    label: { en: "receiver's contact number", ko: '수령인 연락처' },
    sensitivity: 'general',
    grantable: true,
  },
  {
    key: 'receiver.address',
    label: { en: 'delivery address', ko: '배송지 주소' },
    sensitivity: 'general',
    grantable: true,
  },
] as const satisfies readonly ItemEntry[];

/** Every key of the item catalog, groups included. */
export type ItemCatalogKey = (typeof ITEM_ENTRIES)[number]['key'];
/** A releasable item: what grants, scopes and the ledger speak of. */
export type ItemKey = Extract<(typeof ITEM_ENTRIES)[number], { grantable: true }>['key'];

/** The item catalog, shipped as data (DESIGN.md, "Item"). */
export const ITEM_CATALOG = createCatalog<ItemEntry<ItemCatalogKey>>(ITEM_ENTRIES);

/** Releasable item keys in catalog order. */
export const ITEM_KEYS: readonly ItemKey[] = Object.freeze(
  ITEM_ENTRIES.filter((entry) => entry.grantable).map((entry) => entry.key as ItemKey),
);

const GRANTABLE = new Set<string>(ITEM_KEYS);

/** Whether `key` names a releasable item that an agreement may grant (not a group, not unknown). */
export function isGrantableItem(key: string): key is ItemKey {
  return GRANTABLE.has(key);
}

/** Whether items of this key are encrypted at rest. False for unknown keys. */
export function isUniqueIdentifier(key: string): boolean {
  return ITEM_CATALOG.get(key)?.sensitivity === 'unique-identifier';
}
