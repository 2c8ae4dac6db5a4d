import type { EntityManager } from '@mikro-orm/postgresql';
import { Partner, ReviewReport } from '@provision/db';
import { InputError } from '@provision/domain';
import type { Clock } from '@provision/util';
import { buildReviewReport } from './review-report.builder.js';
import { parseReviewMonth, type ReviewMonth, seoulMonthOf, shiftMonth } from './review-month.js';

/** `generatedBy` of the reports the monthly worker job writes. */
export const MONTHLY_REVIEW_ACTOR = 'worker:monthly-review';

/** What one run of the monthly job did. */
export interface MonthlyReviewRun {
  month: string;
  /** Partner codes whose report this run wrote. */
  generated: string[];
  /** Partner codes that already had the month's report (another replica, an admin, an earlier run). */
  skipped: string[];
}

/**
 * Stores and reads the monthly access-review reports. On demand, a report is regenerated in place
 * (revision + 1); the monthly job only fills in missing ones, so a second run, or a run racing
 * another replica, writes nothing twice.
 */
export class ReviewReportService {
  constructor(
    private readonly em: EntityManager,
    private readonly clock: Clock,
  ) {}

  /** Builds and stores (or replaces) `partnerCode`'s report for `month` (`YYYY-MM`). */
  async generate(partnerCode: string, month: string, generatedBy: string): Promise<ReviewReport> {
    const reviewMonth = this.pastOrCurrentMonth(month);
    const partner = await this.partnerByCode(partnerCode);
    await this.store(partner, reviewMonth, generatedBy, 'replace');
    return this.em.findOneOrFail(ReviewReport, { partner, month: reviewMonth.month }, { populate: ['partner'], refresh: true });
  }

  async find(partnerCode: string, month: string): Promise<ReviewReport | null> {
    const reviewMonth = parseReviewMonth(month);
    const partner = await this.partnerByCode(partnerCode);
    return this.em.findOne(ReviewReport, { partner, month: reviewMonth.month }, { populate: ['partner'] });
  }

  /** Every partner's report for `month`, by partner code. */
  async listMonth(month: string): Promise<ReviewReport[]> {
    const reviewMonth = parseReviewMonth(month);
    const reports = await this.em.find(ReviewReport, { month: reviewMonth.month }, { populate: ['partner'] });
    return reports.sort((a, b) => a.partner.getEntity().code.localeCompare(b.partner.getEntity().code));
  }

  /**
   * The monthly job: last month's report (Seoul calendar, relative to the clock) for every partner
   * with ledger records or access changes in it, unless it already has one.
   */
  async generateLastMonth(): Promise<MonthlyReviewRun> {
    const month = shiftMonth(seoulMonthOf(this.clock.now()), -1);
    const rows = await this.em.getConnection().execute<{ partner_id: string }[]>(
      `select partner_id from provision_records where partner_id is not null and occurred_at >= ? and occurred_at < ?
       union
       select partner_id from access_changes where partner_id is not null and at >= ? and at < ?`,
      [month.start, month.end, month.start, month.end],
    );
    const partners = await this.em.find(Partner, { id: { $in: rows.map((row) => row.partner_id) } }, { orderBy: { code: 'asc' } });
    const run: MonthlyReviewRun = { month: month.month, generated: [], skipped: [] };
    for (const partner of partners) {
      const stored = await this.store(partner, month, MONTHLY_REVIEW_ACTOR, 'if-missing');
      (stored ? run.generated : run.skipped).push(partner.code);
    }
    return run;
  }

  /** Writes the report in one statement; false when `if-missing` found one already there. */
  private async store(partner: Partner, month: ReviewMonth, generatedBy: string, mode: 'replace' | 'if-missing'): Promise<boolean> {
    return this.em.transactional(async (em) => {
      const now = this.clock.now();
      const report = await buildReviewReport(em, partner, month, now);
      const onConflict =
        mode === 'replace'
          ? `do update set report = excluded.report, generated_at = excluded.generated_at,
               generated_by = excluded.generated_by, revision = review_reports.revision + 1`
          : 'do nothing';
      const written = await em.getConnection().execute<{ id: string }[]>(
        `insert into review_reports (id, partner_id, month, generated_at, generated_by, revision, report)
         values (gen_random_uuid(), ?, ?, ?, ?, 1, ?::jsonb)
         on conflict (partner_id, month) ${onConflict}
         returning id`,
        [partner.id, month.month, now, generatedBy, JSON.stringify(report)],
      );
      return written.length > 0;
    });
  }

  private pastOrCurrentMonth(month: string): ReviewMonth {
    const reviewMonth = parseReviewMonth(month);
    if (reviewMonth.start.getTime() > this.clock.now().getTime()) throw new InputError('month', 'the month has not begun');
    return reviewMonth;
  }

  private async partnerByCode(code: string): Promise<Partner> {
    const partner = await this.em.findOne(Partner, { code });
    if (!partner) throw new InputError('partnerCode', 'no partner with this code');
    return partner;
  }
}
