import { graphql } from '../../gql';

export const SubjectReportQuery = graphql(`
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
        items { key en ko }
        purposes { key en ko }
        firstProvidedAt
        lastProvidedAt
        agreementVersions
        windowOpen
        windowClosesAt
        consents { shopConsentId agreementVersion givenAt withdrawnAt }
        notices { type createdAt destroyedAt }
      }
    }
  }
`);
