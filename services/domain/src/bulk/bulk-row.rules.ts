import { AppError } from '../errors/app-error';
import { allows, type EffectivePermissions } from '../access/effective-permissions';
import { findPermission, type PermissionKey } from '../access/permission-catalogue';
import { teamScopeMessage, usersOutsideTeams, type Placement } from '../access/team-scope';
import type { TeamRole } from '../teams/team-membership.entity';
import {
  addedIds,
  assertChatConcurrency,
  assertFoundingAdminKeepsAdmin,
  assertMembersAreAgents,
  assertNotFoundingAdmin,
  assertRoleCount,
  assertUserTeamsInReach,
  assertValidEmail,
  changedUserFields,
  editPermissionsFor,
  teamScopedEditPermissions,
  editedSnapshot,
  emailKey,
  statusChange,
  unassignableRoleMessage,
  unassignableRoles,
  validNewUserFields,
  type StatusChange,
  type UserEdit,
  type UserField,
  type UserSnapshot,
} from '../users/user.rules';
import type { UserStatus } from '../users/user.entity';
import { COLUMN_PERMISSIONS, resolveTeamColumn, type BulkColumn, type BulkColumnKind, type TeamColumnIndex, type TeamColumnMatch } from './bulk-columns.rules';

/** The tenant's state a row is checked against (read by the service, batch by batch). */
export interface BulkContext {
  permissions: EffectivePermissions;
  maxChatConcurrency: number;
  foundingAdminId: string | null;
  adminRoleId: string | undefined;
  /** By lower-cased name. */
  roles: ReadonlyMap<string, { id: string; name: string; isAgent: boolean }>;
  /** Every team of the tenant, as Team columns name them (resolveTeamColumn). */
  teams: TeamColumnIndex;
  locations: ReadonlyMap<string, string>;
  /** Roles the uploader may hand out. */
  assignableRoleIds: ReadonlySet<string>;
  /** Teams reached by a team-scoped users.create (null: all). */
  createReach: ReadonlySet<string> | null;
  teamsReach: ReadonlySet<string> | null;
  /** Teams the uploader's team-scoped permissions reach (all reach the same), or null when none is team-scoped. */
  scopedReach: ReadonlySet<string> | null;
  /** Users of the batch's emails and new emails, by email key. */
  existing: ReadonlyMap<string, ExistingUser>;
}

/** A user a row may update, with the state the rules compare against. */
export interface ExistingUser {
  id: string;
  snapshot: UserSnapshot;
  placements: Placement[];
  teamRoles: { teamId: string; role: TeamRole }[];
}

/** One error of a row, naming the column (null: the row as a whole). */
export interface RowError {
  column: BulkColumn | null;
  message: string;
}

/** What a valid row does. */
export type RowPlan =
  | { kind: 'create'; after: UserSnapshot }
  | { kind: 'update'; user: ExistingUser; after: UserSnapshot; changed: UserField[]; statusChange: StatusChange | null }
  | { kind: 'unchanged'; user: ExistingUser };

const STATUS_VALUES: Record<string, UserStatus> = { active: 'ACTIVE', inactive: 'DEACTIVATED' };

// Which column an AppError's field belongs to, for messages thrown by the shared user rules.
const FIELD_COLUMNS: Record<string, BulkColumnKind> = {
  email: 'newEmail',
  firstName: 'firstName',
  lastName: 'lastName',
  alias: 'alias',
  agentId: 'agentId',
  chatConcurrency: 'chatConcurrency',
  chatConcurrencyEnabled: 'chatConcurrencyStatus',
  roleIds: 'role',
  teamIds: 'team',
  status: 'status',
  locationId: 'location',
};

/**
 * Checks one row against the tenant's state with the same rules as createUser and updateUser and
 * says what it would do; every problem names its column in the seed's words.
 */
export function planRow(columns: readonly BulkColumn[], cells: readonly string[], ctx: BulkContext): { plan: RowPlan | null; errors: RowError[] } {
  const errors: RowError[] = [];
  const fail = (column: BulkColumn | null, message: string) => ({ plan: null, errors: [...errors, { column, message }] });
  const col = (kind: BulkColumnKind) => columns.find((c) => c.kind === kind) ?? null;
  const cell = (kind: BulkColumnKind) => {
    const c = col(kind);
    return c ? (cells[c.index - 1] ?? '').trim() : '';
  };
  const guard = <T>(run: () => T, kind: BulkColumnKind | null): T | undefined => {
    try {
      return run();
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      const fieldKind = error.field ? FIELD_COLUMNS[error.field] : undefined;
      errors.push({ column: col(fieldKind ?? kind ?? 'email') ?? null, message: error.message });
      return undefined;
    }
  };

  const email = guard(() => assertValidEmail(cell('email'), 'email'), 'email');
  if (email === undefined) return { plan: null, errors: errors.map((e) => ({ ...e, column: col('email') })) };
  const user = ctx.existing.get(emailKey(email));
  const edit: UserEdit = {};
  const newEmail = cell('newEmail');
  if (newEmail) {
    const checked = guard(() => assertValidEmail(newEmail, 'email'), 'newEmail');
    const holder = checked ? ctx.existing.get(emailKey(checked)) : undefined;
    if (holder && holder.id !== user?.id) errors.push({ column: col('newEmail'), message: 'The email must be unique' });
    edit.email = checked;
  }
  const text = (kind: 'agentId' | 'firstName' | 'lastName' | 'alias') => (cell(kind) ? cell(kind) : undefined);
  edit.agentId = text('agentId');
  edit.firstName = text('firstName');
  edit.lastName = text('lastName');
  edit.alias = text('alias');
  const status = cell('status');
  if (status) {
    if (STATUS_VALUES[status.toLowerCase()]) edit.status = STATUS_VALUES[status.toLowerCase()];
    else errors.push({ column: col('status'), message: 'Status must be "Active", "Inactive", or empty' });
  }
  const location = cell('location');
  if (location) {
    if (location.toLowerCase() === 'null') edit.locationId = null;
    else if (ctx.locations.has(location.toLowerCase())) edit.locationId = ctx.locations.get(location.toLowerCase());
    else errors.push({ column: col('location'), message: 'Location must match an existing location or be Null' });
  }
  const concurrency = cell('chatConcurrency');
  if (concurrency) {
    const value = /^\d+$/.test(concurrency) ? Number(concurrency) : NaN;
    if (!Number.isInteger(value)) errors.push({ column: col('chatConcurrency'), message: `Chat concurrency must be within 1 to ${ctx.maxChatConcurrency} range` });
    else if (guard(() => (assertChatConcurrency(value, ctx.maxChatConcurrency), true), 'chatConcurrency')) edit.chatConcurrency = value;
  }
  const concurrencyStatus = cell('chatConcurrencyStatus');
  if (concurrencyStatus) {
    if (concurrencyStatus === '0' || concurrencyStatus === '1') edit.chatConcurrencyEnabled = concurrencyStatus === '1';
    else errors.push({ column: col('chatConcurrencyStatus'), message: 'Chat concurrency status must be 0, 1, or empty' });
  }
  const roleFlags = flags(columns, cells, 'role', (name) => ctx.roles.get(name.toLowerCase()) ?? `${name} must exist`, errors);
  const teamFlags = flags(columns, cells, 'team', (name) => teamOrProblem(resolveTeamColumn(ctx.teams, name)), errors);
  if (errors.length > 0) return { plan: null, errors };

  const before = user?.snapshot;
  const roles = applyFlags(before?.roles ?? [], roleFlags);
  const teams = applyFlags(before?.teams ?? [], teamFlags);
  if (roleFlags.length > 0) edit.roleIds = roles;
  if (teamFlags.length > 0) edit.teamIds = teams;
  const roleColumn = roleFlags[0]?.column ?? null;
  const teamColumn = teamFlags[0]?.column ?? null;
  const roleOf = (id: string) => [...ctx.roles.values()].find((r) => r.id === id)!;
  const teamOf = (id: string) => ctx.teams.byId.get(id)!;
  const assignable = (added: string[]) => {
    const [refused] = unassignableRoles(added, ctx.assignableRoleIds);
    if (refused) errors.push({ column: roleFlags.find((f) => f.id === refused)?.column ?? roleColumn, message: unassignableRoleMessage(roleOf(refused).name) });
  };

  if (!user) {
    if (!permitted(ctx.permissions, 'users.create')) return fail(null, `You need the permission "${permissionName('users.create')}" (Edit) to create users`);
    const fields = guard(
      () => validNewUserFields({ email, firstName: cell('firstName'), lastName: cell('lastName'), alias: edit.alias, agentId: edit.agentId }),
      null,
    );
    if (edit.status === 'DEACTIVATED') errors.push({ column: col('status'), message: 'A new user cannot be "Inactive"' });
    guard(() => assertRoleCount(roles), 'role');
    assignable(roles);
    guard(() => assertUserTeamsInReach(ctx.createReach, teams.map(teamOf), 'users.create', true), 'team');
    guard(() => assertMembersAreAgents(email, 'INVITED', roles.map(roleOf), teams.map((teamId) => ({ teamId, role: 'MEMBER' as const })), teams.map(teamOf), 'teamIds'), 'team');
    if (!fields || errors.length > 0) return { plan: null, errors };
    const chatConcurrency = edit.chatConcurrency ?? null;
    const after: UserSnapshot = {
      ...fields,
      status: 'INVITED',
      location: edit.locationId ?? null,
      chatConcurrency,
      chatConcurrencyEnabled: edit.chatConcurrencyEnabled ?? chatConcurrency !== null,
      roles,
      teams,
    };
    return { plan: { kind: 'create', after }, errors };
  }

  // "Active" means not deactivated: an invited user stays invited until they accept (exports round-trip).
  if (edit.status === 'ACTIVE' && user.snapshot.status === 'INVITED') delete edit.status;
  const after = guard(() => editedSnapshot(user.snapshot, edit), null);
  if (!after) return { plan: null, errors };
  const changed = changedUserFields(user.snapshot, after);
  if (changed.length === 0) return { plan: { kind: 'unchanged', user }, errors };
  if (!permitted(ctx.permissions, 'users.edit')) return fail(null, `You need the permission "${permissionName('users.edit')}" (Edit) to change users`);
  // As in updateUser, each changed field needs its own edit permission, reaching the user when team-scoped.
  const columnOf = (permission: PermissionKey) => columns.find((c) => COLUMN_PERMISSIONS[c.kind] === permission) ?? null;
  const headerOf = (permission: PermissionKey) => columnOf(permission)?.header ?? permissionName(permission);
  for (const permission of editPermissionsFor(changed).filter((p) => p !== 'users.edit' && !permitted(ctx.permissions, p))) {
    errors.push({ column: columnOf(permission), message: `You may not change the column "${headerOf(permission)}": you need the permission "${permissionName(permission)}" (Edit)` });
  }
  const outOfReach = !!ctx.scopedReach && usersOutsideTeams([user.id], user.placements, ctx.scopedReach).length > 0;
  const scoped = outOfReach ? teamScopedEditPermissions(ctx.permissions, changed).filter((p) => permitted(ctx.permissions, p)) : [];
  // All team scopes reach the same teams: a user outside Edit User's reach gets that one error instead of one per column.
  if (scoped.includes('users.edit')) {
    errors.push({ column: col('email'), message: `${teamScopeMessage('users.edit')}: ${user.snapshot.email} is not in one of them` });
  } else {
    for (const permission of scoped) {
      errors.push({ column: columnOf(permission), message: `You may not change the column "${headerOf(permission)}" of ${user.snapshot.email}: ${teamScopeMessage(permission)}` });
    }
  }
  const change = guard(() => statusChange(user.snapshot.status, after.status), 'status') ?? null;
  if (change === 'deactivate') guard(() => assertNotFoundingAdmin([{ id: user.id, email: user.snapshot.email }], ctx.foundingAdminId, 'status'), 'status');
  if (changed.includes('roles') || changed.includes('teams')) {
    guard(() => assertRoleCount(after.roles), 'role');
    assignable(addedIds(user.snapshot.roles, after.roles));
    if (user.id === ctx.foundingAdminId) guard(() => assertFoundingAdminKeepsAdmin(true, after.roles, ctx.adminRoleId), 'role');
    const touched = [...addedIds(user.snapshot.teams, after.teams), ...addedIds(after.teams, user.snapshot.teams)];
    guard(() => assertUserTeamsInReach(ctx.teamsReach, touched.map(teamOf), 'users.edit.teams', false), 'team');
    const roleIn = (teamId: string) => user.teamRoles.find((p) => p.teamId === teamId)?.role ?? ('MEMBER' as const);
    const placementsAfter = after.teams.map((teamId) => ({ teamId, role: roleIn(teamId) }));
    const field = changed.includes('teams') ? 'teamIds' : 'roleIds';
    guard(() => assertMembersAreAgents(after.email, after.status, after.roles.map(roleOf), placementsAfter, after.teams.map(teamOf), field), null);
  }
  if (errors.length > 0) return { plan: null, errors: errors.map((e) => ({ ...e, column: e.column ?? (e.message.includes('role') ? roleColumn : teamColumn) })) };
  return { plan: { kind: 'update', user, after, changed, statusChange: change }, errors };
}

interface Flag {
  id: string;
  on: boolean;
  column: BulkColumn;
}

/**
 * The 0/1 cells of the role or team columns; another value, or a column naming no role or team
 * (`find` gives why), is an error of that cell.
 */
function flags(
  columns: readonly BulkColumn[],
  cells: readonly string[],
  kind: 'role' | 'team',
  find: (name: string) => { id: string } | string,
  errors: RowError[],
): Flag[] {
  const result: Flag[] = [];
  for (const column of columns.filter((c) => c.kind === kind)) {
    const value = (cells[column.index - 1] ?? '').trim();
    if (value === '') continue;
    if (value !== '0' && value !== '1') {
      errors.push({ column, message: `${column.name} must be 0, 1, or empty` });
      continue;
    }
    const found = find(column.name!);
    if (typeof found === 'string') errors.push({ column, message: found });
    else result.push({ id: found.id, on: value === '1', column });
  }
  return result;
}

const teamOrProblem = (match: TeamColumnMatch) => (match.team === null ? match.message : match.team);

function applyFlags(current: readonly string[], changes: readonly Flag[]): string[] {
  const set = new Set(current);
  for (const change of changes) {
    if (change.on) set.add(change.id);
    else set.delete(change.id);
  }
  return [...set];
}

function permitted(permissions: EffectivePermissions, permission: PermissionKey): boolean {
  return allows(permissions, permission, 'EDIT');
}

function permissionName(permission: PermissionKey): string {
  return findPermission(permission)?.name ?? permission;
}
