import { Arg, Authorized, Ctx, Mutation, Resolver } from 'type-graphql';
import { actorOf, type RequestContext } from '@provision/api-core';
import { STATUTE_CATALOG } from '@provision/domain';
import { RecordStatutoryDisclosureInput } from './statutory-disclosure.input.js';
import { type StatutoryDisclosureRecord, StatutoryDisclosureService } from './statutory-disclosure.service.js';
import { StatutoryDisclosureView, StatutoryReleaseView } from './statutory-disclosure.type.js';

function toStatutoryDisclosureView(record: StatutoryDisclosureRecord): StatutoryDisclosureView {
  const label = STATUTE_CATALOG.get(record.statute)?.label ?? { en: record.statute, ko: record.statute };
  return {
    id: record.id,
    recordedAt: record.recordedAt,
    authority: record.authority,
    statute: record.statute,
    statuteEn: label.en,
    statuteKo: label.ko,
    purpose: record.purpose,
    documentNumber: record.documentNumber,
    documentDate: record.documentDate,
    shopSubjectIds: [...record.shopSubjectIds],
    items: [...record.items],
    approvedBy: record.approvedBy,
    approvedByPerson: record.approvedByPerson,
    notifySubjectDeferredUntil: record.deferral?.until ?? null,
    deferralReason: record.deferral?.reason ?? null,
  };
}

/** Provision to an authority under a statute (scope `admin:write`), approved by a signed-in person. */
@Resolver()
export class StatutoryDisclosureResolver {
  @Authorized('admin:write')
  @Mutation(() => StatutoryReleaseView, {
    description:
      "Records an authority's request under a statute (PIPA Art. 18(2)) and releases the items it names, once: the register row and one ledger row per subject (purpose: the article's) are written in one transaction before the values are answered. The same authority's document number again is CONFLICT. Needs a signed-in person (FORBIDDEN for a machine client).",
  })
  async recordStatutoryDisclosure(
    @Ctx() ctx: RequestContext,
    @Arg('input', () => RecordStatutoryDisclosureInput) input: RecordStatutoryDisclosureInput,
  ): Promise<StatutoryReleaseView> {
    const service = new StatutoryDisclosureService(ctx.em, ctx.clock, ctx.keyring, actorOf(ctx.principal), {
      tokenId: ctx.principal.tokenId,
      requestId: ctx.requestId,
    });
    const { record, subjects } = await service.release({
      ...input,
      notifySubjectDeferredUntil: input.notifySubjectDeferredUntil ?? null,
      deferralReason: input.deferralReason ?? null,
    });
    return {
      disclosure: toStatutoryDisclosureView(record),
      subjects: subjects.map(({ shopSubjectId, values }) => ({
        shopSubjectId,
        values: values.map(({ item, label, value }) => ({ item, labelEn: label.en, labelKo: label.ko, value })),
      })),
    };
  }
}
