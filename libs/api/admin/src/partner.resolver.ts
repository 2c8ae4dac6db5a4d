import { Arg, Authorized, Ctx, Field, ID, InputType, Int, Mutation, Query, Resolver } from 'type-graphql';
import { standardWebhookSecret } from '@provision/notices';
import type { PartnerKind, PartnerStatus } from '@provision/domain';
import { actorOf, type RequestContext } from '@provision/api-core';
import { PublishAgreementInput } from './agreement.input.js';
import { PartnerKindEnum, PartnerStatusEnum } from './enums.js';
import { toAgreementView, toPartnerView } from './partner.mapper.js';
import { ChangePartnerStatusInput, RegisterPartnerInput, UpdatePartnerInput } from './partner.input.js';
import { AgreementView, PartnerRegistration, PartnerView, WebhookSecretRotation } from './partner.type.js';
import { RegistryService } from './registry.service.js';
import { TerminationPreviewView } from './overview.type.js';
import { drafts } from './agreement-draft.resolver.js';

@InputType()
export class PartnersFilterInput {
  @Field(() => PartnerKindEnum, { nullable: true })
  kind?: PartnerKind | null;

  @Field(() => PartnerStatusEnum, { nullable: true, description: 'Status in force now.' })
  status?: PartnerStatus | null;
}

const registry = (ctx: RequestContext) => new RegistryService(ctx.em, ctx.clock, actorOf(ctx.principal), ctx.keyring);

/** The admin registry of recipients and consignees (scopes `admin:read` / `admin:write`). */
@Resolver(() => PartnerView)
export class PartnerResolver {
  @Authorized('admin:read')
  @Query(() => [PartnerView], { description: 'Partners with their current agreement and status history.' })
  async partners(
    @Ctx() ctx: RequestContext,
    @Arg('filter', () => PartnersFilterInput, { nullable: true }) filter?: PartnersFilterInput | null,
  ): Promise<PartnerView[]> {
    const records = await registry(ctx).listPartners(filter ?? {});
    const now = ctx.clock.now();
    return records.map((record) => toPartnerView(record, now));
  }

  @Authorized('admin:read')
  @Query(() => PartnerView, { nullable: true })
  async partner(@Ctx() ctx: RequestContext, @Arg('id', () => ID) id: string): Promise<PartnerView | null> {
    const record = await registry(ctx).findPartner(id);
    return record ? toPartnerView(record, ctx.clock.now()) : null;
  }

  @Authorized('admin:read')
  @Query(() => TerminationPreviewView, {
    nullable: true,
    description: 'What terminating the partner now would do (subjects and orders held, re-consignees, notice delivery); null for an unknown id.',
  })
  async terminationPreview(@Ctx() ctx: RequestContext, @Arg('partnerId', () => ID) partnerId: string): Promise<TerminationPreviewView | null> {
    const preview = await registry(ctx).terminationPreview(partnerId);
    if (!preview) return null;
    const { record, ...consequences } = preview;
    return { partner: toPartnerView(record, ctx.clock.now()), ...consequences };
  }

  @Authorized('admin:write')
  @Mutation(() => WebhookSecretRotation, {
    description: "Replaces a partner's webhook secret, shown only in the answer; the old one keeps signing beside it for `overlapHours` (0–168, default 24). Recorded in the permission history (WEBHOOK_SECRET_ROTATED).",
  })
  async rotateWebhookSecret(
    @Ctx() ctx: RequestContext,
    @Arg('partnerId', () => ID) partnerId: string,
    @Arg('overlapHours', () => Int, { defaultValue: 24 }) overlapHours: number,
  ): Promise<WebhookSecretRotation> {
    const { record, webhookSecret, previousSignsUntil } = await registry(ctx).rotateWebhookSecret(partnerId, overlapHours);
    return {
      partner: toPartnerView(record, ctx.clock.now()),
      webhookSecret,
      webhookSigningSecret: standardWebhookSecret(webhookSecret),
      previousSignsUntil,
    };
  }

  @Authorized('admin:write')
  @Mutation(() => PartnerRegistration, { description: 'Registers a recipient, consignee or re-consignee.' })
  async registerPartner(
    @Ctx() ctx: RequestContext,
    @Arg('input', () => RegisterPartnerInput) input: RegisterPartnerInput,
  ): Promise<PartnerRegistration> {
    const { record, webhookSecret } = await registry(ctx).registerPartner(input);
    return { partner: toPartnerView(record, ctx.clock.now()), webhookSecret };
  }

  @Authorized('admin:write')
  @Mutation(() => PartnerRegistration, {
    description:
      "Replaces a partner's names, privacy contact and webhook URL; the permission history records which fields changed. A first webhook URL comes with a new secret, shown once.",
  })
  async updatePartner(@Ctx() ctx: RequestContext, @Arg('input', () => UpdatePartnerInput) input: UpdatePartnerInput): Promise<PartnerRegistration> {
    const { record, webhookSecret } = await registry(ctx).updatePartner(input);
    return { partner: toPartnerView(record, ctx.clock.now()), webhookSecret };
  }

  @Authorized('admin:write')
  @Mutation(() => AgreementView, {
    description:
      'Publishes a new, immutable agreement version at once. Refused (FORBIDDEN) where four-eyes publishing is on: use draftAgreement and approveAgreementDraft.',
  })
  async publishAgreement(
    @Ctx() ctx: RequestContext,
    @Arg('input', () => PublishAgreementInput) input: PublishAgreementInput,
  ): Promise<AgreementView> {
    drafts(ctx).assertDirectPublishingAllowed();
    return toAgreementView(await registry(ctx).publishAgreement(input));
  }

  @Authorized('admin:write')
  @Mutation(() => PartnerView, { description: 'Suspends provision to an active partner.' })
  async suspendPartner(
    @Ctx() ctx: RequestContext,
    @Arg('input', () => ChangePartnerStatusInput) input: ChangePartnerStatusInput,
  ): Promise<PartnerView> {
    return toPartnerView(await registry(ctx).changeStatus('SUSPEND', input), ctx.clock.now());
  }

  @Authorized('admin:write')
  @Mutation(() => PartnerView, { description: 'Resumes provision to a suspended partner.' })
  async resumePartner(
    @Ctx() ctx: RequestContext,
    @Arg('input', () => ChangePartnerStatusInput) input: ChangePartnerStatusInput,
  ): Promise<PartnerView> {
    return toPartnerView(await registry(ctx).changeStatus('RESUME', input), ctx.clock.now());
  }

  @Authorized('admin:write')
  @Mutation(() => PartnerView, { description: 'Ends a partnership; final. Provision stops at the effective time.' })
  async terminatePartner(
    @Ctx() ctx: RequestContext,
    @Arg('input', () => ChangePartnerStatusInput) input: ChangePartnerStatusInput,
  ): Promise<PartnerView> {
    return toPartnerView(await registry(ctx).changeStatus('TERMINATE', input), ctx.clock.now());
  }
}
