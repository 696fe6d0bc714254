import { createSchema } from '../src/graphql/schema';
import { startTestApi, type TestApi } from './support/test-api';
import { ACTORS, allow, EVERYWHERE, World, type Expectations, type Row } from './support/authorization-world';
import { administrationRows } from './support/authorization-rows';
import { presenceAndBulkRows } from './support/authorization-rows-presence';

// Issue 3's acceptance test: every query, mutation and subscription × every kind of caller, through the
// real API. Callers: a user holding each default role, a custom "Team Lead" scoped to assigned teams,
// an API credential (Manager Admin) and no one. The scoped callers manage "Support" (and so "Support L1").

let api: TestApi;
const world = new World();
const rows: Record<string, Row> = { ...administrationRows(world), ...presenceAndBulkRows(world) };

/**
 * Rows run again with targets under "Sales", which the scoped callers do not manage: only ALL-scoped
 * holders of the permission succeed; the others are FORBIDDEN by scope, or by permission when they lack it.
 */
const OUT_OF_SCOPE: Record<string, Expectations> = Object.fromEntries(
  [
    ...['user', 'createUser', 'cloneUser', 'updateUser'],
    ...['team', 'createTeam', 'updateTeam', 'deleteTeam', 'addTeamMembers', 'removeTeamMembers'],
    ...['unlockUser', 'resendInvitation', 'deactivateUsers', 'assignToQueue', 'unassignFromQueue', 'agentStatusHistory', 'setAgentStatus', 'logOutAgent'],
  ].map((operation) => [operation, allow(...EVERYWHERE)]),
);

beforeAll(async () => {
  api = await startTestApi();
  await world.setUp(api);
});
afterAll(() => api.stop());

it('has a row for every query, mutation and subscription of the schema, and no other', async () => {
  const schema = await createSchema();
  const operations = [schema.getQueryType(), schema.getMutationType(), schema.getSubscriptionType()].flatMap((type) =>
    type ? Object.keys(type.getFields()) : [],
  );
  expect(Object.keys(rows).sort()).toEqual(operations.sort());
});

describe.each(Object.keys(rows))('%s', (operation) => {
  it.each(ACTORS)(`as %s, targets in "Support"`, async (actor) => {
    expect(await world.outcomeOf(rows[operation], { actor, team: world.supportL1 })).toBe(rows[operation].expect[actor]);
  });
});

describe.each(Object.keys(OUT_OF_SCOPE))('%s outside the managed teams', (operation) => {
  it.each(ACTORS.filter((a) => a !== 'AGENT' && a !== 'ANONYMOUS'))(`as %s, targets in "Sales"`, async (actor) => {
    expect(await world.outcomeOf(rows[operation], { actor, team: world.sales })).toBe(OUT_OF_SCOPE[operation][actor]);
  });
});

it('names the scope when a scoped manager reads or unlocks a user outside their teams', async () => {
  const outside = await world.fixtures.agentIn(world.sales);
  const token = world.callers.TEAM_LEAD.token!;
  const scopeMessage = (permission: string) =>
    `Your permission "Settings - Users & Teams - ${permission}" reaches only the teams you manage and their sub-teams: ${outside.email} is not in them`;
  const read = await api.graphql(`query($id: ID!) { user(id: $id) { id } }`, { variables: { id: outside.id }, token });
  expect(read.errors?.[0]).toMatchObject({ message: scopeMessage('View Users'), extensions: { code: 'FORBIDDEN' } });
  const unlock = await api.graphql(`mutation($id: ID!) { unlockUser(id: $id) { id } }`, { variables: { id: outside.id }, token });
  expect(unlock.errors?.[0]).toMatchObject({ message: scopeMessage('Edit User'), extensions: { code: 'FORBIDDEN' } });
});
