import { graphql } from '../../gql';

export const CatalogsQuery = graphql(`
  query ConsoleCatalogs {
    itemCatalog { key labelKo labelEn grantable }
    purposeCatalog { key labelKo labelEn grantable }
    partners { id code nameKo nameEn status }
  }
`);

export const AgreementDraftsQuery = graphql(`
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
      draftedByPerson { sub name }
      decidedByPerson { sub name }
      decisionReason
      publishedVersion
      grants { item purpose }
      diff {
        addedGrants { item purpose }
        removedGrants { item purpose }
        changes { field before after }
        consentGaps { item purpose consents }
      }
    }
  }
`);

export const DraftAgreementMutation = graphql(`
  mutation ConsoleDraftAgreement($input: PublishAgreementInput!) {
    draftAgreement(input: $input) { id status }
  }
`);

export const ApproveDraftMutation = graphql(`
  mutation ConsoleApproveDraft($id: ID!) {
    approveAgreementDraft(id: $id) { id version }
  }
`);

export const RejectDraftMutation = graphql(`
  mutation ConsoleRejectDraft($id: ID!, $reason: String!) {
    rejectAgreementDraft(id: $id, reason: $reason) { id status }
  }
`);
