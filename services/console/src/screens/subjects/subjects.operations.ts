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
        items { key labelEn labelKo }
        purposes { key labelEn labelKo }
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
