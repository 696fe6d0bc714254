import { sweepStaleHeartbeats } from '@switchboard/domain';
import { createTestTenant, signIn, startTestApi, type TestApi, type TestTenant } from './support/test-api';
import { Fixtures } from './support/fixtures';

// Presence over HTTP: the catalogue, agents' own changes, supervisors' actions and their refusals,
// integrations, the heartbeat timeout and the history.

let api: TestApi;
let tenant: TestTenant;
let fixtures: Fixtures;
let admin: string;
let supervisor: string;
let support: string;
let sales: string;
let statuses: Record<string, string>;
let integration: string;

const STATE = `userId status { name systemKey } sequence offlineReason`;
const START = `mutation { startShift { ${STATE} } }`;
const SET_MY = `mutation($statusId: ID!) { setMyStatus(statusId: $statusId) { ${STATE} } }`;
const SET_AGENT = `mutation($userId: ID!, $statusId: ID!, $reason: String) { setAgentStatus(userId: $userId, statusId: $statusId, reason: $reason) { ${STATE} } }`;
const LOG_OUT = `mutation($userId: ID!) { logOutAgent(userId: $userId) { ${STATE} } }`;

beforeAll(async () => {
  api = await startTestApi();
  tenant = await createTestTenant(api.db, 'presence');
  fixtures = new Fixtures(api, tenant);
  admin = await signIn(api, tenant.slug, tenant.adminEmail);
  support = (await fixtures.team('Support')).id;
  sales = (await fixtures.team('Sales')).id;
  const manager = await fixtures.user([tenant.roleIds.MANAGER_DATA], [[support, 'MANAGER']]);
  supervisor = await signIn(api, tenant.slug, manager.email);
  const list = await api.graphql<{ agentStatuses: { id: string; systemKey: string | null }[] }>(`{ agentStatuses { id systemKey } }`, { token: admin });
  statuses = Object.fromEntries(list.data!.agentStatuses.map((s) => [s.systemKey, s.id]));
  const credential = await api.graphql<{ createApiCredential: { secret: string } }>(
    `mutation($roleIds: [ID!]) { createApiCredential(name: "Telephony", roleIds: $roleIds) { secret } }`,
    { variables: { roleIds: [tenant.roleIds.AGENT] }, token: admin },
  );
  integration = credential.data!.createApiCredential.secret;
});
afterAll(() => api.stop());

/** A new agent of the team, signed in and on shift. */
async function agentOnShift(teamId = support): Promise<{ id: string; token: string }> {
  const agent = await fixtures.agentIn(teamId);
  const token = await signIn(api, tenant.slug, agent.email);
  const started = await api.graphql(START, { token });
  expect(started.errors).toBeUndefined();
  return { id: agent.id, token };
}

describe('catalogue', () => {
  it('creates, updates and archives custom statuses; a used one is archived, an unused one deleted', async () => {
    const created = await api.graphql<{ createAgentStatus: { id: string; name: string } }>(
      `mutation { createAgentStatus(input: { name: "Lunch", color: "#AABBCC", availability: UNAVAILABLE }) { id name color agentSelectable } }`,
      { token: admin },
    );
    expect(created.data!.createAgentStatus).toMatchObject({ name: 'Lunch', color: '#aabbcc', agentSelectable: true });
    const lunch = created.data!.createAgentStatus.id;
    const renamed = await api.graphql(`mutation($id: ID!) { updateAgentStatus(id: $id, input: { name: "Lunch break" }) { name } }`, {
      variables: { id: lunch },
      token: admin,
    });
    expect(renamed.data).toEqual({ updateAgentStatus: { name: 'Lunch break' } });

    const agent = await agentOnShift();
    expect((await api.graphql(SET_MY, { variables: { statusId: lunch }, token: agent.token })).data).toMatchObject({
      setMyStatus: { status: { name: 'Lunch break' } },
    });
    const archived = await api.graphql<{ archiveAgentStatus: { archivedAt: string } | null }>(
      `mutation($id: ID!) { archiveAgentStatus(id: $id) { archivedAt } }`,
      { variables: { id: lunch }, token: admin },
    );
    expect(archived.data!.archiveAgentStatus!.archivedAt).toEqual(expect.any(String));
    const chooseArchived = await api.graphql(SET_MY, { variables: { statusId: lunch }, token: agent.token });
    expect(chooseArchived.errors?.[0]).toMatchObject({ message: 'The status "Lunch break" is archived', extensions: { code: 'BAD_USER_INPUT', field: 'statusId' } });
    for (const statusId of ['00000000-0000-4000-8000-000000000000', 'not-an-id']) {
      const unknown = await api.graphql(SET_MY, { variables: { statusId }, token: agent.token });
      expect(unknown.errors?.[0]).toMatchObject({ extensions: { code: 'NOT_FOUND' } });
    }
    const unused = await api.graphql<{ createAgentStatus: { id: string } }>(
      `mutation { createAgentStatus(input: { name: "Training", color: "#112233", availability: UNAVAILABLE }) { id } }`,
      { token: admin },
    );
    const deleted = await api.graphql(`mutation($id: ID!) { archiveAgentStatus(id: $id) { id } }`, {
      variables: { id: unused.data!.createAgentStatus.id },
      token: admin,
    });
    expect(deleted.data).toEqual({ archiveAgentStatus: null });
  });

  it('refuses catalogue changes without "Settings - Agent Statuses" and bad fields by name', async () => {
    const refused = await api.graphql(`mutation { createAgentStatus(input: { name: "X", color: "#000000", availability: AVAILABLE }) { id } }`, {
      token: supervisor,
    });
    expect(refused.errors?.[0]).toMatchObject({ extensions: { code: 'FORBIDDEN' }, message: expect.stringContaining('Settings - Agent Statuses') });
    const bad = await api.graphql(`mutation { createAgentStatus(input: { name: "Y", color: "blue", availability: AVAILABLE }) { id } }`, { token: admin });
    expect(bad.errors?.[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT', field: 'color' } });
    const system = await api.graphql(`mutation($id: ID!) { archiveAgentStatus(id: $id) { id } }`, { variables: { id: statuses.OFFLINE }, token: admin });
    expect(system.errors?.[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT' }, message: expect.stringContaining('system status') });
  });
});

describe('agents', () => {
  it('start in Unavailable, choose Available, and may never choose Special Task, In Call or Offline', async () => {
    const agent = await agentOnShift();
    const me = await api.graphql(`{ myPresence { ${STATE} } }`, { token: agent.token });
    expect(me.data).toMatchObject({ myPresence: { status: { systemKey: 'UNAVAILABLE' }, offlineReason: null } });
    expect((await api.graphql(SET_MY, { variables: { statusId: statuses.AVAILABLE }, token: agent.token })).data).toMatchObject({
      setMyStatus: { status: { systemKey: 'AVAILABLE' } },
    });
    for (const key of ['SPECIAL_TASK', 'IN_CALL', 'IN_CHAT', 'OFFLINE']) {
      const refused = await api.graphql(SET_MY, { variables: { statusId: statuses[key] }, token: agent.token });
      expect(refused.errors?.[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT', field: 'statusId' } });
    }
  });

  it('goes Offline when the heartbeat stops, and sees why', async () => {
    const agent = await agentOnShift();
    // As if the console went quiet two minutes ago (the default timeout is 90 s).
    await api.db.query(`UPDATE agent_presences SET since = now() - interval '120 s', last_heartbeat_at = now() - interval '120 s' WHERE user_id = $1`, [
      agent.id,
    ]);
    const events = await sweepStaleHeartbeats(api.db, api.config.presenceHeartbeatTimeoutSeconds, async () => {});
    expect(events.filter((e) => e.userId === agent.id)).toHaveLength(1);
    const me = await api.graphql(`{ myPresence { ${STATE} } }`, { token: agent.token });
    expect(me.data).toMatchObject({ myPresence: { status: { systemKey: 'OFFLINE' }, offlineReason: expect.stringContaining('No heartbeat') } });
    // Coming back clears the reason.
    const back = await api.graphql(START, { token: agent.token });
    expect(back.data).toMatchObject({ startShift: { status: { systemKey: 'UNAVAILABLE' }, offlineReason: null } });
  });

  it('keeps an agent whose heartbeat arrives, and tells consoles how often to send one', async () => {
    const agent = await agentOnShift();
    // A third of the 90 s default timeout.
    const me = await api.graphql<{ myPresence: { heartbeatEverySeconds: number } }>(`{ myPresence { heartbeatEverySeconds } }`, { token: agent.token });
    expect(me.data!.myPresence.heartbeatEverySeconds).toBe(30);
    await api.db.query(`UPDATE agent_presences SET since = now() - interval '120 s', last_heartbeat_at = now() - interval '120 s' WHERE user_id = $1`, [
      agent.id,
    ]);
    await api.graphql(`mutation { heartbeat { sequence } }`, { token: agent.token });
    const events = await sweepStaleHeartbeats(api.db, api.config.presenceHeartbeatTimeoutSeconds, async () => {});
    expect(events.filter((e) => e.userId === agent.id)).toHaveLength(0);
  });
});

describe('supervisors and integrations', () => {
  it('lets an integration set In Call and In Chat, and refuses supervisors while in them, saying why', async () => {
    const agent = await agentOnShift();
    for (const key of ['IN_CALL', 'IN_CHAT']) {
      const set = await api.graphql(SET_AGENT, { variables: { userId: agent.id, statusId: statuses[key] }, token: integration });
      expect(set.data).toMatchObject({ setAgentStatus: { status: { systemKey: key } } });
      const change = await api.graphql(SET_AGENT, { variables: { userId: agent.id, statusId: statuses.AVAILABLE }, token: supervisor });
      expect(change.errors?.[0]).toMatchObject({ extensions: { code: 'FORBIDDEN' }, message: expect.stringMatching(/The agent is In C(all|hat); wait until it ends/) });
      const logOut = await api.graphql(LOG_OUT, { variables: { userId: agent.id }, token: supervisor });
      expect(logOut.errors?.[0]).toMatchObject({ extensions: { code: 'FORBIDDEN' }, message: expect.stringContaining('cannot log them out') });
    }
    const ended = await api.graphql(SET_AGENT, { variables: { userId: agent.id, statusId: statuses.AVAILABLE }, token: integration });
    expect(ended.data).toMatchObject({ setAgentStatus: { status: { systemKey: 'AVAILABLE' } } });
    // A telephony system's own agent reference instead of our id is a clear NOT_FOUND, not an internal error.
    const unknown = await api.graphql(SET_AGENT, { variables: { userId: 'agent-1042', statusId: statuses.IN_CALL }, token: integration });
    expect(unknown.errors?.[0]).toMatchObject({ extensions: { code: 'NOT_FOUND' } });
  });

  it('lets a supervisor set Special Task and log an agent out (reason shown to the agent), then refuses while Offline', async () => {
    const agent = await agentOnShift();
    const special = await api.graphql(SET_AGENT, { variables: { userId: agent.id, statusId: statuses.SPECIAL_TASK, reason: 'Coaching' }, token: supervisor });
    expect(special.data).toMatchObject({ setAgentStatus: { status: { systemKey: 'SPECIAL_TASK' } } });
    const inCall = await api.graphql(SET_AGENT, { variables: { userId: agent.id, statusId: statuses.IN_CALL }, token: supervisor });
    expect(inCall.errors?.[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT', field: 'statusId' } });
    const out = await api.graphql(LOG_OUT, { variables: { userId: agent.id }, token: supervisor });
    expect(out.data).toMatchObject({ logOutAgent: { status: { systemKey: 'OFFLINE' }, offlineReason: expect.stringContaining('Logged out by') } });
    const me = await api.graphql(`{ myPresence { offlineReason } }`, { token: agent.token });
    expect(me.data!.myPresence.offlineReason).toContain('Logged out by');
    const again = await api.graphql(SET_AGENT, { variables: { userId: agent.id, statusId: statuses.AVAILABLE }, token: supervisor });
    expect(again.errors?.[0]).toMatchObject({ extensions: { code: 'FORBIDDEN' }, message: expect.stringContaining('Offline') });
  });

  it('refuses a supervisor outside their teams, and other tenants are NOT_FOUND', async () => {
    const outsider = await agentOnShift(sales);
    const refused = await api.graphql(SET_AGENT, { variables: { userId: outsider.id, statusId: statuses.AVAILABLE }, token: supervisor });
    expect(refused.errors?.[0]).toMatchObject({ extensions: { code: 'FORBIDDEN' }, message: expect.stringContaining('Monitoring - Agents') });
    const logOut = await api.graphql(LOG_OUT, { variables: { userId: outsider.id }, token: supervisor });
    expect(logOut.errors?.[0]).toMatchObject({ extensions: { code: 'FORBIDDEN' } });
    const other = await createTestTenant(api.db, 'presence-other');
    const otherAdmin = await signIn(api, other.slug, other.adminEmail);
    const foreign = await api.graphql(LOG_OUT, { variables: { userId: outsider.id }, token: otherAdmin });
    expect(foreign.errors?.[0]).toMatchObject({ extensions: { code: 'NOT_FOUND' } });
  });

  it("shows the board and an agent's time in each status within scope", async () => {
    const agent = await agentOnShift();
    await api.graphql(SET_MY, { variables: { statusId: statuses.AVAILABLE }, token: agent.token });
    const outsider = await agentOnShift(sales);
    const board = await api.graphql<{ agentPresences: { user: { id: string } }[] }>(`{ agentPresences { user { id } status { name } since sequence } }`, {
      token: supervisor,
    });
    const ids = board.data!.agentPresences.map((r) => r.user.id);
    expect(ids).toContain(agent.id);
    expect(ids).not.toContain(outsider.id);
    const onlyAvailable = await api.graphql<{ agentPresences: { user: { id: string } }[] }>(
      `query($ids: [ID!]) { agentPresences(filter: { statusIds: $ids }) { user { id } } }`,
      { variables: { ids: [statuses.AVAILABLE] }, token: supervisor },
    );
    expect(onlyAvailable.data!.agentPresences.map((r) => r.user.id)).toContain(agent.id);
    const foreignTeam = await api.graphql(`query($t: ID) { agentPresences(filter: { teamId: $t }) { since } }`, { variables: { t: sales }, token: supervisor });
    expect(foreignTeam.errors?.[0]).toMatchObject({ extensions: { code: 'FORBIDDEN' } });

    const from = new Date(Date.now() - 3_600_000).toISOString();
    const to = new Date(Date.now() + 3_600_000).toISOString();
    const HISTORY = `query($u: ID!, $from: DateTimeISO!, $to: DateTimeISO!) { agentStatusHistory(userId: $u, from: $from, to: $to) {
      events { sequence status { systemKey } previousStatus { systemKey } changedBy { id } }
      timeInStatus { status { systemKey } seconds } } }`;
    const history = await api.graphql<{ agentStatusHistory: { events: { status: { systemKey: string } }[]; timeInStatus: { status: { systemKey: string } }[] } }>(
      HISTORY,
      { variables: { u: agent.id, from, to }, token: supervisor },
    );
    expect(history.errors).toBeUndefined();
    expect(history.data!.agentStatusHistory.events.map((e) => e.status.systemKey)).toEqual(['UNAVAILABLE', 'AVAILABLE']);
    expect(history.data!.agentStatusHistory.timeInStatus.map((t) => t.status.systemKey).sort()).toEqual(['AVAILABLE', 'UNAVAILABLE']);
    const outside = await api.graphql(HISTORY, { variables: { u: outsider.id, from, to }, token: supervisor });
    expect(outside.errors?.[0]).toMatchObject({ extensions: { code: 'FORBIDDEN' } });
  });
});

describe('racing changes', () => {
  it('counts time in each status over every change of a range, listing the first 5000 changes', async () => {
    // A tenant of its own: these changes would break the sequence of this file's tenant.
    const busy = await createTestTenant(api.db, 'history');
    const busyFixtures = new Fixtures(api, busy);
    const agent = await busyFixtures.agentIn((await busyFixtures.team('Chat')).id);
    const keyed: { id: string; key: string }[] = await api.db.query(`SELECT id, system_key AS key FROM agent_statuses WHERE tenant_id = $1`, [busy.tenantId]);
    const ids = Object.fromEntries(keyed.map((s) => [s.key, s.id]));
    // 5,000 changes a second apart alternating Available and Unavailable, then Special Task for the last 100 s.
    const from = new Date(Date.now() - 6_000_000);
    await api.db.query(
      `INSERT INTO agent_status_events (tenant_id, user_id, sequence, status_id, changed_at)
       SELECT $1, $2, 1000000 + g, CASE WHEN g = 5000 THEN $5::uuid WHEN g % 2 = 0 THEN $3::uuid ELSE $4::uuid END,
              $6::timestamptz + make_interval(secs => CASE WHEN g = 5000 THEN 5900 ELSE g END)
         FROM generate_series(0, 5000) g`,
      [busy.tenantId, agent.id, ids.AVAILABLE, ids.UNAVAILABLE, ids.SPECIAL_TASK, from.toISOString()],
    );
    const to = new Date(from.getTime() + 6_000_000);
    const history = await api.graphql<{ agentStatusHistory: { events: unknown[]; truncated: boolean; timeInStatus: { status: { systemKey: string }; seconds: number }[] } }>(
      `query($u: ID!, $from: DateTimeISO!, $to: DateTimeISO!) { agentStatusHistory(userId: $u, from: $from, to: $to) {
        events { sequence } truncated timeInStatus { status { systemKey } seconds } } }`,
      { variables: { u: agent.id, from: from.toISOString(), to: to.toISOString() }, token: await signIn(api, busy.slug, busy.adminEmail) },
    );
    expect(history.errors).toBeUndefined();
    const { events, truncated, timeInStatus } = history.data!.agentStatusHistory;
    expect(events).toHaveLength(5000);
    expect(truncated).toBe(true);
    const seconds = Object.fromEntries(timeInStatus.map((t) => [t.status.systemKey, t.seconds]));
    expect(seconds.SPECIAL_TASK).toBe(100);
    // The last change before Special Task (4,999 s in, Unavailable) lasted until 5,900 s.
    expect(seconds.UNAVAILABLE).toBe(2500 + 900);
  });

  it('records every change once, in one gapless tenant sequence, each starting from the status the one before left', async () => {
    const agents = await Promise.all([agentOnShift(), agentOnShift(), agentOnShift()]);
    const [{ before }] = await api.db.query(`SELECT presence_sequence::int AS before FROM tenants WHERE id = $1`, [tenant.tenantId]);
    // Twelve changes per agent at once, alternating Available and Unavailable, from two callers.
    const results = await Promise.all(
      agents.flatMap((agent) =>
        Array.from({ length: 12 }, (_, i) =>
          api.graphql(SET_AGENT, {
            variables: { userId: agent.id, statusId: i % 2 ? statuses.UNAVAILABLE : statuses.AVAILABLE },
            token: i % 3 ? integration : admin,
          }),
        ),
      ),
    );
    expect(results.flatMap((r) => r.errors ?? [])).toEqual([]);
    const events: { userId: string; sequence: number; statusId: string; previousStatusId: string }[] = await api.db.query(
      `SELECT user_id AS "userId", sequence::int, status_id AS "statusId", previous_status_id AS "previousStatusId"
         FROM agent_status_events WHERE tenant_id = $1 AND sequence > $2 ORDER BY sequence`,
      [tenant.tenantId, before],
    );
    expect(events.map((e) => e.sequence)).toEqual(events.map((_, i) => before + 1 + i));
    for (const agent of agents) {
      const own = events.filter((e) => e.userId === agent.id);
      expect(own.length).toBeGreaterThan(0);
      // Each change starts where the previous one left the agent (Unavailable after startShift).
      own.reduce((previous, event) => (expect(event.previousStatusId).toBe(previous), event.statusId), statuses.UNAVAILABLE);
      const [presence] = await api.db.query(`SELECT status_id AS "statusId", sequence::int FROM agent_presences WHERE user_id = $1`, [agent.id]);
      expect(presence).toEqual({ statusId: own.at(-1)!.statusId, sequence: own.at(-1)!.sequence });
    }
  });
});
