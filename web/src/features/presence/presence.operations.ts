import { graphql } from '../../gql';

// A status as the board and My status show it: swatch + name, the system key, and what the API's
// supervisor rules allow (so the board offers only the actions the API would accept).
graphql(`
  fragment PresenceStatus on AgentStatus {
    id
    name
    color
    systemKey
    supervisorMaySet
    locksSupervisorActions
  }
`);

// An agent as a board row shows them; the live event carries the same, so a newly visible agent
// (first shift, new team member) joins the board without a reload.
graphql(`
  fragment PresenceAgent on User {
    id
    firstName
    lastName
    email
    teams { team { id name } }
  }
`);

// presenceSequence comes first: a change landing between the two reads is then replayed by the
// subscription (and ignored if the board already shows it), never lost.
export const PresenceBoardQuery = graphql(`
  query PresenceBoard {
    presenceSequence
    agentPresences {
      sequence
      since
      user { ...PresenceAgent }
      status { ...PresenceStatus }
    }
    agentStatuses { ...PresenceStatus }
  }
`);

// The catalogue alone, read again when a supervisor opens "Change status".
export const PresenceStatusCatalogue = graphql(`
  query PresenceStatusCatalogue {
    agentStatuses { ...PresenceStatus }
  }
`);

export const PresenceBoardChanged = graphql(`
  subscription PresenceBoardChanged($afterSequence: Int) {
    agentStatusChanged(afterSequence: $afterSequence) {
      sequence
      since
      user { ...PresenceAgent }
      status { ...PresenceStatus }
      previousStatus { id }
    }
  }
`);

// The supervisors' changes return only scalars: a nested AgentStatus would make urql's document
// cache refetch the whole board (it invalidates every query holding a returned __typename).
export const PresenceSetAgentStatus = graphql(`
  mutation PresenceSetAgentStatus($userId: ID!, $statusId: ID!, $reason: String) {
    setAgentStatus(userId: $userId, statusId: $statusId, reason: $reason) {
      userId
      sequence
      since
    }
  }
`);

export const PresenceLogOutAgent = graphql(`
  mutation PresenceLogOutAgent($userId: ID!, $reason: String) {
    logOutAgent(userId: $userId, reason: $reason) {
      userId
      sequence
      since
    }
  }
`);

export const PresenceMine = graphql(`
  query PresenceMine {
    myPresence {
      userId
      sequence
      since
      offlineReason
      heartbeatEverySeconds
      status { ...PresenceStatus }
    }
    agentStatuses { ...PresenceStatus agentSelectable }
  }
`);

// The agent's own changes: My status refetches PresenceMine after each (before a first shift
// myPresence is null, so urql's document cache would not know to).
export const PresenceStartShift = graphql(`
  mutation PresenceStartShift {
    startShift { userId sequence }
  }
`);

export const PresenceEndShift = graphql(`
  mutation PresenceEndShift {
    endShift { userId sequence }
  }
`);

export const PresenceSetMyStatus = graphql(`
  mutation PresenceSetMyStatus($statusId: ID!) {
    setMyStatus(statusId: $statusId) { userId sequence }
  }
`);

// The sequence tells My status whether someone else changed the agent's status meanwhile.
export const PresenceHeartbeat = graphql(`
  mutation PresenceHeartbeat {
    heartbeat { userId sequence }
  }
`);
