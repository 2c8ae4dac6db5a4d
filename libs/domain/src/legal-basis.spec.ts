import { describeLegalBasis } from './legal-basis.js';

describe('describeLegalBasis', () => {
  it('names the cited article of a STATUTE basis, then the PIPA provision that lets it provide', () => {
    expect(describeLegalBasis('STATUTE', 'customs-act.art-241', 'ko')).toBe(
      '관세법 제241조(수출·수입 또는 반송의 신고) — 법률의 특별한 규정 (개인정보 보호법 제17조제1항제2호)',
    );
    expect(describeLegalBasis('STATUTE', 'customs-act.art-241', 'en')).toBe(
      'Customs Act, Art. 241 (import and export declarations) — special provision of law (PIPA Art. 17(1)2)',
    );
  });

  it('says so when a STATUTE version predates recorded articles, instead of naming none', () => {
    expect(describeLegalBasis('STATUTE', null, 'en')).toBe('article not on record — special provision of law (PIPA Art. 17(1)2)');
  });

  it.each([
    ['CONSENT', 'ko', '정보주체의 동의 (개인정보 보호법 제17조제1항제1호)'],
    ['CONTRACT', 'ko', '처리업무 위탁 계약 (개인정보 보호법 제26조)'],
    ['CONTRACT', 'en', 'consignment contract (PIPA Art. 26)'],
  ] as const)('names the PIPA article of %s (%s)', (basis, language, words) => {
    expect(describeLegalBasis(basis, null, language)).toBe(words);
  });
});
