import { Authorized, Ctx, Query, Resolver } from 'type-graphql';
import type { RequestContext } from '@provision/api-core';
import { DENIAL_REASONS, describeRetentionRule, piiScope, PURPOSE_CATALOG } from '@provision/domain';
import { type PartnerPurposeView, ProvisionScopeView } from './partner.type.js';
import { provisionSession } from './provision-session.js';

/**
 * Partner queries that need no declared `@purpose`: discovery, which returns no `@personal` field
 * (the partner contract's test checks that none is reachable from them). The gateway passes this
 * to `operationPurpose`.
 */
export const PURPOSE_FREE_QUERIES: ReadonlySet<string> = new Set(['myProvisionScope']);

/** The catalog purposes that some granted purpose covers (itself and its children). */
function declarablePurposes(granted: readonly string[]): PartnerPurposeView[] {
  return PURPOSE_CATALOG.entries()
    .filter((entry) => granted.some((purpose) => PURPOSE_CATALOG.covers(purpose, entry.key)))
    .map((entry) => ({
      key: entry.key,
      parent: PURPOSE_CATALOG.parentOf(entry.key)?.key ?? null,
      labelEn: entry.label.en,
      labelKo: entry.label.ko,
    }));
}

@Resolver()
export class ProvisionScopeResolver {
  @Authorized('partner:read')
  @Query(() => ProvisionScopeView, {
    description:
      'What the caller may ask for: items × purposes of the agreement in force, the purposes it may declare, its retention, and whether provision is open. Needs no @purpose: it releases no personal data.',
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
      purposes: declarablePurposes((agreement?.grants ?? []).map(({ purpose }) => purpose)),
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
