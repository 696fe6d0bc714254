import { graphql } from '../../gql';

/** How a person shows in a team's lists and in the search for people to add. */
export const TeamsPersonFragment = graphql(`
  fragment TeamsPerson on User {
    id
    firstName
    lastName
    email
    status
  }
`);

/** The whole tree the viewer may see, flat, parents first; counts for each node. */
export const TeamsTreeQuery = graphql(`
  query TeamsTree {
    teams {
      id
      name
      parentId
      version
      directCount: memberCount
      subtreeCount: memberCount(includeSubteams: true)
    }
  }
`);

/** The people assigned directly to the selected team, managers and members apart. */
export const TeamsDetailQuery = graphql(`
  query TeamsDetail($id: ID!) {
    team(id: $id) {
      id
      managers: members(role: MANAGER) {
        ...TeamsPerson
      }
      members: members(role: MEMBER) {
        ...TeamsPerson
      }
    }
  }
`);

/** People to pick from when adding to a team; deactivated users cannot join teams. */
export const TeamsUserSearchQuery = graphql(`
  query TeamsUserSearch($text: String!) {
    users(filter: { text: $text, statuses: [ACTIVE, INVITED] }, first: 10) {
      totalCount
      edges {
        node {
          ...TeamsPerson
        }
      }
    }
  }
`);

export const TeamsCreateMutation = graphql(`
  mutation TeamsCreate($input: CreateTeamInput!) {
    createTeam(input: $input) {
      id
      name
      parentId
      version
    }
  }
`);

export const TeamsUpdateMutation = graphql(`
  mutation TeamsUpdate($id: ID!, $input: UpdateTeamInput!, $version: Int!) {
    updateTeam(id: $id, input: $input, version: $version) {
      id
      name
      parentId
      version
    }
  }
`);

export const TeamsDeleteMutation = graphql(`
  mutation TeamsDelete($id: ID!, $version: Int!) {
    deleteTeam(id: $id, version: $version)
  }
`);

export const TeamsAddPeopleMutation = graphql(`
  mutation TeamsAddPeople($teamId: ID!, $userIds: [ID!]!, $role: TeamRole!) {
    addTeamMembers(teamId: $teamId, userIds: $userIds, role: $role) {
      id
    }
  }
`);

export const TeamsRemovePeopleMutation = graphql(`
  mutation TeamsRemovePeople($teamId: ID!, $userIds: [ID!]!) {
    removeTeamMembers(teamId: $teamId, userIds: $userIds) {
      id
    }
  }
`);
