import type { EntityManager } from '@mikro-orm/postgresql';
import { type Language, STATUTE_CATALOG } from '@provision/domain';
import { itemsInCatalogOrder, type Labelled, purposeLabel, TERMS } from './labels.js';

/** One statutory disclosure as the privacy officer's register lists it (PIPA Art. 18(4)): never the values. */
export interface StatutoryRegisterEntry {
  id: string;
  recordedAt: Date;
  authority: string;
  statute: Labelled;
  purpose: Labelled;
  documentNumber: string;
  documentDate: string;
  shopSubjectIds: string[];
  items: Labelled[];
  /** The admin client the approver acted through, and the approving person. */
  approvedBy: string;
  approvedByPerson: { sub: string; name: string | null };
  notifySubjectDeferredUntil: string | null;
  deferralReason: string | null;
  /** The request that released it: the ledger rows of the release carry the same id. */
  requestId: string;
}

interface RegisterRow {
  id: string;
  recordedAt: string | Date;
  authority: string;
  statute: string;
  purpose: string;
  documentNumber: string;
  documentDate: string;
  shopSubjectIds: string[];
  items: string[];
  approvedBy: string;
  approvedBySub: string;
  approvedByName: string | null;
  notifySubjectDeferredUntil: string | null;
  deferralReason: string | null;
  requestId: string;
}

// Subjects by the shop's ids, in the order the record names them.
const REGISTER_SQL = `
select d.id, d.recorded_at as "recordedAt", d.authority, d.statute, d.purpose, d.document_number as "documentNumber",
       to_char(d.document_date, 'YYYY-MM-DD') as "documentDate",
       array(select s.shop_subject_id from unnest(d.subject_ids) with ordinality as u(id, n) join subjects s on s.id = u.id order by u.n)
         as "shopSubjectIds",
       d.items, d.approved_by as "approvedBy", d.approved_by_sub as "approvedBySub", d.approved_by_name as "approvedByName",
       to_char(d.notify_deferred_until, 'YYYY-MM-DD') as "notifySubjectDeferredUntil", d.deferral_reason as "deferralReason",
       d.request_id as "requestId"
  from statutory_disclosures d
 order by d.recorded_at, d.id`;

/** Every statutory disclosure recorded, oldest first. */
export async function buildStatutoryRegister(em: EntityManager): Promise<StatutoryRegisterEntry[]> {
  const rows = await em.execute<RegisterRow[]>(REGISTER_SQL);
  return rows.map(({ approvedBySub, approvedByName, ...row }) => ({
    ...row,
    recordedAt: new Date(row.recordedAt),
    statute: { key: row.statute, ...(STATUTE_CATALOG.get(row.statute)?.label ?? { en: row.statute, ko: row.statute }) },
    purpose: purposeLabel(row.purpose),
    items: itemsInCatalogOrder(row.items),
    approvedByPerson: { sub: approvedBySub, name: approvedByName },
  }));
}

/**
 * One CSV field (RFC 4180): quoted when it holds a quote, comma or line break; a field a spreadsheet
 * would read as a formula (`=`, `+`, `-`, `@`, tab, carriage return first) is prefixed with `'`.
 */
function csvField(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

/**
 * The register as CSV with a header row in `lang`, CRLF line ends, ready for a spreadsheet; it
 * starts with a byte order mark, without which Excel reads UTF-8 Korean as the legacy code page.
 */
export function statutoryRegisterCsv(entries: readonly StatutoryRegisterEntry[], lang: Language): string {
  const header = [
    TERMS.disclosedAt,
    TERMS.authority,
    TERMS.legalBasis,
    TERMS.purpose,
    TERMS.documentNumber,
    TERMS.documentDate,
    TERMS.subjects,
    TERMS.items,
    TERMS.approvedBy,
    TERMS.notifyDeferredUntil,
    TERMS.deferralReason,
  ].map((term) => term[lang]);
  const lines = entries.map((entry) => [
    entry.recordedAt.toISOString(),
    entry.authority,
    entry.statute[lang],
    entry.purpose[lang],
    entry.documentNumber,
    entry.documentDate,
    entry.shopSubjectIds.join(' '),
    entry.items.map((item) => item[lang]).join('; '),
    `${entry.approvedByPerson.name ?? entry.approvedByPerson.sub} (${entry.approvedBy})`,
    entry.notifySubjectDeferredUntil ?? '',
    entry.deferralReason ?? '',
  ]);
  return `\uFEFF${[header, ...lines].map((fields) => fields.map(csvField).join(',')).join('\r\n')}\r\n`;
}
