import type { EntityManager } from '@mikro-orm/postgresql';
import { AccessChange, type Partner } from '@provision/db';
import { reviewFindings } from './review-findings.js';
import { type ReviewMonth, shiftMonth } from './review-month.js';
import {
  BASELINE_MONTHS,
  type ItemPurposeVolume,
  type MonthFigures,
  NEW_SUBJECT_LOOKBACK_MONTHS,
  ODD_HOURS_END,
  type ReasonCount,
  REVIEW_REPORT_SCHEMA_VERSION,
  REVIEW_THRESHOLDS,
  type ReviewReportData,
} from './review-report.js';

const SEOUL = `'Asia/Seoul'`;

interface TotalsRow {
  requests: number;
  records: number;
  releases: number;
  subjects_touched: number;
  odd_hour_releases: number;
}

interface MonthRow {
  month: string;
  items_released: number;
  items_denied: number;
  subjects_read: number;
  new_subjects: number;
}

interface VolumeRow {
  item: string;
  purpose: string;
  reason: string | null;
  released: number;
  denied: number;
}

const ratio = (part: number, whole: number): number | null => (whole === 0 ? null : part / whole);

/** `YYYY-MM` → the local timestamp PostgreSQL's `date_trunc('month', … at time zone 'Asia/Seoul')` yields for it. */
const localMonthStart = (month: ReviewMonth) => `${month.month}-01 00:00:00`;

/**
 * Builds one partner's access-review report for one Seoul calendar month from the provision ledger
 * and the permission history, in four set-based statements whatever the ledger's size: totals,
 * volumes per item × purpose (unnesting `items_released` and `items_denied`), a month-by-month
 * series for the month and its {@link BASELINE_MONTHS} baseline months (new subjects judged against
 * the {@link NEW_SUBJECT_LOOKBACK_MONTHS} months before each), and the access changes.
 */
export async function buildReviewReport(em: EntityManager, partner: Partner, month: ReviewMonth, now: Date): Promise<ReviewReportData> {
  const connection = em.getConnection();
  const baselineStart = shiftMonth(month, -BASELINE_MONTHS);
  const lookbackStart = shiftMonth(baselineStart, -NEW_SUBJECT_LOOKBACK_MONTHS);

  const [totalsRow] = await connection.execute<TotalsRow[]>(
    `select count(distinct request_id)::int as requests,
            count(*)::int as records,
            (count(*) filter (where cardinality(items_released) > 0))::int as releases,
            count(distinct subject_id)::int as subjects_touched,
            (count(*) filter (where cardinality(items_released) > 0
                               and extract(hour from occurred_at at time zone ${SEOUL}) < ${ODD_HOURS_END}))::int as odd_hour_releases
       from provision_records
      where partner_id = ? and occurred_at >= ? and occurred_at < ?`,
    [partner.id, month.start, month.end],
  );

  const volumes = await connection.execute<VolumeRow[]>(
    `with records as (
       select purpose, items_released, items_denied from provision_records
        where partner_id = ? and occurred_at >= ? and occurred_at < ?
     )
     select released.item, records.purpose, null as reason, count(*)::int as released, 0 as denied
       from records, unnest(records.items_released) as released(item)
      group by 1, 2
     union all
     select denial->>'item', records.purpose, denial->>'reason', 0, count(*)::int
       from records, jsonb_array_elements(records.items_denied) as denial
      group by 1, 2, 3`,
    [partner.id, month.start, month.end],
  );

  const series = await connection.execute<MonthRow[]>(
    `with read as (
       select subject_id, date_trunc('month', occurred_at at time zone ${SEOUL}) as m
         from provision_records
        where partner_id = ? and cardinality(items_released) > 0 and occurred_at >= ? and occurred_at < ?
        group by 1, 2
     ), subjects as (
       select m, count(*)::int as subjects_read,
              (count(*) filter (where not exists (
                 select 1 from read earlier
                  where earlier.subject_id = read.subject_id
                    and earlier.m >= read.m - interval '${NEW_SUBJECT_LOOKBACK_MONTHS} months' and earlier.m < read.m)))::int as new_subjects
         from read where m >= ?::timestamp
        group by m
     ), decisions as (
       select date_trunc('month', occurred_at at time zone ${SEOUL}) as m,
              sum(cardinality(items_released))::int as items_released,
              sum(jsonb_array_length(items_denied))::int as items_denied
         from provision_records
        where partner_id = ? and occurred_at >= ? and occurred_at < ?
        group by 1
     )
     select to_char(months.m, 'YYYY-MM') as month,
            coalesce(decisions.items_released, 0) as items_released, coalesce(decisions.items_denied, 0) as items_denied,
            coalesce(subjects.subjects_read, 0) as subjects_read, coalesce(subjects.new_subjects, 0) as new_subjects
       from generate_series(?::timestamp, ?::timestamp, interval '1 month') as months(m)
       left join subjects on subjects.m = months.m
       left join decisions on decisions.m = months.m
      order by months.m`,
    [
      partner.id,
      lookbackStart.start,
      month.end,
      localMonthStart(baselineStart),
      partner.id,
      baselineStart.start,
      month.end,
      localMonthStart(baselineStart),
      localMonthStart(month),
    ],
  );

  const changes = await em.find(
    AccessChange,
    { partner, at: { $gte: month.start, $lt: month.end } },
    { orderBy: { at: 'asc', id: 'asc' } },
  );

  const figures = series.map(toFigures);
  const current = figures[figures.length - 1] as MonthFigures;
  const previous = figures.slice(0, -1);
  const totals = {
    ...current,
    requests: totalsRow?.requests ?? 0,
    records: totalsRow?.records ?? 0,
    releases: totalsRow?.releases ?? 0,
    subjectsTouched: totalsRow?.subjects_touched ?? 0,
    oddHourReleases: totalsRow?.odd_hour_releases ?? 0,
    oddHourShare: ratio(totalsRow?.odd_hour_releases ?? 0, totalsRow?.releases ?? 0),
  };
  const pooled = previous.reduce((sum, figure) => ({ released: sum.released + figure.itemsReleased, denied: sum.denied + figure.itemsDenied }), {
    released: 0,
    denied: 0,
  });
  const baseline = {
    months: previous,
    newSubjectsAverage: previous.reduce((sum, figure) => sum + figure.newSubjects, 0) / BASELINE_MONTHS,
    denialRate: ratio(pooled.denied, pooled.released + pooled.denied),
  };
  const accessChanges = changes.map((change) => ({
    at: change.at.toISOString(),
    kind: change.kind,
    actor: change.actor,
    clientId: change.clientId,
  }));
  const complete = now.getTime() >= month.end.getTime();
  const { byItemPurpose, denialsByReason } = groupVolumes(volumes);
  return {
    schemaVersion: REVIEW_REPORT_SCHEMA_VERSION,
    partner: { id: partner.id, code: partner.code, name: partner.nameKo, nameEn: partner.nameEn, kind: partner.kind, role: partner.role },
    month: month.month,
    period: { from: month.start.toISOString(), to: month.end.toISOString() },
    complete,
    totals,
    baseline,
    byItemPurpose,
    denialsByReason,
    accessChanges,
    findings: reviewFindings({ month: month.month, complete, totals, baseline, accessChanges }),
    thresholds: REVIEW_THRESHOLDS,
  };
}

function toFigures(row: MonthRow): MonthFigures {
  return {
    month: row.month,
    itemsReleased: row.items_released,
    itemsDenied: row.items_denied,
    denialRate: ratio(row.items_denied, row.items_released + row.items_denied),
    subjectsRead: row.subjects_read,
    newSubjects: row.new_subjects,
  };
}

const byCountThenKey = (a: ReasonCount, b: ReasonCount) => b.count - a.count || a.reason.localeCompare(b.reason);

/** Volume rows (one per item × purpose × reason) → one entry per item × purpose, busiest first. */
function groupVolumes(rows: VolumeRow[]): { byItemPurpose: ItemPurposeVolume[]; denialsByReason: ReasonCount[] } {
  const entries = new Map<string, ItemPurposeVolume>();
  const reasons = new Map<string, number>();
  for (const row of rows) {
    const key = `${row.item}\u0000${row.purpose}`;
    const entry = entries.get(key) ?? { item: row.item, purpose: row.purpose, released: 0, denied: 0, denialsByReason: [] };
    entry.released += row.released;
    entry.denied += row.denied;
    if (row.reason !== null) {
      entry.denialsByReason.push({ reason: row.reason, count: row.denied });
      reasons.set(row.reason, (reasons.get(row.reason) ?? 0) + row.denied);
    }
    entries.set(key, entry);
  }
  const byItemPurpose = [...entries.values()]
    .map((entry) => ({ ...entry, denialsByReason: entry.denialsByReason.sort(byCountThenKey) }))
    .sort(
      (a, b) =>
        b.released + b.denied - (a.released + a.denied) || a.item.localeCompare(b.item) || a.purpose.localeCompare(b.purpose),
    );
  const denialsByReason = [...reasons].map(([reason, count]) => ({ reason, count })).sort(byCountThenKey);
  return { byItemPurpose, denialsByReason };
}
