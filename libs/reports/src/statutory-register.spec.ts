import { type StatutoryRegisterEntry, statutoryRegisterCsv } from './statutory-register.js';

const entry = (overrides: Partial<StatutoryRegisterEntry> = {}): StatutoryRegisterEntry => ({
  id: '00000000-0000-4000-8000-000000000001',
  recordedAt: new Date('2026-03-01T03:00:00Z'),
  authority: '서울중앙지방검찰청',
  statute: { key: 'criminal-procedure-act.art-215', en: 'Criminal Procedure Act, Art. 215', ko: '형사소송법 제215조' },
  purpose: { key: 'statutory.investigation', en: 'criminal investigation', ko: '범죄 수사' },
  documentNumber: '2026-압-0001',
  documentDate: '2026-02-27',
  shopSubjectIds: ['member-0001', 'member-0002'],
  items: [
    { key: 'name', en: 'name', ko: '성명' },
    { key: 'mobile', en: 'mobile phone number', ko: '휴대전화번호' },
  ],
  approvedBy: 'privacy-admin',
  approvedByPerson: { sub: 'officer-kim', name: '김민지' },
  notifySubjectDeferredUntil: null,
  deferralReason: null,
  requestId: 'request-1',
  ...overrides,
});

const rowsOf = (csv: string) => csv.slice(1).trimEnd().split('\r\n');

describe('statutoryRegisterCsv', () => {
  it('starts with a byte order mark and a header in the language asked for, one CRLF line per entry', () => {
    const csv = statutoryRegisterCsv([entry()], 'ko');
    expect(csv.startsWith('\uFEFF제공 일시,요청 기관,')).toBe(true);
    expect(csv.endsWith('\r\n')).toBe(true);
    expect(rowsOf(csv)[1]).toBe(
      '2026-03-01T03:00:00.000Z,서울중앙지방검찰청,형사소송법 제215조,범죄 수사,2026-압-0001,2026-02-27,member-0001 member-0002,성명; 휴대전화번호,김민지 (privacy-admin),,',
    );
  });

  it('quotes commas, quotes and line breaks, and keeps a spreadsheet from reading a field as a formula', () => {
    const csv = statutoryRegisterCsv([entry({ authority: '=HYPERLINK("x"),1', deferralReason: 'line\nbreak' })], 'en');
    const line = csv.slice(1).split('\r\n')[1];
    expect(line).toContain(`"'=HYPERLINK(""x""),1"`);
    expect(line).toContain('Criminal Procedure Act, Art. 215');
    expect(line.endsWith('"line\nbreak"')).toBe(true);
  });
});
