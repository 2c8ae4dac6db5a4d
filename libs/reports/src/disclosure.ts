import type { EntityManager } from '@mikro-orm/postgresql';
import { Agreement, Partner, PartnerStatusChange } from '@provision/db';
import {
  agreementInForce,
  describeLegalBasis,
  describeRetentionRule,
  InputError,
  parseRetentionRule,
  SEOUL_OFFSET_MS,
  statusAt,
  type Label,
  type LegalBasis,
  type PartnerStatus,
} from '@provision/domain';
import { itemsInCatalogOrder, purposesInCatalogOrder, type Labelled } from './labels.js';

/** What the privacy policy says of one partner: the agreement version in force at the table's instant. */
interface DisclosedPartner {
  code: string;
  name: Label;
  /** ISO 3166-1 alpha-2; anything but KR is an overseas transfer (PIPA Art. 28-8). */
  country: string;
  overseas: boolean;
  /** The partnership's status at the table's instant (ACTIVE or SUSPENDED; terminated partners are not listed). */
  status: PartnerStatus;
  items: Labelled[];
  purposes: Labelled[];
  agreementVersion: number;
  effectiveFrom: Date;
  legalBasis: LegalBasis;
  /** The cited article of a STATUTE basis (statute catalog key); null otherwise. */
  statute: string | null;
  /** The basis in words, naming the statute (`describeLegalBasis`). */
  legalBasisLabel: Label;
  retention: { rule: string; label: Label };
}

/** A row of the recipients table (PIPA Art. 17(2)): recipient, purpose, items, retention period. */
export type DisclosedRecipient = DisclosedPartner;

/** A row of the consignees table (PIPA Art. 26(2)): consignee, consigned task, and its re-consignees (Art. 26(6)). */
export interface DisclosedConsignee extends DisclosedPartner {
  consignedTask: Label | null;
  reconsignees: (DisclosedPartner & { consignedTask: Label | null })[];
}

/** The disclosure tables of the privacy policy as they stood at `asOf`. No personal data. */
export interface DisclosureTables {
  asOf: Date;
  recipients: DisclosedRecipient[];
  consignees: DisclosedConsignee[];
}

const DAY_MS = 24 * 60 * 60 * 1000;
const CALENDAR_DAY = /^(\d{4})-(\d{2})-(\d{2})$/;
// Offset required: a timestamp without one would be read in the server's zone.
const TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:\d{2})$/;

/**
 * The instant of `?asOf=`: a Seoul calendar day `YYYY-MM-DD` means the end of that day (its last
 * millisecond, KST), so a change effective that day shows; an ISO 8601 timestamp with an offset is
 * that instant. Absent: `now`.
 * @throws InputError on `asOf`
 */
export function parseAsOf(value: string | undefined, now: Date): Date {
  if (value === undefined || value === '') return now;
  const day = CALENDAR_DAY.exec(value);
  if (day) {
    const start = Date.UTC(Number(day[1]), Number(day[2]) - 1, Number(day[3]));
    const back = new Date(start);
    const real =
      back.getUTCFullYear() === Number(day[1]) && back.getUTCMonth() === Number(day[2]) - 1 && back.getUTCDate() === Number(day[3]);
    if (!real) throw new InputError('asOf', 'is not a calendar date');
    return new Date(start - SEOUL_OFFSET_MS + DAY_MS - 1);
  }
  const at = TIMESTAMP.test(value) ? Date.parse(value) : Number.NaN;
  if (Number.isNaN(at)) throw new InputError('asOf', 'must be a date YYYY-MM-DD (Seoul) or an ISO 8601 timestamp with an offset');
  return new Date(at);
}

const byName = (a: { nameEn: string; code: string }, b: { nameEn: string; code: string }) =>
  a.nameEn.localeCompare(b.nameEn, 'en') || (a.code < b.code ? -1 : 1);

/** The consigned task in both languages; null for a partner without one. */
const consignedTaskOf = (partner: Partner): Label | null =>
  partner.consignedTaskKo === null || partner.consignedTaskEn === null ? null : { ko: partner.consignedTaskKo, en: partner.consignedTaskEn };

/**
 * The recipients and consignees tables from the live registry, as in force at `asOf`: every
 * partner registered by then, not terminated by then (a termination removes it from its effective
 * time on, seed MIKMIK 6.4), with an agreement version in force then (a new version shows from its
 * effective date). Re-consignees appear under their consignee, and only while both are listed.
 * Three statements over the registry, whatever its history.
 */
export async function buildDisclosureTables(em: EntityManager, asOf: Date): Promise<DisclosureTables> {
  const [partners, changes, agreements] = await Promise.all([
    em.find(Partner, {}),
    em.find(PartnerStatusChange, {}, { orderBy: { effectiveAt: 'asc', recordedAt: 'asc' } }),
    em.find(Agreement, { effectiveFrom: { $lte: asOf } }, { populate: ['grants'], orderBy: { version: 'asc' } }),
  ]);

  const listed = new Map<string, DisclosedPartner>();
  for (const partner of partners) {
    const history = changes.filter((change) => change.partner.id === partner.id);
    if (history.length === 0 || history[0].effectiveAt.getTime() > asOf.getTime()) continue;
    const status = statusAt(history, asOf);
    if (status === 'TERMINATED') continue;
    const agreement = agreementInForce(
      agreements.filter((candidate) => candidate.partner.id === partner.id),
      asOf,
    );
    if (agreement === null) continue;
    const grants = agreement.grants.getItems();
    const rule = parseRetentionRule(agreement.retentionRule);
    listed.set(partner.id, {
      code: partner.code,
      name: { ko: partner.nameKo, en: partner.nameEn },
      country: partner.country,
      overseas: partner.country !== 'KR',
      status,
      items: itemsInCatalogOrder(grants.map((grant) => grant.item)),
      purposes: purposesInCatalogOrder(grants.map((grant) => grant.purpose)),
      agreementVersion: agreement.version,
      effectiveFrom: agreement.effectiveFrom,
      legalBasis: agreement.legalBasis,
      statute: agreement.statute,
      legalBasisLabel: {
        en: describeLegalBasis(agreement.legalBasis, agreement.statute, 'en'),
        ko: describeLegalBasis(agreement.legalBasis, agreement.statute, 'ko'),
      },
      retention: { rule: agreement.retentionRule, label: { en: describeRetentionRule(rule, 'en'), ko: describeRetentionRule(rule, 'ko') } },
    });
  }

  const recipients: DisclosedRecipient[] = [];
  const consignees: DisclosedConsignee[] = [];
  for (const partner of [...partners].sort(byName)) {
    const row = listed.get(partner.id);
    if (!row) continue;
    if (partner.kind === 'RECIPIENT') {
      recipients.push(row);
      continue;
    }
    if (partner.parent !== null) continue;
    const reconsignees = partners
      .filter((child) => child.parent?.id === partner.id && listed.has(child.id))
      .sort(byName)
      .map((child) => ({ ...(listed.get(child.id) as DisclosedPartner), consignedTask: consignedTaskOf(child) }));
    consignees.push({ ...row, consignedTask: consignedTaskOf(partner), reconsignees });
  }
  return { asOf, recipients, consignees };
}
