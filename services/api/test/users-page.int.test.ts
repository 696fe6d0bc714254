import { Location, Team, TeamMembership } from '@switchboard/domain';
import { addUser, createTestTenant, signIn, startTestApi, type GraphQLResponse, type TestApi, type TestTenant } from './support/test-api';

let api: TestApi;
let tenant: TestTenant;
let token: string;

const PAGE = `query($first: Int, $after: String) {
  users(first: $first, after: $after) {
    totalCount
    pageInfo { hasNextPage endCursor }
    edges { node { email extension licenseType roles { name permissions { permission } } teams { role team { name parent { name } } } location { name } } }
  }
}`;

beforeAll(async () => {
  api = await startTestApi();
  tenant = await createTestTenant(api.db, 'page');
  const [location] = await api.db.getRepository(Location).save([{ tenantId: tenant.tenantId, name: 'Lisbon' }]);
  const parent = await api.db.getRepository(Team).save({ tenantId: tenant.tenantId, name: 'Care', parentId: null });
  const child = await api.db.getRepository(Team).save({ tenantId: tenant.tenantId, name: 'Care L1', parentId: parent.id });
  for (let i = 0; i < 120; i++) {
    const user = await addUser(api.db, tenant, `user${String(i).padStart(3, '0')}@page.test`, i % 10 === 0 ? ['AGENT', 'MANAGER'] : ['AGENT']);
    await api.db.query(`UPDATE users SET location_id = $1 WHERE id = $2`, [location.id, user.id]);
    await api.db.getRepository(TeamMembership).insert({ tenantId: tenant.tenantId, teamId: i % 2 ? child.id : parent.id, userId: user.id, role: 'MEMBER' });
  }
  token = await signIn(api, tenant.slug, tenant.adminEmail);
});
afterAll(() => api.stop());

async function countQueries(first: number) {
  api.queries.count = 0;
  const result = await api.graphql(PAGE, { variables: { first }, token });
  expect(result.errors).toBeUndefined();
  return { result, queries: api.queries.count };
}

describe('users page', () => {
  it('loads a page of 100 users with roles, teams and location in a fixed, small number of queries', async () => {
    const small = await countQueries(10);
    const large = await countQueries(100);
    expect(large.result.data!.users.edges).toHaveLength(100);
    expect(large.queries).toBe(small.queries);
    expect(large.queries).toBeLessThanOrEqual(10);
  });

  it('returns the related data for each user', async () => {
    const { result } = await countQueries(3);
    const [, first, second] = result.data!.users.edges.map((e: { node: unknown }) => e.node);
    expect(first).toMatchObject({
      email: 'user000@page.test',
      licenseType: 'MANAGER',
      location: { name: 'Lisbon' },
      teams: [{ role: 'MEMBER', team: { name: 'Care', parent: null } }],
    });
    expect(first.roles.map((r: { name: string }) => r.name)).toEqual(['Manager', 'Agent']);
    expect(second).toMatchObject({ licenseType: 'AGENT', teams: [{ team: { name: 'Care L1', parent: { name: 'Care' } } }] });
  });

  it('answers any choice of fields, including ones computed from fields the query did not ask for', async () => {
    const query = `query($first: Int) { users(first: $first) { edges { node {
      ... on User { alias } ...Created isFoundingAdmin licenseType } } } }
      fragment Created on User { createdAt }`;
    const result = await api.graphql(query, { variables: { first: 200 }, token });
    expect(result.errors).toBeUndefined();
    const nodes: { alias: string; createdAt: string; isFoundingAdmin: boolean; licenseType: string }[] = result.data!.users.edges.map(
      (e: { node: unknown }) => e.node,
    );
    expect(nodes.filter((n) => n.isFoundingAdmin)).toHaveLength(1);
    expect(nodes.every((n) => n.alias.length > 0 && !Number.isNaN(Date.parse(n.createdAt)))).toBe(true);
    expect(new Set(nodes.map((n) => n.licenseType))).toEqual(new Set(['ADMIN', 'AGENT', 'MANAGER']));
  });

  it('pages through every user exactly once with cursors', async () => {
    const seen: string[] = [];
    let after: string | null = null;
    let pages = 0;
    do {
      const result: GraphQLResponse = await api.graphql(PAGE, { variables: { first: 50, after }, token });
      const users = result.data!.users;
      expect(users.totalCount).toBe(121);
      seen.push(...users.edges.map((e: { node: { email: string } }) => e.node.email));
      after = users.pageInfo.hasNextPage ? users.pageInfo.endCursor : null;
      pages++;
    } while (after);
    expect(pages).toBe(3);
    expect(new Set(seen).size).toBe(121);
  });

  it('filters by text and by team', async () => {
    const byText = await api.graphql(`{ users(filter: { text: "USER11" }) { totalCount } }`, { token });
    expect(byText.data!.users.totalCount).toBe(10);
    const teams = await api.graphql(`{ teams { id name } }`, { token });
    const care = teams.data!.teams.find((t: { name: string }) => t.name === 'Care');
    const byTeam = await api.graphql(`query($id: ID!) { users(filter: { teamId: $id }) { totalCount } }`, { variables: { id: care.id }, token });
    expect(byTeam.data!.users.totalCount).toBe(60);
  });
});
