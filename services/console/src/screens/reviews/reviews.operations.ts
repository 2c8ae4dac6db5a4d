import { graphql } from '../../gql';

export const ReviewReportsQuery = graphql(`
  query ConsoleReviewReports($month: String!) {
    reviewReports(month: $month) {
      partnerCode
      partnerName
      partnerNameEn
      month
      revision
      complete
      signedOff
      findings { severity }
    }
    partners { id code nameKo nameEn }
  }
`);

export const ReviewReportQuery = graphql(`
  query ConsoleReviewReport($partnerCode: String!, $month: String!) {
    reviewReport(partnerCode: $partnerCode, month: $month) {
      partnerCode
      partnerName
      partnerNameEn
      month
      complete
      generatedAt
      generatedBy
      revision
      signedOff
      findings { code severity explanationEn explanationKo }
      totals { requests records releases itemsReleased itemsDenied denialRate subjectsTouched subjectsRead newSubjects oddHourReleases }
      byItemPurpose { item purpose released denied }
      signOffs { signedAt signedBy signedByPerson { sub name } revision comment followUps }
    }
  }
`);

export const GenerateReviewMutation = graphql(`
  mutation ConsoleGenerateReview($partnerCode: String!, $month: String!) {
    generateReviewReport(partnerCode: $partnerCode, month: $month) { partnerCode month revision }
  }
`);

export const SignOffReviewMutation = graphql(`
  mutation ConsoleSignOffReview($partnerCode: String!, $month: String!, $comment: String!, $followUps: [String!]) {
    signOffReviewReport(partnerCode: $partnerCode, month: $month, comment: $comment, followUps: $followUps) { signedOff revision }
  }
`);
