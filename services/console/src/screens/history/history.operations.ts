import { graphql } from '../../gql';

export const AccessHistoryQuery = graphql(`
  query ConsoleAccessHistory($partnerCode: String, $clientId: String, $from: DateTimeISO, $to: DateTimeISO, $first: Int, $after: String) {
    accessHistory(partnerCode: $partnerCode, clientId: $clientId, from: $from, to: $to, first: $first, after: $after) {
      nodes {
        id
        at
        kind
        actor
        actorPerson { sub name }
        partnerCode
        clientId
        agreementVersion
        status
        reason
        scopesBefore
        scopesAfter
        changedFields
      }
      pageInfo { hasNextPage endCursor }
    }
  }
`);
