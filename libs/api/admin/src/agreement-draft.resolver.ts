import { Arg, Args, ArgsType, Authorized, Ctx, Field, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { actorOf, IsPlainText, type RequestContext } from '@provision/api-core';
import { AgreementDraft, type DraftState } from '@provision/db';
import { describeRetentionRule, NotFoundError, parseRetentionRule } from '@provision/domain';
import { PublishAgreementInput } from './agreement.input.js';
import { AgreementDraftService } from './agreement-draft.service.js';
import { AgreementDiffView, AgreementDraftView, DraftStatusEnum } from './agreement-draft.type.js';
import { toAgreementView } from './partner.mapper.js';
import { AgreementView } from './partner.type.js';
import { personView } from './person.type.js';
import { RegistryService } from './registry.service.js';

@ArgsType()
class RejectDraftArgs {
  @Field(() => ID)
  id!: string;

  @Field({ description: 'Why; kept with the draft.' })
  @IsPlainText(500)
  reason!: string;
}

export const drafts = (ctx: RequestContext) =>
  new AgreementDraftService(
    ctx.em,
    ctx.clock,
    actorOf(ctx.principal),
    new RegistryService(ctx.em, ctx.clock, actorOf(ctx.principal), ctx.keyring),
    ctx.fourEyesPublishing,
  );

function toDraftView(draft: AgreementDraft): AgreementDraftView {
  const { content } = draft;
  const rule = parseRetentionRule(content.retentionRule);
  return Object.assign(new AgreementDraftView(), {
    id: draft.id,
    partnerId: draft.partner.id,
    partnerCode: draft.partner.getEntity().code,
    status: draft.status,
    baseVersion: draft.baseVersion,
    grants: content.grants.map(({ item, purpose }) => ({ item, purpose })),
    retentionRule: content.retentionRule,
    retentionEn: describeRetentionRule(rule, 'en'),
    retentionKo: describeRetentionRule(rule, 'ko'),
    legalBasis: content.legalBasis,
    statute: content.statute,
    consentRequired: content.consentRequired,
    effectiveFrom: content.effectiveFrom === null ? null : new Date(content.effectiveFrom),
    dailySubjectCeiling: content.dailySubjectCeiling,
    rateCapacity: content.rateCapacity,
    rateRefillPerMinute: content.rateRefillPerMinute,
    draftedAt: draft.draftedAt,
    draftedBy: draft.draftedBy,
    draftedByPerson: personView(draft.draftedBySub, draft.draftedByName),
    decidedAt: draft.decidedAt,
    decidedBy: draft.decidedBy,
    decidedByPerson: personView(draft.decidedBySub, draft.decidedByName),
    decisionReason: draft.decisionReason,
    publishedVersion: draft.agreement?.getEntity().version ?? null,
  });
}

/** Four-eyes publishing of agreement versions: draft, diff against the version in force, approve or reject. */
@Resolver(() => AgreementDraftView)
export class AgreementDraftResolver {
  @Authorized('admin:read')
  @Query(() => [AgreementDraftView], { description: 'Agreement drafts, newest first (at most 100).' })
  async agreementDrafts(
    @Ctx() ctx: RequestContext,
    @Arg('status', () => DraftStatusEnum, { nullable: true }) status?: DraftState | null,
    @Arg('partnerId', () => ID, { nullable: true }) partnerId?: string | null,
  ): Promise<AgreementDraftView[]> {
    return (await drafts(ctx).list({ status, partnerId })).map(toDraftView);
  }

  @Authorized('admin:write')
  @Mutation(() => AgreementDraftView, {
    description: 'Proposes a new agreement version, checked as publishAgreement would check it; it goes live when an officer approves it.',
  })
  async draftAgreement(@Ctx() ctx: RequestContext, @Arg('input', () => PublishAgreementInput) input: PublishAgreementInput): Promise<AgreementDraftView> {
    const draft = await drafts(ctx).draft(input);
    return toDraftView(await ctx.em.findOneOrFail(AgreementDraft, { id: draft.id }, { populate: ['partner'] }));
  }

  @Authorized('admin:write')
  @Mutation(() => AgreementView, {
    description:
      'Publishes a pending draft as the next version. With four-eyes publishing (AGREEMENT_FOUR_EYES) only an officer signed in as a person other than the drafter may: FORBIDDEN otherwise.',
  })
  async approveAgreementDraft(@Ctx() ctx: RequestContext, @Arg('id', () => ID) id: string): Promise<AgreementView> {
    return toAgreementView(await drafts(ctx).approve(id));
  }

  @Authorized('admin:write')
  @Mutation(() => AgreementDraftView, { description: 'Rejects a pending draft (its drafter: withdraws it). It stays on record.' })
  async rejectAgreementDraft(@Ctx() ctx: RequestContext, @Args(() => RejectDraftArgs) { id, reason }: RejectDraftArgs): Promise<AgreementDraftView> {
    const draft = await drafts(ctx).reject(id, reason);
    return toDraftView(await ctx.em.findOneOrFail(AgreementDraft, { id: draft.id }, { populate: ['partner'] }));
  }

  @FieldResolver(() => AgreementDiffView, { description: 'The draft against the version in force now, and its effect on consents.' })
  async diff(@Ctx() ctx: RequestContext, @Root() view: AgreementDraftView): Promise<AgreementDiffView> {
    const draft = await ctx.em.findOne(AgreementDraft, { id: view.id });
    if (!draft) throw new NotFoundError('agreement draft');
    return drafts(ctx).diff(draft);
  }
}
