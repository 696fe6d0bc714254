import { Queue } from 'bullmq';
import { AuditEvent, OutboundEmail, QUEUES, User, bullPrefix, createRedis, emailSendJobs } from '@switchboard/domain';
import { addUser, createTestTenant, signIn, startTestApi, type TestApi, type TestTenant } from './support/test-api';

const CREATE = `mutation($input: CreateUserInput!) { createUser(input: $input) { id email status alias isFoundingAdmin } }`;
const ACCEPT = `mutation($token: String!, $password: String!) {
  acceptInvitation(token: $token, password: $password) { token user { email status } }
}`;
const RESEND = `mutation($userId: ID!) { resendInvitation(userId: $userId) }`;
const LOGIN = `mutation($tenant: String!, $email: String!, $password: String!) { login(tenant: $tenant, email: $email, password: $password) { token } }`;
const INVALID = { message: 'This invitation link is no longer valid', extensions: { code: 'BAD_USER_INPUT', field: 'token' } };
const NEW_PASSWORD = 'invited-secret-4';

let api: TestApi;
let tenant: TestTenant;
let adminToken: string;
let agentRoleId: string;

beforeAll(async () => {
  api = await startTestApi();
  tenant = await createTestTenant(api.db, 'invite');
  adminToken = await signIn(api, tenant.slug, tenant.adminEmail);
  agentRoleId = tenant.roleIds.AGENT;
});
afterAll(() => api.stop());

async function invite(email: string): Promise<string> {
  const result = await api.graphql(CREATE, {
    variables: { input: { email, firstName: 'Grace', lastName: 'Hopper', roleIds: [agentRoleId] } },
    token: adminToken,
  });
  expect(result.errors).toBeUndefined();
  return result.data!.createUser.id;
}

/** The token in the newest invitation email sent to the address. */
async function latestToken(email: string): Promise<string> {
  const [latest] = await api.db
    .getRepository(OutboundEmail)
    .find({ where: { toAddress: email, kind: 'invitation' }, order: { createdAt: 'DESC' }, take: 1 });
  const match = /accept-invitation\?token=([\w%-]+)/.exec(latest.bodyText);
  return decodeURIComponent(match![1]);
}

const accept = (token: string, password = NEW_PASSWORD) => api.graphql(ACCEPT, { variables: { token, password } });

describe('createUser', () => {
  it('adds an INVITED user and queues an invitation email naming the tenant, with a console link', async () => {
    const result = await api.graphql(CREATE, {
      variables: { input: { email: 'grace@invite.test', firstName: ' Grace ', lastName: 'Hopper', roleIds: [agentRoleId] } },
      token: adminToken,
    });
    expect(result.errors).toBeUndefined();
    expect(result.data!.createUser).toMatchObject({ email: 'grace@invite.test', status: 'INVITED', alias: 'Grace Hopper', isFoundingAdmin: false });

    const emails = await api.db.getRepository(OutboundEmail).findBy({ toAddress: 'grace@invite.test' });
    expect(emails).toHaveLength(1);
    expect(emails[0]).toMatchObject({ kind: 'invitation', subject: `Invitation to Tenant ${tenant.slug}`, sentAt: null });
    expect(emails[0].bodyText).toContain(`${api.config.consoleUrl}/accept-invitation?token=sbi_`);

    // Queued for prompt delivery, not left for the sweep.
    const connection = createRedis(api.config.redisUrl, { name: 'invitations-test' });
    const queue = new Queue(QUEUES.email, { connection, prefix: bullPrefix(api.config.redisPrefix) });
    try {
      const [job] = emailSendJobs([emails[0].id]);
      expect((await queue.getJob(job.opts.jobId))?.data).toEqual({ emailIds: [emails[0].id] });
    } finally {
      await queue.close();
      connection.disconnect();
    }

    const audit = await api.db.getRepository(AuditEvent).findOneByOrFail({ action: 'user.create', targetId: result.data!.createUser.id });
    expect(audit).toMatchObject({ actorUserId: tenant.adminUserId, after: expect.objectContaining({ email: 'grace@invite.test', status: 'INVITED' }) });
  });

  it('stores only a hash of the invitation token', async () => {
    const userId = await invite('hashed@invite.test');
    const token = await latestToken('hashed@invite.test');
    const [{ token_hash }] = await api.db.query(`SELECT token_hash FROM invitations WHERE user_id = $1`, [userId]);
    expect(token_hash).not.toContain(token.slice(4));
  });
});

describe('acceptInvitation', () => {
  it('sets the password, activates the user and signs them in, without a token of its own', async () => {
    await invite('accept@invite.test');
    const result = await accept(await latestToken('accept@invite.test'));
    expect(result.errors).toBeUndefined();
    expect(result.data!.acceptInvitation.user).toEqual({ email: 'accept@invite.test', status: 'ACTIVE' });

    const me = await api.graphql(`{ me { user { email status } } }`, { token: result.data!.acceptInvitation.token });
    expect(me.data!.me.user).toEqual({ email: 'accept@invite.test', status: 'ACTIVE' });
    const login = await api.graphql(LOGIN, { variables: { tenant: tenant.slug, email: 'ACCEPT@invite.test', password: NEW_PASSWORD } });
    expect(login.data!.login.token).toMatch(/^sbs_/);
  });

  it('works once: the used link is refused afterwards', async () => {
    await invite('once@invite.test');
    const token = await latestToken('once@invite.test');
    expect((await accept(token)).errors).toBeUndefined();
    expect((await accept(token, 'another-secret-5')).errors![0]).toMatchObject(INVALID);
  });

  it('refuses an unknown token the same way', async () => {
    expect((await accept('sbi_not-a-real-token')).errors![0]).toMatchObject(INVALID);
  });

  it('refuses a weak password naming the field, and the link still works afterwards', async () => {
    await invite('weak@invite.test');
    const token = await latestToken('weak@invite.test');
    expect((await accept(token, 'short')).errors![0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT', field: 'password' } });
    expect((await accept(token)).data!.acceptInvitation.user.status).toBe('ACTIVE');
  });

  it('refuses the link of a user deactivated before accepting', async () => {
    const userId = await invite('gone@invite.test');
    const token = await latestToken('gone@invite.test');
    await api.graphql(`mutation($ids: [ID!]!) { deactivateUsers(ids: $ids) { status } }`, { variables: { ids: [userId] }, token: adminToken });
    expect((await accept(token)).errors![0]).toMatchObject(INVALID);
  });
});

describe('resendInvitation', () => {
  it('sends a new link and invalidates the old one', async () => {
    const userId = await invite('resend@invite.test');
    const old = await latestToken('resend@invite.test');
    const resent = await api.graphql(RESEND, { variables: { userId }, token: adminToken });
    expect(resent.data).toEqual({ resendInvitation: true });
    const fresh = await latestToken('resend@invite.test');
    expect(fresh).not.toBe(old);
    expect(await api.db.getRepository(OutboundEmail).countBy({ toAddress: 'resend@invite.test' })).toBe(2);

    expect((await accept(old)).errors![0]).toMatchObject(INVALID);
    expect((await accept(fresh)).data!.acceptInvitation.user.status).toBe('ACTIVE');
  });

  it('is only for users who are still invited', async () => {
    const active = await addUser(api.db, tenant, 'active@invite.test', ['AGENT']);
    const result = await api.graphql(RESEND, { variables: { userId: active.id }, token: adminToken });
    expect(result.errors![0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT', field: 'userId' } });
  });

  it('needs the Create Users permission', async () => {
    const userId = await invite('perm@invite.test');
    await addUser(api.db, tenant, 'plain-agent@invite.test', ['AGENT']);
    const agentToken = await signIn(api, tenant.slug, 'plain-agent@invite.test');
    const result = await api.graphql(RESEND, { variables: { userId }, token: agentToken });
    expect(result.errors![0]).toMatchObject({
      message: 'You need the permission "Settings - Users & Teams - Create Users"',
      extensions: { code: 'FORBIDDEN' },
    });
    expect((await api.db.getRepository(User).findOneByOrFail({ id: userId })).status).toBe('INVITED');
  });
});
