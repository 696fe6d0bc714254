import { Queue, Team, TeamMembership } from '@switchboard/domain';
import { addUser, createTestTenant, signIn, startTestApi, type TestApi, type TestTenant } from './support/test-api';

let api: TestApi;
let tenant: TestTenant;
let admin: string;

beforeAll(async () => {
  api = await startTestApi();
  tenant = await createTestTenant(api.db, 'queues');
  admin = await signIn(api, tenant.slug, tenant.adminEmail);
});
afterAll(() => api.stop());

interface QueueRef {
  id: string;
  name: string;
  version: number;
}

async function ok<T = Record<string, any>>(query: string, variables: Record<string, unknown> = {}, token = admin): Promise<T> {
  const result = await api.graphql<T>(query, { variables, token });
  if (result.errors) throw new Error(JSON.stringify(result.errors));
  return result.data!;
}

async function failure(query: string, variables: Record<string, unknown> = {}, token = admin) {
  const result = await api.graphql(query, { variables, token });
  expect(result.errors).toHaveLength(1);
  return { message: result.errors![0].message, ...result.errors![0].extensions };
}

const CREATE = `mutation($input: CreateQueueInput!) { createQueue(input: $input) { id name channel priority version } }`;
const UPDATE = `mutation($id: ID!, $input: UpdateQueueInput!, $version: Int!) {
  updateQueue(id: $id, input: $input, version: $version) { id name channel priority version } }`;
const DELETE = `mutation($id: ID!, $version: Int!) { deleteQueue(id: $id, version: $version) }`;
const QUEUE_FIELDS = `id agentCount assignedUsers { email } assignedTeams { name }`;
const ASSIGN = `mutation($queueId: ID!, $userIds: [ID!], $teamIds: [ID!]) {
  assignToQueue(queueId: $queueId, userIds: $userIds, teamIds: $teamIds) { ${QUEUE_FIELDS} } }`;
const UNASSIGN = `mutation($queueId: ID!, $userIds: [ID!], $teamIds: [ID!]) {
  unassignFromQueue(queueId: $queueId, userIds: $userIds, teamIds: $teamIds) { ${QUEUE_FIELDS} } }`;

async function createQueue(name: string, priority = 100, token = admin): Promise<QueueRef> {
  return (await ok<{ createQueue: QueueRef }>(CREATE, { input: { name, channel: 'CALL', priority } }, token)).createQueue;
}

async function auditOf(targetId: string): Promise<{ action: string; before: any; after: any }[]> {
  return api.db.query(`SELECT action, before, after FROM audit_events WHERE target_id = $1 ORDER BY id`, [targetId]);
}

/** A team written straight to the database, for tests that are about queues rather than teams. */
async function team(name: string, parentId: string | null = null): Promise<Team> {
  return api.db.getRepository(Team).save({ tenantId: tenant.tenantId, name, parentId });
}

async function place(teamId: string, userId: string, role: 'MEMBER' | 'MANAGER'): Promise<void> {
  await api.db.getRepository(TeamMembership).insert({ teamId, userId, role, tenantId: tenant.tenantId });
}

describe('creating, configuring and deleting queues', () => {
  it('creates a queue with a trimmed name and writes an audit event', async () => {
    const { createQueue } = await ok(CREATE, { input: { name: '  Billing calls ', channel: 'CALL', priority: 5 } });
    expect(createQueue).toMatchObject({ name: 'Billing calls', channel: 'CALL', priority: 5, version: 1 });
    expect(await auditOf(createQueue.id)).toEqual([
      expect.objectContaining({ action: 'queue.create', after: { name: 'Billing calls', channel: 'CALL', priority: 5 } }),
    ]);
    const { createQueue: chat } = await ok(CREATE, { input: { name: 'Default priority', channel: 'CHAT' } });
    expect(chat.priority).toBe(100);
  });

  it('refuses a taken name (ignoring case), an empty or too long name and a priority outside 1 to 1000', async () => {
    await createQueue('Escalations');
    expect(await failure(CREATE, { input: { name: 'ESCALATIONS', channel: 'CHAT' } })).toEqual({
      message: 'There is already a queue named "Escalations"',
      code: 'BAD_USER_INPUT',
      field: 'name',
    });
    expect(await failure(CREATE, { input: { name: ' ', channel: 'CALL' } })).toMatchObject({ field: 'name' });
    expect(await failure(CREATE, { input: { name: 'q'.repeat(101), channel: 'CALL' } })).toMatchObject({ field: 'name' });
    for (const priority of [0, 1001]) {
      expect(await failure(CREATE, { input: { name: 'Bad priority', channel: 'CALL', priority } })).toEqual({
        message: 'Priority must be a whole number from 1 to 1000',
        code: 'BAD_USER_INPUT',
        field: 'priority',
      });
    }
  });

  it('updates name, channel and priority, refuses a stale version and a taken name, and audits the change', async () => {
    const queue = await createQueue('Returns');
    await createQueue('Refunds');
    const { updateQueue } = await ok(UPDATE, { id: queue.id, input: { name: 'Returns desk', channel: 'CHAT', priority: 7 }, version: 1 });
    expect(updateQueue).toMatchObject({ name: 'Returns desk', channel: 'CHAT', priority: 7, version: 2 });
    expect(await failure(UPDATE, { id: queue.id, input: { priority: 8 }, version: 1 })).toMatchObject({ code: 'CONFLICT' });
    expect(await failure(UPDATE, { id: queue.id, input: { name: 'refunds' }, version: 2 })).toMatchObject({ field: 'name' });
    expect((await auditOf(queue.id))[1]).toMatchObject({
      action: 'queue.update',
      before: { name: 'Returns', channel: 'CALL', priority: 100 },
      after: { name: 'Returns desk', channel: 'CHAT', priority: 7 },
    });
  });

  it('deletes a queue with its assignments, refusing a stale version', async () => {
    const queue = await createQueue('Short lived');
    const agent = await addUser(api.db, tenant, `short-lived@${tenant.slug}.test`, ['AGENT']);
    await ok(ASSIGN, { queueId: queue.id, userIds: [agent.id] });
    expect(await failure(DELETE, { id: queue.id, version: 2 })).toMatchObject({ code: 'CONFLICT' });
    expect(await ok(DELETE, { id: queue.id, version: 1 })).toEqual({ deleteQueue: true });
    expect(await api.db.getRepository(Queue).existsBy({ id: queue.id })).toBe(false);
    const [{ count }] = await api.db.query(`SELECT count(*)::int AS count FROM queue_assignments WHERE queue_id = $1`, [queue.id]);
    expect(count).toBe(0);
    expect((await auditOf(queue.id)).map((e) => e.action)).toEqual(['queue.create', 'queue.assign', 'queue.delete']);
  });

  it('answers NOT_FOUND for a queue of another tenant', async () => {
    const other = await createTestTenant(api.db, 'other');
    const theirs = await createQueue('Theirs', 100, await signIn(api, other.slug, other.adminEmail));
    expect(await failure(UPDATE, { id: theirs.id, input: { priority: 1 }, version: 1 })).toMatchObject({ code: 'NOT_FOUND' });
    expect(await failure(DELETE, { id: theirs.id, version: 1 })).toMatchObject({ code: 'NOT_FOUND' });
    expect(await failure(ASSIGN, { queueId: theirs.id, userIds: [tenant.adminUserId] })).toMatchObject({ code: 'NOT_FOUND' });
  });
});

describe('assigning agents and teams', () => {
  it('reaches the agents of an assigned team’s sub-teams, managers with an agent role included, each once', async () => {
    const support = await team('Q Support');
    const l1 = await team('Q Support L1', support.id);
    const l1Night = await team('Q Support L1 Night', l1.id);
    const sales = await team('Q Sales');
    const deep = await addUser(api.db, tenant, `q-deep@${tenant.slug}.test`, ['AGENT']);
    const direct = await addUser(api.db, tenant, `q-direct@${tenant.slug}.test`, ['AGENT']);
    const playingLead = await addUser(api.db, tenant, `q-playing-lead@${tenant.slug}.test`, ['MANAGER_TEAMS', 'AGENT']);
    const lead = await addUser(api.db, tenant, `q-lead@${tenant.slug}.test`, ['MANAGER_TEAMS']);
    const left = await addUser(api.db, tenant, `q-left@${tenant.slug}.test`, ['AGENT']);
    const seller = await addUser(api.db, tenant, `q-seller@${tenant.slug}.test`, ['AGENT']);
    await place(l1Night.id, deep.id, 'MEMBER');
    await place(l1.id, direct.id, 'MEMBER');
    await place(support.id, playingLead.id, 'MANAGER');
    await place(support.id, lead.id, 'MANAGER');
    await place(l1.id, left.id, 'MEMBER');
    await api.db.query(`UPDATE users SET status = 'DEACTIVATED' WHERE id = $1`, [left.id]);
    await place(sales.id, seller.id, 'MEMBER');
    const queue = await createQueue('Q Support calls');

    const { assignToQueue } = await ok(ASSIGN, { queueId: queue.id, teamIds: [support.id], userIds: [direct.id] });
    // deep (L1 Night), direct (L1 and directly) and the playing lead; not the lead without an agent role,
    // not the deactivated agent, not Sales.
    expect(assignToQueue).toEqual({
      id: queue.id,
      agentCount: 3,
      assignedUsers: [{ email: direct.email }],
      assignedTeams: [{ name: 'Q Support' }],
    });

    const { users } = await ok(`{ users(first: 200, filter: { notInQueue: true }) { edges { node { email } } } }`);
    const notInQueue = users.edges.map((e: { node: { email: string } }) => e.node.email);
    expect(notInQueue).toContain(seller.email);
    expect(notInQueue).not.toContain(deep.email);

    const again = await ok(ASSIGN, { queueId: queue.id, teamIds: [support.id, sales.id] });
    expect(again.assignToQueue).toMatchObject({ agentCount: 4, assignedTeams: [{ name: 'Q Sales' }, { name: 'Q Support' }] });

    const { unassignFromQueue } = await ok(UNASSIGN, { queueId: queue.id, teamIds: [support.id], userIds: [direct.id] });
    expect(unassignFromQueue).toMatchObject({ agentCount: 1, assignedUsers: [], assignedTeams: [{ name: 'Q Sales' }] });

    const events = await auditOf(queue.id);
    expect(events.map((e) => e.action)).toEqual(['queue.create', 'queue.assign', 'queue.assign', 'queue.unassign']);
    expect(events[2].after).toEqual({ users: [], teams: [{ id: sales.id, name: 'Q Sales' }] });
    expect(events[3].before).toEqual({
      users: [{ id: direct.id, email: direct.email }],
      teams: [{ id: support.id, name: 'Q Support' }],
    });
  });

  it('counts agents of many queues in a fixed number of queries', async () => {
    api.queries.count = 0;
    const { queues } = await ok<{ queues: unknown[] }>(`{ queues { agentCount assignedUsers { id } assignedTeams { id } } }`);
    expect(queues.length).toBeGreaterThan(5);
    expect(api.queries.count).toBeLessThanOrEqual(8);
  });

  it('refuses a user without an agent permission, a deactivated user and an empty call', async () => {
    const queue = await createQueue('Q Refusals');
    const supervisor = await addUser(api.db, tenant, `q-supervisor@${tenant.slug}.test`, ['MANAGER']);
    const error = await failure(ASSIGN, { queueId: queue.id, userIds: [supervisor.id] });
    expect(error).toMatchObject({ code: 'BAD_USER_INPUT', field: 'userIds' });
    expect(error.message).toContain(`${supervisor.email} has no agent permission`);
    const gone = await addUser(api.db, tenant, `q-gone@${tenant.slug}.test`, ['AGENT']);
    await api.db.query(`UPDATE users SET status = 'DEACTIVATED' WHERE id = $1`, [gone.id]);
    expect((await failure(ASSIGN, { queueId: queue.id, userIds: [gone.id] })).message).toContain(`${gone.email} is deactivated`);
    expect(await failure(ASSIGN, { queueId: queue.id })).toMatchObject({ code: 'BAD_USER_INPUT', field: 'userIds' });
    expect(await failure(ASSIGN, { queueId: queue.id, teamIds: [tenant.tenantId] })).toMatchObject({ code: 'NOT_FOUND' });
  });
});

describe('a Manager Teams holder (queues scoped to their assigned teams)', () => {
  let support: Team;
  let supportL1: Team;
  let sales: Team;
  let queue: QueueRef;
  let managerToken: string;
  let ann: { id: string; email: string };
  let zed: { id: string; email: string };

  beforeAll(async () => {
    support = await team('S Support');
    supportL1 = await team('S Support L1', support.id);
    sales = await team('S Sales');
    const manager = await addUser(api.db, tenant, `s-manager@${tenant.slug}.test`, ['MANAGER_TEAMS']);
    ann = await addUser(api.db, tenant, `s-ann@${tenant.slug}.test`, ['AGENT']);
    zed = await addUser(api.db, tenant, `s-zed@${tenant.slug}.test`, ['AGENT']);
    await place(support.id, manager.id, 'MANAGER');
    await place(supportL1.id, ann.id, 'MEMBER');
    await place(sales.id, zed.id, 'MEMBER');
    queue = await createQueue('S Queue');
    managerToken = await signIn(api, tenant.slug, manager.email);
  });

  it('assigns and unassigns their own sub-team and agents', async () => {
    const { assignToQueue } = await ok(ASSIGN, { queueId: queue.id, teamIds: [supportL1.id], userIds: [ann.id] }, managerToken);
    expect(assignToQueue).toMatchObject({ agentCount: 1, assignedTeams: [{ name: 'S Support L1' }] });
    await ok(UNASSIGN, { queueId: queue.id, teamIds: [supportL1.id], userIds: [ann.id] }, managerToken);
  });

  it('is FORBIDDEN for a team or a user outside their teams', async () => {
    const forTeam = await failure(ASSIGN, { queueId: queue.id, teamIds: [sales.id] }, managerToken);
    expect(forTeam).toMatchObject({ code: 'FORBIDDEN' });
    expect(forTeam.message).toContain('"Settings - Queues" reaches only the teams you manage and their sub-teams: "S Sales"');
    const forUser = await failure(ASSIGN, { queueId: queue.id, userIds: [zed.id] }, managerToken);
    expect(forUser.code).toBe('FORBIDDEN');
    expect(forUser.message).toContain(zed.email);
    expect(await failure(UNASSIGN, { queueId: queue.id, teamIds: [sales.id] }, managerToken)).toMatchObject({ code: 'FORBIDDEN' });
  });

  it('sets priorities, but creating, renaming and deleting queues needs the permission for all teams', async () => {
    const { updateQueue } = await ok(UPDATE, { id: queue.id, input: { priority: 3 }, version: queue.version }, managerToken);
    expect(updateQueue.priority).toBe(3);
    const created = await failure(CREATE, { input: { name: 'Mine', channel: 'CALL' } }, managerToken);
    expect(created).toMatchObject({ code: 'FORBIDDEN' });
    expect(created.message).toContain('creating queues needs it for all teams');
    expect(await failure(UPDATE, { id: queue.id, input: { name: 'Renamed' }, version: updateQueue.version }, managerToken)).toMatchObject({
      code: 'FORBIDDEN',
    });
    expect(await failure(DELETE, { id: queue.id, version: updateQueue.version }, managerToken)).toMatchObject({ code: 'FORBIDDEN' });
  });
});
