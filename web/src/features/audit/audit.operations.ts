import { graphql } from '../../gql';

export const AuditPageQuery = graphql(`
  query AuditPage($filter: AuditFilterInput, $first: Int!, $after: String) {
    auditEvents(filter: $filter, first: $first, after: $after) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          id
          createdAt
          action
          targetType
          targetId
          targetName
          actorUserId
          actorCredentialId
          actorName
          bulkJobId
          before
          after
        }
      }
    }
  }
`);
