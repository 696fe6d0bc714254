import { Location, Queue, Team } from '@switchboard/domain';
import { createTestTenant, signIn, startTestApi, type TestApi, type TestTenant } from './support/test-api';

let api: TestApi;
let mine: TestTenant;
let theirs: TestTenant;
let token: string;
let theirCredentialId: string;

beforeAll(async () => {
  api = await startTestApi();
  mine = await createTestTenant(api.db, 'mine');
  theirs = await createTestTenant(api.db, 'theirs');
  for (const tenant of [mine, theirs]) {
    await api.db.getRepository(Team).insert({ tenantId: tenant.tenantId, name: `Team of ${tenant.slug}`, parentId: null });
    await api.db.getRepository(Location).insert({ tenantId: tenant.tenantId, name: `Office of ${tenant.slug}` });
    await api.db.getRepository(Queue).insert({ tenantId: tenant.tenantId, name: `Queue of ${tenant.slug}` });
  }
  token = await signIn(api, mine.slug, mine.adminEmail);
  const theirToken = await signIn(api, theirs.slug, theirs.adminEmail);
  const created = await api.graphql(`mutation { createApiCredential(name: "theirs") { id } }`, { token: theirToken });
  theirCredentialId = created.data!.createApiCredential.id;
});
afterAll(() => api.stop());

describe('a token of one tenant', () => {
  it('lists only its own tenant’s users, teams, roles, locations, queues and credentials', async () => {
    const result = await api.graphql(
      `{ users(first: 200) { totalCount edges { node { email } } }
         teams { name } roles { id } locations { name } queues { name } apiCredentials { id } }`,
      { token },
    );
    expect(result.errors).toBeUndefined();
    const data = result.data!;
    expect(data.users.edges.map((e: { node: { email: string } }) => e.node.email)).toEqual([mine.adminEmail]);
    expect(data.teams).toEqual([{ name: `Team of ${mine.slug}` }]);
    expect(data.locations).toEqual([{ name: `Office of ${mine.slug}` }]);
    expect(data.queues).toEqual([{ name: `Queue of ${mine.slug}` }]);
    expect(data.roles.map((r: { id: string }) => r.id).sort()).toEqual(Object.values(mine.roleIds).sort());
    expect(data.apiCredentials).toEqual([]);
  });

  it('cannot read another tenant’s user, even by id', async () => {
    const result = await api.graphql(`query($id: ID!) { user(id: $id) { email } }`, { variables: { id: theirs.adminUserId }, token });
    expect(result.errors![0].extensions!.code).toBe('NOT_FOUND');
  });

  it('cannot change anything of another tenant', async () => {
    const unlock = await api.graphql(`mutation($id: ID!) { unlockUser(id: $id) { id } }`, { variables: { id: theirs.adminUserId }, token });
    expect(unlock.errors![0].extensions!.code).toBe('NOT_FOUND');
    const revoke = await api.graphql(`mutation($id: ID!) { revokeApiCredential(id: $id) { id } }`, {
      variables: { id: theirCredentialId },
      token,
    });
    expect(revoke.errors![0].extensions!.code).toBe('NOT_FOUND');
    const credential = await api.db.query(`SELECT revoked_at FROM api_credentials WHERE id = $1`, [theirCredentialId]);
    expect(credential[0].revoked_at).toBeNull();
  });

  it('cannot be used to act as another tenant by naming it in a credential role list', async () => {
    const result = await api.graphql(`mutation($roles: [ID!]) { createApiCredential(name: "sneaky", roleIds: $roles) { id } }`, {
      variables: { roles: [theirs.roleIds.ADMIN] },
      token,
    });
    expect(result.errors![0].extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'roleIds' });
  });
});
