import { graphql } from '../../gql';

export const DisclosureDatesQuery = graphql(`
  query ConsoleDisclosureDates {
    partners {
      code
      statusHistory { effectiveAt }
      agreements { effectiveFrom }
    }
  }
`);
