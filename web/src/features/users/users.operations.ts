import { graphql } from '../../gql';

// Everything the table shows of a user and the edit dialog starts from; its type is UsersRowFragment.
graphql(`
  fragment UsersRow on User {
    id
    email
    firstName
    lastName
    alias
    agentId
    extension
    status
    lockedUntil
    lastSignInAt
    chatConcurrency
    chatConcurrencyEnabled
    version
    location { id name }
    roles { id name label color }
    teams { role team { id name } }
  }
`);

export const UsersPageQuery = graphql(`
  query UsersPage($filter: UserFilterInput, $first: Int, $after: String) {
    users(filter: $filter, first: $first, after: $after) {
      totalCount
      pageInfo { hasNextPage endCursor }
      edges { node { ...UsersRow } }
    }
  }
`);

/** The choices of the filters and of the user form, and which roles the viewer's own roles may hand out. */
export const UsersOptionsQuery = graphql(`
  query UsersOptions {
    roles { id name permissions { permission } assignableRoles { id } }
    locations { id name }
    me { user { id roles { id } } }
  }
`);

/** The team tree; only for viewers who may see teams. */
export const UsersTeamsQuery = graphql(`
  query UsersTeams {
    teams { id name parentId }
  }
`);

export const UsersUserQuery = graphql(`
  query UsersUser($id: ID!) {
    user(id: $id) { ...UsersRow }
  }
`);

export const UsersCreateMutation = graphql(`
  mutation UsersCreate($input: CreateUserInput!) {
    createUser(input: $input) { id email }
  }
`);

export const UsersUpdateMutation = graphql(`
  mutation UsersUpdate($id: ID!, $input: UpdateUserInput!, $version: Int!) {
    updateUser(id: $id, input: $input, version: $version) { id email version }
  }
`);

export const UsersCloneMutation = graphql(`
  mutation UsersClone($id: ID!, $input: CloneUserInput!) {
    cloneUser(id: $id, input: $input) { id email }
  }
`);

export const UsersDeactivateMutation = graphql(`
  mutation UsersDeactivate($ids: [ID!]!) {
    deactivateUsers(ids: $ids) { id status version }
  }
`);

export const UsersReactivateMutation = graphql(`
  mutation UsersReactivate($ids: [ID!]!) {
    reactivateUsers(ids: $ids) { id status version }
  }
`);

export const UsersResendInvitationMutation = graphql(`
  mutation UsersResendInvitation($userId: ID!) {
    resendInvitation(userId: $userId)
  }
`);

export const UsersUnlockMutation = graphql(`
  mutation UsersUnlock($id: ID!) {
    unlockUser(id: $id) { id lockedUntil version }
  }
`);

export const UsersAddToTeamMutation = graphql(`
  mutation UsersAddToTeam($teamId: ID!, $userIds: [ID!]!, $role: TeamRole!) {
    addTeamMembers(teamId: $teamId, userIds: $userIds, role: $role) { id }
  }
`);
