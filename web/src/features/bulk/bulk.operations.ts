import { graphql } from '../../gql';

// Registered here so the documents below can spread it; codegen adds its definition to each.
export const BulkJobFields = graphql(`
  fragment BulkJobFields on BulkJob {
    id
    filename
    format
    status
    totalRows
    validRows
    affectedRows
    failedRows
    failureMessage
    createdAt
    completedAt
    uploadedBy
    preview { creates updates unchanged fields { field count } }
    progress { processed total }
  }
`);

export const BulkJobViewQuery = graphql(`
  query BulkJobView($id: ID!) {
    bulkJob(id: $id) { ...BulkJobFields }
  }
`);

/** The job as it changes: validation, the wait for proceed, and apply, until it ends. */
export const BulkJobLiveSubscription = graphql(`
  subscription BulkJobLive($id: ID!) {
    bulkJobProgress(id: $id) { ...BulkJobFields }
  }
`);

export const BulkJobErrorsQuery = graphql(`
  query BulkJobErrors($id: ID!, $first: Int!, $after: String) {
    bulkJob(id: $id) {
      id
      errors(first: $first, after: $after) {
        totalCount
        pageInfo { endCursor hasNextPage }
        edges { node { row column columnName message severity } }
      }
    }
  }
`);

export const BulkHistoryQuery = graphql(`
  query BulkHistory($filter: BulkJobFilter, $first: Int!, $after: String) {
    bulkJobs(filter: $filter, first: $first, after: $after) {
      totalCount
      pageInfo { endCursor hasNextPage }
      edges { node { id filename status totalRows affectedRows failedRows createdAt uploadedBy hasErrorLog } }
    }
  }
`);

export const BulkProceedMutation = graphql(`
  mutation BulkProceed($id: ID!, $ignoreErrors: Boolean!) {
    proceedBulkUserJob(id: $id, ignoreErrors: $ignoreErrors) { ...BulkJobFields }
  }
`);

export const BulkCancelMutation = graphql(`
  mutation BulkCancel($id: ID!) {
    cancelBulkUserJob(id: $id) { ...BulkJobFields }
  }
`);
