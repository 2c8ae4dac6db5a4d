import { Length } from 'class-validator';
import { GraphQLError } from 'graphql';
import { Args, ArgsType, Authorized, Ctx, Field, Query, Resolver } from 'type-graphql';
import type { RequestContext } from '@provision/api-core';
import { purposeCovers } from '@provision/domain';
import { SubjectDataService } from './subject-data.service.js';
import { SubjectPersonalDataView } from './subject-data.type.js';

/** Admins read personal values only to answer a data subject's request. */
const ADMIN_PURPOSE = 'subject-rights';

@ArgsType()
export class SubjectPersonalDataArgs {
  @Field({ description: "The shop's own id of the subject." })
  @Length(1, 128, { message: 'shopSubjectId must be 1-128 characters' })
  shopSubjectId!: string;
}

/** The declared purpose, which must be one of answering a subject's request; checked before anything is read. */
function adminPurpose(ctx: RequestContext): string {
  if (ctx.purpose === null) {
    throw new GraphQLError('reading personal data needs a declared purpose: @purpose(code: "subject-rights.access")', {
      extensions: { code: 'PURPOSE_REQUIRED', field: 'purpose' },
    });
  }
  if (!purposeCovers(ADMIN_PURPOSE, ctx.purpose)) {
    throw new GraphQLError(`admins read personal data only for ${ADMIN_PURPOSE} purposes`, {
      extensions: { code: 'BAD_USER_INPUT', field: 'purpose' },
    });
  }
  return ctx.purpose;
}

/** Personal data as admins read it (scope `admin:read`), each read recorded in the provision ledger. */
@Resolver()
export class SubjectDataResolver {
  @Authorized('admin:read')
  @Query(() => SubjectPersonalDataView, {
    nullable: true,
    description:
      'One subject\'s stored personal values, to answer the subject\'s access request (PIPA Art. 35). The operation must declare @purpose(code: "subject-rights.access") (or another subject-rights purpose); each value returned is recorded in the provision ledger first. Null when no subject has this shop id.',
  })
  async subjectPersonalData(
    @Ctx() ctx: RequestContext,
    @Args(() => SubjectPersonalDataArgs) { shopSubjectId }: SubjectPersonalDataArgs,
  ): Promise<SubjectPersonalDataView | null> {
    const purpose = adminPurpose(ctx);
    const data = await new SubjectDataService(ctx.em, ctx.ledger, ctx.keyring).personalData(shopSubjectId, purpose);
    if (!data) return null;
    return {
      shopSubjectId: data.shopSubjectId,
      purpose: data.purpose,
      items: data.values.map(({ item, label, value }) => ({ item, labelEn: label.en, labelKo: label.ko, value })),
    };
  }
}
