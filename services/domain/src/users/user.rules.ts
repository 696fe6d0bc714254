import { badInput, forbidden } from '../errors/app-error';
import { teamScopeMessage } from '../access/team-scope';
import type { EffectivePermissions } from '../access/effective-permissions';
import { USER_FIELD_PERMISSIONS, type PermissionKey } from '../access/permission-catalogue';
import type { UserStatus } from './user.entity';
import { placementProblem } from '../teams/team.rules';
import type { TeamRole } from '../teams/team-membership.entity';

// Deliberately simple: one @, no spaces, a dot in the domain. Delivery proves the rest.
const EMAIL_PATTERN = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** The key emails are compared by: trimmed and lower-cased. */
export function emailKey(email: string): string {
  return email.trim().toLowerCase();
}

/** Throws BAD_USER_INPUT naming `field` unless the email looks deliverable. */
export function assertValidEmail(email: string, field = 'email'): string {
  const trimmed = email.trim();
  if (trimmed.length > 254 || !EMAIL_PATTERN.test(trimmed)) throw badInput(field, `"${email}" is not a valid email address`);
  return trimmed;
}

/** The alias a user gets when none is given: first and last name. */
export function defaultAlias(firstName: string, lastName: string): string {
  return `${firstName} ${lastName}`.trim();
}

/** The first extension number handed out in a tenant. */
export const FIRST_EXTENSION = 1000;

/** Longest first name, last name, alias or agent id, as the columns allow. */
export const USER_TEXT_MAX = 100;
/** A user holds 1 to 10 roles. */
export const MIN_USER_ROLES = 1;
export const MAX_USER_ROLES = 10;

/** Trims a required text field; BAD_USER_INPUT naming the field when empty or longer than `max`. */
export function requiredText(value: string, field: string, label: string, max = USER_TEXT_MAX): string {
  const trimmed = value.trim();
  if (trimmed.length === 0) throw badInput(field, `${label} must not be empty`);
  // Counted in code points, as PostgreSQL's varchar limit counts them.
  if ([...trimmed].length > max) throw badInput(field, `${label} must be at most ${max} characters`);
  return trimmed;
}

/** Trims an optional text field; empty means none (null). */
export function optionalText(value: string | null | undefined, field: string, label: string, max = USER_TEXT_MAX): string | null {
  const trimmed = value?.trim() ?? '';
  return trimmed.length === 0 ? null : requiredText(trimmed, field, label, max);
}

/** The alias to store: the given one trimmed, or "first last" when it is empty. */
export function aliasOrDefault(alias: string | null | undefined, firstName: string, lastName: string): string {
  return optionalText(alias, 'alias', 'Alias') ?? defaultAlias(firstName, lastName);
}

/** Throws BAD_USER_INPUT on `roleIds` unless there are 1 to 10 (distinct) roles. */
export function assertRoleCount(roleIds: readonly string[]): void {
  const count = new Set(roleIds).size;
  if (count < MIN_USER_ROLES || count > MAX_USER_ROLES) {
    throw badInput('roleIds', `A user must have ${MIN_USER_ROLES} to ${MAX_USER_ROLES} roles (${count} given)`);
  }
}

/** Throws BAD_USER_INPUT on `chatConcurrency` unless it is null or within 1 to the tenant's maximum. */
export function assertChatConcurrency(value: number | null | undefined, max: number): void {
  if (value == null) return;
  if (!Number.isInteger(value) || value < 1 || value > max) {
    throw badInput('chatConcurrency', `Chat concurrency must be within 1 to ${max} range (${value} given)`);
  }
}

/** The requested roles the actor may not hand out (not among the roles their roles can assign), in request order. */
export function unassignableRoles(requested: readonly string[], assignable: ReadonlySet<string>): string[] {
  return [...new Set(requested)].filter((id) => !assignable.has(id));
}

/** Why the actor may not hand out the named role. */
export function unassignableRoleMessage(roleName: string): string {
  return `You may not assign the role "${roleName}": your roles do not include it among their assignable roles`;
}

/** Roles in `after` that were not in `before`: only those need to be assignable by whoever makes the change. */
export function addedIds(before: readonly string[], after: readonly string[]): string[] {
  const had = new Set(before);
  return [...new Set(after)].filter((id) => !had.has(id));
}

/** The user fields an edit can change, each guarded by its own edit permission. */
export type UserField = keyof typeof USER_FIELD_PERMISSIONS;

/** A user's editable state, compared before and after an edit and written to the audit log. */
export interface UserSnapshot {
  email: string;
  agentId: string | null;
  firstName: string;
  lastName: string;
  alias: string;
  status: UserStatus;
  location: string | null;
  chatConcurrency: number | null;
  chatConcurrencyEnabled: boolean;
  /** Role ids. */
  roles: string[];
  /** Ids of the teams the user is directly in. */
  teams: string[];
}

const sameSet = (a: readonly string[], b: readonly string[]) => a.length === b.length && new Set([...a, ...b]).size === new Set(a).size;

/** The fields whose value differs between two snapshots (roles and teams compared as sets). */
export function changedUserFields(before: UserSnapshot, after: UserSnapshot): UserField[] {
  return (Object.keys(USER_FIELD_PERMISSIONS) as UserField[]).filter((field) => {
    const [a, b] = [before[field], after[field]];
    return Array.isArray(a) && Array.isArray(b) ? !sameSet(a, b) : a !== b;
  });
}

/** What changing these fields takes: Edit User plus each field's own edit permission, without repeats. */
export function editPermissionsFor(fields: readonly UserField[]): PermissionKey[] {
  return [...new Set<PermissionKey>(['users.edit', ...fields.map((field) => USER_FIELD_PERMISSIONS[field])])];
}

/**
 * The edit permissions a change of `fields` needs that the actor holds limited to teams. All of an
 * actor's team scopes reach the same teams (those they manage), so one reach check covers them.
 */
export function teamScopedEditPermissions(permissions: EffectivePermissions, fields: readonly UserField[]): PermissionKey[] {
  return editPermissionsFor(fields).filter((permission) => {
    const grant = permissions.get(permission);
    return grant !== undefined && grant.scope !== 'ALL';
  });
}

/** Only the named fields of a snapshot, for the audit log's before and after. */
export function pickFields(snapshot: UserSnapshot, fields: readonly UserField[]): Record<string, unknown> {
  return Object.fromEntries(fields.map((field) => [field, snapshot[field]]));
}

/** What a status edit does: users move only between ACTIVE (or INVITED) and DEACTIVATED. */
export type StatusChange = 'deactivate' | 'reactivate';

/** The status change an edit asks for, null for none; BAD_USER_INPUT on `status` for any other move. */
export function statusChange(from: UserStatus, to: UserStatus): StatusChange | null {
  if (from === to) return null;
  if (to === 'DEACTIVATED') return 'deactivate';
  if (to === 'ACTIVE' && from === 'DEACTIVATED') return 'reactivate';
  throw badInput(
    'status',
    to === 'INVITED'
      ? 'Status cannot be set to INVITED; resend the invitation instead'
      : 'An invited user becomes ACTIVE by accepting their invitation',
  );
}

/** The status a reactivated user returns to: ACTIVE, or INVITED if they never set a password. */
export function reactivatedStatus(hasPassword: boolean): UserStatus {
  return hasPassword ? 'ACTIVE' : 'INVITED';
}

/** Throws BAD_USER_INPUT unless the founding admin still holds the Admin role after the change. */
export function assertFoundingAdminKeepsAdmin(isFoundingAdmin: boolean, roleIds: readonly string[], adminRoleId: string | undefined): void {
  if (isFoundingAdmin && adminRoleId && !roleIds.includes(adminRoleId)) {
    throw badInput('roleIds', 'The founding admin of the tenant must keep the Admin role');
  }
}

/** Throws BAD_USER_INPUT naming `field` when one of the users to deactivate is the founding admin. */
export function assertNotFoundingAdmin(users: readonly { id: string; email: string }[], foundingAdminId: string | null, field: string): void {
  const founder = users.find((user) => user.id === foundingAdminId);
  if (founder) throw badInput(field, `${founder.email} is the founding admin of the tenant and cannot be deactivated`);
}

/** An edit of a user as a client sends it: undefined leaves a field as it is, null clears a clearable one. */
export interface UserEdit {
  email?: string | null;
  firstName?: string | null;
  lastName?: string | null;
  /** Empty or null: back to the default "first last". */
  alias?: string | null;
  agentId?: string | null;
  locationId?: string | null;
  chatConcurrency?: number | null;
  chatConcurrencyEnabled?: boolean | null;
  roleIds?: string[] | null;
  /** Every team the user is directly in: teams left out are left, new ones are joined as member. */
  teamIds?: string[] | null;
  status?: UserStatus | null;
}

/** The state an edit asks for, validated and trimmed; BAD_USER_INPUT naming the field at fault. */
export function editedSnapshot(before: UserSnapshot, edit: UserEdit): UserSnapshot {
  const firstName = edit.firstName != null ? requiredText(edit.firstName, 'firstName', 'First name') : before.firstName;
  const lastName = edit.lastName != null ? requiredText(edit.lastName, 'lastName', 'Last name') : before.lastName;
  const chatConcurrency = edit.chatConcurrency !== undefined ? edit.chatConcurrency : before.chatConcurrency;
  // Giving a concurrency turns the override on and clearing it turns it off, unless the edit says otherwise.
  const chatConcurrencyEnabled =
    edit.chatConcurrencyEnabled ?? (edit.chatConcurrency !== undefined ? edit.chatConcurrency !== null : before.chatConcurrencyEnabled);
  if (chatConcurrencyEnabled && chatConcurrency === null) {
    throw badInput('chatConcurrencyEnabled', 'Set a chat concurrency before enabling it');
  }
  return {
    email: edit.email != null ? assertValidEmail(edit.email) : before.email,
    agentId: edit.agentId !== undefined ? optionalText(edit.agentId, 'agentId', 'Agent id') : before.agentId,
    firstName,
    lastName,
    alias: edit.alias !== undefined ? aliasOrDefault(edit.alias, firstName, lastName) : before.alias,
    status: edit.status ?? before.status,
    location: edit.locationId !== undefined ? edit.locationId : before.location,
    chatConcurrency,
    chatConcurrencyEnabled,
    roles: edit.roleIds != null ? [...new Set(edit.roleIds)] : before.roles,
    teams: edit.teamIds != null ? [...new Set(edit.teamIds)] : before.teams,
  };
}

/**
 * Throws FORBIDDEN unless a team-scoped permission reaches every one of the teams (`reach` null:
 * it reaches all). With `requireOne`, a team-scoped holder must also name at least one team, so a
 * user they create stays within their reach.
 */
export function assertUserTeamsInReach(
  reach: ReadonlySet<string> | null,
  teams: readonly { id: string; name: string }[],
  permission: PermissionKey,
  requireOne: boolean,
): void {
  if (reach === null) return;
  if (requireOne && teams.length === 0) {
    throw forbidden(`${teamScopeMessage(permission)}: put the new user in at least one of those teams`);
  }
  const outside = teams.find((team) => !reach.has(team.id));
  if (outside) throw forbidden(`${teamScopeMessage(permission)}: "${outside.name}" is not one of them`);
}

/** The person fields of a new user, as a client sends them. */
export interface NewUserFields {
  email: string;
  firstName: string;
  lastName: string;
  alias?: string | null;
  agentId?: string | null;
}

/** The same fields checked: the alias is always set, the agent id may be none. */
export interface ValidNewUserFields {
  email: string;
  firstName: string;
  lastName: string;
  alias: string;
  agentId: string | null;
}

/** The new user's fields validated and trimmed, the alias defaulted; BAD_USER_INPUT naming the field at fault. */
export function validNewUserFields(input: NewUserFields): ValidNewUserFields {
  const firstName = requiredText(input.firstName, 'firstName', 'First name');
  const lastName = requiredText(input.lastName, 'lastName', 'Last name');
  return {
    email: assertValidEmail(input.email),
    firstName,
    lastName,
    alias: aliasOrDefault(input.alias, firstName, lastName),
    agentId: optionalText(input.agentId, 'agentId', 'Agent id'),
  };
}

/** Throws BAD_USER_INPUT on `field` when the user would be a team member without an agent role. */
export function assertMembersAreAgents(
  email: string,
  status: UserStatus,
  roles: readonly { isAgent: boolean }[],
  placements: readonly { teamId: string; role: TeamRole }[],
  teams: readonly { id: string; name: string }[],
  field: string,
): void {
  const isAgent = roles.some((role) => role.isAgent);
  for (const placement of placements.filter((p) => p.role === 'MEMBER')) {
    const team = teams.find((t) => t.id === placement.teamId);
    const problem = placementProblem({ id: '', email, status, isAgent }, true, `"${team?.name}" as a member`);
    if (problem) throw badInput(field, problem);
  }
}
