import { openSocket, signIn } from './support/test-api';
import { Fixtures } from './support/fixtures';
import { subscribeOver, type TestSubscription } from './support/subscription-client';
import { bulkGet, bulkPost, csv, errorLines, startBulkWorkers, uploadFile, useBulkTestApi, waitForJob } from './support/bulk-test';

// Team scopes of field permissions and of Bulk User Management, a proceed asked before validation
// ends, and what a bulk deactivation tells others: through the real upload endpoint and Workers.
describe('bulk user rules', () => {
  const open: TestSubscription<unknown>[] = [];
  // Registered before useBulkTestApi's afterAll, so it runs first: the subscriptions close while the api still runs.
  afterAll(() => {
    for (const subscription of open) subscription.close();
  });
  const setup = useBulkTestApi('bulkrules');
  let fixtures: Fixtures;

  beforeAll(() => {
    fixtures = new Fixtures(setup.api, setup.tenant);
  });

  /** A role of these permissions (Edit; scope ALL unless named) held by a new manager of `teamId`; returns their token. */
  async function managerWith(teamId: string, permissions: Record<string, 'ALL' | 'ASSIGNED_TEAMS'>): Promise<string> {
    const { api, tenant, token } = setup;
    const role = await api.graphql<{ createRole: { id: string } }>(`mutation($input: RoleInput!) { createRole(input: $input) { id } }`, {
      token,
      variables: {
        input: {
          name: fixtures.unique('Bulk role '),
          label: 'Bulk',
          color: '#335577',
          permissions: Object.entries(permissions).map(([permission, scope]) => ({ permission, access: 'EDIT', scope })),
        },
      },
    });
    expect(role.errors).toBeUndefined();
    const manager = await fixtures.user([role.data!.createRole.id], [[teamId, 'MANAGER']]);
    return signIn(api, tenant.slug, manager.email);
  }

  const statusOf = async (id: string): Promise<string> => (await setup.api.db.query(`SELECT status FROM users WHERE id = $1`, [id]))[0].status;

  it('changes a column whose permission is limited to teams only for users within them, as updateUser does', async () => {
    const { api, tenant } = setup;
    const team = await fixtures.team(fixtures.unique('Floor '));
    const manager = await managerWith(team.id, { 'users.view': 'ALL', 'users.bulk': 'ALL', 'users.edit': 'ALL', 'users.edit.status': 'ASSIGNED_TEAMS' });
    const inside = await fixtures.agentIn(team.id);
    const outside = await fixtures.user([tenant.roleIds.AGENT]);

    const upload = await uploadFile(api, manager, 'status.csv', csv([['Email', 'Status'], [inside.email, 'Inactive'], [outside.email, 'Inactive']]));
    const job = await waitForJob(api, manager, upload.body.id, ['VALIDATED']);
    expect(errorLines(job)).toEqual([
      `2/Status: You may not change the column "Status" of ${outside.email}: Your permission "Settings - Users & Teams - Edit User - Status" reaches only the teams you manage and their sub-teams`,
    ]);
    expect(job.preview).toEqual({ creates: 0, updates: 1, unchanged: 0 });

    const proceed = await api.graphql(`mutation($id: ID!) { proceedBulkUserJob(id: $id, ignoreErrors: true) { id } }`, { token: manager, variables: { id: job.id } });
    expect(proceed.errors).toBeUndefined();
    await waitForJob(api, manager, job.id, ['COMPLETED_WITH_ERRORS']);
    expect([await statusOf(inside.id), await statusOf(outside.id)]).toEqual(['DEACTIVATED', 'ACTIVE']);
  });

  it('shows a team-scoped holder of Bulk User Management only the jobs they uploaded', async () => {
    const { api, tenant, token } = setup;
    const team = await fixtures.team(fixtures.unique('Desk '));
    const scoped = await managerWith(team.id, { 'users.view': 'ALL', 'users.bulk': 'ASSIGNED_TEAMS', 'users.edit': 'ALL', 'users.edit.name': 'ALL' });
    const file = csv([['Email', 'First name'], [`nobody-${fixtures.unique('x')}@${tenant.slug}.test`, 'No']]);
    const theirs = (await uploadFile(api, scoped, 'theirs.csv', file)).body.id;
    const others = (await uploadFile(api, token, 'admins.csv', file)).body.id;
    await waitForJob(api, token, others, ['VALIDATED']);

    expect((await waitForJob(api, scoped, theirs, ['VALIDATED'])).id).toBe(theirs);
    const hidden = await api.graphql(`query($id: ID!) { bulkJob(id: $id) { id } }`, { token: scoped, variables: { id: others } });
    expect(hidden.errors?.[0].extensions?.code).toBe('NOT_FOUND');
    const list = await api.graphql<{ bulkJobs: { totalCount: number; edges: { node: { id: string } }[] } }>(`{ bulkJobs(first: 50) { totalCount edges { node { id } } } }`, {
      token: scoped,
    });
    expect(list.data!.bulkJobs).toEqual({ totalCount: 1, edges: [{ node: { id: theirs } }] });
    const page = await bulkGet(api, scoped, '/jobs?page=1&per_page=50');
    expect([page.headers.get('total'), ((await page.json()) as { id: string }[]).map((j) => j.id)]).toEqual(['1', [theirs]]);
    expect((await bulkGet(api, scoped, `/errors/update/${others}`)).status).toBe(404);
    expect((await bulkPost(api, scoped, '/proceed', { id: others })).status).toBe(404);
    // Scope ALL still sees every job of the tenant.
    expect((await waitForJob(api, token, theirs, ['VALIDATED'])).id).toBe(theirs);
  });

  it('keeps a proceed the seed JSON API asks for before validation ends, and applies as the job validates', async () => {
    const { api, tenant, token } = setup;
    const row = (name: string, extra: Record<string, unknown> = {}) => ({
      email: `${name}-${fixtures.unique('s')}@${tenant.slug}.test`,
      first_name: 'Seed',
      last_name: name,
      roles: [{ name: 'Agent', value: 1 }],
      ...extra,
    });
    // With no Worker running, every job is still CREATED when its proceed arrives.
    await setup.workers.stop();
    const clean = (await uploadFile(api, token, 'clean.json', JSON.stringify([row('a'), row('b')]))).body.id;
    const cleanProceed = await bulkPost(api, token, '/proceed', { id: clean });
    expect(cleanProceed).toMatchObject({ status: 200, body: { id: clean, status: 'created', link: expect.stringContaining(clean) } });
    const flawed = () => JSON.stringify([row('c'), row('d', { max_chat_limit: 99 })]);
    const ignoring = (await uploadFile(api, token, 'ignoring.json', flawed())).body.id;
    expect((await bulkPost(api, token, '/proceed', { id: ignoring, ignore_errors: true })).status).toBe(200);
    const strict = (await uploadFile(api, token, 'strict.json', flawed())).body.id;
    const strictProceed = await api.graphql(`mutation($id: ID!) { proceedBulkUserJob(id: $id) { status processRequestedAt } }`, { token, variables: { id: strict } });
    // A request only: nothing says processing was requested until validation lets the job proceed.
    expect(strictProceed.data?.proceedBulkUserJob).toEqual({ status: 'CREATED', processRequestedAt: null });
    setup.workers = await startBulkWorkers(api);

    await waitForJob(api, token, clean, ['COMPLETED']);
    const done = (await (await bulkGet(api, token, `/jobs/${clean}`)).json()) as Record<string, unknown>;
    expect(done).toMatchObject({ status: 'completed', total_rows: 2, affected_rows: 2, proceed_user_name: expect.any(String), process_requested_at: expect.any(String) });
    expect(await waitForJob(api, token, ignoring, ['COMPLETED_WITH_ERRORS'])).toMatchObject({ affectedRows: 1, failedRows: 1 });
    // Row errors without ignoreErrors hold the job back, as they hold back a proceed of a validated job.
    expect(await waitForJob(api, token, strict, ['VALIDATED'])).toMatchObject({ failedRows: 1, affectedRows: 0, processRequestedAt: null });
    const later = await bulkPost(api, token, '/proceed', { id: strict, ignore_errors: true });
    expect(later.body).toEqual({ id: strict, status: 'valid_scheme', link: expect.stringContaining(strict) });
    await waitForJob(api, token, strict, ['COMPLETED_WITH_ERRORS']);
  });

  it('puts an agent deactivated in bulk Offline for everyone watching, and ties the audit events to the job', async () => {
    const { api, tenant, token } = setup;
    const team = await fixtures.team(fixtures.unique('Shift '));
    const agent = await fixtures.agentIn(team.id);
    const agentToken = await signIn(api, tenant.slug, agent.email);
    expect((await api.graphql(`mutation { startShift { sequence } }`, { token: agentToken })).errors).toBeUndefined();
    const before = api.server.services.presenceHub.stats().subscribers;
    const watcher = await subscribeOver<{ user: { id: string }; status: { systemKey: string }; reason: string }>(
      api.wsUrl,
      token,
      `subscription { agentStatusChanged { user { id } status { systemKey } reason } }`,
    );
    open.push(watcher as TestSubscription<unknown>);
    while (api.server.services.presenceHub.stats().subscribers <= before) await new Promise((resolve) => setTimeout(resolve, 10));

    const off = await uploadFile(api, token, 'off.csv', csv([['Email', 'Status'], [agent.email, 'Inactive']]), { autoProceed: 'true' });
    await waitForJob(api, token, off.body.id, ['COMPLETED']);
    const [event] = await watcher.waitFor(1);
    expect(event).toEqual({ user: { id: agent.id }, status: { systemKey: 'OFFLINE' }, reason: 'Deactivated' });
    const [presence] = await api.db.query(
      `SELECT s.system_key AS "systemKey" FROM agent_presences p JOIN agent_statuses s ON s.id = p.status_id WHERE p.user_id = $1`,
      [agent.id],
    );
    expect(presence).toEqual({ systemKey: 'OFFLINE' });

    const on = await uploadFile(api, token, 'on.csv', csv([['Email', 'Status'], [agent.email, 'Active']]), { autoProceed: 'true' });
    await waitForJob(api, token, on.body.id, ['COMPLETED']);
    const audit = await api.db.query(`SELECT action, bulk_job_id AS "jobId", before FROM audit_events WHERE target_id = $1 AND action LIKE 'user.%' ORDER BY id`, [agent.id]);
    expect(audit).toEqual([
      { action: 'user.deactivate', jobId: off.body.id, before: expect.objectContaining({ status: 'ACTIVE', teams: [team.id] }) },
      { action: 'user.update', jobId: off.body.id, before: { status: 'ACTIVE' } },
      { action: 'user.reactivate', jobId: on.body.id, before: { status: 'DEACTIVATED' } },
      { action: 'user.update', jobId: on.body.id, before: { status: 'DEACTIVATED' } },
    ]);
  });

  it("closes the socket of a user whose roles a bulk upload changes, so it reconnects with the new permissions", async () => {
    const { api, tenant, token } = setup;
    const lead = await fixtures.user([tenant.roleIds.MANAGER_DATA]);
    const [agentRole] = await api.db.query(`SELECT name FROM roles WHERE id = $1`, [tenant.roleIds.AGENT]);
    const [managerRole] = await api.db.query(`SELECT name FROM roles WHERE id = $1`, [tenant.roleIds.MANAGER_DATA]);
    const socket = await openSocket(api.wsUrl, await signIn(api, tenant.slug, lead.email));
    const roles = csv([['Email', `Role: ${agentRole.name}`, `Role: ${managerRole.name}`], [lead.email, '1', '0']]);
    const job = await uploadFile(api, token, 'roles.csv', roles, { autoProceed: 'true' });
    await waitForJob(api, token, job.body.id, ['COMPLETED']);
    expect(await socket.closed).toMatchObject({ code: 4205 });
  });
});
