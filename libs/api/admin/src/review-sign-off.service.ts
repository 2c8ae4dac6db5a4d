import type { EntityManager } from '@mikro-orm/postgresql';
import { type ReviewReport, ReviewSignOff } from '@provision/db';
import { type Actor, DomainError, InputError } from '@provision/domain';
import type { Clock } from '@provision/util';
import { ReviewReportService } from '@provision/review';

/**
 * The privacy officer's sign-off of a monthly review: who (a person — a shared client cannot sign
 * for anyone), when, which revision, the comment and the follow-up actions. Append-only: a report
 * regenerated after a sign-off shows as not signed off until someone signs its new revision.
 */
export class ReviewSignOffService {
  constructor(
    private readonly em: EntityManager,
    private readonly clock: Clock,
    private readonly actor: Actor,
  ) {}

  async signOff(partnerCode: string, month: string, comment: string, followUps: string[]): Promise<ReviewReport> {
    const person = this.actor.person;
    if (person === null) throw new DomainError('FORBIDDEN', 'a review is signed off by a person: sign in to the console');
    const report = await new ReviewReportService(this.em, this.clock).find(partnerCode, month);
    if (!report) throw new InputError('month', 'no review report for this partner and month; generate it first');
    this.em.create(ReviewSignOff, {
      report,
      revision: report.revision,
      signedAt: this.clock.now(),
      signedBy: this.actor.clientId,
      signedBySub: person.sub,
      signedByName: person.name,
      comment,
      followUps,
    });
    await this.em.flush();
    return report;
  }

  /** Sign-offs of each report, newest first, in one query. */
  async signOffsOf(reports: readonly ReviewReport[]): Promise<Map<string, ReviewSignOff[]>> {
    const rows = reports.length === 0 ? [] : await this.em.find(ReviewSignOff, { report: { $in: reports.map((report) => report.id) } }, { orderBy: { signedAt: 'desc', id: 'desc' } });
    const byReport = new Map<string, ReviewSignOff[]>(reports.map((report) => [report.id, []]));
    for (const row of rows) byReport.get(row.report.id)?.push(row);
    return byReport;
  }
}
