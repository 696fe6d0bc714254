import { addUser, createTestTenant, signIn, startTestApi, type TestApi, type TestTenant } from './support/test-api';

let api: TestApi;
let tenant: TestTenant;
let adminToken: string;
let agentToken: string;

beforeAll(async () => {
  api = await startTestApi({ GRAPHQL_MAX_DEPTH: '6', GRAPHQL_MAX_COMPLEXITY: '2000' });
  tenant = await createTestTenant(api.db, 'errors');
  await addUser(api.db, tenant, 'agent@errors.test', ['AGENT']);
  adminToken = await signIn(api, tenant.slug, tenant.adminEmail);
  agentToken = await signIn(api, tenant.slug, 'agent@errors.test');
});
afterAll(() => api.stop());

describe('error codes', () => {
  it('UNAUTHENTICATED without a token, with a message saying what to do', async () => {
    const result = await api.graphql(`{ users { totalCount } }`);
    expect(result.errors![0]).toMatchObject({
      message: 'Sign in, or send a valid API credential, to call this',
      extensions: { code: 'UNAUTHENTICATED' },
    });
  });

  it('FORBIDDEN naming the missing permission', async () => {
    const result = await api.graphql(`{ users { totalCount } }`, { token: agentToken });
    expect(result.errors![0]).toMatchObject({
      message: 'You need the permission "Settings - Users & Teams - View Users"',
      extensions: { code: 'FORBIDDEN' },
    });
    const credentials = await api.graphql(`mutation { createApiCredential(name: "x") { id } }`, { token: agentToken });
    expect(credentials.errors![0].message).toBe('You need the permission "Settings - Developer Settings - API Credentials" (Edit)');
  });

  it('BAD_USER_INPUT naming the field', async () => {
    const page = await api.graphql(`{ users(first: 500) { totalCount } }`, { token: adminToken });
    expect(page.errors![0]).toMatchObject({ message: 'first must be between 0 and 200', extensions: { code: 'BAD_USER_INPUT', field: 'first' } });

    const cursor = await api.graphql(`{ users(after: "garbage") { totalCount } }`, { token: adminToken });
    expect(cursor.errors![0].extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'after' });

    const weak = await api.graphql(`mutation { changePassword(currentPassword: "correct-horse-7", newPassword: "short") { token } }`, {
      token: adminToken,
    });
    expect(weak.errors![0].extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'newPassword' });
  });

  it('NOT_FOUND for an id that is not there (or not an id at all)', async () => {
    for (const id of ['00000000-0000-4000-8000-000000000000', 'not-an-id']) {
      const result = await api.graphql(`query($id: ID!) { user(id: $id) { email } }`, { variables: { id }, token: adminToken });
      expect(result.errors![0]).toMatchObject({ message: 'User not found', extensions: { code: 'NOT_FOUND' } });
    }
  });

  it('never leaks stack traces or SQL', async () => {
    const result = await api.graphql(`{ users(first: 5) { edges { node { email } } } }`, { token: adminToken });
    expect(result.errors).toBeUndefined();
    const failed = await api.graphql(`{ nope }`, { token: adminToken });
    expect(failed.errors![0].extensions!.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(JSON.stringify(failed)).not.toMatch(/stacktrace|at .*\.ts|SELECT/i);
  });
});

describe('query limits', () => {
  it('refuses a query deeper than the limit', async () => {
    const deep = `{ users { edges { node { teams { team { parent { parent { parent { name } } } } } } } } }`;
    const result = await api.graphql(deep, { token: adminToken });
    expect(result.errors![0].message).toMatch(/exceeds maximum operation depth of 6/);
  });

  it('refuses a query that would cost too much, counting list pages', async () => {
    const costly = `{ users(first: 200) { edges { node { email roles { name label color } teams { role team { name } } location { name } } } } }`;
    const result = await api.graphql(costly, { token: adminToken });
    expect(result.errors![0]).toMatchObject({ extensions: { code: 'QUERY_TOO_COMPLEX' } });
    expect(result.errors![0].message).toMatch(/the limit is 2000/);
  });
});
