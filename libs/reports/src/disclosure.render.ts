import type { Label, Language } from '@provision/domain';
import { html } from '@provision/util';
import type { DisclosedConsignee, DisclosedRecipient, DisclosureTables } from './disclosure.js';
import { TERMS } from './labels.js';
import { labels, page, seoulTime } from './page.html.js';

/** The partner's name in the page's language, with its country when the data goes abroad (PIPA Art. 28-8). */
function displayName(partner: { name: Label; country: string; overseas: boolean }, lang: Language): string {
  return partner.overseas ? `${partner.name[lang]} (${TERMS.country[lang]}: ${partner.country})` : partner.name[lang];
}

function reconsigneesText(consignee: DisclosedConsignee, lang: Language): string {
  if (consignee.reconsignees.length === 0) return TERMS.none[lang];
  return consignee.reconsignees
    .map((child) => (child.consignedTask ? `${displayName(child, lang)}: ${child.consignedTask[lang]}` : displayName(child, lang)))
    .join('; ');
}

/** The tables as a page in Korean or English. Partner names and tasks come from admins: all escaped. */
export function disclosureHtml(tables: DisclosureTables, lang: Language): string {
  const recipientRow = (row: DisclosedRecipient) =>
    html`<tr><td>${displayName(row, lang)}</td><td>${labels(row.purposes, lang)}</td><td>${labels(row.items, lang)}</td><td>${row.retention.label[lang]}</td><td>${row.legalBasisLabel[lang]}</td></tr>`;
  const consigneeRow = (row: DisclosedConsignee) =>
    html`<tr><td>${displayName(row, lang)}</td><td>${row.consignedTask?.[lang] ?? labels(row.purposes, lang)}</td><td>${labels(row.items, lang)}</td><td>${reconsigneesText(row, lang)}</td></tr>`;
  const body = html`<p class="muted">${TERMS.asOf[lang]}: ${seoulTime(tables.asOf, lang)}</p>
<section>
<h2>${TERMS.recipientsTitle[lang]}</h2>
<table>
<tr><th>${TERMS.recipient[lang]}</th><th>${TERMS.purpose[lang]}</th><th>${TERMS.items[lang]}</th><th>${TERMS.retention[lang]}</th><th>${TERMS.legalBasis[lang]}</th></tr>
${tables.recipients.map(recipientRow)}
</table>
</section>
<section>
<h2>${TERMS.consigneesTitle[lang]}</h2>
<table>
<tr><th>${TERMS.consignee[lang]}</th><th>${TERMS.consignedTask[lang]}</th><th>${TERMS.items[lang]}</th><th>${TERMS.reconsignees[lang]}</th></tr>
${tables.consignees.map(consigneeRow)}
</table>
</section>`;
  return page(lang, TERMS.disclosureTitle[lang], body);
}

/**
 * Text for a Markdown table cell: characters Markdown or an HTML-rendering viewer would act on
 * are backslash-escaped or written as entities, line breaks become spaces.
 */
export function markdownCell(text: string): string {
  return text
    .replace(/[\r\n]+/g, ' ')
    .replace(/[\\`*_[\]()|~]/g, (character) => `\\${character}`)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;');
}

function markdownTable(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const line = (cells: readonly string[]) => `| ${cells.map(markdownCell).join(' | ')} |`;
  return [line(header), `|${header.map(() => ' --- |').join('')}`, ...rows.map(line)].join('\n');
}

/** The tables as Markdown, for pasting into the privacy policy's source. */
export function disclosureMarkdown(tables: DisclosureTables, lang: Language): string {
  const recipients = markdownTable(
    [TERMS.recipient[lang], TERMS.purpose[lang], TERMS.items[lang], TERMS.retention[lang], TERMS.legalBasis[lang]],
    tables.recipients.map((row) => [
      displayName(row, lang),
      labels(row.purposes, lang),
      labels(row.items, lang),
      row.retention.label[lang],
      row.legalBasisLabel[lang],
    ]),
  );
  const consignees = markdownTable(
    [TERMS.consignee[lang], TERMS.consignedTask[lang], TERMS.items[lang], TERMS.reconsignees[lang]],
    tables.consignees.map((row) => [
      displayName(row, lang),
      row.consignedTask?.[lang] ?? labels(row.purposes, lang),
      labels(row.items, lang),
      reconsigneesText(row, lang),
    ]),
  );
  return [
    `# ${markdownCell(TERMS.disclosureTitle[lang])}`,
    '',
    `${markdownCell(TERMS.asOf[lang])}: ${markdownCell(seoulTime(tables.asOf, lang))}`,
    '',
    `## ${markdownCell(TERMS.recipientsTitle[lang])}`,
    '',
    recipients,
    '',
    `## ${markdownCell(TERMS.consigneesTitle[lang])}`,
    '',
    consignees,
    '',
  ].join('\n');
}
