import { assertUnreachable } from '@provision/util';
import type { Language } from './retention-rule.js';
import { STATUTE_CATALOG } from './statute.catalog.js';
import type { LegalBasis } from './vocabulary.js';

// The article of PIPA each basis rests on, so a reader of the disclosure page sees the law and not
// just a word: consent (Art. 17(1)1), a special provision of another law (Art. 17(1)2 with 15(1)2),
// consignment under contract (Art. 26).
const BASIS_WORDS: Record<LegalBasis, Record<Language, string>> = {
  CONSENT: { en: 'consent of the data subject (PIPA Art. 17(1)1)', ko: '정보주체의 동의 (개인정보 보호법 제17조제1항제1호)' },
  STATUTE: { en: 'special provision of law (PIPA Art. 17(1)2)', ko: '법률의 특별한 규정 (개인정보 보호법 제17조제1항제2호)' },
  CONTRACT: { en: 'consignment contract (PIPA Art. 26)', ko: '처리업무 위탁 계약 (개인정보 보호법 제26조)' },
};

/**
 * The legal basis in words, naming the statute: for STATUTE the cited article first (a version
 * published before articles were recorded says the article is not on record).
 * @example describeLegalBasis('STATUTE', 'customs-act.art-241', 'ko') // '관세법 제241조(수출·수입 또는 반송의 신고) — 법률의 특별한 규정 (…)'
 */
export function describeLegalBasis(basis: LegalBasis, statute: string | null, language: Language): string {
  switch (basis) {
    case 'CONSENT':
    case 'CONTRACT':
      return BASIS_WORDS[basis][language];
    case 'STATUTE': {
      const article = statute === null ? undefined : STATUTE_CATALOG.get(statute)?.label[language];
      const cited = article ?? (language === 'ko' ? '근거 조항 기록 없음' : 'article not on record');
      return `${cited} — ${BASIS_WORDS.STATUTE[language]}`;
    }
    default:
      return assertUnreachable(basis);
  }
}
