import { User, UserRole } from '@switchboard/domain';
import { addUser, createTestTenant, signIn, startTestApi, type TestApi, type TestTenant } from './support/test-api';

let api: TestApi;
let tenant: TestTenant;
let admin: string;

beforeAll(async () => {
  api = await startTestApi();
  tenant = await createTestTenant(api.db, 'teams');
  admin = await signIn(api, tenant.slug, tenant.adminEmail);
});
afterAll(() => api.stop());

interface TeamRef {
  id: string;
  name: string;
  version: number;
}

/** Runs an operation and returns its data, failing the test on any error. */
async function ok<T = Record<string, any>>(query: string, variables: Record<string, unknown> = {}, token = admin): Promise<T> {
  const result = await api.graphql<T>(query, { variables, token });
  if (result.errors) throw new Error(JSON.stringify(result.errors));
  return result.data!;
}

/** Runs an operation that must fail and returns its one error. */
async function failure(query: string, variables: Record<string, unknown> = {}, token = admin) {
  const result = await api.graphql(query, { variables, token });
  expect(result.errors).toHaveLength(1);
  return { message: result.errors![0].message, ...result.errors![0].extensions };
}

const CREATE = `mutation($input: CreateTeamInput!) { createTeam(input: $input) { id name version parentId } }`;
const UPDATE = `mutation($id: ID!, $input: UpdateTeamInput!, $version: Int!) {
  updateTeam(id: $id, input: $input, version: $version) { id name version parentId } }`;
const DELETE = `mutation($id: ID!, $version: Int!) { deleteTeam(id: $id, version: $version) }`;
const ADD = `mutation($teamId: ID!, $userIds: [ID!]!, $role: TeamRole!) {
  addTeamMembers(teamId: $teamId, userIds: $userIds, role: $role) { id members { email } managers: members(role: MANAGER) { email } } }`;
const REMOVE = `mutation($teamId: ID!, $userIds: [ID!]!) {
  removeTeamMembers(teamId: $teamId, userIds: $userIds) { id members { email } } }`;

async function createTeam(name: string, parentId: string | null = null, token = admin): Promise<TeamRef> {
  return (await ok<{ createTeam: TeamRef }>(CREATE, { input: { name, parentId } }, token)).createTeam;
}

async function auditOf(targetId: string): Promise<{ action: string; before: any; after: any; actor_user_id: string }[]> {
  return api.db.query(`SELECT action, before, after, actor_user_id FROM audit_events WHERE target_id = $1 ORDER BY id`, [targetId]);
}

/** Inserts active agents straight into the database (one statement each), as a bulk import would. */
async function insertAgents(prefix: string, count: number, firstExtension: number): Promise<string[]> {
  const rows = Array.from({ length: count }, (_, i) => ({
    tenantId: tenant.tenantId,
    email: `${prefix}${i}@${tenant.slug}.test`,
    emailKey: `${prefix}${i}@${tenant.slug}.test`,
    firstName: prefix,
    lastName: String(i),
    alias: `${prefix} ${i}`,
    extension: firstExtension + i,
    status: 'ACTIVE' as const,
  }));
  const inserted = await api.db.getRepository(User).insert(rows);
  const ids: string[] = inserted.identifiers.map((row) => row.id);
  await api.db.getRepository(UserRole).insert(ids.map((userId) => ({ userId, roleId: tenant.roleIds.AGENT, tenantId: tenant.tenantId })));
  return ids;
}

describe('creating, renaming, moving and deleting teams', () => {
  it('creates a team with a trimmed name and writes an audit event', async () => {
    const team = await createTeam('  Billing  ');
    expect(team).toMatchObject({ name: 'Billing', parentId: null, version: 1 });
    const [event] = await auditOf(team.id);
    expect(event).toMatchObject({ action: 'team.create', after: { name: 'Billing', parentId: null }, actor_user_id: tenant.adminUserId });
  });

  it('refuses a name with a colon, an empty name and a name over 100 characters', async () => {
    expect(await failure(CREATE, { input: { name: 'Support:L1' } })).toEqual({
      message: 'Team names cannot contain ":"',
      code: 'BAD_USER_INPUT',
      field: 'name',
    });
    expect(await failure(CREATE, { input: { name: '   ' } })).toMatchObject({ code: 'BAD_USER_INPUT', field: 'name' });
    expect(await failure(CREATE, { input: { name: 'x'.repeat(101) } })).toMatchObject({ field: 'name' });
  });

  it('refuses a sibling name taken ignoring case, naming the parent, but allows it under another parent', async () => {
    const north = await createTeam('North');
    const south = await createTeam('South');
    await createTeam('Escalations', north.id);
    expect(await failure(CREATE, { input: { name: 'ESCALATIONS', parentId: north.id } })).toEqual({
      message: '"North" already has a sub-team named "Escalations"',
      code: 'BAD_USER_INPUT',
      field: 'name',
    });
    expect(await failure(CREATE, { input: { name: 'north' } })).toMatchObject({
      field: 'name',
      message: 'There is already a top-level team named "North"',
    });
    expect((await createTeam('Escalations', south.id)).name).toBe('Escalations');
  });

  it('renames and moves a team, refuses a cycle and a stale version, and audits before and after', async () => {
    const root = await createTeam('Root');
    const child = await createTeam('Child', root.id);
    const grandchild = await createTeam('Grandchild', child.id);
    const other = await createTeam('Other');

    expect(await failure(UPDATE, { id: root.id, input: { parentId: grandchild.id }, version: root.version })).toEqual({
      message: '"Root" cannot be moved under itself or one of its own sub-teams',
      code: 'BAD_USER_INPUT',
      field: 'parentId',
    });
    const underItself = await failure(UPDATE, { id: root.id, input: { parentId: root.id }, version: root.version });
    expect(underItself).toMatchObject({ field: 'parentId' });

    const input = { name: 'Moved child', parentId: other.id };
    const { updateTeam: moved } = await ok(UPDATE, { id: child.id, input, version: child.version });
    expect(moved).toMatchObject({ name: 'Moved child', parentId: other.id, version: child.version + 1 });
    expect(await failure(UPDATE, { id: child.id, input: { name: 'Again' }, version: child.version })).toMatchObject({ code: 'CONFLICT' });

    const top = (await ok(UPDATE, { id: child.id, input: { moveToTop: true }, version: moved.version })).updateTeam;
    expect(top).toMatchObject({ parentId: null, name: 'Moved child' });
    const { teams } = await ok(`{ teams { name parent { name } children { name } } }`);
    expect(teams).toContainEqual({ name: 'Moved child', parent: null, children: [{ name: 'Grandchild' }] });
    expect(teams).toContainEqual({ name: 'Root', parent: null, children: [] });

    const events = await auditOf(child.id);
    expect(events.map((e) => e.action)).toEqual(['team.create', 'team.update', 'team.update']);
    expect(events[1]).toMatchObject({ before: { name: 'Child', parentId: root.id }, after: { name: 'Moved child', parentId: other.id } });
  });

  it('refuses a move that would give the new parent two sub-teams of the same name', async () => {
    const a = await createTeam('Move A');
    const b = await createTeam('Move B');
    await createTeam('Shared', a.id);
    const shared = await createTeam('shared', b.id);
    expect(await failure(UPDATE, { id: shared.id, input: { parentId: a.id }, version: shared.version })).toMatchObject({
      field: 'name',
      message: '"Move A" already has a sub-team named "Shared"',
    });
  });

  it('refuses to delete a team with sub-teams or users, saying how many, then deletes it once empty', async () => {
    const parent = await createTeam('Doomed');
    const sub = await createTeam('Doomed sub', parent.id);
    const agent = await addUser(api.db, tenant, `doomed-agent@${tenant.slug}.test`, ['AGENT']);
    const manager = await addUser(api.db, tenant, `doomed-manager@${tenant.slug}.test`, ['MANAGER']);
    await ok(ADD, { teamId: parent.id, userIds: [agent.id], role: 'MEMBER' });
    await ok(ADD, { teamId: parent.id, userIds: [manager.id], role: 'MANAGER' });

    expect(await failure(DELETE, { id: parent.id, version: parent.version })).toEqual({
      message: 'Team "Doomed" still has 1 sub-team and 2 users; move or remove them first',
      code: 'BAD_USER_INPUT',
      field: 'id',
    });
    await ok(DELETE, { id: sub.id, version: sub.version });
    await ok(REMOVE, { teamId: parent.id, userIds: [agent.id] });
    expect((await failure(DELETE, { id: parent.id, version: parent.version })).message).toBe(
      'Team "Doomed" still has 1 user; move or remove them first',
    );
    await ok(REMOVE, { teamId: parent.id, userIds: [manager.id] });
    expect(await failure(DELETE, { id: parent.id, version: parent.version + 1 })).toMatchObject({ code: 'CONFLICT' });
    expect(await ok(DELETE, { id: parent.id, version: parent.version })).toEqual({ deleteTeam: true });

    const [{ count }] = await api.db.query(`SELECT count(*)::int AS count FROM teams WHERE id = $1`, [parent.id]);
    expect(count).toBe(0);
    expect((await auditOf(parent.id)).map((e) => e.action)).toEqual([
      'team.create',
      'team.members.add',
      'team.members.add',
      'team.members.remove',
      'team.members.remove',
      'team.delete',
    ]);
  });

  it('answers NOT_FOUND for an unknown team or a team of another tenant', async () => {
    const other = await createTestTenant(api.db, 'other');
    const theirToken = await signIn(api, other.slug, other.adminEmail);
    const theirs = await createTeam('Theirs', null, theirToken);
    expect(await failure(UPDATE, { id: theirs.id, input: { name: 'Mine' }, version: 1 })).toMatchObject({ code: 'NOT_FOUND' });
    expect(await failure(DELETE, { id: theirs.id, version: 1 })).toMatchObject({ code: 'NOT_FOUND' });
    expect(await failure(CREATE, { input: { name: 'Under theirs', parentId: theirs.id } })).toMatchObject({ code: 'NOT_FOUND' });
    expect(await failure(DELETE, { id: 'not-an-id', version: 1 })).toMatchObject({ code: 'NOT_FOUND' });
  });
});

describe('team members and managers', () => {
  let team: TeamRef;
  beforeAll(async () => {
    team = await createTeam('Members');
  });

  it('adds agents as members and anyone as manager, listing only direct users; adding again changes nothing', async () => {
    const agent = await addUser(api.db, tenant, `m-agent@${tenant.slug}.test`, ['AGENT']);
    const lead = await addUser(api.db, tenant, `m-lead@${tenant.slug}.test`, ['MANAGER']);
    await ok(ADD, { teamId: team.id, userIds: [agent.id], role: 'MEMBER' });
    const { addTeamMembers } = await ok(ADD, { teamId: team.id, userIds: [lead.id], role: 'MANAGER' });
    expect(addTeamMembers.members.map((u: { email: string }) => u.email)).toEqual([agent.email, lead.email]);
    expect(addTeamMembers.managers).toEqual([{ email: lead.email }]);

    const auditsBefore = (await auditOf(team.id)).length;
    await ok(ADD, { teamId: team.id, userIds: [agent.id, agent.id], role: 'MEMBER' });
    expect(await auditOf(team.id)).toHaveLength(auditsBefore);
    const [event] = (await auditOf(team.id)).slice(-1);
    expect(event).toMatchObject({ action: 'team.members.add', after: { role: 'MANAGER', users: [{ id: lead.id, email: lead.email }] } });

    const { user } = await ok(`query($id: ID!) { user(id: $id) { teams { role team { name } } } }`, { id: lead.id });
    expect(user.teams).toEqual([{ role: 'MANAGER', team: { name: 'Members' } }]);
  });

  it('refuses a member without an agent permission, naming the user', async () => {
    const supervisor = await addUser(api.db, tenant, `m-supervisor@${tenant.slug}.test`, ['MANAGER']);
    const error = await failure(ADD, { teamId: team.id, userIds: [supervisor.id], role: 'MEMBER' });
    expect(error).toMatchObject({ code: 'BAD_USER_INPUT', field: 'userIds' });
    expect(error.message).toContain(`${supervisor.email} has no agent permission ("Agent Adapter - Take Calls & Chats")`);
  });

  it('keeps a user member or manager of a team, never both: they must be removed first', async () => {
    const agent = await addUser(api.db, tenant, `m-both@${tenant.slug}.test`, ['AGENT']);
    await ok(ADD, { teamId: team.id, userIds: [agent.id], role: 'MEMBER' });
    expect(await failure(ADD, { teamId: team.id, userIds: [agent.id], role: 'MANAGER' })).toEqual({
      message: `${agent.email} is already a member of "Members"; remove them from the team first to add them as a manager`,
      code: 'BAD_USER_INPUT',
      field: 'userIds',
    });
    await ok(REMOVE, { teamId: team.id, userIds: [agent.id] });
    const { addTeamMembers } = await ok(ADD, { teamId: team.id, userIds: [agent.id], role: 'MANAGER' });
    expect(addTeamMembers.managers).toContainEqual({ email: agent.email });
  });

  it('lets a user be in many teams', async () => {
    const agent = await addUser(api.db, tenant, `m-many@${tenant.slug}.test`, ['AGENT']);
    const second = await createTeam('Members two');
    await ok(ADD, { teamId: team.id, userIds: [agent.id], role: 'MEMBER' });
    await ok(ADD, { teamId: second.id, userIds: [agent.id], role: 'MEMBER' });
    const { user } = await ok(`query($id: ID!) { user(id: $id) { teams { team { name } } } }`, { id: agent.id });
    expect(user.teams.map((t: { team: { name: string } }) => t.team.name)).toEqual(['Members', 'Members two']);
  });

  it('reads one team by id with its managers and members apart; NOT_FOUND for an unknown id or another tenant', async () => {
    const reading = await createTeam('Read one');
    const agent = await addUser(api.db, tenant, `m-read-agent@${tenant.slug}.test`, ['AGENT']);
    const lead = await addUser(api.db, tenant, `m-read-lead@${tenant.slug}.test`, ['MANAGER']);
    await ok(ADD, { teamId: reading.id, userIds: [agent.id], role: 'MEMBER' });
    await ok(ADD, { teamId: reading.id, userIds: [lead.id], role: 'MANAGER' });
    const TEAM = `query($id: ID!) { team(id: $id) { name managers: members(role: MANAGER) { email } members: members(role: MEMBER) { email } } }`;
    expect((await ok(TEAM, { id: reading.id })).team).toEqual({
      name: 'Read one',
      managers: [{ email: lead.email }],
      members: [{ email: agent.email }],
    });

    const other = await createTestTenant(api.db, 'other');
    const theirs = await createTeam('Theirs to read', null, await signIn(api, other.slug, other.adminEmail));
    expect(await failure(TEAM, { id: theirs.id })).toMatchObject({ code: 'NOT_FOUND' });
    expect(await failure(TEAM, { id: 'not-an-id' })).toMatchObject({ code: 'NOT_FOUND' });
  });

  it('refuses deactivated users, unknown users, more than 500 users and an empty list, adding nobody', async () => {
    const agent = await addUser(api.db, tenant, `m-fine@${tenant.slug}.test`, ['AGENT']);
    const gone = await addUser(api.db, tenant, `m-gone@${tenant.slug}.test`, ['AGENT']);
    await api.db.query(`UPDATE users SET status = 'DEACTIVATED' WHERE id = $1`, [gone.id]);
    const deactivated = await failure(ADD, { teamId: team.id, userIds: [agent.id, gone.id], role: 'MEMBER' });
    expect(deactivated).toMatchObject({ code: 'BAD_USER_INPUT', field: 'userIds' });
    expect(deactivated.message).toContain(`${gone.email} is deactivated`);
    const [{ count }] = await api.db.query(`SELECT count(*)::int AS count FROM team_memberships WHERE user_id = $1`, [agent.id]);
    expect(count).toBe(0);

    expect(await failure(ADD, { teamId: team.id, userIds: [tenant.tenantId], role: 'MANAGER' })).toMatchObject({ code: 'NOT_FOUND' });
    const tooMany = Array.from({ length: 501 }, (_, i) => `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`);
    expect(await failure(ADD, { teamId: team.id, userIds: tooMany, role: 'MANAGER' })).toMatchObject({ field: 'userIds' });
    expect(await failure(ADD, { teamId: team.id, userIds: [], role: 'MANAGER' })).toMatchObject({ field: 'userIds' });
  });
});

describe('a Manager Teams holder (scoped to their assigned teams)', () => {
  let support: TeamRef;
  let supportL1: TeamRef;
  let sales: TeamRef;
  let managerToken: string;
  let ann: { id: string; email: string };
  let zed: { id: string; email: string };

  beforeAll(async () => {
    support = await createTeam('Support');
    supportL1 = await createTeam('Support L1', support.id);
    sales = await createTeam('Sales');
    const manager = await addUser(api.db, tenant, `scoped-manager@${tenant.slug}.test`, ['MANAGER_TEAMS']);
    ann = await addUser(api.db, tenant, `scoped-ann@${tenant.slug}.test`, ['AGENT']);
    zed = await addUser(api.db, tenant, `scoped-zed@${tenant.slug}.test`, ['AGENT']);
    await ok(ADD, { teamId: support.id, userIds: [manager.id], role: 'MANAGER' });
    await ok(ADD, { teamId: support.id, userIds: [ann.id], role: 'MEMBER' });
    managerToken = await signIn(api, tenant.slug, manager.email);
  });

  it('adds an agent of their teams to the sub-team "Support L1"', async () => {
    const { addTeamMembers } = await ok(ADD, { teamId: supportL1.id, userIds: [ann.id], role: 'MEMBER' }, managerToken);
    expect(addTeamMembers.members).toEqual([{ email: ann.email }]);
    await ok(REMOVE, { teamId: supportL1.id, userIds: [ann.id] }, managerToken);
  });

  it('is FORBIDDEN for team "Sales", which they do not manage', async () => {
    const error = await failure(ADD, { teamId: sales.id, userIds: [ann.id], role: 'MEMBER' }, managerToken);
    expect(error).toMatchObject({ code: 'FORBIDDEN' });
    expect(error.message).toContain('"Settings - Users & Teams - Edit User - Teams" reaches only the teams you manage');
  });

  it('is FORBIDDEN for a user outside their teams, naming the user and the scope', async () => {
    const error = await failure(ADD, { teamId: supportL1.id, userIds: [zed.id], role: 'MEMBER' }, managerToken);
    expect(error.code).toBe('FORBIDDEN');
    expect(error.message).toContain('reaches only the teams you manage and their sub-teams');
    expect(error.message).toContain(zed.email);
  });

  it('creates, renames, moves and deletes teams only inside their reach, and no top-level team', async () => {
    const night = await createTeam('Support Night', support.id, managerToken);
    const input = { name: 'Support Nights', parentId: supportL1.id };
    const { updateTeam: renamed } = await ok(UPDATE, { id: night.id, input, version: night.version }, managerToken);
    expect(renamed).toMatchObject({ name: 'Support Nights', parentId: supportL1.id });

    expect(await failure(CREATE, { input: { name: 'Mine alone' } }, managerToken)).toMatchObject({ code: 'FORBIDDEN' });
    expect(await failure(CREATE, { input: { name: 'Sales sub', parentId: sales.id } }, managerToken)).toMatchObject({ code: 'FORBIDDEN' });
    expect(await failure(UPDATE, { id: renamed.id, input: { parentId: sales.id }, version: renamed.version }, managerToken)).toMatchObject({
      code: 'FORBIDDEN',
    });
    expect(await failure(UPDATE, { id: renamed.id, input: { moveToTop: true }, version: renamed.version }, managerToken)).toMatchObject({
      code: 'FORBIDDEN',
    });
    expect(await failure(UPDATE, { id: sales.id, input: { name: 'Mine' }, version: sales.version }, managerToken)).toMatchObject({
      code: 'FORBIDDEN',
    });
    expect(await failure(DELETE, { id: sales.id, version: sales.version }, managerToken)).toMatchObject({ code: 'FORBIDDEN' });
    expect(await ok(DELETE, { id: renamed.id, version: renamed.version }, managerToken)).toEqual({ deleteTeam: true });
    const { teams } = await ok<{ teams: { name: string }[] }>(`{ teams { name } }`, {}, managerToken);
    expect(teams.map((t) => t.name)).toEqual(['Support', 'Support L1']);
  });
});

describe('member counts (the product documentation’s example)', () => {
  it('shows users only in the team they are directly in, and counts each subtree', async () => {
    const a = await createTeam('A');
    const a1 = await createTeam('A-1', a.id);
    const a2 = await createTeam('A-2', a.id);
    const a3 = await createTeam('A-3', a.id);
    const a31 = await createTeam('A-3.1', a3.id);
    const a32 = await createTeam('A-3.2', a3.id);
    const agents = await insertAgents('count', 450, 20_000);
    await ok(ADD, { teamId: a1.id, userIds: agents.slice(0, 200), role: 'MEMBER' });
    await ok(ADD, { teamId: a2.id, userIds: agents.slice(200, 350), role: 'MEMBER' });
    await ok(ADD, { teamId: a31.id, userIds: agents.slice(350, 440), role: 'MEMBER' });
    await ok(ADD, { teamId: a32.id, userIds: agents.slice(440, 450), role: 'MEMBER' });

    api.queries.count = 0;
    const { teams } = await ok<{ teams: { id: string; direct: number; all: number; members: unknown[] }[] }>(
      `{ teams { id direct: memberCount all: memberCount(includeSubteams: true) members { id } } }`,
    );
    // One query per loader batch, however many teams: no query per team.
    expect(api.queries.count).toBeLessThanOrEqual(8);
    const counts = (team: TeamRef) => {
      const found = teams.find((t) => t.id === team.id)!;
      return [found.direct, found.all, found.members.length];
    };
    expect(counts(a)).toEqual([0, 450, 0]);
    expect(counts(a1)).toEqual([200, 200, 200]);
    expect(counts(a2)).toEqual([150, 150, 150]);
    expect(counts(a3)).toEqual([0, 100, 0]);
    expect(counts(a31)).toEqual([90, 90, 90]);
    expect(counts(a32)).toEqual([10, 10, 10]);
  });
});
