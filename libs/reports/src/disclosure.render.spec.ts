import { disclosureHtml, disclosureMarkdown, markdownCell } from './disclosure.render.js';
import type { DisclosureTables } from './disclosure.js';
import { itemLabel, purposeLabel } from './labels.js';

const EVIL = 'Evil <script>alert(1)</script> | *Co* & [x](javascript:y)';

const tables: DisclosureTables = {
  asOf: new Date('2026-03-01T03:00:00Z'),
  recipients: [
    {
      code: 'evil',
      name: { ko: EVIL, en: EVIL },
      country: 'US',
      overseas: true,
      status: 'ACTIVE',
      items: [itemLabel('receiver.name')],
      purposes: [purposeLabel('order.delivery')],
      agreementVersion: 1,
      effectiveFrom: new Date('2026-01-01T00:00:00Z'),
      legalBasis: 'CONSENT',
      statute: null,
      legalBasisLabel: { en: 'consent of the data subject (PIPA Art. 17(1)1)', ko: '정보주체의 동의 (개인정보 보호법 제17조제1항제1호)' },
      retention: { rule: 'P3M after purchase-confirmation', label: { en: '3 months after purchase confirmation', ko: '구매확정 후 3개월' } },
    },
  ],
  consignees: [],
};

describe('disclosure renderings', () => {
  it('escapes names from admins in HTML and shows the country of an overseas recipient', () => {
    const page = disclosureHtml(tables, 'ko');
    expect(page).not.toContain('<script>');
    expect(page).toContain('Evil &lt;script&gt;alert(1)&lt;/script&gt; | *Co* &amp; [x](javascript:y) (국가: US)');
    expect(page).toContain('구매확정 후 3개월');
  });

  it('escapes Markdown so a name cannot break the table or make a link', () => {
    const text = disclosureMarkdown(tables, 'en');
    const row = text.split('\n').find((line) => line.includes('Evil'))!;
    expect(row.split(/(?<!\\)\|/).length).toBe(7);
    expect(row).toContain('Evil &lt;script&gt;alert\\(1\\)&lt;/script&gt; \\| \\*Co\\* &amp; \\[x\\]\\(javascript:y\\) \\(country: US\\)');
    expect(text).toContain('| recipient | purpose of use by the recipient | items provided |');
    expect(markdownCell('a\nb')).toBe('a b');
  });
});
