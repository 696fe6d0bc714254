import { graphql } from '../../gql';

/** Who a queue reaches: what the table shows and what assigning changes. */
export const QueuesAssignments = graphql(`
  fragment QueuesAssignments on Queue {
    id
    agentCount
    assignedTeams {
      id
      name
    }
    assignedUsers {
      id
      email
      firstName
      lastName
    }
  }
`);

export const QueuesPageQuery = graphql(`
  query QueuesPage {
    queues {
      name
      channel
      priority
      version
      ...QueuesAssignments
    }
  }
`);

export const QueuesCreate = graphql(`
  mutation QueuesCreate($input: CreateQueueInput!) {
    createQueue(input: $input) {
      id
    }
  }
`);

export const QueuesUpdate = graphql(`
  mutation QueuesUpdate($id: ID!, $input: UpdateQueueInput!, $version: Int!) {
    updateQueue(id: $id, input: $input, version: $version) {
      id
      name
      channel
      priority
      version
    }
  }
`);

export const QueuesDelete = graphql(`
  mutation QueuesDelete($id: ID!, $version: Int!) {
    deleteQueue(id: $id, version: $version)
  }
`);

/** The teams a queue may be given: the tree the viewer may see. */
export const QueuesTeamOptions = graphql(`
  query QueuesTeamOptions {
    teams {
      id
      name
      parentId
    }
  }
`);

/** People matching what was typed, to assign to a queue. */
export const QueuesUserSearch = graphql(`
  query QueuesUserSearch($text: String!) {
    users(filter: { text: $text, statuses: [ACTIVE, INVITED] }, first: 10) {
      edges {
        node {
          id
          email
          firstName
          lastName
        }
      }
    }
  }
`);

export const QueuesAssign = graphql(`
  mutation QueuesAssign($queueId: ID!, $teamIds: [ID!], $userIds: [ID!]) {
    assignToQueue(queueId: $queueId, teamIds: $teamIds, userIds: $userIds) {
      ...QueuesAssignments
    }
  }
`);

export const QueuesUnassign = graphql(`
  mutation QueuesUnassign($queueId: ID!, $teamIds: [ID!], $userIds: [ID!]) {
    unassignFromQueue(queueId: $queueId, teamIds: $teamIds, userIds: $userIds) {
      ...QueuesAssignments
    }
  }
`);
