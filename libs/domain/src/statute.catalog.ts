import { createCatalog, type CatalogEntry } from './catalog.js';
import type { PurposeKey } from './purpose.catalog.js';

/**
 * One statute, or one provision of it that can be cited as the legal basis of a provision without
 * the subject's consent (PIPA Art. 17(1)2 and 18(2)2: "where special provisions exist in other
 * laws"). An act is a group: only its articles are citable, so a record always names the article.
 */
export interface StatuteEntry<K extends string = string> extends CatalogEntry<K> {
  /** Whether a record may cite the entry (an article), as opposed to the act that gathers articles. */
  readonly citable: boolean;
  /**
   * What a provision under this article is for: the purpose its ledger rows carry. Null for an act.
   * An article that authorities use to request data has a `statutory.*` purpose; one that a
   * partner's standing agreement rests on (customs declarations) has that agreement's purpose.
   */
  readonly purpose: PurposeKey | null;
}

// Labels name the act and article in the way Korean privacy policies cite them (the seeds list the
// Criminal Procedure Act, the Framework Act on National Taxes, the Telecommunications Business Act,
// the Customs Act …). Keys: the act's English short title, then `art-<n>` (and `-para-<n>` for a
// paragraph), so a key reads like the citation. A catalog is data: add an article as a new entry.
const STATUTE_ENTRIES = [
  { key: 'criminal-procedure-act', label: { en: 'Criminal Procedure Act', ko: '형사소송법' }, citable: false, purpose: null },
  {
    key: 'criminal-procedure-act.art-199-para-2',
    label: {
      en: 'Criminal Procedure Act, Art. 199(2) (inquiry by an investigative authority)',
      ko: '형사소송법 제199조제2항(수사기관의 사실조회)',
    },
    citable: true,
    purpose: 'statutory.investigation',
  },
  {
    key: 'criminal-procedure-act.art-215',
    label: {
      en: 'Criminal Procedure Act, Art. 215 (search and seizure under a warrant)',
      ko: '형사소송법 제215조(영장에 의한 압수·수색·검증)',
    },
    citable: true,
    purpose: 'statutory.investigation',
  },
  {
    key: 'criminal-procedure-act.art-272',
    label: { en: 'Criminal Procedure Act, Art. 272 (inquiry by the court)', ko: '형사소송법 제272조(법원의 공무소등에 대한 조회)' },
    citable: true,
    purpose: 'statutory.court',
  },
  { key: 'civil-procedure-act', label: { en: 'Civil Procedure Act', ko: '민사소송법' }, citable: false, purpose: null },
  {
    key: 'civil-procedure-act.art-294',
    label: { en: 'Civil Procedure Act, Art. 294 (commissioned investigation by the court)', ko: '민사소송법 제294조(조사의 촉탁)' },
    citable: true,
    purpose: 'statutory.court',
  },
  {
    key: 'civil-procedure-act.art-347',
    label: { en: 'Civil Procedure Act, Art. 347 (order to produce documents)', ko: '민사소송법 제347조(문서제출명령)' },
    citable: true,
    purpose: 'statutory.court',
  },
  {
    key: 'telecommunications-business-act',
    label: { en: 'Telecommunications Business Act', ko: '전기통신사업법' },
    citable: false,
    purpose: null,
  },
  {
    key: 'telecommunications-business-act.art-83-para-3',
    label: {
      en: 'Telecommunications Business Act, Art. 83(3) (user information requested by an investigative authority)',
      ko: '전기통신사업법 제83조제3항(수사기관등의 이용자 정보 제공 요청)',
    },
    citable: true,
    purpose: 'statutory.investigation',
  },
  { key: 'income-tax-act', label: { en: 'Income Tax Act', ko: '소득세법' }, citable: false, purpose: null },
  {
    key: 'income-tax-act.art-170',
    label: { en: 'Income Tax Act, Art. 170 (questioning and inspection by tax officials)', ko: '소득세법 제170조(질문·조사)' },
    citable: true,
    purpose: 'statutory.tax',
  },
  { key: 'corporate-tax-act', label: { en: 'Corporate Tax Act', ko: '법인세법' }, citable: false, purpose: null },
  {
    key: 'corporate-tax-act.art-122',
    label: { en: 'Corporate Tax Act, Art. 122 (questioning and inspection by tax officials)', ko: '법인세법 제122조(질문·조사)' },
    citable: true,
    purpose: 'statutory.tax',
  },
  { key: 'value-added-tax-act', label: { en: 'Value-Added Tax Act', ko: '부가가치세법' }, citable: false, purpose: null },
  {
    key: 'value-added-tax-act.art-74',
    label: { en: 'Value-Added Tax Act, Art. 74 (questioning and inspection by tax officials)', ko: '부가가치세법 제74조(질문·조사)' },
    citable: true,
    purpose: 'statutory.tax',
  },
  { key: 'customs-act', label: { en: 'Customs Act', ko: '관세법' }, citable: false, purpose: null },
  {
    key: 'customs-act.art-241',
    label: { en: 'Customs Act, Art. 241 (import and export declarations)', ko: '관세법 제241조(수출·수입 또는 반송의 신고)' },
    citable: true,
    purpose: 'customs.clearance',
  },
] as const satisfies readonly StatuteEntry[];

/** A key of the statute catalog, e.g. `criminal-procedure-act.art-215`. */
export type StatuteKey = (typeof STATUTE_ENTRIES)[number]['key'];

/** Acts and their citable articles, shipped as data, with English and Korean citations. */
export const STATUTE_CATALOG = createCatalog<StatuteEntry<StatuteKey>>(STATUTE_ENTRIES);

/** Whether `key` names an article a record may cite (not an act, not unknown). */
export function isCitableStatute(key: string): key is StatuteKey {
  return STATUTE_CATALOG.get(key)?.citable === true;
}
