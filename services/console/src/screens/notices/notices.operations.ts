import { graphql } from '../../gql';

export const NoticesQuery = graphql(`
  query ConsoleNotices($filter: NoticesFilterInput, $first: Int) {
    notices(filter: $filter, first: $first) {
      id
      partnerCode
      type
      status
      createdAt
      attempts
      lastError
      asksDestruction
      acknowledgedAt
      acknowledgedBy
      acknowledgedByPerson { name }
      destroyedAt
      destructionMethod
    }
    overdueDestructions {
      partnerCode
      partnerName
      partnerNameEn
      privacyContact { name email phone }
      count
      oldestDueFrom
      notices { id type createdAt }
    }
  }
`);

export const RequeueNoticeMutation = graphql(`
  mutation ConsoleRequeueNotice($noticeId: ID!) {
    requeueNotice(noticeId: $noticeId) { id status attempts }
  }
`);

export const RecordDestructionMutation = graphql(`
  mutation ConsoleRecordDestruction($input: ConfirmDestructionInput!) {
    recordDestruction(input: $input) { noticeId destroyedAt method }
  }
`);
