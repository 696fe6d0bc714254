import { graphql } from '../../gql';

export const StatusesPageQuery = graphql(`
  query StatusesPage($includeArchived: Boolean!) {
    agentStatuses(includeArchived: $includeArchived) {
      id
      name
      color
      availability
      agentSelectable
      systemKey
      archivedAt
      position
    }
  }
`);

export const StatusesCreate = graphql(`
  mutation StatusesCreate($input: CreateAgentStatusInput!) {
    createAgentStatus(input: $input) {
      id
    }
  }
`);

export const StatusesUpdate = graphql(`
  mutation StatusesUpdate($id: ID!, $input: UpdateAgentStatusInput!) {
    updateAgentStatus(id: $id, input: $input) {
      id
      name
      color
      availability
      agentSelectable
    }
  }
`);

export const StatusesArchive = graphql(`
  mutation StatusesArchive($id: ID!) {
    archiveAgentStatus(id: $id) {
      id
      archivedAt
    }
  }
`);
