import { effectivePermissions } from '../access/effective-permissions';
import { parseHeader, teamColumnIndex } from './bulk-columns.rules';
import { planRow, type BulkContext, type ExistingUser } from './bulk-row.rules';

const AGENT = { id: '00000000-0000-4000-8000-000000000001', name: 'Agent', isAgent: true };
const ADMIN = { id: '00000000-0000-4000-8000-000000000002', name: 'Admin', isAgent: false };
const TEAM = { id: '00000000-0000-4000-8000-0000000000a1', name: 'Support' };
// "Tier 1" under Sales (the older) and under Support.
const SALES = { id: '00000000-0000-4000-8000-0000000000a2', parentId: null, name: 'Sales' };
const SALES_TIER_1 = { id: '00000000-0000-4000-8000-0000000000a3', parentId: SALES.id, name: 'Tier 1' };
const SUPPORT_TIER_1 = { id: '00000000-0000-4000-8000-0000000000a4', parentId: TEAM.id, name: 'Tier 1' };
const grant = (permission: string) => ({ roleId: ADMIN.id, roleName: 'Admin', permission, access: 'EDIT', scope: 'ALL' }) as never;
const ALL = ['users.create', 'users.edit', 'users.edit.name', 'users.edit.status', 'users.edit.roles', 'users.edit.teams', 'users.edit.email'];

const existing: ExistingUser = {
  id: '00000000-0000-4000-8000-0000000000b1',
  snapshot: {
    email: 'kim@x.co',
    agentId: null,
    firstName: 'Kim',
    lastName: 'Lo',
    alias: 'Kim Lo',
    status: 'ACTIVE',
    location: null,
    chatConcurrency: null,
    chatConcurrencyEnabled: false,
    roles: [AGENT.id],
    teams: [],
  },
  placements: [],
  teamRoles: [],
};

function context(permissions = ALL): BulkContext {
  return {
    permissions: effectivePermissions(permissions.map(grant)),
    maxChatConcurrency: 5,
    foundingAdminId: null,
    adminRoleId: ADMIN.id,
    roles: new Map([['agent', AGENT], ['admin', ADMIN]]),
    teams: teamColumnIndex([{ ...TEAM, parentId: null }, SALES, SALES_TIER_1, SUPPORT_TIER_1]),
    locations: new Map(),
    assignableRoleIds: new Set([AGENT.id]),
    createReach: null,
    teamsReach: null,
    scopedReach: null,
    existing: new Map([['kim@x.co', existing]]),
  };
}

const plan = (header: string[], cells: string[], ctx = context()) => {
  const result = planRow(parseHeader(header).columns, cells, ctx);
  return { kind: result.plan?.kind ?? null, errors: result.errors.map((e) => `${e.column?.header ?? '-'}: ${e.message}`) };
};

describe('planRow', () => {
  it('classifies create, update (with the fields that change) and unchanged', () => {
    expect(plan(['Email', 'First name', 'Last name', 'Role: Agent', 'Team: Support'], ['new@x.co', 'N', 'U', '1', '1'])).toEqual({ kind: 'create', errors: [] });
    const update = planRow(parseHeader(['Email', 'First name']).columns, ['KIM@x.co', 'Kimberly'], context());
    expect(update.plan).toMatchObject({ kind: 'update', changed: ['firstName'] });
    expect(plan(['Email', 'First name', 'Role: Agent'], ['kim@x.co', 'Kim', '1'])).toEqual({ kind: 'unchanged', errors: [] });
  });

  it('refuses a role the uploader may not assign and a change without the column permission', () => {
    expect(plan(['Email', 'Role: Admin'], ['kim@x.co', '1']).errors).toEqual([
      'Role: Admin: You may not assign the role "Admin": your roles do not include it among their assignable roles',
    ]);
    expect(plan(['Email', 'Status'], ['kim@x.co', 'Inactive'], context(['users.edit'])).errors).toEqual([
      'Status: You may not change the column "Status": you need the permission "Settings - Users & Teams - Edit User - Status" (Edit)',
    ]);
  });

  it('refuses a change whose field permission is limited to teams the user is not in, naming the column', () => {
    const teamScoped = { roleId: ADMIN.id, roleName: 'Admin', permission: 'users.edit.status', access: 'EDIT', scope: 'ASSIGNED_TEAMS' } as never;
    const ctx = {
      ...context(),
      permissions: effectivePermissions([grant('users.edit'), grant('users.edit.name'), teamScoped]),
      scopedReach: new Set([TEAM.id]),
    };
    expect(plan(['Email', 'Status'], ['kim@x.co', 'Inactive'], ctx)).toEqual({
      kind: null,
      errors: [
        'Status: You may not change the column "Status" of kim@x.co: Your permission "Settings - Users & Teams - Edit User - Status" reaches only the teams you manage and their sub-teams',
      ],
    });
    // Fields whose permission reaches everyone still change.
    expect(plan(['Email', 'First name'], ['kim@x.co', 'Kimberly'], ctx)).toEqual({ kind: 'update', errors: [] });
    ctx.existing = new Map([['kim@x.co', { ...existing, placements: [{ userId: existing.id, teamId: TEAM.id }] }]]);
    expect(plan(['Email', 'Status'], ['kim@x.co', 'Inactive'], ctx)).toEqual({ kind: 'update', errors: [] });
  });

  it('refuses more than 10 roles, and a team member without an agent role', () => {
    expect(plan(['Email', 'Role: Agent'], ['kim@x.co', '0']).errors).toEqual(['Role: Agent: A user must have 1 to 10 roles (0 given)']);
    const ctx = context();
    ctx.assignableRoleIds = new Set([...ctx.assignableRoleIds, ADMIN.id]);
    expect(plan(['Email', 'First name', 'Last name', 'Role: Admin', 'Team: Support'], ['n@x.co', 'N', 'U', '1', '1'], ctx).errors[0]).toContain(
      'has no agent permission',
    );
  });

  it('puts a user in the team a Team column names by its path, and takes them out of it', () => {
    const ctx = context();
    const row = planRow(parseHeader(['Email', 'Team: support / tier 1']).columns, ['kim@x.co', '1'], ctx);
    expect(row).toMatchObject({ errors: [], plan: { kind: 'update', changed: ['teams'], after: { teams: [SUPPORT_TIER_1.id] } } });
    const member = { ...existing, snapshot: { ...existing.snapshot, teams: [SUPPORT_TIER_1.id] }, teamRoles: [{ teamId: SUPPORT_TIER_1.id, role: 'MEMBER' as const }] };
    ctx.existing = new Map([['kim@x.co', member]]);
    expect(planRow(parseHeader(['Email', 'Team: Sales / Tier 1', 'Team: Support / Tier 1']).columns, ['kim@x.co', '0', '1'], ctx).plan?.kind).toBe('unchanged');
    expect(planRow(parseHeader(['Email', 'Team: Support / Tier 1']).columns, ['kim@x.co', '0'], ctx).plan).toMatchObject({ kind: 'update', after: { teams: [] } });
  });

  it('refuses a cell of a column naming a team name several teams share, or no team', () => {
    expect(plan(['Email', 'Team: Tier 1'], ['kim@x.co', '1']).errors).toEqual([
      'Team: Tier 1: Team "Tier 1" is the name of 2 teams: name the column by the team\'s path, such as "Team: Sales / Tier 1"',
    ]);
    expect(plan(['Email', 'Team: Sales / Tier 2'], ['kim@x.co', '1']).errors).toEqual(['Team: Sales / Tier 2: Sales / Tier 2 must exist']);
  });

  it('keeps an invited user invited when the export says Active', () => {
    const ctx = context();
    ctx.existing = new Map([['kim@x.co', { ...existing, snapshot: { ...existing.snapshot, status: 'INVITED' } }]]);
    expect(plan(['Email', 'Status'], ['kim@x.co', 'Active'], ctx)).toEqual({ kind: 'unchanged', errors: [] });
  });
});
