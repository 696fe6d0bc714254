import { Role, UserRole } from '@switchboard/domain';
import { addUser, createTestTenant, signIn, startTestApi, type GraphQLResponse, type TestApi, type TestTenant } from './support/test-api';

let api: TestApi;
let tenant: TestTenant;
let token: string;

const ROLE_FIELDS = `id name label color position version isDefault permissionsEditable userCount licenseType
  permissions { permission access scope } assignableRoles { id name }`;
const CREATE = `mutation($input: RoleInput!) { createRole(input: $input) { ${ROLE_FIELDS} } }`;
const UPDATE = `mutation($id: ID!, $input: RoleInput!, $version: Int!) { updateRole(id: $id, input: $input, version: $version) { ${ROLE_FIELDS} } }`;
const DELETE = `mutation($id: ID!, $confirm: Boolean) { deleteRole(id: $id, confirm: $confirm) }`;
const ROLES = `{ roles { ${ROLE_FIELDS} } }`;

interface RoleView {
  id: string;
  name: string;
  label: string;
  color: string;
  position: number;
  version: number;
  permissions: { permission: string; access: string; scope: string }[];
  assignableRoles: { id: string; name: string }[];
}

beforeAll(async () => {
  api = await startTestApi();
  tenant = await createTestTenant(api.db, 'roles');
  token = await signIn(api, tenant.slug, tenant.adminEmail);
});
afterAll(() => api.stop());

const role = (name: string, extra: Record<string, unknown> = {}) => ({
  name,
  label: name.slice(0, 16),
  color: '#336699',
  permissions: [{ permission: 'monitoring.agents', access: 'VIEW', scope: 'ASSIGNED_TEAMS' }],
  ...extra,
});

async function createRole(input: Record<string, unknown>, as = token): Promise<RoleView> {
  const result = await api.graphql(CREATE, { variables: { input }, token: as });
  expect(result.errors).toBeUndefined();
  return result.data!.createRole;
}

async function rolesOf(as = token): Promise<RoleView[]> {
  const result = await api.graphql(ROLES, { token: as });
  expect(result.errors).toBeUndefined();
  return result.data!.roles;
}

/** The input that saves a role unchanged, to edit one part of it. */
const inputOf = (r: RoleView) => ({
  name: r.name,
  label: r.label,
  color: r.color,
  permissions: r.permissions,
  assignableRoleIds: r.assignableRoles.map((a) => a.id),
});

function expectBadInput(result: GraphQLResponse, field: string, message: string | RegExp) {
  expect(result.errors?.[0].extensions).toEqual({ code: 'BAD_USER_INPUT', field });
  expect(result.errors![0].message).toMatch(message);
}

/** A user holding exactly the given roles. */
async function userWithRoles(target: TestTenant, email: string, roleIds: string[]): Promise<string> {
  const user = await addUser(api.db, target, email, ['AGENT']);
  await api.db.getRepository(UserRole).delete({ userId: user.id });
  await api.db.getRepository(UserRole).insert(roleIds.map((roleId) => ({ userId: user.id, roleId, tenantId: target.tenantId })));
  return user.id;
}

describe('createRole', () => {
  it('creates a custom role at the bottom, assignable by Admin, with an audit event', async () => {
    const created = await createRole(
      role('Quality Leads', {
        color: '#AA00FF',
        permissions: [
          { permission: 'users.view', access: 'EDIT' },
          { permission: 'users.edit', access: 'EDIT', scope: 'ASSIGNED_TEAMS' },
        ],
        assignableRoleIds: [tenant.roleIds.AGENT],
      }),
    );
    expect(created).toMatchObject({
      name: 'Quality Leads',
      color: '#aa00ff',
      position: 6,
      isDefault: false,
      permissionsEditable: true,
      userCount: 0,
      licenseType: 'MANAGER',
      assignableRoles: [{ id: tenant.roleIds.AGENT, name: 'Agent' }],
    });
    expect(created.permissions).toEqual(
      expect.arrayContaining([
        { permission: 'users.view', access: 'EDIT', scope: 'ALL' },
        { permission: 'users.edit', access: 'EDIT', scope: 'ASSIGNED_TEAMS' },
      ]),
    );
    const roles = await rolesOf();
    expect(roles.at(-1)!.id).toBe(created.id);
    expect(roles.find((r) => r.name === 'Admin')!.assignableRoles.map((r) => r.id)).toContain(created.id);
    const [event] = await api.db.query(`SELECT action, actor_user_id, after FROM audit_events WHERE target_id = $1`, [created.id]);
    expect(event).toMatchObject({ action: 'role.create', actor_user_id: tenant.adminUserId, after: { name: 'Quality Leads', assignableRoles: ['Agent'] } });
  });

  it.each([
    [{ name: 'x'.repeat(21) }, 'name', 'Role name must be 1 to 20 characters (it has 21)'],
    [{ label: 'x'.repeat(17) }, 'label', 'Label must be 1 to 16 characters (it has 17)'],
    [{ color: 'purple' }, 'color', 'Color must be a hex color like #1d4ed8, not "purple"'],
    [{ permissions: [{ permission: 'users.fly', access: 'EDIT' }] }, 'permissions', /Unknown permission "users\.fly"/],
    [{ permissions: [{ permission: 'roles', access: 'EDIT', scope: 'ASSIGNED_TEAMS' }] }, 'permissions', /"roles" .* cannot be limited to ASSIGNED_TEAMS/],
    [{ permissions: [{ permission: 'users.view', access: 'VIEW' }] }, 'permissions', /"users\.view" .* grant it with access EDIT/],
    [{ name: 'mAnAgEr' }, 'name', 'A role named "Manager" already exists; role names must be unique'],
    [{ assignableRoleIds: ['00000000-0000-0000-0000-000000000000'] }, 'assignableRoleIds', /Edit User/],
  ])('refuses %j', async (overrides, field, message) => {
    const before = await api.db.getRepository(Role).countBy({ tenantId: tenant.tenantId });
    expectBadInput(await api.graphql(CREATE, { variables: { input: role('Refused', overrides) }, token }), field, message);
    expect(await api.db.getRepository(Role).countBy({ tenantId: tenant.tenantId })).toBe(before);
  });

  it('refuses the 101st custom role of a tenant', async () => {
    const full = await createTestTenant(api.db, 'full');
    await api.db.getRepository(Role).insert(
      Array.from({ length: 100 }, (_, i) => ({ tenantId: full.tenantId, name: `Custom ${i}`, label: `C${i}`, color: '#000000', position: 6 + i, defaultKey: null })),
    );
    const result = await api.graphql(CREATE, { variables: { input: role('One Too Many') }, token: await signIn(api, full.slug, full.adminEmail) });
    expectBadInput(result, 'input', /at most 100 custom roles/);
  });

  it('is forbidden to a Manager Teams holder, naming the permission', async () => {
    await addUser(api.db, tenant, 'mgr-teams@roles.test', ['MANAGER_TEAMS']);
    const result = await api.graphql(CREATE, { variables: { input: role('Sneaky') }, token: await signIn(api, tenant.slug, 'mgr-teams@roles.test') });
    expect(result.errors![0].extensions!.code).toBe('FORBIDDEN');
    expect(result.errors![0].message).toContain('Settings - Users & Teams - Roles & Permissions');
  });
});

describe('updateRole', () => {
  it('replaces a custom role wholesale, raises its version and audits before and after', async () => {
    const created = await createRole(role('Reviewers'));
    const result = await api.graphql(UPDATE, {
      variables: {
        id: created.id,
        version: created.version,
        input: role('Senior Reviewers', { permissions: [{ permission: 'dashboards', access: 'EDIT', scope: 'ASSIGNED_QUEUES' }] }),
      },
      token,
    });
    expect(result.errors).toBeUndefined();
    const updated = result.data!.updateRole;
    expect(updated).toMatchObject({ name: 'Senior Reviewers', permissions: [{ permission: 'dashboards', access: 'EDIT', scope: 'ASSIGNED_QUEUES' }] });
    expect(updated.version).toBeGreaterThan(created.version);
    const [event] = await api.db.query(`SELECT before, after FROM audit_events WHERE target_id = $1 AND action = 'role.update'`, [created.id]);
    expect(event.before).toMatchObject({ name: 'Reviewers', permissions: [{ permission: 'monitoring.agents', access: 'VIEW', scope: 'ASSIGNED_TEAMS' }] });
    expect(event.after).toMatchObject({ name: 'Senior Reviewers', permissions: [{ permission: 'dashboards' }], assignableRoles: [] });
  });

  it('refuses a stale version with CONFLICT', async () => {
    const created = await createRole(role('Versioned'));
    const first = await api.graphql(UPDATE, { variables: { id: created.id, version: created.version, input: role('Versioned 2') }, token });
    expect(first.errors).toBeUndefined();
    const stale = await api.graphql(UPDATE, { variables: { id: created.id, version: created.version, input: role('Versioned 3') }, token });
    expect(stale.errors![0].extensions!.code).toBe('CONFLICT');
    expect(stale.errors![0].message).toContain('The role "Versioned 2" was changed by someone else');
  });

  it('refuses renaming a default role', async () => {
    const manager = (await rolesOf()).find((r) => r.name === 'Manager')!;
    const result = await api.graphql(UPDATE, { variables: { id: manager.id, version: manager.version, input: { ...inputOf(manager), name: 'Boss' } }, token });
    expectBadInput(result, 'name', /^Default roles cannot be renamed/);
  });

  it.each(['Admin', 'Agent'])('refuses changing the permissions of %s', async (name) => {
    const fixed = (await rolesOf()).find((r) => r.name === name)!;
    const input = { ...inputOf(fixed), permissions: fixed.permissions.slice(1) };
    const result = await api.graphql(UPDATE, { variables: { id: fixed.id, version: fixed.version, input }, token });
    expectBadInput(result, 'permissions', `The ${name} role cannot be changed; create a custom role with the permissions you need`);
    expect((await rolesOf()).find((r) => r.name === name)!.permissions).toHaveLength(fixed.permissions.length);
  });

  it('edits a manager role, taking effect on a holder’s next request', async () => {
    const own = await createTestTenant(api.db, 'mgr');
    const adminToken = await signIn(api, own.slug, own.adminEmail);
    await addUser(api.db, own, 'lead@mgr.test', ['MANAGER_TEAMS']);
    const holderToken = await signIn(api, own.slug, 'lead@mgr.test');
    expect((await api.graphql(`{ teams { id } }`, { token: holderToken })).errors).toBeUndefined();

    const managerTeams = (await rolesOf(adminToken)).find((r) => r.name === 'Manager Teams')!;
    expect(managerTeams).toMatchObject({ permissionsEditable: true, userCount: 1 });
    const input = { ...inputOf(managerTeams), permissions: managerTeams.permissions.filter((p) => p.permission !== 'teams') };
    const result = await api.graphql(UPDATE, { variables: { id: managerTeams.id, version: managerTeams.version, input }, token: adminToken });
    expect(result.errors).toBeUndefined();

    const denied = await api.graphql(`{ teams { id } }`, { token: holderToken });
    expect(denied.errors![0].extensions!.code).toBe('FORBIDDEN');
    expect(denied.errors![0].message).toContain('Settings - Users & Teams - Teams');
  });
});

describe('deleteRole', () => {
  it('needs confirmation when users hold the role, then takes it from them', async () => {
    const doomed = await createRole(role('Doomed'));
    const userId = await userWithRoles(tenant, 'holder@roles.test', [doomed.id, tenant.roleIds.AGENT]);
    expectBadInput(await api.graphql(DELETE, { variables: { id: doomed.id }, token }), 'confirm', /^1 user holds the role "Doomed".*confirm: true/);

    const result = await api.graphql(DELETE, { variables: { id: doomed.id, confirm: true }, token });
    expect(result).toEqual({ data: { deleteRole: true } });
    expect(await api.db.getRepository(Role).existsBy({ id: doomed.id })).toBe(false);
    expect(await api.db.getRepository(UserRole).findBy({ userId })).toEqual([expect.objectContaining({ roleId: tenant.roleIds.AGENT })]);
    const [event] = await api.db.query(`SELECT before FROM audit_events WHERE target_id = $1 AND action = 'role.delete'`, [doomed.id]);
    expect(event.before).toMatchObject({ name: 'Doomed', users: 1 });
  });

  it('refuses when a holder would be left with no role, naming them', async () => {
    const sole = await createRole(role('Sole Role'));
    await userWithRoles(tenant, 'only-one@roles.test', [sole.id]);
    await userWithRoles(tenant, 'two@roles.test', [sole.id, tenant.roleIds.AGENT]);
    const result = await api.graphql(DELETE, { variables: { id: sole.id, confirm: true }, token });
    expectBadInput(result, 'id', 'Deleting the role "Sole Role" would leave 1 user (only-one@roles.test) with no role; give them another role first');
    expect(await api.db.getRepository(Role).existsBy({ id: sole.id })).toBe(true);
  });

  it('refuses when an API credential would be left with no role', async () => {
    const scripted = await createRole(role('Scripted'));
    const credential = await api.graphql(`mutation($roles: [ID!]) { createApiCredential(name: "nightly", roleIds: $roles) { id } }`, {
      variables: { roles: [scripted.id] },
      token,
    });
    expect(credential.errors).toBeUndefined();
    const result = await api.graphql(DELETE, { variables: { id: scripted.id, confirm: true }, token });
    expectBadInput(result, 'id', /1 API credential \("nightly"\) with no role/);
  });

  it('refuses deleting a default role', async () => {
    expectBadInput(await api.graphql(DELETE, { variables: { id: tenant.roleIds.MANAGER, confirm: true }, token }), 'id', /Default roles cannot be deleted/);
  });
});

describe('reorderRoles', () => {
  it('puts the roles in the given order and refuses an incomplete list', async () => {
    const own = await createTestTenant(api.db, 'order');
    const ownToken = await signIn(api, own.slug, own.adminEmail);
    const ids = (await rolesOf(ownToken)).map((r) => r.id).reverse();
    const result = await api.graphql(`mutation($ids: [ID!]!) { reorderRoles(ids: $ids) { id position } }`, { variables: { ids }, token: ownToken });
    expect(result.errors).toBeUndefined();
    expect(result.data!.reorderRoles).toEqual(ids.map((id, position) => ({ id, position })));
    expect((await rolesOf(ownToken)).map((r) => r.name)).toEqual(['Agent', 'Manager Admin', 'Manager Teams', 'Manager Data', 'Manager', 'Admin']);

    const [event] = await api.db.query(`SELECT after FROM audit_events WHERE tenant_id = $1 AND action = 'role.reorder'`, [own.tenantId]);
    expect(event.after.order[0]).toBe('Agent');

    const partial = await api.graphql(`mutation($ids: [ID!]!) { reorderRoles(ids: $ids) { id } }`, { variables: { ids: ids.slice(1) }, token: ownToken });
    expectBadInput(partial, 'ids', 'List every role exactly once: 1 role missing of 6');
    const foreign = await api.graphql(`mutation($ids: [ID!]!) { reorderRoles(ids: $ids) { id } }`, {
      variables: { ids: [...ids.slice(1), tenant.roleIds.ADMIN] },
      token: ownToken,
    });
    expectBadInput(foreign, 'ids', /is not a role of this tenant/);
  });
});

describe('explainAccess', () => {
  const EXPLAIN = `query($userId: ID!, $permission: String!) {
    explainAccess(userId: $userId, permission: $permission) {
      granted access scope permission { key name } grantedBy { role { name } access scope }
    }
  }`;

  it('shows the union of two roles granting the same permission at different levels and scopes', async () => {
    const auditors = await createRole(role('Auditors', { permissions: [{ permission: 'monitoring.agents', access: 'VIEW', scope: 'ALL' }] }));
    const userId = await userWithRoles(tenant, 'explained@roles.test', [tenant.roleIds.MANAGER_DATA, auditors.id]);
    const result = await api.graphql(EXPLAIN, { variables: { userId, permission: 'monitoring.agents' }, token });
    expect(result).toEqual({
      data: {
        explainAccess: {
          granted: true,
          access: 'EDIT',
          scope: 'ALL',
          permission: { key: 'monitoring.agents', name: 'Monitoring - Agents' },
          grantedBy: [
            { role: { name: 'Manager Data' }, access: 'EDIT', scope: 'ASSIGNED_TEAMS' },
            { role: { name: 'Auditors' }, access: 'VIEW', scope: 'ALL' },
          ],
        },
      },
    });
    const missing = await api.graphql(EXPLAIN, { variables: { userId, permission: 'roles' }, token });
    expect(missing.data!.explainAccess).toMatchObject({ granted: false, access: null, scope: null, grantedBy: [] });
  });

  it('refuses an unknown permission key, and does not find a user of another tenant', async () => {
    const result = await api.graphql(EXPLAIN, { variables: { userId: tenant.adminUserId, permission: 'nope' }, token });
    expectBadInput(result, 'permission', /Unknown permission "nope"/);
    const other = await createTestTenant(api.db, 'other');
    const foreign = await api.graphql(EXPLAIN, { variables: { userId: other.adminUserId, permission: 'roles' }, token });
    expect(foreign.errors![0].extensions!.code).toBe('NOT_FOUND');
  });
});

describe('the roles page', () => {
  it('loads every role with its permissions, assignable roles and user count in a fixed number of queries', async () => {
    const fresh = await createTestTenant(api.db, 'page');
    const freshToken = await signIn(api, fresh.slug, fresh.adminEmail);
    const count = async (as: string) => {
      api.queries.count = 0;
      const roles = await rolesOf(as);
      return { roles: roles.length, queries: api.queries.count };
    };
    const few = await count(freshToken);
    const many = await count(token);
    expect(many.roles).toBeGreaterThan(few.roles);
    expect(many.queries).toBe(few.queries);
    expect(many.queries).toBeLessThanOrEqual(8);
  });
});
