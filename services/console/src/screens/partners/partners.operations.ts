import { graphql } from '../../gql';

export const PartnersQuery = graphql(`
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
      currentAgreement { version retentionKo retentionEn }
    }
  }
`);

export const PartnerQuery = graphql(`
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
      privacyContact { name email phone }
      clients { clientId scopes addedAt addedBy revokedAt }
      statusHistory { status reason effectiveAt recordedAt recordedBy }
      agreements {
        version
        effectiveFrom
        retentionKo
        retentionEn
        legalBasis
        consentRequired
        grants { item purpose }
        publishedByPerson { name sub }
        approvedByPerson { name sub }
      }
    }
  }
`);

export const RegisterPartnerMutation = graphql(`
  mutation ConsoleRegisterPartner($input: RegisterPartnerInput!) {
    registerPartner(input: $input) {
      partner { id code }
      webhookSecret
    }
  }
`);

export const TerminationPreviewQuery = graphql(`
  query ConsoleTerminationPreview($partnerId: ID!) {
    terminationPreview(partnerId: $partnerId) {
      subjectsHeld
      ordersHeld
      reconsigneeCodes
      webhookConfigured
      alreadyTerminated
    }
  }
`);

export const SuspendPartnerMutation = graphql(`
  mutation ConsoleSuspendPartner($input: ChangePartnerStatusInput!) {
    suspendPartner(input: $input) { id status }
  }
`);

export const ResumePartnerMutation = graphql(`
  mutation ConsoleResumePartner($input: ChangePartnerStatusInput!) {
    resumePartner(input: $input) { id status }
  }
`);

export const TerminatePartnerMutation = graphql(`
  mutation ConsoleTerminatePartner($input: ChangePartnerStatusInput!) {
    terminatePartner(input: $input) { id status }
  }
`);

export const UpdatePartnerMutation = graphql(`
  mutation ConsoleUpdatePartner($input: UpdatePartnerInput!) {
    updatePartner(input: $input) {
      partner { id }
      webhookSecret
    }
  }
`);

export const RotateWebhookSecretMutation = graphql(`
  mutation ConsoleRotateWebhookSecret($partnerId: ID!) {
    rotateWebhookSecret(partnerId: $partnerId) { webhookSecret }
  }
`);

export const AddClientMutation = graphql(`
  mutation ConsoleAddClient($input: AddClientInput!) {
    addClient(input: $input) { clientId }
  }
`);

export const ChangeClientScopesMutation = graphql(`
  mutation ConsoleChangeClientScopes($input: ChangeClientScopesInput!) {
    changeClientScopes(input: $input) { clientId scopes }
  }
`);

export const RevokeClientMutation = graphql(`
  mutation ConsoleRevokeClient($input: RevokeClientInput!) {
    revokeClient(input: $input) { clientId revokedAt }
  }
`);
