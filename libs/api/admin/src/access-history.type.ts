import { Field, ID, Int, ObjectType } from 'type-graphql';
import { PageInfoView } from '@provision/api-partner';
import type { AccessChangeKind } from '@provision/db';
import type { ClientKind, LegalBasis, PartnerKind, PartnerRole, PartnerStatus } from '@provision/domain';
import { AccessChangeKindEnum, ClientKindEnum, LegalBasisEnum, PartnerKindEnum, PartnerRoleEnum, PartnerStatusEnum } from './enums.js';
import { GrantView } from './partner.type.js';
import { PersonView } from './person.type.js';

@ObjectType('AccessChange', {
  description:
    "One entry of the permission history: a grant, change or revocation of a partner's or admin's access. Fields that do not apply to the entry's kind are null.",
})
export class AccessChangeView {
  @Field(() => ID)
  id!: string;

  @Field()
  at!: Date;

  @Field({ description: "Client id of the admin who made the change, `seed`, or `unrecorded` (backfilled revocations)." })
  actor!: string;

  @Field(() => PersonView, { nullable: true, description: 'The person who made the change; null for a machine client, the seed or the backfill.' })
  actorPerson!: PersonView | null;

  @Field(() => AccessChangeKindEnum)
  kind!: AccessChangeKind;

  @Field(() => ID, { nullable: true })
  partnerId!: string | null;

  @Field(() => String, { nullable: true })
  partnerCode!: string | null;

  @Field(() => String, { nullable: true, description: 'The client a CLIENT_* entry is about.' })
  clientId!: string | null;

  @Field({ description: 'Taken over from the registry when the history was introduced, not recorded as it happened.' })
  backfilled!: boolean;

  @Field(() => PartnerKindEnum, { nullable: true, description: 'PARTNER_REGISTERED.' })
  partnerKind!: PartnerKind | null;

  @Field(() => PartnerRoleEnum, { nullable: true, description: 'PARTNER_REGISTERED.' })
  role!: PartnerRole | null;

  @Field(() => String, { nullable: true, description: 'PARTNER_REGISTERED: the consignee a re-consignee works under.' })
  parentPartnerCode!: string | null;

  @Field(() => String, { nullable: true, description: 'PARTNER_REGISTERED.' })
  country!: string | null;

  @Field(() => Int, { nullable: true, description: 'AGREEMENT_PUBLISHED.' })
  agreementVersion!: number | null;

  @Field(() => [GrantView], { nullable: true, description: 'AGREEMENT_PUBLISHED: the version\'s grants.' })
  grants!: GrantView[] | null;

  @Field(() => String, { nullable: true, description: 'AGREEMENT_PUBLISHED.' })
  retentionRule!: string | null;

  @Field(() => LegalBasisEnum, { nullable: true, description: 'AGREEMENT_PUBLISHED.' })
  legalBasis!: LegalBasis | null;

  @Field(() => String, { nullable: true, description: 'AGREEMENT_PUBLISHED: the article a STATUTE basis cites (statute catalog key).' })
  statute!: string | null;

  @Field(() => Boolean, { nullable: true, description: 'AGREEMENT_PUBLISHED.' })
  consentRequired!: boolean | null;

  @Field(() => Date, { nullable: true, description: 'AGREEMENT_PUBLISHED.' })
  effectiveFrom!: Date | null;

  @Field(() => PartnerStatusEnum, { nullable: true, description: 'STATUS_CHANGED: the new status.' })
  status!: PartnerStatus | null;

  @Field(() => Date, { nullable: true, description: 'STATUS_CHANGED: when it takes effect (may be after `at`).' })
  effectiveAt!: Date | null;

  @Field(() => String, { nullable: true, description: 'STATUS_CHANGED, CLIENT_SCOPES_CHANGED, CLIENT_REVOKED.' })
  reason!: string | null;

  @Field(() => ClientKindEnum, { nullable: true, description: 'CLIENT_ADDED, CLIENT_REVOKED.' })
  clientKind!: ClientKind | null;

  @Field(() => [String], { nullable: true, description: 'CLIENT_ADDED: the scopes given; CLIENT_REVOKED: the scopes it held.' })
  scopes!: string[] | null;

  @Field(() => [String], { nullable: true, description: 'CLIENT_SCOPES_CHANGED.' })
  scopesBefore!: string[] | null;

  @Field(() => [String], { nullable: true, description: 'CLIENT_SCOPES_CHANGED.' })
  scopesAfter!: string[] | null;

  @Field(() => [String], {
    nullable: true,
    description: 'PARTNER_UPDATED: the input paths of the fields that changed (e.g. `privacyContact.email`), never their values.',
  })
  changedFields!: string[] | null;
}

@ObjectType('AccessChangeConnection')
export class AccessChangeConnection {
  @Field(() => [AccessChangeView])
  nodes!: AccessChangeView[];

  @Field(() => PageInfoView)
  pageInfo!: PageInfoView;
}
