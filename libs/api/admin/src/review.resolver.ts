import { ArrayMaxSize, Length, Matches } from 'class-validator';
import { Args, ArgsType, Authorized, Ctx, Field, Mutation, Query, Resolver } from 'type-graphql';
import { actorOf, IsPlainText, type RequestContext } from '@provision/api-core';
import type { ReviewReport, ReviewSignOff } from '@provision/db';
import { ReviewReportService, type ReviewReportData } from '@provision/review';
import { SLUG } from './partner.input.js';
import { ReviewReportView } from './review.type.js';
import { ReviewSignOffService } from './review-sign-off.service.js';

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

@ArgsType()
export class SignOffReviewArgs extends ReviewReportArgs {
  @Field({ description: 'What the officer concluded.' })
  @IsPlainText(2000)
  comment!: string;

  @Field(() => [String], { defaultValue: [], description: 'Follow-up actions, one per entry (at most 20).' })
  @ArrayMaxSize(20)
  @Length(1, 500, { each: true, message: 'each follow-up must be 1-500 characters' })
  @Matches(/^[^\p{Cc}]*$/u, { each: true, message: 'follow-ups must not contain control characters or line breaks' })
  followUps!: string[];
}

/** A stored report as the schema shows it: typed fields, instants as dates, with its sign-offs (newest first). */
export function toReviewReportView(stored: ReviewReport, signOffs: readonly ReviewSignOff[]): ReviewReportView {
  const report = stored.report as unknown as ReviewReportData;
  return {
    signOffs: signOffs.map((row) => ({
      signedAt: row.signedAt,
      signedBy: row.signedBy,
      signedByPerson: { sub: row.signedBySub, name: row.signedByName },
      revision: row.revision,
      comment: row.comment,
      followUps: row.followUps,
    })),
    signedOff: signOffs.some((row) => row.revision === stored.revision),
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
    findings: report.findings.map((finding) => ({ ...finding, explanationEn: finding.en, explanationKo: finding.ko })),
    totals: report.totals,
    baseline: report.baseline,
    byItemPurpose: report.byItemPurpose,
    denialsByReason: report.denialsByReason,
    accessChanges: report.accessChanges.map((change) => ({ ...change, at: new Date(change.at) })),
  };
}

const reviews = (ctx: RequestContext) => new ReviewReportService(ctx.em, ctx.clock);
const signOffs = (ctx: RequestContext) => new ReviewSignOffService(ctx.em, ctx.clock, actorOf(ctx.principal));

/** Reports with their sign-offs, read in one more query. */
async function views(ctx: RequestContext, stored: ReviewReport[]): Promise<ReviewReportView[]> {
  const byReport = await signOffs(ctx).signOffsOf(stored);
  return stored.map((report) => toReviewReportView(report, byReport.get(report.id) ?? []));
}

/** Monthly access-review reports per partner (PIPA Safety Standards Art. 8). */
@Resolver()
export class ReviewResolver {
  @Authorized('admin:write')
  @Mutation(() => ReviewReportView, {
    description: "Builds a partner's review report for a month now (the worker does so on the 1st for last month); replaces an earlier one, revision + 1.",
  })
  async generateReviewReport(@Ctx() ctx: RequestContext, @Args(() => ReviewReportArgs) args: ReviewReportArgs): Promise<ReviewReportView> {
    const [view] = await views(ctx, [await reviews(ctx).generate(args.partnerCode, args.month, ctx.principal.clientId)]);
    return view as ReviewReportView;
  }

  @Authorized('admin:read')
  @Query(() => ReviewReportView, { nullable: true, description: "A partner's stored review report for a month; null if none was generated." })
  async reviewReport(@Ctx() ctx: RequestContext, @Args(() => ReviewReportArgs) args: ReviewReportArgs): Promise<ReviewReportView | null> {
    const stored = await reviews(ctx).find(args.partnerCode, args.month);
    return stored ? ((await views(ctx, [stored]))[0] ?? null) : null;
  }

  @Authorized('admin:read')
  @Query(() => [ReviewReportView], { description: "Every partner's stored review report for a month, by partner code." })
  async reviewReports(@Ctx() ctx: RequestContext, @Args(() => ReviewMonthArgs) args: ReviewMonthArgs): Promise<ReviewReportView[]> {
    return views(ctx, await reviews(ctx).listMonth(args.month));
  }

  @Authorized('admin:write')
  @Mutation(() => ReviewReportView, {
    description:
      "Signs off a partner's review for a month: the signed-in officer (a person; FORBIDDEN for a machine client), the comment and follow-up actions, against the report's current revision.",
  })
  async signOffReviewReport(@Ctx() ctx: RequestContext, @Args(() => SignOffReviewArgs) args: SignOffReviewArgs): Promise<ReviewReportView> {
    const report = await signOffs(ctx).signOff(args.partnerCode, args.month, args.comment, args.followUps);
    const [view] = await views(ctx, [report]);
    return view as ReviewReportView;
  }
}
