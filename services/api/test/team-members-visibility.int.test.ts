import { createTestTenant, signIn, startTestApi, type TestApi, type TestTenant } from './support/test-api';
import { Fixtures } from './support/fixtures';

// Team.members lists users, so it follows "View Users" and its scope, not only "Teams".

let api: TestApi;
let tenant: TestTenant;
let fixtures: Fixtures;
let admin: string;
let support: string;
let sales: string;

const MEMBERS = `{ teams { name members { email } } }`;
const CREATE_ROLE = `mutation($input: RoleInput!) { createRole(input: $input) { id } }`;

beforeAll(async () => {
  api = await startTestApi();
  tenant = await createTestTenant(api.db, 'members');
  fixtures = new Fixtures(api, tenant);
  admin = await signIn(api, tenant.slug, tenant.adminEmail);
  support = (await fixtures.team('Support')).id;
  sales = (await fixtures.team('Sales')).id;
});
afterAll(() => api.stop());

/** Signs in a new manager of "Support" holding a custom role with these grants. */
async function managerWith(permissions: { permission: string; access: string; scope: string }[]): Promise<string> {
  const input = { name: fixtures.unique('Role '), label: 'Viewer', color: '#334455', permissions };
  const created = await api.graphql<{ createRole: { id: string } }>(CREATE_ROLE, { variables: { input }, token: admin });
  if (!created.data) throw new Error(JSON.stringify(created.errors));
  const manager = await fixtures.user([created.data.createRole.id], [[support, 'MANAGER']]);
  return signIn(api, tenant.slug, manager.email);
}

it('lists only the members the viewer may see under "View Users", in one batch', async () => {
  const inSales = await fixtures.agentIn(sales);
  const inSupport = await fixtures.agentIn(support);
  const token = await managerWith([
    { permission: 'teams', access: 'VIEW', scope: 'ALL' },
    { permission: 'users.view', access: 'EDIT', scope: 'ASSIGNED_TEAMS' },
  ]);
  const teamsSeen = await api.graphql<{ teams: { name: string; members: { email: string }[] }[] }>(MEMBERS, { token });
  const membersOf = (name: string) => teamsSeen.data!.teams.find((t) => t.name === name)!.members.map((m) => m.email);
  expect(membersOf('Sales')).toEqual([]);
  expect(membersOf('Support')).toContain(inSupport.email);

  const all = await api.graphql<{ teams: { name: string; members: { email: string }[] }[] }>(MEMBERS, { token: admin });
  expect(all.data!.teams.find((t) => t.name === 'Sales')!.members.map((m) => m.email)).toEqual([inSales.email]);
});

it('is FORBIDDEN, naming "View Users", to a viewer of teams without it', async () => {
  const token = await managerWith([{ permission: 'teams', access: 'VIEW', scope: 'ALL' }]);
  const result = await api.graphql(MEMBERS, { token });
  expect(result.errors?.[0]).toMatchObject({
    message: 'You need the permission "Settings - Users & Teams - View Users"',
    extensions: { code: 'FORBIDDEN' },
  });
});

it('applies the same rule to the users assigned to a queue', async () => {
  const inSales = await fixtures.agentIn(sales);
  const inSupport = await fixtures.agentIn(support);
  const created = await api.graphql<{ createQueue: { id: string } }>(
    `mutation($input: CreateQueueInput!) { createQueue(input: $input) { id } }`,
    { variables: { input: { name: fixtures.unique('Queue '), channel: 'CALL' } }, token: admin },
  );
  const queueId = created.data!.createQueue.id;
  const assigned = await api.graphql(`mutation($q: ID!, $u: [ID!]) { assignToQueue(queueId: $q, userIds: $u) { id } }`, {
    variables: { q: queueId, u: [inSales.id, inSupport.id] },
    token: admin,
  });
  expect(assigned.errors).toBeUndefined();
  const token = await managerWith([
    { permission: 'queues', access: 'VIEW', scope: 'ALL' },
    { permission: 'users.view', access: 'EDIT', scope: 'ASSIGNED_TEAMS' },
  ]);
  const seen = await api.graphql<{ queues: { id: string; assignedUsers: { email: string }[] }[] }>(`{ queues { id assignedUsers { email } } }`, { token });
  expect(seen.data!.queues.find((q) => q.id === queueId)!.assignedUsers.map((u) => u.email)).toEqual([inSupport.email]);
});
