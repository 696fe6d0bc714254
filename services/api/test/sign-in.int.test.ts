import { Session, User, type CreatedApiCredential } from '@switchboard/domain';
import { TEST_PASSWORD, addUser, createTestTenant, openSocket, signIn, startTestApi, wsExecute, type TestApi, type TestTenant } from './support/test-api';

const LOGIN = `mutation($tenant: String!, $email: String!, $password: String!) {
  login(tenant: $tenant, email: $email, password: $password) { token expiresAt user { email status } }
}`;
const ME = `{ me { user { email } apiCredentialId licenseType } }`;
const GENERIC = 'The email or password is wrong, or the account is locked or not active';

let api: TestApi;
let tenant: TestTenant;

beforeAll(async () => {
  api = await startTestApi();
  tenant = await createTestTenant(api.db, 'signin');
});
afterAll(() => api.stop());

const login = (email: string, password: string, slug = tenant.slug) =>
  api.graphql(LOGIN, { variables: { tenant: slug, email, password } });

describe('login', () => {
  it('returns a token that works for me, over HTTP and over WebSocket', async () => {
    const result = await login(tenant.adminEmail.toUpperCase(), TEST_PASSWORD);
    expect(result.errors).toBeUndefined();
    const { token, user, expiresAt } = result.data!.login;
    expect(user).toEqual({ email: tenant.adminEmail, status: 'ACTIVE' });
    expect(new Date(expiresAt).getTime()).toBeGreaterThan(Date.now());

    const me = await api.graphql(ME, { token });
    expect(me.data!.me).toEqual({ user: { email: tenant.adminEmail }, apiCredentialId: null, licenseType: 'ADMIN' });
    const overWs = await wsExecute(api.wsUrl, token, ME);
    expect(overWs.data!.me.user.email).toBe(tenant.adminEmail);
  });

  it('stores only a hash of the token', async () => {
    const token = await signIn(api, tenant.slug, tenant.adminEmail);
    const stored = await api.db.getRepository(Session).find({ where: { userId: tenant.adminUserId } });
    expect(stored.length).toBeGreaterThan(0);
    expect(stored.some((s) => s.tokenHash.includes(token) || token.includes(s.tokenHash))).toBe(false);
  });

  it('gives the same answer for a wrong password, an unknown email and an unknown tenant', async () => {
    for (const attempt of [
      login(tenant.adminEmail, 'wrong-password-1'),
      login('nobody@nowhere.test', TEST_PASSWORD),
      login(tenant.adminEmail, TEST_PASSWORD, 'no-such-tenant'),
    ]) {
      const result = await attempt;
      expect(result.data).toBeNull();
      expect(result.errors![0]).toMatchObject({ message: GENERIC, extensions: { code: 'UNAUTHENTICATED' } });
    }
  });

  it('locks the account after five failed sign-ins, until an admin unlocks it', async () => {
    const victim = await addUser(api.db, tenant, 'lockme@signin.test', ['AGENT']);
    for (let i = 0; i < 5; i++) expect((await login(victim.email, 'wrong-password-1')).errors![0].message).toBe(GENERIC);

    const withRightPassword = await login(victim.email, TEST_PASSWORD);
    expect(withRightPassword.errors![0]).toMatchObject({ message: GENERIC, extensions: { code: 'UNAUTHENTICATED' } });

    const adminToken = await signIn(api, tenant.slug, tenant.adminEmail);
    const unlocked = await api.graphql(`mutation($id: ID!) { unlockUser(id: $id) { email lockedUntil } }`, {
      variables: { id: victim.id },
      token: adminToken,
    });
    expect(unlocked.data!.unlockUser).toEqual({ email: victim.email, lockedUntil: null });
    expect((await login(victim.email, TEST_PASSWORD)).data!.login.user.email).toBe(victim.email);
  });

  it('lets a locked user in again once the lock has run out', async () => {
    const victim = await addUser(api.db, tenant, 'lapsed@signin.test', ['AGENT']);
    for (let i = 0; i < 5; i++) await login(victim.email, 'wrong-password-1');
    expect((await login(victim.email, TEST_PASSWORD)).errors).toBeDefined();
    await api.db.getRepository(User).update({ id: victim.id }, { lockedUntil: new Date(Date.now() - 1000) });
    expect((await login(victim.email, TEST_PASSWORD)).data!.login.user.email).toBe(victim.email);
  });

  it('refuses a deactivated user even with the right password', async () => {
    const gone = await addUser(api.db, tenant, 'gone@signin.test', ['AGENT']);
    await api.db.getRepository(User).update({ id: gone.id }, { status: 'DEACTIVATED' });
    expect((await login(gone.email, TEST_PASSWORD)).errors![0].message).toBe(GENERIC);
  });
});

describe('revoked tokens', () => {
  it('refuses a token after logout, over HTTP and over WebSocket', async () => {
    const token = await signIn(api, tenant.slug, tenant.adminEmail);
    expect((await api.graphql(`mutation { logout }`, { token })).data).toEqual({ logout: true });

    const overHttp = await api.graphql(ME, { token });
    expect(overHttp.errors![0].extensions!.code).toBe('UNAUTHENTICATED');
    await expect(wsExecute(api.wsUrl, token, ME)).rejects.toMatchObject({ code: 4403 });
  });

  it('ends every session when the password changes, and the new password works', async () => {
    const user = await addUser(api.db, tenant, 'changer@signin.test', ['AGENT']);
    const first = await signIn(api, tenant.slug, user.email);
    const second = await signIn(api, tenant.slug, user.email);
    const changed = await api.graphql(
      `mutation { changePassword(currentPassword: "${TEST_PASSWORD}", newPassword: "another-secret-9") { token } }`,
      { token: first },
    );
    const fresh = changed.data!.changePassword.token;
    for (const old of [first, second]) expect((await api.graphql(ME, { token: old })).errors![0].extensions!.code).toBe('UNAUTHENTICATED');
    expect((await api.graphql(ME, { token: fresh })).data!.me.user.email).toBe(user.email);
    expect((await login(user.email, TEST_PASSWORD)).errors).toBeDefined();
    expect((await login(user.email, 'another-secret-9')).data!.login.token).toMatch(/^sbs_/);
  });

  it('refuses a token once the user is deactivated', async () => {
    const user = await addUser(api.db, tenant, 'leaver@signin.test', ['AGENT']);
    const token = await signIn(api, tenant.slug, user.email);
    await api.db.getRepository(User).update({ id: user.id }, { status: 'DEACTIVATED' });
    expect((await api.graphql(ME, { token })).errors![0].extensions!.code).toBe('UNAUTHENTICATED');
    await expect(wsExecute(api.wsUrl, token, ME)).rejects.toMatchObject({ code: 4403 });
  });
});

describe('open WebSockets', () => {
  it('close at once when their session logs out', async () => {
    const token = await signIn(api, tenant.slug, tenant.adminEmail);
    const socket = await openSocket(api.wsUrl, token);
    await api.graphql(`mutation { logout }`, { token });
    expect(await socket.closed).toMatchObject({ code: 4401, reason: 'Your access was revoked; sign in again' });
  });

  it('close for every old session when the password changes, but not for other users', async () => {
    const user = await addUser(api.db, tenant, 'socket-changer@signin.test', ['AGENT']);
    const token = await signIn(api, tenant.slug, user.email);
    const own = await openSocket(api.wsUrl, token);
    const someoneElse = await openSocket(api.wsUrl, await signIn(api, tenant.slug, tenant.adminEmail));
    await api.graphql(`mutation { changePassword(currentPassword: "${TEST_PASSWORD}", newPassword: "socket-secret-9") { token } }`, { token });
    expect((await own.closed).code).toBe(4401);
    const stillOpen = await Promise.race([someoneElse.closed.then(() => false), new Promise((r) => setTimeout(() => r(true), 300))]);
    expect(stillOpen).toBe(true);
    someoneElse.close();
  });

  it('close when their API credential is revoked', async () => {
    const adminToken = await signIn(api, tenant.slug, tenant.adminEmail);
    const created = await api.graphql(`mutation { createApiCredential(name: "socket script") { id secret } }`, { token: adminToken });
    const { id, secret } = created.data!.createApiCredential;
    const socket = await openSocket(api.wsUrl, secret);
    await api.graphql(`mutation($id: ID!) { revokeApiCredential(id: $id) { id } }`, { variables: { id }, token: adminToken });
    expect((await socket.closed).code).toBe(4401);
  });
});

describe('API credentials', () => {
  it('shows the secret once, works over HTTP and WebSocket, and stops working when revoked', async () => {
    const adminToken = await signIn(api, tenant.slug, tenant.adminEmail);
    const created = await api.graphql<{ createApiCredential: CreatedApiCredential['credential'] & { secret: string } }>(
      `mutation { createApiCredential(name: "nightly sync") { id name secret } }`,
      { token: adminToken },
    );
    const { id, secret } = created.data!.createApiCredential;
    expect(secret).toMatch(/^sbk_/);

    const listed = await api.graphql(`{ apiCredentials { id name secretPrefix revokedAt } }`, { token: adminToken });
    const entry = listed.data!.apiCredentials.find((c: { id: string }) => c.id === id);
    expect(entry).toMatchObject({ name: 'nightly sync', revokedAt: null });
    expect(JSON.stringify(listed)).not.toContain(secret);

    const asScript = await api.graphql(ME, { token: secret });
    expect(asScript.data!.me).toEqual({ user: null, apiCredentialId: id, licenseType: 'ADMIN' });
    expect((await api.graphql(`{ users(first: 5) { totalCount } }`, { token: secret })).data!.users.totalCount).toBeGreaterThan(0);
    expect((await wsExecute(api.wsUrl, secret, ME)).data!.me.apiCredentialId).toBe(id);

    const revoked = await api.graphql(`mutation($id: ID!) { revokeApiCredential(id: $id) { revokedAt } }`, {
      variables: { id },
      token: adminToken,
    });
    expect(revoked.data!.revokeApiCredential.revokedAt).not.toBeNull();
    expect((await api.graphql(ME, { token: secret })).errors![0].extensions!.code).toBe('UNAUTHENTICATED');
    await expect(wsExecute(api.wsUrl, secret, ME)).rejects.toMatchObject({ code: 4403 });
  });

  it('refuses a made-up secret and a missing token over WebSocket', async () => {
    await expect(wsExecute(api.wsUrl, 'sbk_made-up', ME)).rejects.toMatchObject({ code: 4403 });
    await expect(wsExecute(api.wsUrl, '', ME)).rejects.toMatchObject({ code: 4403 });
  });
});
