/* eslint-disable */
import * as types from './graphql';



/**
 * Map of all GraphQL operations in the project.
 *
 * This map has several performance disadvantages:
 * 1. It is not tree-shakeable, so it will include all operations in the project.
 * 2. It is not minifiable, so the string of a GraphQL query will be multiple times inside the bundle.
 * 3. It does not support dead code elimination, so it will add unused operations.
 *
 * Therefore it is highly recommended to use the babel or swc plugin for production.
 * Learn more about it here: https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#reducing-bundle-size
 */
type Documents = {
    "\n  query ConsoleCatalogLabels {\n    itemCatalog { key labelKo labelEn }\n    purposeCatalog { key labelKo labelEn }\n  }\n": typeof types.ConsoleCatalogLabelsDocument,
    "\n  query ConsoleCatalogs {\n    itemCatalog { key labelKo labelEn grantable }\n    purposeCatalog { key labelKo labelEn grantable }\n    partners { id code nameKo nameEn status }\n  }\n": typeof types.ConsoleCatalogsDocument,
    "\n  query ConsoleAgreementDrafts($status: AgreementDraftStatus) {\n    agreementDrafts(status: $status) {\n      id\n      partnerCode\n      status\n      baseVersion\n      retentionRule\n      retentionKo\n      retentionEn\n      legalBasis\n      consentRequired\n      draftedAt\n      draftedByPerson { sub name }\n      decidedByPerson { sub name }\n      decisionReason\n      publishedVersion\n      grants { item purpose }\n      diff {\n        addedGrants { item purpose }\n        removedGrants { item purpose }\n        changes { field before after }\n        consentGaps { item purpose consents }\n      }\n    }\n  }\n": typeof types.ConsoleAgreementDraftsDocument,
    "\n  mutation ConsoleDraftAgreement($input: PublishAgreementInput!) {\n    draftAgreement(input: $input) { id status }\n  }\n": typeof types.ConsoleDraftAgreementDocument,
    "\n  mutation ConsoleApproveDraft($id: ID!) {\n    approveAgreementDraft(id: $id) { id version }\n  }\n": typeof types.ConsoleApproveDraftDocument,
    "\n  mutation ConsoleRejectDraft($id: ID!, $reason: String!) {\n    rejectAgreementDraft(id: $id, reason: $reason) { id status }\n  }\n": typeof types.ConsoleRejectDraftDocument,
    "\n  query ConsoleDisclosureDates {\n    partners {\n      code\n      statusHistory { effectiveAt }\n      agreements { effectiveFrom }\n    }\n  }\n": typeof types.ConsoleDisclosureDatesDocument,
    "\n  query ConsoleAccessHistory($partnerCode: String, $clientId: String, $from: DateTimeISO, $to: DateTimeISO, $first: Int, $after: String) {\n    accessHistory(partnerCode: $partnerCode, clientId: $clientId, from: $from, to: $to, first: $first, after: $after) {\n      nodes {\n        id\n        at\n        kind\n        actor\n        actorPerson { sub name }\n        partnerCode\n        clientId\n        agreementVersion\n        status\n        reason\n        scopesBefore\n        scopesAfter\n        changedFields\n      }\n      pageInfo { hasNextPage endCursor }\n    }\n  }\n": typeof types.ConsoleAccessHistoryDocument,
    "\n  query ConsoleNotices($filter: NoticesFilterInput, $first: Int) {\n    notices(filter: $filter, first: $first) {\n      id\n      partnerCode\n      type\n      status\n      createdAt\n      attempts\n      lastError\n      asksDestruction\n      acknowledgedAt\n      acknowledgedBy\n      acknowledgedByPerson { name }\n      destroyedAt\n      destructionMethod\n    }\n    overdueDestructions {\n      partnerCode\n      partnerName\n      partnerNameEn\n      privacyContact { name email phone }\n      count\n      oldestDueFrom\n      notices { id type createdAt }\n    }\n  }\n": typeof types.ConsoleNoticesDocument,
    "\n  mutation ConsoleRequeueNotice($noticeId: ID!) {\n    requeueNotice(noticeId: $noticeId) { id status attempts }\n  }\n": typeof types.ConsoleRequeueNoticeDocument,
    "\n  mutation ConsoleRecordDestruction($input: ConfirmDestructionInput!) {\n    recordDestruction(input: $input) { noticeId destroyedAt method }\n  }\n": typeof types.ConsoleRecordDestructionDocument,
    "\n  query ConsoleOverviewScreen($days: Int!, $since: String!) {\n    consoleOverview(days: $days) {\n      partners { kind status count }\n      activity { partnerCode day releases denials }\n      overdueDestructions\n      deadNotices\n      harvestAlerts\n      reviewsAwaitingSignOff\n      days\n    }\n    harvestAlerts(from: $since, first: 10) { id partnerCode day kind observed baseline }\n  }\n": typeof types.ConsoleOverviewScreenDocument,
    "\n  query ConsolePartners($filter: PartnersFilterInput) {\n    partners(filter: $filter) {\n      id\n      code\n      nameKo\n      nameEn\n      kind\n      role\n      status\n      country\n      parentId\n      clientIds\n      currentAgreement { version retentionKo retentionEn }\n    }\n  }\n": typeof types.ConsolePartnersDocument,
    "\n  query ConsolePartner($id: ID!) {\n    partner(id: $id) {\n      id\n      code\n      nameKo\n      nameEn\n      kind\n      role\n      status\n      country\n      consignedTaskKo\n      consignedTaskEn\n      clientIds\n      webhookUrl\n      privacyContact { name email phone }\n      clients { clientId scopes addedAt addedBy revokedAt }\n      statusHistory { status reason effectiveAt recordedAt recordedBy }\n      agreements {\n        version\n        effectiveFrom\n        retentionKo\n        retentionEn\n        legalBasis\n        consentRequired\n        grants { item purpose }\n        publishedByPerson { name sub }\n        approvedByPerson { name sub }\n      }\n    }\n  }\n": typeof types.ConsolePartnerDocument,
    "\n  mutation ConsoleRegisterPartner($input: RegisterPartnerInput!) {\n    registerPartner(input: $input) {\n      partner { id code }\n      webhookSecret\n    }\n  }\n": typeof types.ConsoleRegisterPartnerDocument,
    "\n  query ConsoleTerminationPreview($partnerId: ID!) {\n    terminationPreview(partnerId: $partnerId) {\n      subjectsHeld\n      ordersHeld\n      reconsigneeCodes\n      webhookConfigured\n      alreadyTerminated\n    }\n  }\n": typeof types.ConsoleTerminationPreviewDocument,
    "\n  mutation ConsoleSuspendPartner($input: ChangePartnerStatusInput!) {\n    suspendPartner(input: $input) { id status }\n  }\n": typeof types.ConsoleSuspendPartnerDocument,
    "\n  mutation ConsoleResumePartner($input: ChangePartnerStatusInput!) {\n    resumePartner(input: $input) { id status }\n  }\n": typeof types.ConsoleResumePartnerDocument,
    "\n  mutation ConsoleTerminatePartner($input: ChangePartnerStatusInput!) {\n    terminatePartner(input: $input) { id status }\n  }\n": typeof types.ConsoleTerminatePartnerDocument,
    "\n  mutation ConsoleUpdatePartner($input: UpdatePartnerInput!) {\n    updatePartner(input: $input) {\n      partner { id }\n      webhookSecret\n    }\n  }\n": typeof types.ConsoleUpdatePartnerDocument,
    "\n  mutation ConsoleRotateWebhookSecret($partnerId: ID!) {\n    rotateWebhookSecret(partnerId: $partnerId) { webhookSecret }\n  }\n": typeof types.ConsoleRotateWebhookSecretDocument,
    "\n  mutation ConsoleAddClient($input: AddClientInput!) {\n    addClient(input: $input) { clientId }\n  }\n": typeof types.ConsoleAddClientDocument,
    "\n  mutation ConsoleChangeClientScopes($input: ChangeClientScopesInput!) {\n    changeClientScopes(input: $input) { clientId scopes }\n  }\n": typeof types.ConsoleChangeClientScopesDocument,
    "\n  mutation ConsoleRevokeClient($input: RevokeClientInput!) {\n    revokeClient(input: $input) { clientId revokedAt }\n  }\n": typeof types.ConsoleRevokeClientDocument,
    "\n  query ConsoleReviewReports($month: String!) {\n    reviewReports(month: $month) {\n      partnerCode\n      partnerName\n      partnerNameEn\n      month\n      revision\n      complete\n      signedOff\n      findings { severity }\n    }\n    partners { id code nameKo nameEn }\n  }\n": typeof types.ConsoleReviewReportsDocument,
    "\n  query ConsoleReviewReport($partnerCode: String!, $month: String!) {\n    reviewReport(partnerCode: $partnerCode, month: $month) {\n      partnerCode\n      partnerName\n      partnerNameEn\n      month\n      complete\n      generatedAt\n      generatedBy\n      revision\n      signedOff\n      findings { code severity explanationEn explanationKo }\n      totals { requests records releases itemsReleased itemsDenied denialRate subjectsTouched subjectsRead newSubjects oddHourReleases }\n      byItemPurpose { item purpose released denied }\n      signOffs { signedAt signedBy signedByPerson { sub name } revision comment followUps }\n    }\n  }\n": typeof types.ConsoleReviewReportDocument,
    "\n  mutation ConsoleGenerateReview($partnerCode: String!, $month: String!) {\n    generateReviewReport(partnerCode: $partnerCode, month: $month) { partnerCode month revision }\n  }\n": typeof types.ConsoleGenerateReviewDocument,
    "\n  mutation ConsoleSignOffReview($partnerCode: String!, $month: String!, $comment: String!, $followUps: [String!]) {\n    signOffReviewReport(partnerCode: $partnerCode, month: $month, comment: $comment, followUps: $followUps) { signedOff revision }\n  }\n": typeof types.ConsoleSignOffReviewDocument,
    "\n  query ConsoleSubjectReport($shopSubjectId: String!) {\n    provisionReport(shopSubjectId: $shopSubjectId) {\n      shopSubjectId\n      generatedAt\n      partners {\n        code\n        nameKo\n        nameEn\n        kind\n        country\n        status\n        items { key labelEn labelKo }\n        purposes { key labelEn labelKo }\n        firstProvidedAt\n        lastProvidedAt\n        agreementVersions\n        windowOpen\n        windowClosesAt\n        consents { shopConsentId agreementVersion givenAt withdrawnAt }\n        notices { type createdAt destroyedAt }\n      }\n    }\n  }\n": typeof types.ConsoleSubjectReportDocument,
};
const documents: Documents = {
    "\n  query ConsoleCatalogLabels {\n    itemCatalog { key labelKo labelEn }\n    purposeCatalog { key labelKo labelEn }\n  }\n": types.ConsoleCatalogLabelsDocument,
    "\n  query ConsoleCatalogs {\n    itemCatalog { key labelKo labelEn grantable }\n    purposeCatalog { key labelKo labelEn grantable }\n    partners { id code nameKo nameEn status }\n  }\n": types.ConsoleCatalogsDocument,
    "\n  query ConsoleAgreementDrafts($status: AgreementDraftStatus) {\n    agreementDrafts(status: $status) {\n      id\n      partnerCode\n      status\n      baseVersion\n      retentionRule\n      retentionKo\n      retentionEn\n      legalBasis\n      consentRequired\n      draftedAt\n      draftedByPerson { sub name }\n      decidedByPerson { sub name }\n      decisionReason\n      publishedVersion\n      grants { item purpose }\n      diff {\n        addedGrants { item purpose }\n        removedGrants { item purpose }\n        changes { field before after }\n        consentGaps { item purpose consents }\n      }\n    }\n  }\n": types.ConsoleAgreementDraftsDocument,
    "\n  mutation ConsoleDraftAgreement($input: PublishAgreementInput!) {\n    draftAgreement(input: $input) { id status }\n  }\n": types.ConsoleDraftAgreementDocument,
    "\n  mutation ConsoleApproveDraft($id: ID!) {\n    approveAgreementDraft(id: $id) { id version }\n  }\n": types.ConsoleApproveDraftDocument,
    "\n  mutation ConsoleRejectDraft($id: ID!, $reason: String!) {\n    rejectAgreementDraft(id: $id, reason: $reason) { id status }\n  }\n": types.ConsoleRejectDraftDocument,
    "\n  query ConsoleDisclosureDates {\n    partners {\n      code\n      statusHistory { effectiveAt }\n      agreements { effectiveFrom }\n    }\n  }\n": types.ConsoleDisclosureDatesDocument,
    "\n  query ConsoleAccessHistory($partnerCode: String, $clientId: String, $from: DateTimeISO, $to: DateTimeISO, $first: Int, $after: String) {\n    accessHistory(partnerCode: $partnerCode, clientId: $clientId, from: $from, to: $to, first: $first, after: $after) {\n      nodes {\n        id\n        at\n        kind\n        actor\n        actorPerson { sub name }\n        partnerCode\n        clientId\n        agreementVersion\n        status\n        reason\n        scopesBefore\n        scopesAfter\n        changedFields\n      }\n      pageInfo { hasNextPage endCursor }\n    }\n  }\n": types.ConsoleAccessHistoryDocument,
    "\n  query ConsoleNotices($filter: NoticesFilterInput, $first: Int) {\n    notices(filter: $filter, first: $first) {\n      id\n      partnerCode\n      type\n      status\n      createdAt\n      attempts\n      lastError\n      asksDestruction\n      acknowledgedAt\n      acknowledgedBy\n      acknowledgedByPerson { name }\n      destroyedAt\n      destructionMethod\n    }\n    overdueDestructions {\n      partnerCode\n      partnerName\n      partnerNameEn\n      privacyContact { name email phone }\n      count\n      oldestDueFrom\n      notices { id type createdAt }\n    }\n  }\n": types.ConsoleNoticesDocument,
    "\n  mutation ConsoleRequeueNotice($noticeId: ID!) {\n    requeueNotice(noticeId: $noticeId) { id status attempts }\n  }\n": types.ConsoleRequeueNoticeDocument,
    "\n  mutation ConsoleRecordDestruction($input: ConfirmDestructionInput!) {\n    recordDestruction(input: $input) { noticeId destroyedAt method }\n  }\n": types.ConsoleRecordDestructionDocument,
    "\n  query ConsoleOverviewScreen($days: Int!, $since: String!) {\n    consoleOverview(days: $days) {\n      partners { kind status count }\n      activity { partnerCode day releases denials }\n      overdueDestructions\n      deadNotices\n      harvestAlerts\n      reviewsAwaitingSignOff\n      days\n    }\n    harvestAlerts(from: $since, first: 10) { id partnerCode day kind observed baseline }\n  }\n": types.ConsoleOverviewScreenDocument,
    "\n  query ConsolePartners($filter: PartnersFilterInput) {\n    partners(filter: $filter) {\n      id\n      code\n      nameKo\n      nameEn\n      kind\n      role\n      status\n      country\n      parentId\n      clientIds\n      currentAgreement { version retentionKo retentionEn }\n    }\n  }\n": types.ConsolePartnersDocument,
    "\n  query ConsolePartner($id: ID!) {\n    partner(id: $id) {\n      id\n      code\n      nameKo\n      nameEn\n      kind\n      role\n      status\n      country\n      consignedTaskKo\n      consignedTaskEn\n      clientIds\n      webhookUrl\n      privacyContact { name email phone }\n      clients { clientId scopes addedAt addedBy revokedAt }\n      statusHistory { status reason effectiveAt recordedAt recordedBy }\n      agreements {\n        version\n        effectiveFrom\n        retentionKo\n        retentionEn\n        legalBasis\n        consentRequired\n        grants { item purpose }\n        publishedByPerson { name sub }\n        approvedByPerson { name sub }\n      }\n    }\n  }\n": types.ConsolePartnerDocument,
    "\n  mutation ConsoleRegisterPartner($input: RegisterPartnerInput!) {\n    registerPartner(input: $input) {\n      partner { id code }\n      webhookSecret\n    }\n  }\n": types.ConsoleRegisterPartnerDocument,
    "\n  query ConsoleTerminationPreview($partnerId: ID!) {\n    terminationPreview(partnerId: $partnerId) {\n      subjectsHeld\n      ordersHeld\n      reconsigneeCodes\n      webhookConfigured\n      alreadyTerminated\n    }\n  }\n": types.ConsoleTerminationPreviewDocument,
    "\n  mutation ConsoleSuspendPartner($input: ChangePartnerStatusInput!) {\n    suspendPartner(input: $input) { id status }\n  }\n": types.ConsoleSuspendPartnerDocument,
    "\n  mutation ConsoleResumePartner($input: ChangePartnerStatusInput!) {\n    resumePartner(input: $input) { id status }\n  }\n": types.ConsoleResumePartnerDocument,
    "\n  mutation ConsoleTerminatePartner($input: ChangePartnerStatusInput!) {\n    terminatePartner(input: $input) { id status }\n  }\n": types.ConsoleTerminatePartnerDocument,
    "\n  mutation ConsoleUpdatePartner($input: UpdatePartnerInput!) {\n    updatePartner(input: $input) {\n      partner { id }\n      webhookSecret\n    }\n  }\n": types.ConsoleUpdatePartnerDocument,
    "\n  mutation ConsoleRotateWebhookSecret($partnerId: ID!) {\n    rotateWebhookSecret(partnerId: $partnerId) { webhookSecret }\n  }\n": types.ConsoleRotateWebhookSecretDocument,
    "\n  mutation ConsoleAddClient($input: AddClientInput!) {\n    addClient(input: $input) { clientId }\n  }\n": types.ConsoleAddClientDocument,
    "\n  mutation ConsoleChangeClientScopes($input: ChangeClientScopesInput!) {\n    changeClientScopes(input: $input) { clientId scopes }\n  }\n": types.ConsoleChangeClientScopesDocument,
    "\n  mutation ConsoleRevokeClient($input: RevokeClientInput!) {\n    revokeClient(input: $input) { clientId revokedAt }\n  }\n": types.ConsoleRevokeClientDocument,
    "\n  query ConsoleReviewReports($month: String!) {\n    reviewReports(month: $month) {\n      partnerCode\n      partnerName\n      partnerNameEn\n      month\n      revision\n      complete\n      signedOff\n      findings { severity }\n    }\n    partners { id code nameKo nameEn }\n  }\n": types.ConsoleReviewReportsDocument,
    "\n  query ConsoleReviewReport($partnerCode: String!, $month: String!) {\n    reviewReport(partnerCode: $partnerCode, month: $month) {\n      partnerCode\n      partnerName\n      partnerNameEn\n      month\n      complete\n      generatedAt\n      generatedBy\n      revision\n      signedOff\n      findings { code severity explanationEn explanationKo }\n      totals { requests records releases itemsReleased itemsDenied denialRate subjectsTouched subjectsRead newSubjects oddHourReleases }\n      byItemPurpose { item purpose released denied }\n      signOffs { signedAt signedBy signedByPerson { sub name } revision comment followUps }\n    }\n  }\n": types.ConsoleReviewReportDocument,
    "\n  mutation ConsoleGenerateReview($partnerCode: String!, $month: String!) {\n    generateReviewReport(partnerCode: $partnerCode, month: $month) { partnerCode month revision }\n  }\n": types.ConsoleGenerateReviewDocument,
    "\n  mutation ConsoleSignOffReview($partnerCode: String!, $month: String!, $comment: String!, $followUps: [String!]) {\n    signOffReviewReport(partnerCode: $partnerCode, month: $month, comment: $comment, followUps: $followUps) { signedOff revision }\n  }\n": types.ConsoleSignOffReviewDocument,
    "\n  query ConsoleSubjectReport($shopSubjectId: String!) {\n    provisionReport(shopSubjectId: $shopSubjectId) {\n      shopSubjectId\n      generatedAt\n      partners {\n        code\n        nameKo\n        nameEn\n        kind\n        country\n        status\n        items { key labelEn labelKo }\n        purposes { key labelEn labelKo }\n        firstProvidedAt\n        lastProvidedAt\n        agreementVersions\n        windowOpen\n        windowClosesAt\n        consents { shopConsentId agreementVersion givenAt withdrawnAt }\n        notices { type createdAt destroyedAt }\n      }\n    }\n  }\n": types.ConsoleSubjectReportDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ConsoleCatalogLabels {\n    itemCatalog { key labelKo labelEn }\n    purposeCatalog { key labelKo labelEn }\n  }\n"): typeof import('./graphql').ConsoleCatalogLabelsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ConsoleCatalogs {\n    itemCatalog { key labelKo labelEn grantable }\n    purposeCatalog { key labelKo labelEn grantable }\n    partners { id code nameKo nameEn status }\n  }\n"): typeof import('./graphql').ConsoleCatalogsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ConsoleAgreementDrafts($status: AgreementDraftStatus) {\n    agreementDrafts(status: $status) {\n      id\n      partnerCode\n      status\n      baseVersion\n      retentionRule\n      retentionKo\n      retentionEn\n      legalBasis\n      consentRequired\n      draftedAt\n      draftedByPerson { sub name }\n      decidedByPerson { sub name }\n      decisionReason\n      publishedVersion\n      grants { item purpose }\n      diff {\n        addedGrants { item purpose }\n        removedGrants { item purpose }\n        changes { field before after }\n        consentGaps { item purpose consents }\n      }\n    }\n  }\n"): typeof import('./graphql').ConsoleAgreementDraftsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ConsoleDraftAgreement($input: PublishAgreementInput!) {\n    draftAgreement(input: $input) { id status }\n  }\n"): typeof import('./graphql').ConsoleDraftAgreementDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ConsoleApproveDraft($id: ID!) {\n    approveAgreementDraft(id: $id) { id version }\n  }\n"): typeof import('./graphql').ConsoleApproveDraftDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ConsoleRejectDraft($id: ID!, $reason: String!) {\n    rejectAgreementDraft(id: $id, reason: $reason) { id status }\n  }\n"): typeof import('./graphql').ConsoleRejectDraftDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ConsoleDisclosureDates {\n    partners {\n      code\n      statusHistory { effectiveAt }\n      agreements { effectiveFrom }\n    }\n  }\n"): typeof import('./graphql').ConsoleDisclosureDatesDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ConsoleAccessHistory($partnerCode: String, $clientId: String, $from: DateTimeISO, $to: DateTimeISO, $first: Int, $after: String) {\n    accessHistory(partnerCode: $partnerCode, clientId: $clientId, from: $from, to: $to, first: $first, after: $after) {\n      nodes {\n        id\n        at\n        kind\n        actor\n        actorPerson { sub name }\n        partnerCode\n        clientId\n        agreementVersion\n        status\n        reason\n        scopesBefore\n        scopesAfter\n        changedFields\n      }\n      pageInfo { hasNextPage endCursor }\n    }\n  }\n"): typeof import('./graphql').ConsoleAccessHistoryDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ConsoleNotices($filter: NoticesFilterInput, $first: Int) {\n    notices(filter: $filter, first: $first) {\n      id\n      partnerCode\n      type\n      status\n      createdAt\n      attempts\n      lastError\n      asksDestruction\n      acknowledgedAt\n      acknowledgedBy\n      acknowledgedByPerson { name }\n      destroyedAt\n      destructionMethod\n    }\n    overdueDestructions {\n      partnerCode\n      partnerName\n      partnerNameEn\n      privacyContact { name email phone }\n      count\n      oldestDueFrom\n      notices { id type createdAt }\n    }\n  }\n"): typeof import('./graphql').ConsoleNoticesDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ConsoleRequeueNotice($noticeId: ID!) {\n    requeueNotice(noticeId: $noticeId) { id status attempts }\n  }\n"): typeof import('./graphql').ConsoleRequeueNoticeDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ConsoleRecordDestruction($input: ConfirmDestructionInput!) {\n    recordDestruction(input: $input) { noticeId destroyedAt method }\n  }\n"): typeof import('./graphql').ConsoleRecordDestructionDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ConsoleOverviewScreen($days: Int!, $since: String!) {\n    consoleOverview(days: $days) {\n      partners { kind status count }\n      activity { partnerCode day releases denials }\n      overdueDestructions\n      deadNotices\n      harvestAlerts\n      reviewsAwaitingSignOff\n      days\n    }\n    harvestAlerts(from: $since, first: 10) { id partnerCode day kind observed baseline }\n  }\n"): typeof import('./graphql').ConsoleOverviewScreenDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ConsolePartners($filter: PartnersFilterInput) {\n    partners(filter: $filter) {\n      id\n      code\n      nameKo\n      nameEn\n      kind\n      role\n      status\n      country\n      parentId\n      clientIds\n      currentAgreement { version retentionKo retentionEn }\n    }\n  }\n"): typeof import('./graphql').ConsolePartnersDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ConsolePartner($id: ID!) {\n    partner(id: $id) {\n      id\n      code\n      nameKo\n      nameEn\n      kind\n      role\n      status\n      country\n      consignedTaskKo\n      consignedTaskEn\n      clientIds\n      webhookUrl\n      privacyContact { name email phone }\n      clients { clientId scopes addedAt addedBy revokedAt }\n      statusHistory { status reason effectiveAt recordedAt recordedBy }\n      agreements {\n        version\n        effectiveFrom\n        retentionKo\n        retentionEn\n        legalBasis\n        consentRequired\n        grants { item purpose }\n        publishedByPerson { name sub }\n        approvedByPerson { name sub }\n      }\n    }\n  }\n"): typeof import('./graphql').ConsolePartnerDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ConsoleRegisterPartner($input: RegisterPartnerInput!) {\n    registerPartner(input: $input) {\n      partner { id code }\n      webhookSecret\n    }\n  }\n"): typeof import('./graphql').ConsoleRegisterPartnerDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ConsoleTerminationPreview($partnerId: ID!) {\n    terminationPreview(partnerId: $partnerId) {\n      subjectsHeld\n      ordersHeld\n      reconsigneeCodes\n      webhookConfigured\n      alreadyTerminated\n    }\n  }\n"): typeof import('./graphql').ConsoleTerminationPreviewDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ConsoleSuspendPartner($input: ChangePartnerStatusInput!) {\n    suspendPartner(input: $input) { id status }\n  }\n"): typeof import('./graphql').ConsoleSuspendPartnerDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ConsoleResumePartner($input: ChangePartnerStatusInput!) {\n    resumePartner(input: $input) { id status }\n  }\n"): typeof import('./graphql').ConsoleResumePartnerDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ConsoleTerminatePartner($input: ChangePartnerStatusInput!) {\n    terminatePartner(input: $input) { id status }\n  }\n"): typeof import('./graphql').ConsoleTerminatePartnerDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ConsoleUpdatePartner($input: UpdatePartnerInput!) {\n    updatePartner(input: $input) {\n      partner { id }\n      webhookSecret\n    }\n  }\n"): typeof import('./graphql').ConsoleUpdatePartnerDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ConsoleRotateWebhookSecret($partnerId: ID!) {\n    rotateWebhookSecret(partnerId: $partnerId) { webhookSecret }\n  }\n"): typeof import('./graphql').ConsoleRotateWebhookSecretDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ConsoleAddClient($input: AddClientInput!) {\n    addClient(input: $input) { clientId }\n  }\n"): typeof import('./graphql').ConsoleAddClientDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ConsoleChangeClientScopes($input: ChangeClientScopesInput!) {\n    changeClientScopes(input: $input) { clientId scopes }\n  }\n"): typeof import('./graphql').ConsoleChangeClientScopesDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ConsoleRevokeClient($input: RevokeClientInput!) {\n    revokeClient(input: $input) { clientId revokedAt }\n  }\n"): typeof import('./graphql').ConsoleRevokeClientDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ConsoleReviewReports($month: String!) {\n    reviewReports(month: $month) {\n      partnerCode\n      partnerName\n      partnerNameEn\n      month\n      revision\n      complete\n      signedOff\n      findings { severity }\n    }\n    partners { id code nameKo nameEn }\n  }\n"): typeof import('./graphql').ConsoleReviewReportsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ConsoleReviewReport($partnerCode: String!, $month: String!) {\n    reviewReport(partnerCode: $partnerCode, month: $month) {\n      partnerCode\n      partnerName\n      partnerNameEn\n      month\n      complete\n      generatedAt\n      generatedBy\n      revision\n      signedOff\n      findings { code severity explanationEn explanationKo }\n      totals { requests records releases itemsReleased itemsDenied denialRate subjectsTouched subjectsRead newSubjects oddHourReleases }\n      byItemPurpose { item purpose released denied }\n      signOffs { signedAt signedBy signedByPerson { sub name } revision comment followUps }\n    }\n  }\n"): typeof import('./graphql').ConsoleReviewReportDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ConsoleGenerateReview($partnerCode: String!, $month: String!) {\n    generateReviewReport(partnerCode: $partnerCode, month: $month) { partnerCode month revision }\n  }\n"): typeof import('./graphql').ConsoleGenerateReviewDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ConsoleSignOffReview($partnerCode: String!, $month: String!, $comment: String!, $followUps: [String!]) {\n    signOffReviewReport(partnerCode: $partnerCode, month: $month, comment: $comment, followUps: $followUps) { signedOff revision }\n  }\n"): typeof import('./graphql').ConsoleSignOffReviewDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ConsoleSubjectReport($shopSubjectId: String!) {\n    provisionReport(shopSubjectId: $shopSubjectId) {\n      shopSubjectId\n      generatedAt\n      partners {\n        code\n        nameKo\n        nameEn\n        kind\n        country\n        status\n        items { key labelEn labelKo }\n        purposes { key labelEn labelKo }\n        firstProvidedAt\n        lastProvidedAt\n        agreementVersions\n        windowOpen\n        windowClosesAt\n        consents { shopConsentId agreementVersion givenAt withdrawnAt }\n        notices { type createdAt destroyedAt }\n      }\n    }\n  }\n"): typeof import('./graphql').ConsoleSubjectReportDocument;


export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}
