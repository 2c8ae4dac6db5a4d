import { Matches } from 'class-validator';
import { Args, ArgsType, Authorized, Ctx, Field, Mutation, Query, Resolver } from 'type-graphql';
import type { RequestContext } from '@provision/api-core';
import type { ReviewReport } from '@provision/db';
import { ReviewReportService, type ReviewReportData } from '@provision/review';
import { SLUG } from './partner.input.js';
import { ReviewReportView } from './review.type.js';

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

@ArgsType()
export class ReviewMonthArgs {
  @Field({ description: 'A month of the Seoul calendar, `YYYY-MM`.' })
  @Matches(MONTH, { message: 'month must be a month as YYYY-MM' })
  month!: string;
}

@ArgsType()
export class ReviewReportArgs extends ReviewMonthArgs {
  @Field()
  @Matches(SLUG, { message: 'partnerCode must be 3-64 lowercase letters, digits or dashes' })
  partnerCode!: string;
}

/** A stored report as the schema shows it: typed fields, instants as dates. */
export function toReviewReportView(stored: ReviewReport): ReviewReportView {
  const report = stored.report as unknown as ReviewReportData;
  return {
    partnerCode: report.partner.code,
    partnerName: report.partner.name,
    partnerNameEn: report.partner.nameEn ?? report.partner.name,
    month: report.month,
    periodFrom: new Date(report.period.from),
    periodTo: new Date(report.period.to),
    complete: report.complete,
    generatedAt: stored.generatedAt,
    generatedBy: stored.generatedBy,
    revision: stored.revision,
    findings: report.findings,
    totals: report.totals,
    baseline: report.baseline,
    byItemPurpose: report.byItemPurpose,
    denialsByReason: report.denialsByReason,
    accessChanges: report.accessChanges.map((change) => ({ ...change, at: new Date(change.at) })),
  };
}

const reviews = (ctx: RequestContext) => new ReviewReportService(ctx.em, ctx.clock);

/** Monthly access-review reports per partner (PIPA Safety Standards Art. 8). */
@Resolver()
export class ReviewResolver {
  @Authorized('admin:write')
  @Mutation(() => ReviewReportView, {
    description: "Builds a partner's review report for a month now (the worker does so on the 1st for last month); replaces an earlier one, revision + 1.",
  })
  async generateReviewReport(@Ctx() ctx: RequestContext, @Args(() => ReviewReportArgs) args: ReviewReportArgs): Promise<ReviewReportView> {
    return toReviewReportView(await reviews(ctx).generate(args.partnerCode, args.month, ctx.principal.clientId));
  }

  @Authorized('admin:read')
  @Query(() => ReviewReportView, { nullable: true, description: "A partner's stored review report for a month; null if none was generated." })
  async reviewReport(@Ctx() ctx: RequestContext, @Args(() => ReviewReportArgs) args: ReviewReportArgs): Promise<ReviewReportView | null> {
    const stored = await reviews(ctx).find(args.partnerCode, args.month);
    return stored ? toReviewReportView(stored) : null;
  }

  @Authorized('admin:read')
  @Query(() => [ReviewReportView], { description: "Every partner's stored review report for a month, by partner code." })
  async reviewReports(@Ctx() ctx: RequestContext, @Args(() => ReviewMonthArgs) args: ReviewMonthArgs): Promise<ReviewReportView[]> {
    return (await reviews(ctx).listMonth(args.month)).map(toReviewReportView);
  }
}
