import {
  MAX_CUSTOM_ROLES,
  assertCompleteOrder,
  assertCustomRoleRoom,
  assertDefaultRoleChange,
  assertDeletable,
  assertKnownRoles,
  assertRoleDeletion,
  assertRoleNameFree,
  nextRolePosition,
  permissionsEditable,
  sameRoleState,
  validateRoleInput,
  type RoleInput,
  type RoleState,
} from './role.rules';

const input = (overrides: Partial<RoleInput> = {}): RoleInput => ({
  name: 'Quality',
  label: 'QA',
  color: '#1D4ED8',
  permissions: [{ permission: 'monitoring.agents', access: 'VIEW', scope: 'ASSIGNED_TEAMS' }],
  ...overrides,
});

/** The error a rule throws, for asserting its code, field and message. */
function errorOf(run: () => unknown): { code?: string; field?: string; message?: string } {
  try {
    run();
  } catch (error) {
    return error as { code: string; field: string; message: string };
  }
  throw new Error('expected the rule to throw');
}

describe('validateRoleInput', () => {
  it('trims, lower-cases the color, defaults scope to ALL and dedupes assignable roles', () => {
    const state = validateRoleInput(
      input({
        name: '  Quality ',
        permissions: [{ permission: 'users.edit', access: 'EDIT' }],
        assignableRoleIds: ['a', 'a', 'b'],
      }),
    );
    expect(state).toEqual({
      name: 'Quality',
      label: 'QA',
      color: '#1d4ed8',
      permissions: [{ permission: 'users.edit', access: 'EDIT', scope: 'ALL' }],
      assignableRoleIds: ['a', 'b'],
    });
  });

  it('accepts names of exactly 20 and labels of exactly 16 characters, counting code points', () => {
    const state = validateRoleInput(input({ name: 'x'.repeat(20), label: '𝒜'.repeat(16) }));
    expect(state.name).toBe('x'.repeat(20));
    expect(state.label).toBe('𝒜'.repeat(16));
  });

  it.each([
    [{ name: 'x'.repeat(21) }, 'name', 'Role name must be 1 to 20 characters (it has 21)'],
    [{ name: '   ' }, 'name', 'Role name must be 1 to 20 characters (it has 0)'],
    [{ label: 'x'.repeat(17) }, 'label', 'Label must be 1 to 16 characters (it has 17)'],
    [{ color: 'blue' }, 'color', 'Color must be a hex color like #1d4ed8, not "blue"'],
    [{ color: '#12345' }, 'color', 'Color must be a hex color like #1d4ed8, not "#12345"'],
  ])('refuses %j naming the field', (overrides, field, message) => {
    expect(errorOf(() => validateRoleInput(input(overrides)))).toMatchObject({ code: 'BAD_USER_INPUT', field, message });
  });

  it.each([
    [[{ permission: 'nope.nothing', access: 'EDIT' }], 'Unknown permission "nope.nothing"'],
    [[{ permission: 'users.view', access: 'VIEW' }], '"users.view" (Settings - Users & Teams - View Users) has no View or Edit levels'],
    [[{ permission: 'roles', access: 'EDIT', scope: 'ASSIGNED_TEAMS' }], '"roles" (Settings - Users & Teams - Roles & Permissions) cannot be limited to ASSIGNED_TEAMS'],
    [[{ permission: 'teams', access: 'EDIT', scope: 'ASSIGNED_QUEUES' }], 'cannot be limited to ASSIGNED_QUEUES; it allows ALL, ASSIGNED_TEAMS'],
    [
      [
        { permission: 'teams', access: 'VIEW' },
        { permission: 'teams', access: 'EDIT' },
      ],
      '"teams" (Settings - Users & Teams - Teams) is listed more than once',
    ],
  ] as [RoleInput['permissions'], string][])('refuses permissions %j naming the key', (permissions, message) => {
    const error = errorOf(() => validateRoleInput(input({ permissions })));
    expect(error).toMatchObject({ code: 'BAD_USER_INPUT', field: 'permissions' });
    expect(error.message).toContain(message);
  });

  it('lets dashboards be limited to assigned queues', () => {
    const state = validateRoleInput(input({ permissions: [{ permission: 'dashboards', access: 'EDIT', scope: 'ASSIGNED_QUEUES' }] }));
    expect(state.permissions[0].scope).toBe('ASSIGNED_QUEUES');
  });

  it('refuses assignable roles on a role without Edit User', () => {
    const error = errorOf(() => validateRoleInput(input({ assignableRoleIds: ['some-role'] })));
    expect(error).toMatchObject({ code: 'BAD_USER_INPUT', field: 'assignableRoleIds' });
    expect(error.message).toContain('Settings - Users & Teams - Edit User');
  });
});

describe('role limits and names', () => {
  it('allows the 100th custom role and refuses the 101st', () => {
    expect(() => assertCustomRoleRoom(MAX_CUSTOM_ROLES - 1)).not.toThrow();
    expect(errorOf(() => assertCustomRoleRoom(MAX_CUSTOM_ROLES)).message).toContain('at most 100 custom roles');
  });

  it('compares names ignoring case, but lets a role keep its own name', () => {
    const roles = [{ id: '1', name: 'Admin' }, { id: '2', name: 'Quality' }];
    expect(errorOf(() => assertRoleNameFree('admin', roles, null))).toMatchObject({
      field: 'name',
      message: 'A role named "Admin" already exists; role names must be unique',
    });
    expect(() => assertRoleNameFree('QUALITY', roles, '2')).not.toThrow();
  });

  it('refuses assignable roles of another tenant', () => {
    expect(errorOf(() => assertKnownRoles(['1', 'x'], ['1', '2']))).toMatchObject({ field: 'assignableRoleIds' });
  });

  it('puts a new role at the bottom', () => {
    expect(nextRolePosition([0, 5, 2])).toBe(6);
    expect(nextRolePosition([])).toBe(0);
  });
});

describe('default roles', () => {
  const state = (overrides: Partial<RoleState> = {}): RoleState => ({
    name: 'Admin',
    label: 'Admin',
    color: '#b91c1c',
    permissions: [{ permission: 'roles', access: 'EDIT', scope: 'ALL' }],
    assignableRoleIds: ['a', 'b'],
    ...overrides,
  });

  it('says which roles have editable permissions', () => {
    expect(permissionsEditable(null)).toBe(true);
    expect(permissionsEditable('MANAGER_TEAMS')).toBe(true);
    expect(permissionsEditable('ADMIN')).toBe(false);
    expect(permissionsEditable('AGENT')).toBe(false);
  });

  it.each(['name', 'label', 'color'] as const)('refuses renaming a default role (%s)', (field) => {
    const error = errorOf(() => assertDefaultRoleChange('MANAGER', state(), state({ [field]: '#000000' })));
    expect(error).toMatchObject({ code: 'BAD_USER_INPUT', field });
    expect(error.message).toContain('Default roles cannot be renamed');
  });

  it('refuses any permission or assignable change of Admin, allows the same state back', () => {
    expect(errorOf(() => assertDefaultRoleChange('ADMIN', state(), state({ permissions: [] })))).toMatchObject({
      field: 'permissions',
      message: 'The Admin role cannot be changed; create a custom role with the permissions you need',
    });
    expect(errorOf(() => assertDefaultRoleChange('ADMIN', state(), state({ assignableRoleIds: ['a'] }))).field).toBe('assignableRoleIds');
    expect(() => assertDefaultRoleChange('ADMIN', state(), state({ assignableRoleIds: ['b', 'a'] }))).not.toThrow();
  });

  it('lets manager roles change permissions and custom roles change everything', () => {
    expect(() => assertDefaultRoleChange('MANAGER_DATA', state(), state({ permissions: [] }))).not.toThrow();
    expect(() => assertDefaultRoleChange(null, state(), state({ name: 'Renamed', permissions: [] }))).not.toThrow();
  });

  it('compares states regardless of order', () => {
    const a = state({ permissions: [{ permission: 'roles', access: 'EDIT', scope: 'ALL' }, { permission: 'teams', access: 'VIEW', scope: 'ALL' }] });
    const b = state({ permissions: [...a.permissions].reverse(), assignableRoleIds: ['b', 'a'] });
    expect(sameRoleState(a, b)).toBe(true);
    expect(sameRoleState(a, state({ permissions: [{ permission: 'roles', access: 'VIEW', scope: 'ALL' }] }))).toBe(false);
  });

  it('refuses deleting a default role', () => {
    expect(errorOf(() => assertDeletable({ name: 'Agent', defaultKey: 'AGENT' })).message).toBe('Default roles cannot be deleted ("Agent" is one)');
    expect(() => assertDeletable({ name: 'Quality', defaultKey: null })).not.toThrow();
  });
});

describe('assertRoleDeletion', () => {
  const holder = (name: string, otherRoles = 1) => ({ name, otherRoles });

  it('deletes a role no one holds without confirmation', () => {
    expect(() => assertRoleDeletion('Quality', [], [], false)).not.toThrow();
  });

  it('asks for confirmation, saying how many hold the role', () => {
    expect(errorOf(() => assertRoleDeletion('Quality', [holder('a@x.test'), holder('b@x.test')], [holder('sync')], false))).toMatchObject({
      field: 'confirm',
      message: '2 users and 1 API credential hold the role "Quality"; deleting it takes it away from them. Send confirm: true to delete it',
    });
    expect(errorOf(() => assertRoleDeletion('Quality', [holder('a@x.test')], [], false)).message).toMatch(/^1 user holds/);
    expect(() => assertRoleDeletion('Quality', [holder('a@x.test')], [], true)).not.toThrow();
  });

  it('refuses, even confirmed, when holders would be left with no role, naming the first few', () => {
    const users = ['a', 'b', 'c', 'd', 'e', 'f', 'g'].map((n) => holder(`${n}@x.test`, 0));
    expect(errorOf(() => assertRoleDeletion('Quality', [...users, holder('ok@x.test')], [], true))).toMatchObject({
      field: 'id',
      message:
        'Deleting the role "Quality" would leave 7 users (a@x.test, b@x.test, c@x.test, d@x.test, e@x.test and 2 more) with no role; give them another role first',
    });
    expect(errorOf(() => assertRoleDeletion('Quality', [], [holder('sync', 0)], true)).message).toContain('1 API credential ("sync")');
  });
});

describe('assertCompleteOrder', () => {
  const roles = ['r1', 'r2', 'r3'];

  it('accepts every role once, in any order', () => {
    expect(() => assertCompleteOrder(['r3', 'r1', 'r2'], roles)).not.toThrow();
  });

  it.each([
    [['r1', 'r2'], 'List every role exactly once: 1 role missing of 3'],
    [['r1', 'r2', 'r2'], 'Role r2 is listed more than once'],
    [['r1', 'r2', 'r3', 'other'], 'other is not a role of this tenant'],
  ])('refuses %j', (ids, message) => {
    expect(errorOf(() => assertCompleteOrder(ids, roles))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'ids', message });
  });
});
