/* eslint-disable */
/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import type { DocumentTypeDecoration } from '@graphql-typed-document-node/core';
/** Kind of a permission-history entry. */
export type AccessChangeKind =
  | 'AGREEMENT_PUBLISHED'
  | 'CLIENT_ADDED'
  | 'CLIENT_REVOKED'
  | 'CLIENT_SCOPES_CHANGED'
  | 'PARTNER_REGISTERED'
  | 'PARTNER_UPDATED'
  | 'STATUS_CHANGED'
  | 'WEBHOOK_SECRET_ROTATED';

export type AddClientInput = {
  /** The JWT client id: 3–64 lowercase letters, digits or dashes; never reused, even once revoked. */
  clientId: string;
  kind: ClientKind;
  /** The partner a PARTNER client acts for; must be absent for SHOP and ADMIN. */
  partnerId?: string | number | null | undefined;
  /** Scopes its tokens may carry. PARTNER: `partner:read` and `pii:<item>` of items some agreement version grants the partner; SHOP: `shop:read`, `shop:write`; ADMIN: `admin:read`, `admin:write`. */
  scopes: Array<string>;
};

/** PENDING (awaiting approval), APPROVED (published as a version), REJECTED (by another officer), WITHDRAWN (by its drafter). */
export type AgreementDraftStatus =
  | 'APPROVED'
  | 'PENDING'
  | 'REJECTED'
  | 'WITHDRAWN';

export type ChangeClientScopesInput = {
  clientId: string;
  /** Why; kept in the permission history. */
  reason: string;
  /** The complete new set of scopes (same rules as addClient). */
  scopes: Array<string>;
};

export type ChangePartnerStatusInput = {
  /** When the change takes effect; now when omitted. */
  effectiveAt?: string | null | undefined;
  partnerId: string | number;
  /** Why; kept in the status history. */
  reason: string;
};

/** PARTNER: a partner's system (needs a partner). SHOP: the shop's backend. ADMIN: the privacy officer's team. */
export type ClientKind =
  | 'ADMIN'
  | 'PARTNER'
  | 'SHOP';

export type ConfirmDestructionInput = {
  /** When the data was destroyed: not before the notice, not in the future. */
  destroyedAt: string;
  method: DestructionMethod;
  /** The id of the notice, as delivered to the webhook. */
  noticeId: string | number;
};

/** DELETED: electronic files deleted so they cannot be restored. SHREDDED: paper shredded or incinerated. ANONYMIZED: made anonymous, no one identifiable. RETURNED: handed back to the shop (consignees). */
export type DestructionMethod =
  | 'ANONYMIZED'
  | 'DELETED'
  | 'RETURNED'
  | 'SHREDDED';

export type GrantInput = {
  /** Item key, e.g. `receiver.address`. */
  item: string;
  /** Purpose key, e.g. `order.delivery`. */
  purpose: string;
};

/** DISTINCT_SUBJECTS: distinct subjects released in a day. DENIAL_RATE: denied items per decided item in a day. */
export type HarvestAlertKind =
  | 'DENIAL_RATE'
  | 'DISTINCT_SUBJECTS';

export type LegalBasis =
  | 'CONSENT'
  | 'CONTRACT'
  | 'STATUTE';

/** Outbox delivery state: PENDING (not delivered yet, retrying), DELIVERED, DEAD (gave up; needs an admin). */
export type NoticeStatus =
  | 'DEAD'
  | 'DELIVERED'
  | 'PENDING';

export type NoticesFilterInput = {
  partnerId?: string | number | null | undefined;
  status?: NoticeStatus | null | undefined;
  /** The webhook's notice type: window-closed, partnership-terminated, consent-withdrawn, subject-corrected, processing-suspended. */
  type?: string | null | undefined;
};

/** RECIPIENT: third-party provision (PIPA Art. 17). CONSIGNEE: processing on the shop's behalf (Art. 26). */
export type PartnerKind =
  | 'CONSIGNEE'
  | 'RECIPIENT';

/** Which engagements bind the partner to subjects. */
export type PartnerRole =
  | 'CUSTOMS_BROKER'
  | 'SELLER'
  | 'SERVICE_PROVIDER'
  | 'SUPPORT';

export type PartnerStatus =
  | 'ACTIVE'
  | 'SUSPENDED'
  | 'TERMINATED';

export type PartnersFilterInput = {
  kind?: PartnerKind | null | undefined;
  /** Status in force now. */
  status?: PartnerStatus | null | undefined;
};

export type PrivacyContactInput = {
  email: string;
  name: string;
  phone?: string | null | undefined;
};

export type PublishAgreementInput = {
  consentRequired: boolean;
  /** Most distinct subjects released per Seoul calendar day; no ceiling when omitted. */
  dailySubjectCeiling?: number | null | undefined;
  /** When the version takes effect; now when omitted. */
  effectiveFrom?: string | null | undefined;
  /** Item × purpose pairs; at least one. */
  grants: Array<GrantInput>;
  legalBasis: LegalBasis;
  partnerId: string | number;
  /** Rate-limit bucket size in subjects; the gateway's default when omitted. */
  rateCapacity?: number | null | undefined;
  /** Subjects per minute the bucket refills; the gateway's default when omitted. */
  rateRefillPerMinute?: number | null | undefined;
  /** e.g. `P3M after purchase-confirmation`, `until partnership-termination`, `until 2027-12-31`. */
  retentionRule: string;
  /** STATUTE basis only, and required for it: the article it rests on, a key of `statuteCatalog` (e.g. `customs-act.art-241`). */
  statute?: string | null | undefined;
};

export type RegisterPartnerInput = {
  /** JWT client ids of the partner (1–10). */
  clientIds: Array<string>;
  /** Stable slug: lowercase letters, digits, dashes (3–64). */
  code: string;
  /** Consignees only, and required for them: the consigned task in English. */
  consignedTaskEn?: string | null | undefined;
  /** Consignees only, and required for them: the consigned task in Korean (위탁업무 내용). */
  consignedTaskKo?: string | null | undefined;
  country?: string;
  kind: PartnerKind;
  /** The name in English, e.g. `kt mhows Co., Ltd.`. */
  nameEn: string;
  /** The name in Korean, as the Korean privacy policy shows it, e.g. `(주)케이티엠하우스`. */
  nameKo: string;
  /** Ground for overseas transfer (PIPA Art. 28-8), for partners outside KR. */
  overseasTransferBasis?: string | null | undefined;
  /** Registers a re-consignee under this consignee. */
  parentPartnerId?: string | number | null | undefined;
  privacyContact: PrivacyContactInput;
  role: PartnerRole;
  /** HTTPS endpoint for notices (plain HTTP only to localhost). */
  webhookUrl?: string | null | undefined;
};

export type ReviewFindingCode =
  | 'ACCESS_CHANGED'
  | 'DENIAL_SPIKE'
  | 'MONTH_NOT_OVER'
  | 'NEW_SUBJECTS_SURGE'
  | 'NO_ACTIVITY'
  | 'ODD_HOUR_RELEASES';

export type ReviewFindingSeverity =
  | 'INFO'
  | 'WARNING';

export type RevokeClientInput = {
  clientId: string;
  /** Why; kept in the permission history. */
  reason: string;
};

/** A partner's editable details, replaced whole (as the console's edit form sends them). */
export type UpdatePartnerInput = {
  /** The name in English. */
  nameEn: string;
  /** The name in Korean, as the Korean privacy policy shows it. */
  nameKo: string;
  partnerId: string | number;
  privacyContact: PrivacyContactInput;
  /** HTTPS endpoint for notices (plain HTTP only to localhost); null removes the webhook and its secret. */
  webhookUrl?: string | null | undefined;
};

export type ConsoleCatalogLabelsQueryVariables = Exact<{ [key: string]: never; }>;


export type ConsoleCatalogLabelsQuery = { itemCatalog: Array<{ key: string, labelKo: string, labelEn: string }>, purposeCatalog: Array<{ key: string, labelKo: string, labelEn: string }> };

export type ConsoleCatalogsQueryVariables = Exact<{ [key: string]: never; }>;


export type ConsoleCatalogsQuery = { itemCatalog: Array<{ key: string, labelKo: string, labelEn: string, grantable: boolean }>, purposeCatalog: Array<{ key: string, labelKo: string, labelEn: string, grantable: boolean }>, partners: Array<{ id: string, code: string, nameKo: string, nameEn: string, status: PartnerStatus }> };

export type ConsoleAgreementDraftsQueryVariables = Exact<{
  status?: AgreementDraftStatus | null | undefined;
}>;


export type ConsoleAgreementDraftsQuery = { agreementDrafts: Array<{ id: string, partnerCode: string, status: AgreementDraftStatus, baseVersion: number | null, retentionRule: string, retentionKo: string, retentionEn: string, legalBasis: LegalBasis, consentRequired: boolean, draftedAt: string, decisionReason: string | null, publishedVersion: number | null, draftedByPerson: { sub: string, name: string | null } | null, decidedByPerson: { sub: string, name: string | null } | null, grants: Array<{ item: string, purpose: string }>, diff: { addedGrants: Array<{ item: string, purpose: string }>, removedGrants: Array<{ item: string, purpose: string }>, changes: Array<{ field: string, before: string | null, after: string | null }>, consentGaps: Array<{ item: string, purpose: string, consents: number }> } }> };

export type ConsoleDraftAgreementMutationVariables = Exact<{
  input: PublishAgreementInput;
}>;


export type ConsoleDraftAgreementMutation = { draftAgreement: { id: string, status: AgreementDraftStatus } };

export type ConsoleApproveDraftMutationVariables = Exact<{
  id: string | number;
}>;


export type ConsoleApproveDraftMutation = { approveAgreementDraft: { id: string, version: number } };

export type ConsoleRejectDraftMutationVariables = Exact<{
  id: string | number;
  reason: string;
}>;


export type ConsoleRejectDraftMutation = { rejectAgreementDraft: { id: string, status: AgreementDraftStatus } };

export type ConsoleDisclosureDatesQueryVariables = Exact<{ [key: string]: never; }>;


export type ConsoleDisclosureDatesQuery = { partners: Array<{ code: string, statusHistory: Array<{ effectiveAt: string }>, agreements: Array<{ effectiveFrom: string }> }> };

export type ConsoleAccessHistoryQueryVariables = Exact<{
  partnerCode?: string | null | undefined;
  clientId?: string | null | undefined;
  from?: string | null | undefined;
  to?: string | null | undefined;
  first?: number | null | undefined;
  after?: string | null | undefined;
}>;


export type ConsoleAccessHistoryQuery = { accessHistory: { nodes: Array<{ id: string, at: string, kind: AccessChangeKind, actor: string, partnerCode: string | null, clientId: string | null, agreementVersion: number | null, status: PartnerStatus | null, reason: string | null, scopesBefore: Array<string> | null, scopesAfter: Array<string> | null, changedFields: Array<string> | null, actorPerson: { sub: string, name: string | null } | null }>, pageInfo: { hasNextPage: boolean, endCursor: string | null } } };

export type ConsoleNoticesQueryVariables = Exact<{
  filter?: NoticesFilterInput | null | undefined;
  first?: number | null | undefined;
}>;


export type ConsoleNoticesQuery = { notices: Array<{ id: string, partnerCode: string, type: string, status: NoticeStatus, createdAt: string, attempts: number, lastError: string | null, asksDestruction: boolean, acknowledgedAt: string | null, acknowledgedBy: string | null, destroyedAt: string | null, destructionMethod: string | null, acknowledgedByPerson: { name: string | null } | null }>, overdueDestructions: Array<{ partnerCode: string, partnerName: string, partnerNameEn: string, count: number, oldestDueFrom: string, privacyContact: { name: string, email: string, phone: string | null }, notices: Array<{ id: string, type: string, createdAt: string }> }> };

export type ConsoleRequeueNoticeMutationVariables = Exact<{
  noticeId: string | number;
}>;


export type ConsoleRequeueNoticeMutation = { requeueNotice: { id: string, status: NoticeStatus, attempts: number } };

export type ConsoleRecordDestructionMutationVariables = Exact<{
  input: ConfirmDestructionInput;
}>;


export type ConsoleRecordDestructionMutation = { recordDestruction: { noticeId: string, destroyedAt: string, method: DestructionMethod } };

export type ConsoleOverviewScreenQueryVariables = Exact<{
  days: number;
  since: string;
}>;


export type ConsoleOverviewScreenQuery = { consoleOverview: { overdueDestructions: number, deadNotices: number, harvestAlerts: number, reviewsAwaitingSignOff: number, days: number, partners: Array<{ kind: PartnerKind, status: PartnerStatus, count: number }>, activity: Array<{ partnerCode: string, day: string, releases: number, denials: number }> }, harvestAlerts: Array<{ id: string, partnerCode: string, day: string, kind: HarvestAlertKind, observed: number, baseline: number }> };

export type ConsolePartnersQueryVariables = Exact<{
  filter?: PartnersFilterInput | null | undefined;
}>;


export type ConsolePartnersQuery = { partners: Array<{ id: string, code: string, nameKo: string, nameEn: string, kind: PartnerKind, role: PartnerRole, status: PartnerStatus, country: string, parentId: string | null, clientIds: Array<string>, currentAgreement: { version: number, retentionKo: string, retentionEn: string } | null }> };

export type ConsolePartnerQueryVariables = Exact<{
  id: string | number;
}>;


export type ConsolePartnerQuery = { partner: { id: string, code: string, nameKo: string, nameEn: string, kind: PartnerKind, role: PartnerRole, status: PartnerStatus, country: string, consignedTaskKo: string | null, consignedTaskEn: string | null, clientIds: Array<string>, webhookUrl: string | null, privacyContact: { name: string, email: string, phone: string | null }, clients: Array<{ clientId: string, scopes: Array<string>, addedAt: string, addedBy: string, revokedAt: string | null }>, statusHistory: Array<{ status: PartnerStatus, reason: string, effectiveAt: string, recordedAt: string, recordedBy: string }>, agreements: Array<{ version: number, effectiveFrom: string, retentionKo: string, retentionEn: string, legalBasis: LegalBasis, consentRequired: boolean, grants: Array<{ item: string, purpose: string }>, publishedByPerson: { name: string | null, sub: string } | null, approvedByPerson: { name: string | null, sub: string } | null }> } | null };

export type ConsoleRegisterPartnerMutationVariables = Exact<{
  input: RegisterPartnerInput;
}>;


export type ConsoleRegisterPartnerMutation = { registerPartner: { webhookSecret: string | null, partner: { id: string, code: string } } };

export type ConsoleTerminationPreviewQueryVariables = Exact<{
  partnerId: string | number;
}>;


export type ConsoleTerminationPreviewQuery = { terminationPreview: { subjectsHeld: number, ordersHeld: number, reconsigneeCodes: Array<string>, webhookConfigured: boolean, alreadyTerminated: boolean } | null };

export type ConsoleSuspendPartnerMutationVariables = Exact<{
  input: ChangePartnerStatusInput;
}>;


export type ConsoleSuspendPartnerMutation = { suspendPartner: { id: string, status: PartnerStatus } };

export type ConsoleResumePartnerMutationVariables = Exact<{
  input: ChangePartnerStatusInput;
}>;


export type ConsoleResumePartnerMutation = { resumePartner: { id: string, status: PartnerStatus } };

export type ConsoleTerminatePartnerMutationVariables = Exact<{
  input: ChangePartnerStatusInput;
}>;


export type ConsoleTerminatePartnerMutation = { terminatePartner: { id: string, status: PartnerStatus } };

export type ConsoleUpdatePartnerMutationVariables = Exact<{
  input: UpdatePartnerInput;
}>;


export type ConsoleUpdatePartnerMutation = { updatePartner: { webhookSecret: string | null, partner: { id: string } } };

export type ConsoleRotateWebhookSecretMutationVariables = Exact<{
  partnerId: string | number;
}>;


export type ConsoleRotateWebhookSecretMutation = { rotateWebhookSecret: { webhookSecret: string } };

export type ConsoleAddClientMutationVariables = Exact<{
  input: AddClientInput;
}>;


export type ConsoleAddClientMutation = { addClient: { clientId: string } };

export type ConsoleChangeClientScopesMutationVariables = Exact<{
  input: ChangeClientScopesInput;
}>;


export type ConsoleChangeClientScopesMutation = { changeClientScopes: { clientId: string, scopes: Array<string> } };

export type ConsoleRevokeClientMutationVariables = Exact<{
  input: RevokeClientInput;
}>;


export type ConsoleRevokeClientMutation = { revokeClient: { clientId: string, revokedAt: string | null } };

export type ConsoleReviewReportsQueryVariables = Exact<{
  month: string;
}>;


export type ConsoleReviewReportsQuery = { reviewReports: Array<{ partnerCode: string, partnerName: string, partnerNameEn: string, month: string, revision: number, complete: boolean, signedOff: boolean, findings: Array<{ severity: ReviewFindingSeverity }> }>, partners: Array<{ id: string, code: string, nameKo: string, nameEn: string }> };

export type ConsoleReviewReportQueryVariables = Exact<{
  partnerCode: string;
  month: string;
}>;


export type ConsoleReviewReportQuery = { reviewReport: { partnerCode: string, partnerName: string, partnerNameEn: string, month: string, complete: boolean, generatedAt: string, generatedBy: string, revision: number, signedOff: boolean, findings: Array<{ code: ReviewFindingCode, severity: ReviewFindingSeverity, explanationEn: string, explanationKo: string }>, totals: { requests: number, records: number, releases: number, itemsReleased: number, itemsDenied: number, denialRate: number | null, subjectsTouched: number, subjectsRead: number, newSubjects: number, oddHourReleases: number }, byItemPurpose: Array<{ item: string, purpose: string, released: number, denied: number }>, signOffs: Array<{ signedAt: string, signedBy: string, revision: number, comment: string, followUps: Array<string>, signedByPerson: { sub: string, name: string | null } }> } | null };

export type ConsoleGenerateReviewMutationVariables = Exact<{
  partnerCode: string;
  month: string;
}>;


export type ConsoleGenerateReviewMutation = { generateReviewReport: { partnerCode: string, month: string, revision: number } };

export type ConsoleSignOffReviewMutationVariables = Exact<{
  partnerCode: string;
  month: string;
  comment: string;
  followUps?: Array<string> | string | null | undefined;
}>;


export type ConsoleSignOffReviewMutation = { signOffReviewReport: { signedOff: boolean, revision: number } };

export type ConsoleSubjectReportQueryVariables = Exact<{
  shopSubjectId: string;
}>;


export type ConsoleSubjectReportQuery = { provisionReport: { shopSubjectId: string, generatedAt: string, partners: Array<{ code: string, nameKo: string, nameEn: string, kind: string, country: string, status: string, firstProvidedAt: string, lastProvidedAt: string, agreementVersions: Array<number>, windowOpen: boolean, windowClosesAt: string | null, items: Array<{ key: string, labelEn: string, labelKo: string }>, purposes: Array<{ key: string, labelEn: string, labelKo: string }>, consents: Array<{ shopConsentId: string, agreementVersion: number, givenAt: string, withdrawnAt: string | null }>, notices: Array<{ type: string, createdAt: string, destroyedAt: string | null }> }> } | null };

export class TypedDocumentString<TResult, TVariables>
  extends String
  implements DocumentTypeDecoration<TResult, TVariables>
{
  __apiType?: NonNullable<DocumentTypeDecoration<TResult, TVariables>['__apiType']>;
  private value: string;
  public __meta__?: Record<string, any> | undefined;

  constructor(value: string, __meta__?: Record<string, any> | undefined) {
    super(value);
    this.value = value;
    this.__meta__ = __meta__;
  }

  override toString(): string & DocumentTypeDecoration<TResult, TVariables> {
    return this.value;
  }
}

export const ConsoleCatalogLabelsDocument = new TypedDocumentString(`
    query ConsoleCatalogLabels {
  itemCatalog {
    key
    labelKo
    labelEn
  }
  purposeCatalog {
    key
    labelKo
    labelEn
  }
}
    `) as unknown as TypedDocumentString<ConsoleCatalogLabelsQuery, ConsoleCatalogLabelsQueryVariables>;
export const ConsoleCatalogsDocument = new TypedDocumentString(`
    query ConsoleCatalogs {
  itemCatalog {
    key
    labelKo
    labelEn
    grantable
  }
  purposeCatalog {
    key
    labelKo
    labelEn
    grantable
  }
  partners {
    id
    code
    nameKo
    nameEn
    status
  }
}
    `) as unknown as TypedDocumentString<ConsoleCatalogsQuery, ConsoleCatalogsQueryVariables>;
export const ConsoleAgreementDraftsDocument = new TypedDocumentString(`
    query ConsoleAgreementDrafts($status: AgreementDraftStatus) {
  agreementDrafts(status: $status) {
    id
    partnerCode
    status
    baseVersion
    retentionRule
    retentionKo
    retentionEn
    legalBasis
    consentRequired
    draftedAt
    draftedByPerson {
      sub
      name
    }
    decidedByPerson {
      sub
      name
    }
    decisionReason
    publishedVersion
    grants {
      item
      purpose
    }
    diff {
      addedGrants {
        item
        purpose
      }
      removedGrants {
        item
        purpose
      }
      changes {
        field
        before
        after
      }
      consentGaps {
        item
        purpose
        consents
      }
    }
  }
}
    `) as unknown as TypedDocumentString<ConsoleAgreementDraftsQuery, ConsoleAgreementDraftsQueryVariables>;
export const ConsoleDraftAgreementDocument = new TypedDocumentString(`
    mutation ConsoleDraftAgreement($input: PublishAgreementInput!) {
  draftAgreement(input: $input) {
    id
    status
  }
}
    `) as unknown as TypedDocumentString<ConsoleDraftAgreementMutation, ConsoleDraftAgreementMutationVariables>;
export const ConsoleApproveDraftDocument = new TypedDocumentString(`
    mutation ConsoleApproveDraft($id: ID!) {
  approveAgreementDraft(id: $id) {
    id
    version
  }
}
    `) as unknown as TypedDocumentString<ConsoleApproveDraftMutation, ConsoleApproveDraftMutationVariables>;
export const ConsoleRejectDraftDocument = new TypedDocumentString(`
    mutation ConsoleRejectDraft($id: ID!, $reason: String!) {
  rejectAgreementDraft(id: $id, reason: $reason) {
    id
    status
  }
}
    `) as unknown as TypedDocumentString<ConsoleRejectDraftMutation, ConsoleRejectDraftMutationVariables>;
export const ConsoleDisclosureDatesDocument = new TypedDocumentString(`
    query ConsoleDisclosureDates {
  partners {
    code
    statusHistory {
      effectiveAt
    }
    agreements {
      effectiveFrom
    }
  }
}
    `) as unknown as TypedDocumentString<ConsoleDisclosureDatesQuery, ConsoleDisclosureDatesQueryVariables>;
export const ConsoleAccessHistoryDocument = new TypedDocumentString(`
    query ConsoleAccessHistory($partnerCode: String, $clientId: String, $from: DateTimeISO, $to: DateTimeISO, $first: Int, $after: String) {
  accessHistory(
    partnerCode: $partnerCode
    clientId: $clientId
    from: $from
    to: $to
    first: $first
    after: $after
  ) {
    nodes {
      id
      at
      kind
      actor
      actorPerson {
        sub
        name
      }
      partnerCode
      clientId
      agreementVersion
      status
      reason
      scopesBefore
      scopesAfter
      changedFields
    }
    pageInfo {
      hasNextPage
      endCursor
    }
  }
}
    `) as unknown as TypedDocumentString<ConsoleAccessHistoryQuery, ConsoleAccessHistoryQueryVariables>;
export const ConsoleNoticesDocument = new TypedDocumentString(`
    query ConsoleNotices($filter: NoticesFilterInput, $first: Int) {
  notices(filter: $filter, first: $first) {
    id
    partnerCode
    type
    status
    createdAt
    attempts
    lastError
    asksDestruction
    acknowledgedAt
    acknowledgedBy
    acknowledgedByPerson {
      name
    }
    destroyedAt
    destructionMethod
  }
  overdueDestructions {
    partnerCode
    partnerName
    partnerNameEn
    privacyContact {
      name
      email
      phone
    }
    count
    oldestDueFrom
    notices {
      id
      type
      createdAt
    }
  }
}
    `) as unknown as TypedDocumentString<ConsoleNoticesQuery, ConsoleNoticesQueryVariables>;
export const ConsoleRequeueNoticeDocument = new TypedDocumentString(`
    mutation ConsoleRequeueNotice($noticeId: ID!) {
  requeueNotice(noticeId: $noticeId) {
    id
    status
    attempts
  }
}
    `) as unknown as TypedDocumentString<ConsoleRequeueNoticeMutation, ConsoleRequeueNoticeMutationVariables>;
export const ConsoleRecordDestructionDocument = new TypedDocumentString(`
    mutation ConsoleRecordDestruction($input: ConfirmDestructionInput!) {
  recordDestruction(input: $input) {
    noticeId
    destroyedAt
    method
  }
}
    `) as unknown as TypedDocumentString<ConsoleRecordDestructionMutation, ConsoleRecordDestructionMutationVariables>;
export const ConsoleOverviewScreenDocument = new TypedDocumentString(`
    query ConsoleOverviewScreen($days: Int!, $since: String!) {
  consoleOverview(days: $days) {
    partners {
      kind
      status
      count
    }
    activity {
      partnerCode
      day
      releases
      denials
    }
    overdueDestructions
    deadNotices
    harvestAlerts
    reviewsAwaitingSignOff
    days
  }
  harvestAlerts(from: $since, first: 10) {
    id
    partnerCode
    day
    kind
    observed
    baseline
  }
}
    `) as unknown as TypedDocumentString<ConsoleOverviewScreenQuery, ConsoleOverviewScreenQueryVariables>;
export const ConsolePartnersDocument = new TypedDocumentString(`
    query ConsolePartners($filter: PartnersFilterInput) {
  partners(filter: $filter) {
    id
    code
    nameKo
    nameEn
    kind
    role
    status
    country
    parentId
    clientIds
    currentAgreement {
      version
      retentionKo
      retentionEn
    }
  }
}
    `) as unknown as TypedDocumentString<ConsolePartnersQuery, ConsolePartnersQueryVariables>;
export const ConsolePartnerDocument = new TypedDocumentString(`
    query ConsolePartner($id: ID!) {
  partner(id: $id) {
    id
    code
    nameKo
    nameEn
    kind
    role
    status
    country
    consignedTaskKo
    consignedTaskEn
    clientIds
    webhookUrl
    privacyContact {
      name
      email
      phone
    }
    clients {
      clientId
      scopes
      addedAt
      addedBy
      revokedAt
    }
    statusHistory {
      status
      reason
      effectiveAt
      recordedAt
      recordedBy
    }
    agreements {
      version
      effectiveFrom
      retentionKo
      retentionEn
      legalBasis
      consentRequired
      grants {
        item
        purpose
      }
      publishedByPerson {
        name
        sub
      }
      approvedByPerson {
        name
        sub
      }
    }
  }
}
    `) as unknown as TypedDocumentString<ConsolePartnerQuery, ConsolePartnerQueryVariables>;
export const ConsoleRegisterPartnerDocument = new TypedDocumentString(`
    mutation ConsoleRegisterPartner($input: RegisterPartnerInput!) {
  registerPartner(input: $input) {
    partner {
      id
      code
    }
    webhookSecret
  }
}
    `) as unknown as TypedDocumentString<ConsoleRegisterPartnerMutation, ConsoleRegisterPartnerMutationVariables>;
export const ConsoleTerminationPreviewDocument = new TypedDocumentString(`
    query ConsoleTerminationPreview($partnerId: ID!) {
  terminationPreview(partnerId: $partnerId) {
    subjectsHeld
    ordersHeld
    reconsigneeCodes
    webhookConfigured
    alreadyTerminated
  }
}
    `) as unknown as TypedDocumentString<ConsoleTerminationPreviewQuery, ConsoleTerminationPreviewQueryVariables>;
export const ConsoleSuspendPartnerDocument = new TypedDocumentString(`
    mutation ConsoleSuspendPartner($input: ChangePartnerStatusInput!) {
  suspendPartner(input: $input) {
    id
    status
  }
}
    `) as unknown as TypedDocumentString<ConsoleSuspendPartnerMutation, ConsoleSuspendPartnerMutationVariables>;
export const ConsoleResumePartnerDocument = new TypedDocumentString(`
    mutation ConsoleResumePartner($input: ChangePartnerStatusInput!) {
  resumePartner(input: $input) {
    id
    status
  }
}
    `) as unknown as TypedDocumentString<ConsoleResumePartnerMutation, ConsoleResumePartnerMutationVariables>;
export const ConsoleTerminatePartnerDocument = new TypedDocumentString(`
    mutation ConsoleTerminatePartner($input: ChangePartnerStatusInput!) {
  terminatePartner(input: $input) {
    id
    status
  }
}
    `) as unknown as TypedDocumentString<ConsoleTerminatePartnerMutation, ConsoleTerminatePartnerMutationVariables>;
export const ConsoleUpdatePartnerDocument = new TypedDocumentString(`
    mutation ConsoleUpdatePartner($input: UpdatePartnerInput!) {
  updatePartner(input: $input) {
    partner {
      id
    }
    webhookSecret
  }
}
    `) as unknown as TypedDocumentString<ConsoleUpdatePartnerMutation, ConsoleUpdatePartnerMutationVariables>;
export const ConsoleRotateWebhookSecretDocument = new TypedDocumentString(`
    mutation ConsoleRotateWebhookSecret($partnerId: ID!) {
  rotateWebhookSecret(partnerId: $partnerId) {
    webhookSecret
  }
}
    `) as unknown as TypedDocumentString<ConsoleRotateWebhookSecretMutation, ConsoleRotateWebhookSecretMutationVariables>;
export const ConsoleAddClientDocument = new TypedDocumentString(`
    mutation ConsoleAddClient($input: AddClientInput!) {
  addClient(input: $input) {
    clientId
  }
}
    `) as unknown as TypedDocumentString<ConsoleAddClientMutation, ConsoleAddClientMutationVariables>;
export const ConsoleChangeClientScopesDocument = new TypedDocumentString(`
    mutation ConsoleChangeClientScopes($input: ChangeClientScopesInput!) {
  changeClientScopes(input: $input) {
    clientId
    scopes
  }
}
    `) as unknown as TypedDocumentString<ConsoleChangeClientScopesMutation, ConsoleChangeClientScopesMutationVariables>;
export const ConsoleRevokeClientDocument = new TypedDocumentString(`
    mutation ConsoleRevokeClient($input: RevokeClientInput!) {
  revokeClient(input: $input) {
    clientId
    revokedAt
  }
}
    `) as unknown as TypedDocumentString<ConsoleRevokeClientMutation, ConsoleRevokeClientMutationVariables>;
export const ConsoleReviewReportsDocument = new TypedDocumentString(`
    query ConsoleReviewReports($month: String!) {
  reviewReports(month: $month) {
    partnerCode
    partnerName
    partnerNameEn
    month
    revision
    complete
    signedOff
    findings {
      severity
    }
  }
  partners {
    id
    code
    nameKo
    nameEn
  }
}
    `) as unknown as TypedDocumentString<ConsoleReviewReportsQuery, ConsoleReviewReportsQueryVariables>;
export const ConsoleReviewReportDocument = new TypedDocumentString(`
    query ConsoleReviewReport($partnerCode: String!, $month: String!) {
  reviewReport(partnerCode: $partnerCode, month: $month) {
    partnerCode
    partnerName
    partnerNameEn
    month
    complete
    generatedAt
    generatedBy
    revision
    signedOff
    findings {
      code
      severity
      explanationEn
      explanationKo
    }
    totals {
      requests
      records
      releases
      itemsReleased
      itemsDenied
      denialRate
      subjectsTouched
      subjectsRead
      newSubjects
      oddHourReleases
    }
    byItemPurpose {
      item
      purpose
      released
      denied
    }
    signOffs {
      signedAt
      signedBy
      signedByPerson {
        sub
        name
      }
      revision
      comment
      followUps
    }
  }
}
    `) as unknown as TypedDocumentString<ConsoleReviewReportQuery, ConsoleReviewReportQueryVariables>;
export const ConsoleGenerateReviewDocument = new TypedDocumentString(`
    mutation ConsoleGenerateReview($partnerCode: String!, $month: String!) {
  generateReviewReport(partnerCode: $partnerCode, month: $month) {
    partnerCode
    month
    revision
  }
}
    `) as unknown as TypedDocumentString<ConsoleGenerateReviewMutation, ConsoleGenerateReviewMutationVariables>;
export const ConsoleSignOffReviewDocument = new TypedDocumentString(`
    mutation ConsoleSignOffReview($partnerCode: String!, $month: String!, $comment: String!, $followUps: [String!]) {
  signOffReviewReport(
    partnerCode: $partnerCode
    month: $month
    comment: $comment
    followUps: $followUps
  ) {
    signedOff
    revision
  }
}
    `) as unknown as TypedDocumentString<ConsoleSignOffReviewMutation, ConsoleSignOffReviewMutationVariables>;
export const ConsoleSubjectReportDocument = new TypedDocumentString(`
    query ConsoleSubjectReport($shopSubjectId: String!) {
  provisionReport(shopSubjectId: $shopSubjectId) {
    shopSubjectId
    generatedAt
    partners {
      code
      nameKo
      nameEn
      kind
      country
      status
      items {
        key
        labelEn
        labelKo
      }
      purposes {
        key
        labelEn
        labelKo
      }
      firstProvidedAt
      lastProvidedAt
      agreementVersions
      windowOpen
      windowClosesAt
      consents {
        shopConsentId
        agreementVersion
        givenAt
        withdrawnAt
      }
      notices {
        type
        createdAt
        destroyedAt
      }
    }
  }
}
    `) as unknown as TypedDocumentString<ConsoleSubjectReportQuery, ConsoleSubjectReportQueryVariables>;