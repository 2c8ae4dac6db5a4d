import { graphql } from '../../gql';

export const ConsoleOverviewQuery = graphql(`
  query ConsoleOverviewScreen($days: Int!, $since: String!) {
    consoleOverview(days: $days) {
      partners { kind status count }
      activity { partnerCode day releases denials }
      overdueDestructions
      deadNotices
      harvestAlerts
      reviewsAwaitingSignOff
      days
    }
    harvestAlerts(from: $since, first: 10) { id partnerCode day kind observed baseline }
  }
`);
