import { Arg, Authorized, Ctx, Mutation, Query, Resolver } from 'type-graphql';
import type { RequestContext } from '@provision/api-core';
import { toCorrectionView, toSubjectView, toSuspensionView } from './shop.mapper.js';
import {
  ApplyCorrectionInput,
  RequestCorrectionInput,
  ResumeProcessingInput,
  SuspendProcessingInput,
} from './subject-rights.input.js';
import { SubjectRightsService } from './subject-rights.service.js';
import { CorrectionView, ProcessingSuspensionView } from './subject-rights.type.js';
import { SubjectView } from './subject.type.js';

const rights = (ctx: RequestContext) => new SubjectRightsService(ctx.em, ctx.clock, ctx.keyring);

/** Suspension of processing and correction, as the shop records them on the subject's behalf. */
@Resolver()
export class ShopSubjectRightsResolver {
  @Authorized('shop:write')
  @Mutation(() => [ProcessingSuspensionView], {
    description:
      'Suspends processing of a subject towards the named partners or all (PIPA Art. 37); tells the partners that hold its data. Idempotent.',
  })
  async suspendProcessing(
    @Ctx() ctx: RequestContext,
    @Arg('input', () => SuspendProcessingInput) input: SuspendProcessingInput,
  ): Promise<ProcessingSuspensionView[]> {
    return (await rights(ctx).suspendProcessing(input)).map(toSuspensionView);
  }

  @Authorized('shop:write')
  @Mutation(() => [ProcessingSuspensionView], {
    description: 'Resumes processing towards the named partners, or lifts every suspension of the subject. Idempotent.',
  })
  async resumeProcessing(
    @Ctx() ctx: RequestContext,
    @Arg('input', () => ResumeProcessingInput) input: ResumeProcessingInput,
  ): Promise<ProcessingSuspensionView[]> {
    return (await rights(ctx).resumeProcessing(input)).map(toSuspensionView);
  }

  @Authorized('shop:write')
  @Mutation(() => CorrectionView, {
    description: 'Records a correction request (PIPA Art. 36); its items are withheld from partners until it is applied.',
  })
  async requestCorrection(
    @Ctx() ctx: RequestContext,
    @Arg('input', () => RequestCorrectionInput) input: RequestCorrectionInput,
  ): Promise<CorrectionView> {
    return toCorrectionView(await rights(ctx).requestCorrection(input));
  }

  @Authorized('shop:write')
  @Mutation(() => SubjectView, {
    description:
      'Writes corrected values, releases the items again, and sends the new values to the partners that hold the old ones and may still receive them. Idempotent.',
  })
  async applyCorrection(
    @Ctx() ctx: RequestContext,
    @Arg('input', () => ApplyCorrectionInput) input: ApplyCorrectionInput,
  ): Promise<SubjectView> {
    return toSubjectView(await rights(ctx).applyCorrection(input));
  }

  @Authorized('shop:read')
  @Query(() => [ProcessingSuspensionView], { description: "A subject's suspensions, oldest first; empty for an unknown subject." })
  async shopProcessingSuspensions(
    @Ctx() ctx: RequestContext,
    @Arg('shopSubjectId') shopSubjectId: string,
  ): Promise<ProcessingSuspensionView[]> {
    return (await rights(ctx).listSuspensions(shopSubjectId)).map(toSuspensionView);
  }

  @Authorized('shop:read')
  @Query(() => [CorrectionView], { description: "A subject's correction requests, oldest first; empty for an unknown subject." })
  async shopCorrections(@Ctx() ctx: RequestContext, @Arg('shopSubjectId') shopSubjectId: string): Promise<CorrectionView[]> {
    return (await rights(ctx).listCorrections(shopSubjectId)).map(toCorrectionView);
  }
}
