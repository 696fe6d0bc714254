import {
  AgentPresence,
  AgentStatus,
  AgentStatusEvent,
  AuditEvent,
  Location,
  OutboundEmail,
  Queue,
  QueueAssignment,
  Role,
  Skill,
  Team,
  TeamMembership,
  User,
  UserSkill,
} from '@switchboard/domain';
import { TEST_PASSWORD, addUser, createTestTenant, openSocket, signIn, startTestApi, type TestApi, type TestTenant } from './support/test-api';

const USER_FIELDS = `id email firstName lastName alias status version isFoundingAdmin deactivatedAt chatConcurrency chatConcurrencyEnabled
  roles { name } teams { role team { name } } location { name }`;
const CREATE = `mutation($input: CreateUserInput!) { createUser(input: $input) { ${USER_FIELDS} } }`;
const UPDATE = `mutation($id: ID!, $input: UpdateUserInput!, $version: Int!) {
  updateUser(id: $id, input: $input, version: $version) { ${USER_FIELDS} }
}`;
const CLONE = `mutation($id: ID!, $input: CloneUserInput!) { cloneUser(id: $id, input: $input) { ${USER_FIELDS} } }`;
const DEACTIVATE = `mutation($ids: [ID!]!) { deactivateUsers(ids: $ids) { id status deactivatedAt teams { role } } }`;
const REACTIVATE = `mutation($ids: [ID!]!) { reactivateUsers(ids: $ids) { id status deactivatedAt teams { role } } }`;
const LOGIN = `mutation($tenant: String!, $email: String!, $password: String!) { login(tenant: $tenant, email: $email, password: $password) { token } }`;

let api: TestApi;
let tenant: TestTenant;
let adminToken: string;
let managerToken: string;
let care: Team;
let careL1: Team;
let sales: Team;
let lisbon: Location;

beforeAll(async () => {
  api = await startTestApi();
  tenant = await createTestTenant(api.db, 'useradmin');
  adminToken = await signIn(api, tenant.slug, tenant.adminEmail);
  const teams = api.db.getRepository(Team);
  care = await teams.save({ tenantId: tenant.tenantId, name: 'Care', parentId: null });
  careL1 = await teams.save({ tenantId: tenant.tenantId, name: 'Care L1', parentId: care.id });
  sales = await teams.save({ tenantId: tenant.tenantId, name: 'Sales', parentId: null });
  lisbon = await api.db.getRepository(Location).save({ tenantId: tenant.tenantId, name: 'Lisbon' });
  // A Manager Teams holder managing Care (and so Care L1).
  const manager = await addUser(api.db, tenant, 'mgr@useradmin.test', ['MANAGER_TEAMS']);
  await placeIn(manager, care, 'MANAGER');
  managerToken = await signIn(api, tenant.slug, manager.email);
});
afterAll(() => api.stop());

async function placeIn(user: User, team: Team, role: 'MEMBER' | 'MANAGER' = 'MEMBER') {
  await api.db.getRepository(TeamMembership).insert({ tenantId: tenant.tenantId, teamId: team.id, userId: user.id, role });
}

async function agentIn(email: string, team: Team): Promise<User> {
  const user = await addUser(api.db, tenant, email, ['AGENT']);
  await placeIn(user, team);
  return api.db.getRepository(User).findOneByOrFail({ id: user.id });
}

const newUser = (email: string, extra: Record<string, unknown> = {}) => ({
  email,
  firstName: 'Alan',
  lastName: 'Turing',
  roleIds: [tenant.roleIds.AGENT],
  ...extra,
});

const create = (input: Record<string, unknown>, token = adminToken) => api.graphql(CREATE, { variables: { input }, token });
const update = (user: { id: string; version: number }, input: Record<string, unknown>, token = adminToken) =>
  api.graphql(UPDATE, { variables: { id: user.id, input, version: user.version }, token });
const fresh = (id: string) => api.db.getRepository(User).findOneByOrFail({ id });

describe('createUser', () => {
  it('refuses an email already taken in another case, naming the field', async () => {
    expect((await create(newUser('Taken@useradmin.test'))).errors).toBeUndefined();
    const again = await create(newUser('taken@USERADMIN.test'));
    expect(again.errors![0]).toMatchObject({
      message: 'The email taken@USERADMIN.test is already taken by another user',
      extensions: { code: 'BAD_USER_INPUT', field: 'email' },
    });
  });

  it('wants 1 to 10 roles', async () => {
    const custom = await api.db.getRepository(Role).save(
      Array.from({ length: 5 }, (_, i) => ({ tenantId: tenant.tenantId, name: `Extra ${i}`, label: `X${i}`, color: '#000000', position: 10 + i })),
    );
    const eleven = [...Object.values(tenant.roleIds), ...custom.map((r) => r.id)];
    expect(eleven).toHaveLength(11);
    for (const roleIds of [eleven, []]) {
      const result = await create(newUser(`roles-${roleIds.length}@useradmin.test`, { roleIds }));
      expect(result.errors![0]).toMatchObject({
        message: expect.stringContaining('1 to 10 roles'),
        extensions: { code: 'BAD_USER_INPUT', field: 'roleIds' },
      });
    }
  });

  it('checks location, chat concurrency and team membership', async () => {
    const badLocation = await create(newUser('loc@useradmin.test', { locationId: care.id }));
    expect(badLocation.errors![0].extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'locationId' });
    const tooMany = await create(newUser('chat@useradmin.test', { chatConcurrency: 11 }));
    expect(tooMany.errors![0]).toMatchObject({ message: expect.stringContaining('1 to 10'), extensions: { field: 'chatConcurrency' } });
    const notAgent = await create(newUser('boss@useradmin.test', { roleIds: [tenant.roleIds.MANAGER], teamIds: [care.id] }));
    expect(notAgent.errors![0]).toMatchObject({ message: expect.stringContaining('has no agent permission'), extensions: { field: 'teamIds' } });

    const ok = await create(newUser('full@useradmin.test', { locationId: lisbon.id, chatConcurrency: 4, teamIds: [care.id], alias: 'Prof' }));
    expect(ok.data!.createUser).toMatchObject({
      alias: 'Prof',
      chatConcurrency: 4,
      chatConcurrencyEnabled: true,
      location: { name: 'Lisbon' },
      teams: [{ role: 'MEMBER', team: { name: 'Care' } }],
      roles: [{ name: 'Agent' }],
    });
  });

  it('lets a Manager Teams holder add agents only, and only to teams they manage', async () => {
    const ok = await create(newUser('by-mgr@useradmin.test', { teamIds: [careL1.id] }), managerToken);
    expect(ok.data!.createUser).toMatchObject({ status: 'INVITED', teams: [{ team: { name: 'Care L1' } }] });

    const manager = await create(newUser('mgr-role@useradmin.test', { roleIds: [tenant.roleIds.MANAGER], teamIds: [care.id] }), managerToken);
    expect(manager.errors![0]).toMatchObject({
      message: expect.stringContaining('You may not assign the role "Manager"'),
      extensions: { code: 'FORBIDDEN' },
    });
    const noTeam = await create(newUser('no-team@useradmin.test'), managerToken);
    expect(noTeam.errors![0]).toMatchObject({ message: expect.stringContaining('at least one of those teams'), extensions: { code: 'FORBIDDEN' } });
    const otherTeam = await create(newUser('other-team@useradmin.test', { teamIds: [sales.id] }), managerToken);
    expect(otherTeam.errors![0]).toMatchObject({ message: expect.stringContaining('"Sales" is not one of them'), extensions: { code: 'FORBIDDEN' } });
    expect(await api.db.getRepository(User).countBy({ tenantId: tenant.tenantId, email: 'mgr-role@useradmin.test' })).toBe(0);
  });

  it("applies an API credential's roles the same way", async () => {
    const created = await api.graphql(`mutation($roles: [ID!]) { createApiCredential(name: "hr sync", roleIds: $roles) { secret } }`, {
      variables: { roles: [tenant.roleIds.MANAGER_ADMIN] },
      token: adminToken,
    });
    const secret = created.data!.createApiCredential.secret;
    expect((await create(newUser('by-script@useradmin.test'), secret)).data!.createUser.status).toBe('INVITED');
    const admin = await create(newUser('admin-by-script@useradmin.test', { roleIds: [tenant.roleIds.ADMIN] }), secret);
    expect(admin.errors![0]).toMatchObject({ message: expect.stringContaining('"Admin"'), extensions: { code: 'FORBIDDEN' } });
  });
});

describe('updateUser', () => {
  it('lets a Manager Teams holder change name, alias and teams of their agent', async () => {
    const agent = await agentIn('edit-me@useradmin.test', care);
    const result = await update(agent, { firstName: 'Edith', alias: '', teamIds: [care.id, careL1.id], email: agent.email }, managerToken);
    expect(result.errors).toBeUndefined();
    expect(result.data!.updateUser).toMatchObject({ firstName: 'Edith', alias: 'Edith Test', version: agent.version + 1 });
    expect(result.data!.updateUser.teams.map((t: { team: { name: string } }) => t.team.name)).toEqual(['Care', 'Care L1']);

    const audit = await api.db.getRepository(AuditEvent).findOneByOrFail({ action: 'user.update', targetId: agent.id });
    expect(audit.before).toEqual({ firstName: 'edit-me', alias: 'edit-me Test', teams: [care.id] });
    expect(audit.after).toEqual({ firstName: 'Edith', alias: 'Edith Test', teams: expect.arrayContaining([care.id, careL1.id]) });
  });

  it("refuses a Manager Teams holder a field they hold no edit permission for, naming it", async () => {
    const agent = await agentIn('no-email@useradmin.test', care);
    const result = await update(agent, { email: 'changed@useradmin.test' }, managerToken);
    expect(result.errors![0]).toMatchObject({
      message: 'You need the permission "Settings - Users & Teams - Edit User - Email"',
      extensions: { code: 'FORBIDDEN' },
    });
    expect((await fresh(agent.id)).email).toBe('no-email@useradmin.test');
  });

  it('refuses a manager acting on a user outside their teams', async () => {
    const outsider = await agentIn('outsider@useradmin.test', sales);
    const result = await update(outsider, { firstName: 'Nope' }, managerToken);
    expect(result.errors![0]).toMatchObject({
      message: expect.stringContaining('outsider@useradmin.test is not in them'),
      extensions: { code: 'FORBIDDEN' },
    });
    const moved = await update(await agentIn('mover@useradmin.test', care), { teamIds: [care.id, sales.id] }, managerToken);
    expect(moved.errors![0]).toMatchObject({ message: expect.stringContaining('"Sales" is not one of them'), extensions: { code: 'FORBIDDEN' } });
  });

  it('refuses a stale version with CONFLICT', async () => {
    const agent = await agentIn('stale@useradmin.test', care);
    expect((await update(agent, { lastName: 'First' })).errors).toBeUndefined();
    const stale = await update(agent, { lastName: 'Second' });
    expect(stale.errors![0].extensions!.code).toBe('CONFLICT');
    expect((await fresh(agent.id)).lastName).toBe('First');
  });

  it('checks email uniqueness and added roles', async () => {
    const agent = await agentIn('unique@useradmin.test', care);
    const taken = await update(agent, { email: 'MGR@useradmin.test' });
    expect(taken.errors![0].extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'email' });
    const tooMany = await update(agent, { roleIds: [] });
    expect(tooMany.errors![0].extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'roleIds' });
    const promoted = await update(agent, { roleIds: [tenant.roleIds.AGENT, tenant.roleIds.MANAGER] });
    expect(promoted.data!.updateUser.roles.map((r: { name: string }) => r.name)).toEqual(['Manager', 'Agent']);
  });

  it('keeps the founding admin an admin and active', async () => {
    const admin = await fresh(tenant.adminUserId);
    const demoted = await update(admin, { roleIds: [tenant.roleIds.AGENT] });
    expect(demoted.errors![0]).toMatchObject({ message: 'The founding admin of the tenant must keep the Admin role', extensions: { field: 'roleIds' } });
    const off = await update(admin, { status: 'DEACTIVATED' });
    expect(off.errors![0].extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'status' });
    const viaDeactivate = await api.graphql(DEACTIVATE, { variables: { ids: [admin.id] }, token: adminToken });
    expect(viaDeactivate.errors![0]).toMatchObject({ message: expect.stringContaining('founding admin'), extensions: { field: 'ids' } });
    const me = await api.graphql(`query($id: ID!) { user(id: $id) { isFoundingAdmin status } }`, { variables: { id: admin.id }, token: adminToken });
    expect(me.data!.user).toEqual({ isFoundingAdmin: true, status: 'ACTIVE' });
  });

  it('deactivates through the status field the same way as deactivateUsers', async () => {
    const agent = await agentIn('status-off@useradmin.test', care);
    const result = await update(agent, { status: 'DEACTIVATED' });
    expect(result.data!.updateUser).toMatchObject({ status: 'DEACTIVATED', teams: [] });
    expect(await api.db.getRepository(AuditEvent).countBy({ action: 'user.deactivate', targetId: agent.id })).toBe(1);
  });
});

describe('cloneUser', () => {
  it('copies roles, teams with their role, location, skills and chat settings; the clone is invited', async () => {
    const source = await addUser(api.db, tenant, 'template@useradmin.test', ['AGENT', 'MANAGER']);
    await placeIn(source, care, 'MEMBER');
    await placeIn(source, sales, 'MANAGER');
    await api.db.getRepository(User).update({ id: source.id }, { locationId: lisbon.id, chatConcurrency: 3, chatConcurrencyEnabled: false });
    const spanish = await api.db.getRepository(Skill).save({ tenantId: tenant.tenantId, name: 'Spanish' });
    await api.db.getRepository(UserSkill).insert({ tenantId: tenant.tenantId, userId: source.id, skillId: spanish.id, level: 7 });

    const result = await api.graphql(CLONE, {
      variables: { id: source.id, input: { email: 'clone@useradmin.test', firstName: 'Dolly', lastName: 'Sheep' } },
      token: adminToken,
    });
    expect(result.errors).toBeUndefined();
    const clone = result.data!.cloneUser;
    expect(clone).toMatchObject({
      email: 'clone@useradmin.test',
      alias: 'Dolly Sheep',
      status: 'INVITED',
      location: { name: 'Lisbon' },
      chatConcurrency: 3,
      chatConcurrencyEnabled: false,
      roles: [{ name: 'Manager' }, { name: 'Agent' }],
    });
    expect(clone.teams).toEqual([
      { role: 'MEMBER', team: { name: 'Care' } },
      { role: 'MANAGER', team: { name: 'Sales' } },
    ]);
    expect(await api.db.getRepository(UserSkill).findBy({ userId: clone.id })).toEqual([expect.objectContaining({ skillId: spanish.id, level: 7 })]);
    expect(await api.db.getRepository(OutboundEmail).countBy({ toAddress: 'clone@useradmin.test' })).toBe(1);
  });
});

describe('deactivateUsers and reactivateUsers', () => {
  it('sign the user out everywhere, remove teams and individual queues, put them Offline; reactivation restores sign-in only', async () => {
    const agent = await agentIn('leaver@useradmin.test', care);
    const token = await signIn(api, tenant.slug, agent.email);
    const socket = await openSocket(api.wsUrl, token);
    const queue = await api.db.getRepository(Queue).save({ tenantId: tenant.tenantId, name: 'Billing' });
    await api.db.getRepository(QueueAssignment).insert({ tenantId: tenant.tenantId, queueId: queue.id, userId: agent.id });
    await api.db.getRepository(QueueAssignment).insert({ tenantId: tenant.tenantId, queueId: queue.id, teamId: care.id });
    const statuses = await api.db.getRepository(AgentStatus).findBy({ tenantId: tenant.tenantId });
    const available = statuses.find((s) => s.systemKey === 'AVAILABLE')!;
    const offline = statuses.find((s) => s.systemKey === 'OFFLINE')!;
    await api.db
      .getRepository(AgentPresence)
      .insert({ tenantId: tenant.tenantId, userId: agent.id, statusId: available.id, since: new Date(), sequence: '0' });

    const result = await api.graphql(DEACTIVATE, { variables: { ids: [agent.id] }, token: managerToken });
    expect(result.errors).toBeUndefined();
    expect(result.data!.deactivateUsers).toEqual([{ id: agent.id, status: 'DEACTIVATED', deactivatedAt: expect.any(String), teams: [] }]);

    expect(await socket.closed).toMatchObject({ code: 4401 });
    expect((await api.graphql(`{ me { user { email } } }`, { token })).errors![0].extensions!.code).toBe('UNAUTHENTICATED');
    expect((await api.graphql(LOGIN, { variables: { tenant: tenant.slug, email: agent.email, password: TEST_PASSWORD } })).errors).toBeDefined();
    expect(await api.db.getRepository(TeamMembership).countBy({ userId: agent.id })).toBe(0);
    expect(await api.db.getRepository(QueueAssignment).countBy({ userId: agent.id })).toBe(0);
    expect(await api.db.getRepository(QueueAssignment).countBy({ teamId: care.id })).toBe(1);
    expect(await api.db.getRepository(AgentPresence).findOneByOrFail({ userId: agent.id })).toMatchObject({
      statusId: offline.id,
      offlineReason: 'Deactivated',
    });
    expect(await api.db.getRepository(AgentStatusEvent).findOneByOrFail({ userId: agent.id })).toMatchObject({
      statusId: offline.id,
      previousStatusId: available.id,
      reason: 'Deactivated',
    });
    const audit = await api.db.getRepository(AuditEvent).findOneByOrFail({ action: 'user.deactivate', targetId: agent.id });
    expect(audit.before).toMatchObject({ status: 'ACTIVE', teams: [care.id], queues: [queue.id] });

    // A team-scoped manager no longer reaches them (they are in no team); an admin does.
    expect((await api.graphql(REACTIVATE, { variables: { ids: [agent.id] }, token: managerToken })).errors![0].extensions!.code).toBe('FORBIDDEN');
    const back = await api.graphql(REACTIVATE, { variables: { ids: [agent.id] }, token: adminToken });
    expect(back.data!.reactivateUsers).toEqual([{ id: agent.id, status: 'ACTIVE', deactivatedAt: null, teams: [] }]);
    expect((await api.graphql(LOGIN, { variables: { tenant: tenant.slug, email: agent.email, password: TEST_PASSWORD } })).data!.login.token).toMatch(
      /^sbs_/,
    );
    expect(await api.db.getRepository(AuditEvent).countBy({ action: 'user.reactivate', targetId: agent.id })).toBe(1);
  });

  it('returns a user who never accepted their invitation to INVITED, without a new email', async () => {
    const invited = (await create(newUser('never@useradmin.test'))).data!.createUser;
    await api.graphql(DEACTIVATE, { variables: { ids: [invited.id] }, token: adminToken });
    const back = await api.graphql(REACTIVATE, { variables: { ids: [invited.id] }, token: adminToken });
    expect(back.data!.reactivateUsers[0].status).toBe('INVITED');
    expect(await api.db.getRepository(OutboundEmail).countBy({ toAddress: 'never@useradmin.test' })).toBe(1);
  });

  it('refuses users outside the caller’s teams and ids of other tenants, changing nothing', async () => {
    const inside = await agentIn('inside@useradmin.test', care);
    const outside = await agentIn('outside@useradmin.test', sales);
    const refused = await api.graphql(DEACTIVATE, { variables: { ids: [inside.id, outside.id] }, token: managerToken });
    expect(refused.errors![0]).toMatchObject({ message: expect.stringContaining('outside@useradmin.test'), extensions: { code: 'FORBIDDEN' } });
    expect((await fresh(inside.id)).status).toBe('ACTIVE');

    const other = await createTestTenant(api.db, 'elsewhere');
    const foreign = await api.graphql(DEACTIVATE, { variables: { ids: [other.adminUserId] }, token: adminToken });
    expect(foreign.errors![0].extensions!.code).toBe('NOT_FOUND');
  });
});
