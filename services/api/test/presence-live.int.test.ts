import { createTestTenant, openSocket, signIn, startTestApi, type TestApi, type TestTenant } from './support/test-api';
import { Fixtures } from './support/fixtures';
import { subscribeOver, type TestSubscription } from './support/subscription-client';
import { presenceProcessor } from '../../worker/src/processors/presence.processor';

// Live presence over real WebSockets: delivery only to those who may see, visibility following team
// changes, replay after a gap, delivery across two api processes, and sockets closed on revocation.

let api: TestApi;
let other: TestApi;
let tenant: TestTenant;
let fixtures: Fixtures;
let admin: string;
let support: string;
let sales: string;
let supportLead: string;
let salesLead: string;
let statuses: Record<string, string>;
const open: TestSubscription<unknown>[] = [];

interface Event {
  sequence: number;
  user: { id: string };
  status: { systemKey: string | null };
  previousStatus: { systemKey: string | null } | null;
  changedBy: { id: string } | null;
  reason: string | null;
}

const CHANGED = `subscription($teamId: ID, $after: Int) { agentStatusChanged(teamId: $teamId, afterSequence: $after) {
  sequence user { id } status { systemKey } previousStatus { systemKey } since changedBy { id } reason } }`;
const SET_MY = `mutation($statusId: ID!) { setMyStatus(statusId: $statusId) { sequence } }`;

beforeAll(async () => {
  // The second process refreshes heartbeats of its open sockets every second (a third of the timeout).
  [api, other] = await Promise.all([startTestApi(), startTestApi({ PRESENCE_HEARTBEAT_TIMEOUT_SECONDS: '3' })]);
  tenant = await createTestTenant(api.db, 'live');
  fixtures = new Fixtures(api, tenant);
  admin = await signIn(api, tenant.slug, tenant.adminEmail);
  support = (await fixtures.team('Support')).id;
  sales = (await fixtures.team('Sales')).id;
  supportLead = await signIn(api, tenant.slug, (await fixtures.user([tenant.roleIds.MANAGER_DATA], [[support, 'MANAGER']])).email);
  salesLead = await signIn(api, tenant.slug, (await fixtures.user([tenant.roleIds.MANAGER_DATA], [[sales, 'MANAGER']])).email);
  const list = await api.graphql<{ agentStatuses: { id: string; systemKey: string | null }[] }>(`{ agentStatuses { id systemKey } }`, { token: admin });
  statuses = Object.fromEntries(list.data!.agentStatuses.map((s) => [s.systemKey, s.id]));
});
afterEach(() => {
  for (const subscription of open.splice(0)) subscription.close();
});
afterAll(async () => {
  await Promise.all([api.stop(), other.stop()]);
});

/** Subscribes on an api and waits until its hub holds the subscription. */
async function watch<T = Event>(token: string, variables: Record<string, unknown> = {}, on: TestApi = api, query = CHANGED): Promise<TestSubscription<T>> {
  const before = on.server.services.presenceHub.stats().subscribers;
  const subscription = await subscribeOver<T>(on.wsUrl, token, query, variables);
  open.push(subscription as TestSubscription<unknown>);
  const deadline = Date.now() + 5000;
  while (on.server.services.presenceHub.stats().subscribers <= before && subscription.errors.length === 0) {
    if (Date.now() > deadline) throw new Error('subscription never registered');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  return subscription;
}

/** A new agent of the team, signed in and on shift. */
async function agentOnShift(teamId: string): Promise<{ id: string; token: string }> {
  const agent = await fixtures.agentIn(teamId);
  const token = await signIn(api, tenant.slug, agent.email);
  const started = await api.graphql(`mutation { startShift { sequence } }`, { token });
  expect(started.errors).toBeUndefined();
  return { id: agent.id, token };
}

async function choose(agent: { token: string }, key: string, through: TestApi = api): Promise<number> {
  const result = await through.graphql<{ setMyStatus: { sequence: number } }>(SET_MY, { variables: { statusId: statuses[key] }, token: agent.token });
  expect(result.errors).toBeUndefined();
  return result.data!.setMyStatus.sequence;
}

it("delivers an agent's change to a supervisor who may see it, and never to one who may not", async () => {
  const inSupport = await agentOnShift(support);
  const inSales = await agentOnShift(sales);
  // One after another: watch() knows a subscription registered by the hub's count going up.
  const supportWatch = await watch(supportLead);
  const salesWatch = await watch(salesLead);
  const adminWatch = await watch(admin);
  const first = await choose(inSupport, 'AVAILABLE');
  const second = await choose(inSales, 'AVAILABLE');

  const [supportEvent] = await supportWatch.waitFor(1);
  expect(supportEvent).toMatchObject({
    sequence: first,
    user: { id: inSupport.id },
    status: { systemKey: 'AVAILABLE' },
    previousStatus: { systemKey: 'UNAVAILABLE' },
    changedBy: { id: inSupport.id },
  });
  // Events arrive in order within one process: once the later change arrived, the earlier one would have too.
  expect((await salesWatch.waitFor(1)).map((e) => e.sequence)).toEqual([second]);
  expect((await adminWatch.waitFor(2)).map((e) => e.sequence)).toEqual([first, second]);
  await choose(inSupport, 'UNAVAILABLE');
  await supportWatch.waitFor(2);
  expect(salesWatch.received.map((e) => e.user.id)).not.toContain(inSupport.id);
  // A second socket with the same view joins the same audience: events are filtered once for both.
  const { audiences } = api.server.services.presenceHub.stats();
  await watch(supportLead);
  expect(api.server.services.presenceHub.stats()).toEqual({ audiences, subscribers: 4 });
});

it('follows team changes at once: an agent joining, then leaving, a team, with a notice to load the board again each time', async () => {
  const mover = await agentOnShift(support);
  const marker = await agentOnShift(sales);
  const salesWatch = await watch(salesLead);
  const added = await api.graphql(`mutation($t: ID!, $u: [ID!]!) { addTeamMembers(teamId: $t, userIds: $u, role: MEMBER) { id } }`, {
    variables: { t: sales, u: [mover.id] },
    token: admin,
  });
  expect(added.errors).toBeUndefined();
  const seen = await choose(mover, 'AVAILABLE');
  expect((await salesWatch.waitFor(1)).map((e) => e.sequence)).toEqual([seen]);

  const removed = await api.graphql(`mutation($t: ID!, $u: [ID!]!) { removeTeamMembers(teamId: $t, userIds: $u) { id } }`, {
    variables: { t: sales, u: [mover.id] },
    token: admin,
  });
  expect(removed.errors).toBeUndefined();
  await choose(mover, 'UNAVAILABLE');
  const last = await choose(marker, 'AVAILABLE');
  expect((await salesWatch.waitFor(2)).map((e) => e.sequence)).toEqual([seen, last]);
  // Each change of the agents the lead may see came as a VIEW_CHANGED notice in the stream, which went on.
  const notice = [expect.objectContaining({ extensions: expect.objectContaining({ code: 'VIEW_CHANGED' }) })];
  expect(salesWatch.errors).toEqual([notice, notice]);
});

it('delivers a change to a new team at once when the agent joined it while the change waited for the agent', async () => {
  const agent = await agentOnShift(support);
  const salesWatch = await watch(salesLead);
  // The hub checked access a moment ago: only the change's own access mark can tell it to look again.
  const hub = api.server.services.presenceHub as unknown as { tenants: Map<string, { checkedAt: number }> };
  hub.tenants.get(tenant.tenantId)!.checkedAt = Date.now();
  const move = api.db.createQueryRunner();
  await move.connect();
  try {
    // A team move holding the agent's row (as updateUser does) while the agent changes status.
    await move.startTransaction();
    await move.query(`SELECT 1 FROM users WHERE id = $1 FOR NO KEY UPDATE`, [agent.id]);
    await move.query(`INSERT INTO team_memberships (tenant_id, team_id, user_id, role) VALUES ($1, $2, $3, 'MEMBER')`, [tenant.tenantId, sales, agent.id]);
    await move.query(`INSERT INTO audit_events (tenant_id, action, target_type, target_id) VALUES ($1, 'team.members.add', 'team', $2)`, [tenant.tenantId, sales]);
    const changed = choose(agent, 'AVAILABLE');
    await new Promise((resolve) => setTimeout(resolve, 300));
    await move.commitTransaction();
    const sequence = await changed;
    expect((await salesWatch.waitFor(1, 2000)).map((e) => e.sequence)).toEqual([sequence]);
  } finally {
    await move.release();
  }
});

it('filters by team, and refuses a team outside the scope', async () => {
  const inSupport = await agentOnShift(support);
  const inSales = await agentOnShift(sales);
  const salesOnly = await watch(admin, { teamId: sales });
  await choose(inSupport, 'AVAILABLE');
  const wanted = await choose(inSales, 'AVAILABLE');
  expect((await salesOnly.waitFor(1)).map((e) => e.sequence)).toEqual([wanted]);

  const refused = await subscribeOver<Event>(api.wsUrl, supportLead, CHANGED, { teamId: sales });
  open.push(refused as TestSubscription<unknown>);
  expect(await refused.failed).toEqual([expect.objectContaining({ extensions: expect.objectContaining({ code: 'FORBIDDEN' }) })]);
});

it('replays what a reconnecting subscriber missed, and asks for a refetch when the gap is too large', async () => {
  const agent = await agentOnShift(support);
  const before = await choose(agent, 'AVAILABLE');
  const missed = [await choose(agent, 'UNAVAILABLE'), await choose(agent, 'AVAILABLE')];
  const resumed = await watch(supportLead, { after: before });
  const live = await choose(agent, 'UNAVAILABLE');
  expect((await resumed.waitFor(3)).map((e) => e.sequence)).toEqual([...missed, live]);

  // A fresh tenant has few changes: push its counter forward as if 2000 changes had happened.
  await api.db.query(`UPDATE tenants SET presence_sequence = presence_sequence + 2000 WHERE id = $1`, [tenant.tenantId]);
  const tooFar = await subscribeOver<Event>(api.wsUrl, supportLead, CHANGED, { after: live });
  open.push(tooFar as TestSubscription<unknown>);
  expect(await tooFar.failed).toEqual([
    expect.objectContaining({ message: expect.stringContaining('refetch the board'), extensions: expect.objectContaining({ code: 'BAD_USER_INPUT' }) }),
  ]);
});

it('loses no change recorded while a console subscribes from the sequence its board was loaded at', async () => {
  const agent = await agentOnShift(support);
  // Keeps the tenant's hub busy delivering while the console subscribes.
  const bystander = await watch(admin);
  const loadedAt = await choose(agent, 'AVAILABLE');
  await bystander.waitFor(1);
  // The change commits and reaches the hub between the hub's read of the current sequence and its answer.
  const reads = api.server.services.presenceReads;
  const currentSequence = reads.currentSequence.bind(reads);
  let during: Promise<number> | null = null;
  reads.currentSequence = async (tenantId: string) => {
    const current = await currentSequence(tenantId);
    during = choose(agent, 'UNAVAILABLE');
    await during;
    await bystander.waitFor(2);
    return current;
  };
  try {
    const board = await watch(supportLead, { after: loadedAt });
    expect((await board.waitFor(1)).map((e) => e.sequence)).toEqual([await during!]);
  } finally {
    reads.currentSequence = currentSequence;
  }
});

it('delivers a change made through one api process to a subscriber on another', async () => {
  const agent = await agentOnShift(support);
  const elsewhere = await watch(supportLead, {}, other);
  const sequence = await choose(agent, 'AVAILABLE', api);
  expect((await elsewhere.waitFor(1)).map((e) => e.sequence)).toEqual([sequence]);
});

it("closes a subscriber's socket when its token is revoked", async () => {
  const token = await signIn(api, tenant.slug, tenant.adminEmail);
  const subscription = await watch(token, {}, other);
  const logout = await api.graphql(`mutation { logout }`, { token });
  expect(logout.errors).toBeUndefined();
  expect(await subscription.closed).toMatchObject({ code: 4401 });
});

it("closes a subscriber's socket when its roles or its role's permissions change, so it reconnects with the new ones", async () => {
  const lead = await fixtures.user([tenant.roleIds.MANAGER_DATA], [[support, 'MANAGER']]);
  const token = await signIn(api, tenant.slug, lead.email);
  const demoted = await watch(token, {}, other);
  const read = await api.graphql<{ user: { version: number } }>(`query($id: ID!) { user(id: $id) { version } }`, { variables: { id: lead.id }, token: admin });
  const update = await api.graphql(`mutation($id: ID!, $version: Int!, $roles: [ID!]) { updateUser(id: $id, version: $version, input: { roleIds: $roles }) { id } }`, {
    variables: { id: lead.id, version: read.data!.user.version, roles: [tenant.roleIds.AGENT] },
    token: admin,
  });
  expect(update.errors).toBeUndefined();
  expect(await demoted.closed).toMatchObject({ code: 4205 });
  // Reconnected, the same token now subscribes with the new role, which may not watch agents.
  const refused = await subscribeOver<Event>(other.wsUrl, token, CHANGED, {});
  open.push(refused as TestSubscription<unknown>);
  expect(await refused.failed).toEqual([expect.objectContaining({ extensions: expect.objectContaining({ code: 'FORBIDDEN' }) })]);

  // A role's grants changing closes every holder's socket; a new color alone closes none.
  const role = await api.graphql<{ createRole: { id: string; version: number } }>(
    `mutation { createRole(input: { name: "Watchers", label: "W", color: "#112233", permissions: [{ permission: "monitoring.agents", access: VIEW, scope: ALL }] }) { id version } }`,
    { token: admin },
  );
  expect(role.errors).toBeUndefined();
  const watcher = await fixtures.user([role.data!.createRole.id]);
  const watching = await watch(await signIn(api, tenant.slug, watcher.email), {}, other);
  const edit = (color: string, version: number, permissions: string) =>
    api.graphql<{ updateRole: { version: number } }>(
      `mutation($id: ID!, $version: Int!) { updateRole(id: $id, version: $version, input: { name: "Watchers", label: "W", color: "${color}", permissions: ${permissions} }) { version } }`,
      { variables: { id: role.data!.createRole.id, version }, token: admin },
    );
  const recolored = await edit('#445566', role.data!.createRole.version, `[{ permission: "monitoring.agents", access: VIEW, scope: ALL }]`);
  expect(recolored.errors).toBeUndefined();
  const agent = await agentOnShift(support);
  await choose(agent, 'AVAILABLE');
  await watching.waitFor(1);
  const narrowed = await edit('#445566', recolored.data!.updateRole.version, `[{ permission: "monitoring.agents", access: VIEW, scope: ASSIGNED_TEAMS }]`);
  expect(narrowed.errors).toBeUndefined();
  expect(await watching.closed).toMatchObject({ code: 4205 });
});

it("puts an agent whose heartbeat stopped Offline through the worker's sweep, live, while an open socket keeps another alive", async () => {
  const silent = await agentOnShift(support);
  const connected = await agentOnShift(support);
  const socket = await openSocket(other.wsUrl, connected.token);
  const supportWatch = await watch(supportLead);
  // As if both consoles went quiet two minutes ago; the open socket's refresh (every second) revives one.
  await api.db.query(
    `UPDATE agent_presences SET since = now() - interval '120 s', last_heartbeat_at = now() - interval '120 s' WHERE user_id = ANY($1::uuid[])`,
    [[silent.id, connected.id]],
  );
  await new Promise((resolve) => setTimeout(resolve, 1500));
  const sweep = presenceProcessor(api.db, api.server.services.events, api.config.presenceHeartbeatTimeoutSeconds);
  await sweep({ name: 'heartbeat-sweep', updateProgress: async () => {} } as never);
  const [event] = await supportWatch.waitFor(1);
  expect(event).toMatchObject({ user: { id: silent.id }, status: { systemKey: 'OFFLINE' }, changedBy: null, reason: expect.stringContaining('No heartbeat') });
  const board = await api.graphql<{ agentPresences: { user: { id: string }; status: { systemKey: string } }[] }>(
    `{ agentPresences { user { id } status { systemKey } } }`,
    { token: supportLead },
  );
  expect(board.data!.agentPresences.find((r) => r.user.id === connected.id)!.status.systemKey).toBe('UNAVAILABLE');
  socket.close();
});

it("tells supervisors when deactivated agents go Offline, their team's supervisor too though the agents leave the team with it", async () => {
  const agents = [await agentOnShift(support), await agentOnShift(support)];
  const adminWatch = await watch(admin);
  const leadWatch = await watch(supportLead);
  // As in a quiet tenant: the hub's last access check is old, so the first change makes it recheck,
  // and every agent deactivated has left the team by then.
  const hub = api.server.services.presenceHub as unknown as { tenants: Map<string, { checkedAt: number }> };
  hub.tenants.get(tenant.tenantId)!.checkedAt = 0;
  const ids = agents.map((a) => a.id);
  const deactivated = await api.graphql(`mutation($ids: [ID!]!) { deactivateUsers(ids: $ids) { id } }`, { variables: { ids }, token: admin });
  expect(deactivated.errors).toBeUndefined();
  for (const watcher of [adminWatch, leadWatch]) {
    const events = await watcher.waitFor(2);
    expect(events.map((e) => e.user.id).sort()).toEqual([...ids].sort());
    for (const event of events) expect(event).toMatchObject({ status: { systemKey: 'OFFLINE' }, reason: 'Deactivated' });
  }
  // Out of the team from then on: no longer on the lead's board.
  const board = await api.graphql<{ agentPresences: { user: { id: string } }[] }>(`{ agentPresences { user { id } } }`, { token: supportLead });
  expect(board.data!.agentPresences.map((r) => r.user.id)).not.toEqual(expect.arrayContaining(ids));
});

it("shows the agent and status as they are now: a rename, a recolor or a team move reaches the next event", async () => {
  const agent = await agentOnShift(support);
  const query = `subscription { agentStatusChanged { sequence user { id firstName teams { team { name } } } status { systemKey color } } }`;
  type Shown = { sequence: number; user: { firstName: string; teams: { team: { name: string } }[] }; status: { color: string } };
  const watcher = await watch<Shown>(admin, {}, api, query);
  await choose(agent, 'AVAILABLE');
  await choose(agent, 'UNAVAILABLE');
  expect((await watcher.waitFor(2)).map((e) => e.user.firstName)).toEqual([expect.any(String), expect.any(String)]);

  const [{ version }] = await api.db.query(`SELECT version FROM users WHERE id = $1`, [agent.id]);
  const renamed = await api.graphql(`mutation($id: ID!, $v: Int!) { updateUser(id: $id, version: $v, input: { firstName: "Renamed" }) { id } }`, {
    variables: { id: agent.id, v: version },
    token: admin,
  });
  expect(renamed.errors).toBeUndefined();
  const recolored = await api.graphql(`mutation($id: ID!) { updateAgentStatus(id: $id, input: { color: "#123456" }) { id } }`, {
    variables: { id: statuses.AVAILABLE },
    token: admin,
  });
  expect(recolored.errors).toBeUndefined();
  const moved = await api.graphql(`mutation($team: ID!, $ids: [ID!]!) { addTeamMembers(teamId: $team, userIds: $ids, role: MEMBER) { id } }`, {
    variables: { team: sales, ids: [agent.id] },
    token: admin,
  });
  expect(moved.errors).toBeUndefined();
  const sequence = await choose(agent, 'AVAILABLE');
  const events = await watcher.waitFor(3);
  expect(events[1].user.teams.map((t) => t.team.name)).toEqual(['Support']);
  expect(events[2]).toMatchObject({ sequence, user: { firstName: 'Renamed' }, status: { color: '#123456' } });
  expect(events[2].user.teams.map((t) => t.team.name).sort()).toEqual(['Sales', 'Support']);
});

/** Waits until the hub holds no subscription (the sockets of earlier tests closed): the next one reads the tenant afresh. */
async function untilHubIdle(on: TestApi = api): Promise<void> {
  const deadline = Date.now() + 5000;
  while (on.server.services.presenceHub.stats().subscribers > 0) {
    if (Date.now() > deadline) throw new Error('earlier subscriptions never ended');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** Puts a user in exactly these teams through the API, as admin (one updateUser: one access change). */
async function placeIn(userId: string, teamIds: string[]): Promise<void> {
  const [{ version }] = await api.db.query(`SELECT version FROM users WHERE id = $1`, [userId]);
  const placed = await api.graphql(`mutation($id: ID!, $v: Int!, $teams: [ID!]) { updateUser(id: $id, version: $v, input: { teamIds: $teams }) { id } }`, {
    variables: { id: userId, v: version, teams: teamIds },
    token: admin,
  });
  expect(placed.errors).toBeUndefined();
}

const VIEW_CHANGED_NOTICE = [expect.objectContaining({ extensions: expect.objectContaining({ code: 'VIEW_CHANGED' }) })];

/** Waits for a first notice in the stream (VIEW_CHANGED is the only error it brings while it goes on). */
async function untilNotice(subscription: TestSubscription<unknown>, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (subscription.errors.length === 0) {
    if (Date.now() > deadline) throw new Error(`no VIEW_CHANGED within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

it('tells a supervisor who sees both teams when an agent moves from one to the other, with no status change, and no one who sees neither', async () => {
  const north = (await fixtures.team('North')).id;
  const south = (await fixtures.team('South')).id;
  const bothLead = await signIn(api, tenant.slug, (await fixtures.user([tenant.roleIds.MANAGER_DATA], [[north, 'MANAGER'], [south, 'MANAGER']])).email);
  const mover = await agentOnShift(north);
  const marker = await agentOnShift(support);
  await untilHubIdle();
  const bothWatch = await watch(bothLead);
  const supportWatch = await watch(supportLead);

  // The lead sees the same agents before and after: only the team the board shows the agent under changes.
  await placeIn(mover.id, [south]);
  await untilNotice(bothWatch as TestSubscription<unknown>);
  // The marker's change reaches the hub after its check of the move: a notice for the Support lead would have come first.
  const sequence = await choose(marker, 'AVAILABLE');
  expect((await supportWatch.waitFor(1)).map((e) => e.sequence)).toEqual([sequence]);
  expect(supportWatch.errors).toEqual([]);
  expect(bothWatch.errors).toEqual([VIEW_CHANGED_NOTICE]);
  expect(bothWatch.received).toEqual([]);
});

it('tells a tenant-wide viewer when an agent moves between teams, with no status change', async () => {
  const mover = await agentOnShift(support);
  await untilHubIdle();
  const adminWatch = await watch(admin);
  await placeIn(mover.id, [sales]);
  await untilNotice(adminWatch as TestSubscription<unknown>);
  expect(adminWatch.errors).toEqual([VIEW_CHANGED_NOTICE]);
  expect(adminWatch.received).toEqual([]);
});
