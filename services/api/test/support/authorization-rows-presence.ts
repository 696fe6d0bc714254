import { BulkJob, type BulkJobStatus } from '@switchboard/domain';
import { allow, EVERYWHERE, SIGNED_IN, type Row, type World } from './authorization-world';

// "Monitoring - Agents" View: every manager role and the Team Lead; Edit (supervising agents): these.
const MONITORS = allow(...SIGNED_IN.filter((a) => a !== 'AGENT'));
const SUPERVISORS = allow('ADMIN', 'MANAGER_DATA', 'MANAGER_TEAMS', 'MANAGER_ADMIN', 'CREDENTIAL');
// Only holders of the agent adapter have a shift.
const AGENTS = allow('AGENT');
// "Bulk User Management" belongs to Admin and Manager Admin (so to the credential too).
const BULK = allow(...EVERYWHERE);

/** Rows of the matrix for presence, agent statuses and bulk jobs: targets in `team`. */
export function presenceAndBulkRows(w: World): Record<string, Row> {
  const statusId = async (key: string): Promise<string> =>
    (await w.api.db.query(`SELECT id FROM agent_statuses WHERE tenant_id = $1 AND system_key = $2`, [w.tenant.tenantId, key]))[0].id;
  const startShift = (token: string | null) => w.api.graphql(`mutation { startShift { __typename } }`, { token: token ?? undefined });
  /** An agent of the team who has started a shift, as their console would. */
  const agentOnShift = async (team: string): Promise<string> => {
    const agent = await w.fixtures.agentIn(team);
    await startShift(await w.fixtures.session(agent.id));
    return agent.id;
  };
  const customStatus = async (): Promise<string> =>
    (
      await w.asAdmin(`mutation($input: CreateAgentStatusInput!) { createAgentStatus(input: $input) { id } }`, {
        input: { name: w.fixtures.unique('Break '), color: '#123456', availability: 'UNAVAILABLE' },
      })
    ).createAgentStatus.id;
  const bulkJob = async (status: BulkJobStatus = 'VALIDATED'): Promise<string> => {
    const job = await w.api.db.getRepository(BulkJob).save({
      tenantId: w.tenant.tenantId,
      uploadedByUserId: w.tenant.adminUserId,
      filename: 'users.csv',
      format: 'CSV' as const,
      storagePath: 'matrix/none.csv',
      status,
      totalRows: 1,
      validRows: 1,
    });
    return job.id;
  };

  return {
    // ---- agent statuses: the catalogue is public to the tenant, changing it needs "Agent Statuses" (Edit)
    agentStatuses: { prepare: async () => ({ query: `{ agentStatuses { id } }` }), expect: allow(...SIGNED_IN) },
    createAgentStatus: {
      prepare: async () => ({
        query: `mutation($input: CreateAgentStatusInput!) { createAgentStatus(input: $input) { id } }`,
        variables: { input: { name: w.fixtures.unique('Lunch '), color: '#123456', availability: 'UNAVAILABLE' } },
      }),
      expect: allow('ADMIN'),
    },
    updateAgentStatus: {
      prepare: async () => ({
        query: `mutation($id: ID!) { updateAgentStatus(id: $id, input: { color: "#654321" }) { id } }`,
        variables: { id: await customStatus() },
      }),
      expect: allow('ADMIN'),
    },
    archiveAgentStatus: {
      prepare: async () => ({ query: `mutation($id: ID!) { archiveAgentStatus(id: $id) { id } }`, variables: { id: await customStatus() } }),
      expect: allow('ADMIN'),
    },

    // ---- one's own presence (agents), on a twin so shifts of the shared caller stay untouched
    myPresence: { prepare: async () => ({ query: `{ myPresence { __typename } }` }), expect: allow(...SIGNED_IN) },
    presenceSequence: { prepare: async () => ({ query: `{ presenceSequence }` }), expect: allow(...SIGNED_IN) },
    startShift: {
      prepare: async ({ actor }) => ({ query: `mutation { startShift { __typename } }`, token: await w.twinSession(actor) }),
      expect: AGENTS,
    },
    endShift: {
      prepare: async ({ actor }) => {
        const token = await w.twinSession(actor);
        await startShift(token);
        return { query: `mutation { endShift { __typename } }`, token };
      },
      expect: AGENTS,
    },
    setMyStatus: {
      prepare: async ({ actor }) => {
        const token = await w.twinSession(actor);
        await startShift(token);
        return { query: `mutation($id: ID!) { setMyStatus(statusId: $id) { __typename } }`, variables: { id: await statusId('AVAILABLE') }, token };
      },
      expect: AGENTS,
    },
    heartbeat: { prepare: async () => ({ query: `mutation { heartbeat { __typename } }` }), expect: AGENTS },

    // ---- the live board and supervising agents ("Monitoring - Agents", scoped to the teams managed)
    agentPresences: { prepare: async () => ({ query: `{ agentPresences { __typename } }` }), expect: MONITORS },
    agentStatusHistory: {
      prepare: async ({ team }) => ({
        query: `query($userId: ID!, $from: DateTimeISO!, $to: DateTimeISO!) { agentStatusHistory(userId: $userId, from: $from, to: $to) { __typename } }`,
        variables: { userId: (await w.fixtures.agentIn(team)).id, from: new Date(Date.now() - 86_400_000).toISOString(), to: new Date().toISOString() },
      }),
      expect: MONITORS,
    },
    agentStatusChanged: {
      prepare: async () => ({ query: `subscription { agentStatusChanged { __typename } }`, subscription: true }),
      expect: MONITORS,
    },
    setAgentStatus: {
      prepare: async ({ team }) => ({
        query: `mutation($userId: ID!, $statusId: ID!) { setAgentStatus(userId: $userId, statusId: $statusId) { __typename } }`,
        variables: { userId: await agentOnShift(team), statusId: await statusId('SPECIAL_TASK') },
      }),
      expect: SUPERVISORS,
    },
    logOutAgent: {
      prepare: async ({ team }) => ({
        query: `mutation($userId: ID!) { logOutAgent(userId: $userId, reason: "End of day") { __typename } }`,
        variables: { userId: await agentOnShift(team) },
      }),
      expect: SUPERVISORS,
    },

    // ---- bulk user jobs (uploads go through /api/v1/bulk; jobs here are inserted as an upload leaves them)
    bulkJob: { prepare: async () => ({ query: `query($id: ID!) { bulkJob(id: $id) { id } }`, variables: { id: await bulkJob() } }), expect: BULK },
    bulkJobs: { prepare: async () => ({ query: `{ bulkJobs(first: 1) { totalCount } }` }), expect: BULK },
    bulkJobProgress: {
      prepare: async () => ({ query: `subscription($id: ID!) { bulkJobProgress(id: $id) { id } }`, variables: { id: await bulkJob() }, subscription: true }),
      expect: BULK,
    },
    proceedBulkUserJob: {
      prepare: async () => ({ query: `mutation($id: ID!) { proceedBulkUserJob(id: $id) { id } }`, variables: { id: await bulkJob() } }),
      expect: BULK,
    },
    cancelBulkUserJob: {
      prepare: async () => ({ query: `mutation($id: ID!) { cancelBulkUserJob(id: $id) { id } }`, variables: { id: await bulkJob() } }),
      expect: BULK,
    },
  };
}
