import { graphql } from '../../gql';

export const PartnersOverviewQuery = graphql(`
  query ConsolePartnersOverview {
    partners {
      id
      code
      nameKo
      nameEn
      kind
      status
    }
  }
`);
