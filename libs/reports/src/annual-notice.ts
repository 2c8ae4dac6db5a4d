import type { EntityManager } from '@mikro-orm/postgresql';
import { InputError, type Language, type PartnerKind, seoulDayOf, startOfSeoulDay } from '@provision/domain';
import type { ReceiptController } from './consent-receipt.js';
import { itemsInCatalogOrder, PARTNER_KIND_LABELS, purposeLabel, TERMS } from './labels.js';

// The annual provision notice (PIPA Art. 20-2; Enforcement Decree Art. 15-3): at least once a year
// each subject is told which items were provided to whom and why. Computed from the provision
// ledger — what was actually released, not what agreements allowed — set-based, in batches of
// subjects, and recorded per subject and period (`annual_provision_notices`), so a run stopped
// midway resumes where it stopped and a rerun produces nothing twice.

/** What one partner received about the subject under one purpose in the period. */
export interface AnnualNoticeProvision {
  /** The partner as registered when the notice was produced. */
  partner: { code: string; nameKo: string; nameEn: string; kind: PartnerKind };
  purpose: string;
  /** Item keys released at least once, alphabetical. */
  items: string[];
  /** Ledger rows (requests) that released at least one item. */
  releases: number;
  firstProvidedAt: string;
  lastProvidedAt: string;
}

/** The stored content of one subject's notice for one period (`annual_provision_notices.content`). */
export interface AnnualNoticeContent {
  schemaVersion: 1;
  /** `YYYY`, a Seoul calendar year. */
  period: string;
  /** The period's first instant, and the instant after its last (00:00 KST of 1 January). */
  from: string;
  to: string;
  shopSubjectId: string;
  /** By partner code, then purpose. */
  provisions: AnnualNoticeProvision[];
}

/** A produced notice as read back. */
export interface AnnualNotice {
  shopSubjectId: string;
  period: string;
  producedAt: Date;
  content: AnnualNoticeContent;
}

/** Subjects examined per statement by default: one batch is one INSERT … SELECT. */
export const ANNUAL_NOTICE_BATCH_SIZE = 10_000;

/** The Seoul calendar year `year` as a half-open range of instants. */
export function seoulYear(year: number): { from: Date; to: Date } {
  return { from: startOfSeoulDay(`${year}-01-01`), to: startOfSeoulDay(`${year + 1}-01-01`) };
}

/** The Seoul calendar year before the one `now` falls in: the period the yearly job notifies. */
export function previousSeoulYear(now: Date): number {
  return Number(seoulDayOf(now).slice(0, 4)) - 1;
}

/**
 * `?year=` of a request: four digits, 2000 or later.
 * @throws InputError on `year`
 */
export function parseNoticeYear(value: unknown): number {
  if (typeof value !== 'string' || !/^\d{4}$/.test(value) || Number(value) < 2000) throw new InputError('year', 'must be a year of four digits, 2000 or later');
  return Number(value);
}

export interface AnnualNoticeRun {
  period: string;
  /** Statements run (batches of subjects). */
  batches: number;
  /** Notices recorded by this run. */
  produced: number;
  /** Whether the run picked up after notices an earlier run had recorded for the period. */
  resumed: boolean;
  /** Whether it stopped before the last subject because `signal` was aborted. */
  stopped: boolean;
}

export interface AnnualNoticeOptions {
  year: number;
  /** Recorded as each notice's `produced_at`; the period must have ended by then. */
  now: Date;
  batchSize?: number;
  /** Checked between batches: a stopping worker ends after the batch in hand, and the next run resumes. */
  signal?: AbortSignal;
}

/**
 * Produces the annual notices of the Seoul calendar year `year` for every subject the ledger shows
 * data was provided about in it, and records them. Subjects are walked in id order, `batchSize` at
 * a time; each batch is one statement (the ledger rows of the batch's id range through the
 * `(subject_id, occurred_at)` index, grouped by subject, partner and purpose, inserted as one
 * notice per subject), so a batch is recorded whole or not at all. A run starts after the highest
 * subject already noticed for the period — every subject below it was in an earlier, committed
 * batch — and `on conflict do nothing` keeps a concurrent run from recording anything twice.
 * Only partner releases count: an admin's reads answer the subject's own requests.
 * @throws InputError on `year` when the year has not ended at `now`
 */
export async function produceAnnualNotices(em: EntityManager, options: AnnualNoticeOptions): Promise<AnnualNoticeRun> {
  const { from, to } = seoulYear(options.year);
  if (to.getTime() > options.now.getTime()) throw new InputError('year', 'must have ended: a notice covers a whole year');
  const period = String(options.year);
  const batchSize = options.batchSize ?? ANNUAL_NOTICE_BATCH_SIZE;
  const [last] = await em.execute<{ id: string }[]>(
    'select subject_id as id from annual_provision_notices where period = ? order by subject_id desc limit 1',
    [period],
  );
  const run: AnnualNoticeRun = { period, batches: 0, produced: 0, resumed: last !== undefined, stopped: false };
  let after: string | null = last?.id ?? null;
  for (;;) {
    if (options.signal?.aborted) return { ...run, stopped: true };
    // The batch's upper bound: its last subject, or none when fewer than batchSize are left.
    const bounds: { id: string }[] = await em.execute<{ id: string }[]>(
      'select id from subjects where (?::uuid is null or id > ?::uuid) order by id offset ? limit 1',
      [after, after, batchSize - 1],
    );
    const through = bounds[0]?.id ?? null;
    const [{ produced }] = await em.execute<{ produced: number }[]>(PRODUCE_BATCH, [
      after, after, through, through, from, to,
      period, options.now, period, from.toISOString(), to.toISOString(),
    ]);
    run.batches += 1;
    run.produced += produced;
    if (through === null) return run;
    after = through;
  }
}

const ISO = `'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'`;

/** One batch: subjects in (after, through] (unbounded when null); parameters in order of the `?`s. */
const PRODUCE_BATCH = `
with provisions as (
  select r.subject_id, r.partner_id, r.purpose, array_agg(distinct i.item collate "C" order by i.item collate "C") as items,
         count(distinct r.id)::int as releases, min(r.occurred_at) as first_at, max(r.occurred_at) as last_at
    from provision_records r
    cross join lateral unnest(r.items_released) as i(item)
   where r.actor_kind = 'PARTNER'
     and (?::uuid is null or r.subject_id > ?::uuid) and (?::uuid is null or r.subject_id <= ?::uuid)
     and r.occurred_at >= ?::timestamptz and r.occurred_at < ?::timestamptz
   group by r.subject_id, r.partner_id, r.purpose
), produced as (
  insert into annual_provision_notices (subject_id, period, produced_at, content)
  select s.id, ?, ?::timestamptz, jsonb_build_object(
           'schemaVersion', 1, 'period', ?::text, 'from', ?::text, 'to', ?::text, 'shopSubjectId', s.shop_subject_id,
           'provisions', jsonb_agg(jsonb_build_object(
             'partner', jsonb_build_object('code', p.code, 'nameKo', p.name_ko, 'nameEn', p.name_en, 'kind', p.kind),
             'purpose', v.purpose, 'items', to_jsonb(v.items), 'releases', v.releases,
             'firstProvidedAt', to_char(v.first_at at time zone 'UTC', ${ISO}),
             'lastProvidedAt', to_char(v.last_at at time zone 'UTC', ${ISO}))
             order by p.code collate "C", v.purpose collate "C"))
    from provisions v
    join subjects s on s.id = v.subject_id
    join partners p on p.id = v.partner_id
   group by s.id
  on conflict (subject_id, period) do nothing
  returning 1
)
select count(*)::int as produced from produced`;

/** The recorded notice of a subject (by the shop's id) for a year, or null when none was produced. */
export async function findAnnualNotice(em: EntityManager, shopSubjectId: string, year: number): Promise<AnnualNotice | null> {
  const [row] = await em.execute<{ producedAt: Date; content: AnnualNoticeContent }[]>(
    `select n.produced_at as "producedAt", n.content
       from annual_provision_notices n join subjects s on s.id = n.subject_id
      where s.shop_subject_id = ? and n.period = ?`,
    [shopSubjectId, String(year)],
  );
  return row ? { shopSubjectId, period: String(year), producedAt: new Date(row.producedAt), content: row.content } : null;
}

const fill = (text: string, values: Record<string, string | number>) => text.replace(/\{(\w+)\}/g, (_, key: string) => String(values[key] ?? `{${key}}`));

/** The notice as plain text in `lang` (a notice has at least one provision), rendered from its stored content (labels from the catalogs, dates on the Seoul calendar). */
export function annualNoticeText(content: AnnualNoticeContent, lang: Language, controller: ReceiptController | null): string {
  const day = (instant: string) => seoulDayOf(new Date(instant));
  const lastDay = seoulDayOf(new Date(Date.parse(content.to) - 1));
  const lines = [
    `${TERMS.annualNoticeTitle[lang]} (${TERMS.annualNoticeBasis[lang]}) — ${content.period}`,
    `${TERMS.dataSubject[lang]}: ${content.shopSubjectId}`,
    '',
    fill(TERMS.annualNoticeIntro[lang], { shop: controller?.name ?? TERMS.theShop[lang], from: day(content.from), to: lastDay }),
    '',
  ];
  let partnerCode: string | null = null;
  for (const provision of content.provisions) {
    if (provision.partner.code !== partnerCode) {
      partnerCode = provision.partner.code;
      const name = lang === 'ko' ? provision.partner.nameKo : provision.partner.nameEn;
      lines.push(`${TERMS.providedTo[lang]}: ${name} (${PARTNER_KIND_LABELS[provision.partner.kind][lang]})`);
    }
    lines.push(
      `  - ${TERMS.purpose[lang]}: ${purposeLabel(provision.purpose)[lang]}`,
      `    ${TERMS.items[lang]}: ${itemsInCatalogOrder(provision.items).map((item) => item[lang]).join(', ')}`,
      `    ${TERMS.provided[lang]}: ${fill(TERMS[provision.releases === 1 ? 'providedOnce' : 'providedTimes'][lang], { n: provision.releases, first: day(provision.firstProvidedAt), last: day(provision.lastProvidedAt) })}`,
    );
  }
  if (controller !== null) lines.push('', `${TERMS.questions[lang]}: ${controller.contact} · ${controller.email} · ${controller.phone}`);
  return `${lines.join('\n')}\n`;
}
