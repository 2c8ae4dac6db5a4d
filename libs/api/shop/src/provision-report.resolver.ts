import { Arg, Ctx, Query, Resolver } from 'type-graphql';
import { assertAnyScope, type RequestContext } from '@provision/api-core';
import { buildSubjectReport } from '@provision/reports';
import { toProvisionReportView } from './provision-report.mapper.js';
import { ProvisionReportView } from './provision-report.type.js';

/** "Who received my data" on behalf of a subject (PIPA Art. 35); the same builder serves the HTTP download. */
@Resolver(() => ProvisionReportView)
export class ShopProvisionReportResolver {
  @Query(() => ProvisionReportView, {
    nullable: true,
    description:
      "Scope shop:read (the shop backend, for the subject) or admin:read (the privacy officer's console, answering an access request). Every partner that received the subject's personal data: items (names only), purposes, first and last time, agreement versions, consents, provision windows now, withheld items and notices. Null for an unknown subject.",
  })
  async provisionReport(@Ctx() ctx: RequestContext, @Arg('shopSubjectId') shopSubjectId: string): Promise<ProvisionReportView | null> {
    assertAnyScope(ctx, ['shop:read', 'admin:read']);
    const report = await buildSubjectReport(ctx.em, shopSubjectId, ctx.clock.now());
    return report ? toProvisionReportView(report) : null;
  }
}
