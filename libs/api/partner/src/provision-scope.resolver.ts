import { Authorized, Ctx, Query, Resolver } from 'type-graphql';
import type { RequestContext } from '@provision/api-core';
import { DENIAL_REASONS, describeRetentionRule, piiScope } from '@provision/domain';
import { ProvisionScopeView } from './partner.type.js';
import { provisionSession } from './provision-session.js';

@Resolver()
export class ProvisionScopeResolver {
  @Authorized('partner:read')
  @Query(() => ProvisionScopeView, {
    description: 'What the caller may ask for: items × purposes of the agreement in force, its retention, and whether provision is open.',
  })
  myProvisionScope(@Ctx() ctx: RequestContext): ProvisionScopeView {
    const { facts: partner, status, terminatedAt, agreement } = provisionSession(ctx).partner;
    const scopes = ctx.principal.scopes;
    const now = ctx.clock.now();
    return Object.assign(new ProvisionScopeView(), {
      partnerCode: partner.code,
      partnerName: partner.nameKo,
      agreementVersion: agreement?.version ?? null,
      grants: (agreement?.grants ?? []).map(({ item, purpose }) => ({ item, purpose, scopeGranted: scopes.has(piiScope(item)) })),
      retentionRule: agreement?.retentionRule ?? null,
      retentionEn: agreement ? describeRetentionRule(agreement.rule, 'en') : null,
      retentionKo: agreement ? describeRetentionRule(agreement.rule, 'ko') : null,
      consentRequired: agreement?.consentRequired ?? null,
      windowOpen: status === 'ACTIVE' && (terminatedAt === null || terminatedAt > now),
      terminatesAt: terminatedAt,
      scopes: [...scopes].sort(),
      dailySubjectCeiling: agreement?.dailySubjectCeiling ?? null,
      rateCapacity: agreement?.rateCapacity ?? null,
      rateRefillPerMinute: agreement?.rateRefillPerMinute ?? null,
      denialReasons: [...DENIAL_REASONS],
    });
  }
}
