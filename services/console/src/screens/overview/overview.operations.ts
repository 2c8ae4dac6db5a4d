import { graphql } from '../../gql';

export const ConsoleOverviewQuery = graphql(`
  query ConsoleOverviewScreen($days: Int!) {
    consoleOverview(days: $days) {
      partners { kind status count }
      activity { partnerCode day releases denials }
      overdueDestructions
      deadNotices
      harvestAlerts
      reviewsAwaitingSignOff
      days
    }
  }
`);
