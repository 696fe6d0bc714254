import { OutboundEmail, QueueAssignment } from '@switchboard/domain';
import { TEST_PASSWORD } from './test-api';
import { ACTORS, allow, EVERYWHERE, PEOPLE, SIGNED_IN, type Row, type World } from './authorization-world';

const PUBLIC = allow(...ACTORS);
const ADMIN_ONLY = allow('ADMIN');
const CREATE_ROLE = `mutation($input: RoleInput!) { createRole(input: $input) { id version } }`;

/** Rows of the matrix for accounts, credentials, roles, teams, users and queues: targets in `team`. */
export function administrationRows(w: World): Record<string, Row> {
  return {
    // ---- queries
    apiCredentials: { prepare: async () => ({ query: `{ apiCredentials { id } }` }), expect: ADMIN_ONLY },
    auditEvents: { prepare: async () => ({ query: `{ auditEvents(first: 1) { __typename } }` }), expect: ADMIN_ONLY },
    explainAccess: {
      prepare: async ({ team }) => ({
        query: `query($userId: ID!) { explainAccess(userId: $userId, permission: "users.view") { __typename } }`,
        variables: { userId: (await w.fixtures.agentIn(team)).id },
      }),
      expect: ADMIN_ONLY,
    },
    locations: { prepare: async () => ({ query: `{ locations { id } }` }), expect: allow(...SIGNED_IN) },
    me: { prepare: async () => ({ query: `{ me { __typename } }` }), expect: allow(...SIGNED_IN) },
    permissions: { prepare: async () => ({ query: `{ permissions { key } }` }), expect: allow(...SIGNED_IN) },
    queues: { prepare: async () => ({ query: `{ queues { id } }` }), expect: allow(...SIGNED_IN.filter((a) => a !== 'AGENT' && a !== 'TEAM_LEAD')) },
    // The role list is readable with "View Users" too, so user editors can pick roles.
    roles: { prepare: async () => ({ query: `{ roles { id } }` }), expect: allow(...SIGNED_IN.filter((a) => a !== 'AGENT')) },
    teams: { prepare: async () => ({ query: `{ teams { id } }` }), expect: allow(...SIGNED_IN.filter((a) => a !== 'AGENT')) },
    team: {
      prepare: async ({ team }) => ({ query: `query($id: ID!) { team(id: $id) { id } }`, variables: { id: team } }),
      expect: allow(...SIGNED_IN.filter((a) => a !== 'AGENT')),
    },
    user: {
      prepare: async ({ team }) => ({ query: `query($id: ID!) { user(id: $id) { id } }`, variables: { id: (await w.fixtures.agentIn(team)).id } }),
      expect: allow(...SIGNED_IN.filter((a) => a !== 'AGENT')),
    },
    users: { prepare: async () => ({ query: `{ users(first: 5) { totalCount } }` }), expect: allow(...SIGNED_IN.filter((a) => a !== 'AGENT')) },

    // ---- sign-in and one's own account
    login: {
      prepare: async () => ({
        query: `mutation($tenant: String!, $email: String!, $password: String!) { login(tenant: $tenant, email: $email, password: $password) { token } }`,
        variables: { tenant: w.tenant.slug, email: (await w.fixtures.agentIn(w.supportL1)).email, password: TEST_PASSWORD },
      }),
      expect: PUBLIC,
    },
    acceptInvitation: {
      prepare: async () => {
        const email = `${w.fixtures.unique('invitee')}@${w.tenant.slug}.test`;
        await w.asAdmin(`mutation($input: CreateUserInput!) { createUser(input: $input) { id } }`, {
          input: { email, firstName: 'In', lastName: 'Vitee', roleIds: [w.tenant.roleIds.AGENT] },
        });
        const [mail] = await w.api.db.getRepository(OutboundEmail).find({ where: { toAddress: email, kind: 'invitation' }, take: 1 });
        const token = decodeURIComponent(/accept-invitation\?token=([\w%-]+)/.exec(mail.bodyText)![1]);
        return { query: `mutation($token: String!) { acceptInvitation(token: $token, password: "another-horse-8") { token } }`, variables: { token } };
      },
      expect: PUBLIC,
    },
    // A credential has no session and no password: the refusal is about the input, not a permission.
    logout: {
      prepare: async ({ actor }) => ({ query: `mutation { logout }`, token: await w.newSession(actor) }),
      expect: { ...allow(...PEOPLE), CREDENTIAL: 'BAD_USER_INPUT' },
    },
    changePassword: {
      prepare: async ({ actor }) => ({
        query: `mutation($current: String!) { changePassword(currentPassword: $current, newPassword: "another-horse-8") { token } }`,
        variables: { current: TEST_PASSWORD },
        token: await w.twinSession(actor),
      }),
      expect: { ...allow(...PEOPLE), CREDENTIAL: 'BAD_USER_INPUT' },
    },

    // ---- API credentials and roles: admins only
    createApiCredential: {
      prepare: async () => ({
        query: `mutation($roleIds: [ID!]) { createApiCredential(name: "script", roleIds: $roleIds) { id } }`,
        variables: { roleIds: [w.tenant.roleIds.AGENT] },
      }),
      expect: ADMIN_ONLY,
    },
    revokeApiCredential: {
      prepare: async () => {
        const { createApiCredential } = await w.asAdmin(`mutation { createApiCredential(name: "to revoke") { id } }`);
        return { query: `mutation($id: ID!) { revokeApiCredential(id: $id) { id } }`, variables: { id: createApiCredential.id } };
      },
      expect: ADMIN_ONLY,
    },
    createRole: {
      prepare: async () => ({ query: CREATE_ROLE, variables: { input: w.roleInput([{ permission: 'dashboards', access: 'EDIT' }]) } }),
      expect: ADMIN_ONLY,
    },
    updateRole: {
      prepare: async () => {
        const role = await w.createRole();
        return {
          query: `mutation($id: ID!, $input: RoleInput!, $version: Int!) { updateRole(id: $id, input: $input, version: $version) { id } }`,
          variables: { id: role.id, version: role.version, input: w.roleInput([{ permission: 'auditLog', access: 'EDIT' }]) },
        };
      },
      expect: ADMIN_ONLY,
    },
    deleteRole: {
      prepare: async () => ({ query: `mutation($id: ID!) { deleteRole(id: $id) }`, variables: { id: (await w.createRole()).id } }),
      expect: ADMIN_ONLY,
    },
    reorderRoles: {
      prepare: async () => {
        const { roles } = await w.asAdmin<{ roles: { id: string }[] }>(`{ roles { id } }`);
        return { query: `mutation($ids: [ID!]!) { reorderRoles(ids: $ids) { id } }`, variables: { ids: roles.map((r) => r.id) } };
      },
      expect: ADMIN_ONLY,
    },

    // ---- teams and their members ("Teams" Edit; members need "Edit User - Teams")
    createTeam: {
      prepare: async ({ team }) => ({
        query: `mutation($input: CreateTeamInput!) { createTeam(input: $input) { id } }`,
        variables: { input: { name: w.fixtures.unique('Team '), parentId: team } },
      }),
      expect: allow('ADMIN', 'MANAGER_TEAMS', 'MANAGER_ADMIN', 'CREDENTIAL'),
    },
    updateTeam: {
      prepare: async ({ team }) => {
        const target = await w.fixtures.team(w.fixtures.unique('Team '), team);
        return {
          query: `mutation($id: ID!, $version: Int!) { updateTeam(id: $id, input: { name: "${w.fixtures.unique('Renamed ')}" }, version: $version) { id } }`,
          variables: target,
        };
      },
      expect: allow('ADMIN', 'MANAGER_TEAMS', 'MANAGER_ADMIN', 'CREDENTIAL'),
    },
    deleteTeam: {
      prepare: async ({ team }) => ({
        query: `mutation($id: ID!, $version: Int!) { deleteTeam(id: $id, version: $version) }`,
        variables: await w.fixtures.team(w.fixtures.unique('Team '), team),
      }),
      expect: allow('ADMIN', 'MANAGER_TEAMS', 'MANAGER_ADMIN', 'CREDENTIAL'),
    },
    addTeamMembers: {
      prepare: async ({ team }) => ({
        query: `mutation($teamId: ID!, $userIds: [ID!]!) { addTeamMembers(teamId: $teamId, userIds: $userIds, role: MEMBER) { id } }`,
        variables: { teamId: team, userIds: [(await w.fixtures.agentIn(team === w.sales ? w.sales : w.support)).id] },
      }),
      expect: allow('ADMIN', 'MANAGER_TEAMS', 'MANAGER_ADMIN', 'TEAM_LEAD', 'CREDENTIAL'),
    },
    removeTeamMembers: {
      prepare: async ({ team }) => ({
        query: `mutation($teamId: ID!, $userIds: [ID!]!) { removeTeamMembers(teamId: $teamId, userIds: $userIds) { id } }`,
        variables: { teamId: team, userIds: [(await w.fixtures.agentIn(team)).id] },
      }),
      expect: allow('ADMIN', 'MANAGER_TEAMS', 'MANAGER_ADMIN', 'TEAM_LEAD', 'CREDENTIAL'),
    },

    // ---- users
    createUser: {
      prepare: async ({ team }) => ({
        query: `mutation($input: CreateUserInput!) { createUser(input: $input) { id } }`,
        variables: {
          input: { email: `${w.fixtures.unique('new')}@${w.tenant.slug}.test`, firstName: 'New', lastName: 'Agent', roleIds: [w.tenant.roleIds.AGENT], teamIds: [team] },
        },
      }),
      expect: allow('ADMIN', 'MANAGER_TEAMS', 'MANAGER_ADMIN', 'CREDENTIAL'),
    },
    cloneUser: {
      prepare: async ({ team }) => ({
        query: `mutation($id: ID!, $input: CloneUserInput!) { cloneUser(id: $id, input: $input) { id } }`,
        variables: { id: (await w.fixtures.agentIn(team)).id, input: { email: `${w.fixtures.unique('clone')}@${w.tenant.slug}.test`, firstName: 'Clo', lastName: 'Ne' } },
      }),
      expect: allow('ADMIN', 'MANAGER_TEAMS', 'MANAGER_ADMIN', 'CREDENTIAL'),
    },
    updateUser: {
      prepare: async ({ team }) => {
        const { id, version } = await w.fixtures.agentIn(team);
        return {
          query: `mutation($id: ID!, $version: Int!) { updateUser(id: $id, input: { firstName: "Renamed" }, version: $version) { id } }`,
          variables: { id, version },
        };
      },
      expect: allow('ADMIN', 'MANAGER_TEAMS', 'MANAGER_ADMIN', 'TEAM_LEAD', 'CREDENTIAL'),
    },
    unlockUser: {
      prepare: async ({ team }) => ({ query: `mutation($id: ID!) { unlockUser(id: $id) { id } }`, variables: { id: (await w.fixtures.agentIn(team)).id } }),
      expect: allow('ADMIN', 'MANAGER_TEAMS', 'MANAGER_ADMIN', 'TEAM_LEAD', 'CREDENTIAL'),
    },
    resendInvitation: {
      prepare: async ({ team }) => ({
        query: `mutation($id: ID!) { resendInvitation(userId: $id) }`,
        variables: { id: (await w.fixtures.agentIn(team, 'INVITED')).id },
      }),
      expect: allow('ADMIN', 'MANAGER_TEAMS', 'MANAGER_ADMIN', 'CREDENTIAL'),
    },
    deactivateUsers: {
      prepare: async ({ team }) => ({ query: `mutation($ids: [ID!]!) { deactivateUsers(ids: $ids) { id } }`, variables: { ids: [(await w.fixtures.agentIn(team)).id] } }),
      expect: allow('ADMIN', 'MANAGER_TEAMS', 'MANAGER_ADMIN', 'CREDENTIAL'),
    },
    // A deactivated user has left every team, so a team-scoped "Deactivate & Reactivate" reaches no one to reactivate.
    reactivateUsers: {
      prepare: async () => ({
        query: `mutation($ids: [ID!]!) { reactivateUsers(ids: $ids) { id } }`,
        variables: { ids: [(await w.fixtures.user([w.tenant.roleIds.AGENT], [], 'DEACTIVATED')).id] },
      }),
      expect: allow(...EVERYWHERE),
    },

    // ---- queues: configuring them needs "Queues" (Edit) for all teams; a team scope may assign and change priority
    createQueue: {
      prepare: async () => ({
        query: `mutation($input: CreateQueueInput!) { createQueue(input: $input) { id } }`,
        variables: { input: { name: w.fixtures.unique('Queue '), channel: 'CHAT' } },
      }),
      expect: allow(...EVERYWHERE),
    },
    updateQueue: {
      prepare: async () => ({
        query: `mutation($id: ID!, $version: Int!) { updateQueue(id: $id, input: { priority: 7 }, version: $version) { id } }`,
        variables: await w.fixtures.queue(),
      }),
      expect: allow('ADMIN', 'MANAGER_DATA', 'MANAGER_TEAMS', 'MANAGER_ADMIN', 'CREDENTIAL'),
    },
    deleteQueue: {
      prepare: async () => ({ query: `mutation($id: ID!, $version: Int!) { deleteQueue(id: $id, version: $version) }`, variables: await w.fixtures.queue() }),
      expect: allow(...EVERYWHERE),
    },
    assignToQueue: {
      prepare: async ({ team }) => ({
        query: `mutation($queueId: ID!, $userIds: [ID!]) { assignToQueue(queueId: $queueId, userIds: $userIds) { id } }`,
        variables: { queueId: w.queueId, userIds: [(await w.fixtures.agentIn(team)).id] },
      }),
      expect: allow('ADMIN', 'MANAGER_DATA', 'MANAGER_TEAMS', 'MANAGER_ADMIN', 'CREDENTIAL'),
    },
    unassignFromQueue: {
      prepare: async ({ team }) => {
        const agent = await w.fixtures.agentIn(team);
        await w.api.db.getRepository(QueueAssignment).insert({ tenantId: w.tenant.tenantId, queueId: w.queueId, userId: agent.id });
        return {
          query: `mutation($queueId: ID!, $userIds: [ID!]) { unassignFromQueue(queueId: $queueId, userIds: $userIds) { id } }`,
          variables: { queueId: w.queueId, userIds: [agent.id] },
        };
      },
      expect: allow('ADMIN', 'MANAGER_DATA', 'MANAGER_TEAMS', 'MANAGER_ADMIN', 'CREDENTIAL'),
    },
  };
}
