import { addUser, createTestTenant, signIn, startTestApi, type TestApi, type TestTenant } from './support/test-api';

let api: TestApi;
let tenant: TestTenant;
let admin: string;

const AUDIT = `query($filter: AuditFilterInput, $first: Int, $after: String) {
  auditEvents(filter: $filter, first: $first, after: $after) {
    totalCount edges { node { action targetType targetId actorUserId actorCredentialId before after } } pageInfo { hasNextPage endCursor }
  }
}`;

beforeAll(async () => {
  api = await startTestApi();
  tenant = await createTestTenant(api.db, 'audit');
  admin = await signIn(api, tenant.slug, tenant.adminEmail);
});
afterAll(() => api.stop());

describe('auditEvents', () => {
  it('shows who changed what, with the fields before and after, newest first', async () => {
    const created = await api.graphql(`mutation { createTeam(input: { name: "Audit Desk" }) { id version } }`, { token: admin });
    const team = created.data!.createTeam;
    await api.graphql(`mutation($id: ID!, $v: Int!) { updateTeam(id: $id, input: { name: "Audit Help Desk" }, version: $v) { id } }`, {
      variables: { id: team.id, v: team.version },
      token: admin,
    });
    const result = await api.graphql(AUDIT, { variables: { filter: { targetId: team.id } }, token: admin });
    const events = result.data!.auditEvents.edges.map((e: { node: unknown }) => e.node);
    expect(events.map((e: { action: string }) => e.action)).toEqual(['team.update', 'team.create']);
    expect(events[0]).toMatchObject({ targetType: 'team', actorUserId: tenant.adminUserId, actorCredentialId: null });
    expect(events[0].before).toMatchObject({ name: 'Audit Desk' });
    expect(events[0].after).toMatchObject({ name: 'Audit Help Desk' });
  });

  it('records an API credential as the actor and filters by action prefix, page by page', async () => {
    const credential = await api.graphql(`mutation { createApiCredential(name: "audit script") { id secret } }`, { token: admin });
    const { id, secret } = credential.data!.createApiCredential;
    for (const name of ['Audit A', 'Audit B', 'Audit C']) {
      await api.graphql(`mutation($name: String!) { createTeam(input: { name: $name }) { id } }`, { variables: { name }, token: secret });
    }
    const first = await api.graphql(AUDIT, { variables: { filter: { action: 'team.' }, first: 2 }, token: admin });
    expect(first.data!.auditEvents.pageInfo.hasNextPage).toBe(true);
    expect(first.data!.auditEvents.edges[0].node).toMatchObject({ action: 'team.create', actorCredentialId: id, actorUserId: null });
    const rest = await api.graphql(AUDIT, {
      variables: { filter: { action: 'team.' }, first: 50, after: first.data!.auditEvents.pageInfo.endCursor },
      token: admin,
    });
    const all = [...first.data!.auditEvents.edges, ...rest.data!.auditEvents.edges];
    expect(all.length).toBe(first.data!.auditEvents.totalCount);
    expect(all.every((e: { node: { action: string } }) => e.node.action.startsWith('team.'))).toBe(true);
  });

  it('names who made each change and what it changed, falling back to the recorded name once the target is gone', async () => {
    const credential = await api.graphql(`mutation { createApiCredential(name: "names script") { id secret } }`, { token: admin });
    const { secret } = credential.data!.createApiCredential;
    const created = await api.graphql(`mutation { createQueue(input: { name: "Names Queue", channel: CALL }) { id version } }`, { token: secret });
    const queue = created.data!.createQueue;
    await api.graphql(`mutation($id: ID!, $v: Int!) { updateQueue(id: $id, input: { name: "Names Line" }, version: $v) { id } }`, {
      variables: { id: queue.id, v: queue.version },
      token: admin,
    });
    const ADMIN_NAME = `Admin Tenant ${tenant.slug}`;
    const NAMES = `query($filter: AuditFilterInput) { auditEvents(filter: $filter) { edges { node { action actorName targetName } } } }`;
    const live = await api.graphql(NAMES, { variables: { filter: { targetId: queue.id } }, token: admin });
    expect(live.data!.auditEvents.edges.map((e: { node: unknown }) => e.node)).toEqual([
      { action: 'queue.update', actorName: ADMIN_NAME, targetName: 'Names Line' },
      { action: 'queue.create', actorName: 'names script', targetName: 'Names Line' },
    ]);

    await api.graphql(`mutation($id: ID!) { deleteQueue(id: $id, version: ${queue.version + 1}) }`, { variables: { id: queue.id }, token: admin });
    const gone = await api.graphql(NAMES, { variables: { filter: { targetId: queue.id, action: 'queue.delete' } }, token: admin });
    expect(gone.data!.auditEvents.edges[0].node).toEqual({ action: 'queue.delete', actorName: ADMIN_NAME, targetName: 'Names Line' });
  });

  it('is FORBIDDEN, naming the permission, to anyone without the audit log permission', async () => {
    await addUser(api.db, tenant, 'manager@audit.test', ['MANAGER_ADMIN']);
    const token = await signIn(api, tenant.slug, 'manager@audit.test');
    const result = await api.graphql(AUDIT, { token });
    expect(result.errors![0]).toMatchObject({
      message: 'You need the permission "Settings - Audit Log"',
      extensions: { code: 'FORBIDDEN' },
    });
  });
});
