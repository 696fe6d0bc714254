import { defaultRole, type DefaultRoleKey, type PermissionGrant } from '../access/default-roles';
import { findPermission, type AccessLevel, type PermissionScope } from '../access/permission-catalogue';
import { badInput } from '../errors/app-error';

/** Custom roles a tenant may have, besides the six default roles. */
export const MAX_CUSTOM_ROLES = 100;
export const ROLE_NAME_MAX = 20;
export const ROLE_LABEL_MAX = 16;

const COLOR_PATTERN = /^#[0-9a-f]{6}$/i;

/** One permission as a client asks a role to grant it; scope defaults to ALL. */
export interface PermissionGrantInput {
  permission: string;
  access: AccessLevel;
  scope?: PermissionScope | null;
}

/** What createRole and updateRole receive: the whole role, replacing what was there. */
export interface RoleInput {
  name: string;
  label: string;
  color: string;
  permissions: PermissionGrantInput[];
  assignableRoleIds?: string[] | null;
}

/** A role's editable state, as validated input or as stored. */
export interface RoleState {
  name: string;
  label: string;
  color: string;
  permissions: PermissionGrant[];
  assignableRoleIds: string[];
}

/** Trims and checks a role's fields against the limits and the catalogue; BAD_USER_INPUT naming the field otherwise. */
export function validateRoleInput(input: RoleInput): RoleState {
  const name = checkText(input.name, 'name', 'Role name', ROLE_NAME_MAX);
  const label = checkText(input.label, 'label', 'Label', ROLE_LABEL_MAX);
  const color = input.color.trim().toLowerCase();
  if (!COLOR_PATTERN.test(color)) throw badInput('color', `Color must be a hex color like #1d4ed8, not "${input.color}"`);
  const permissions = checkGrants(input.permissions);
  const assignableRoleIds = [...new Set(input.assignableRoleIds ?? [])];
  if (assignableRoleIds.length > 0 && !permissions.some((grant) => grant.permission === 'users.edit')) {
    throw badInput(
      'assignableRoleIds',
      `Assignable roles apply only to roles with the permission "${findPermission('users.edit')!.name}"; grant it or leave assignable roles empty`,
    );
  }
  return { name, label, color, permissions, assignableRoleIds };
}

// Counted in code points, as PostgreSQL's varchar limit counts them.
function checkText(value: string, field: string, what: string, max: number): string {
  const trimmed = value.trim();
  const length = [...trimmed].length;
  if (length === 0 || length > max) throw badInput(field, `${what} must be 1 to ${max} characters (it has ${length})`);
  return trimmed;
}

function checkGrants(grants: readonly PermissionGrantInput[]): PermissionGrant[] {
  const seen = new Set<string>();
  return grants.map((grant) => {
    const definition = findPermission(grant.permission);
    if (!definition) throw badInput('permissions', `Unknown permission "${grant.permission}"; the permissions query lists them all`);
    const scope = grant.scope ?? 'ALL';
    const named = `"${definition.key}" (${definition.name})`;
    if (seen.has(definition.key)) throw badInput('permissions', `Permission ${named} is listed more than once`);
    seen.add(definition.key);
    if (!definition.hasLevels && grant.access !== 'EDIT') {
      throw badInput('permissions', `Permission ${named} has no View or Edit levels; grant it with access EDIT`);
    }
    if (!definition.scopes.includes(scope)) {
      throw badInput('permissions', `Permission ${named} cannot be limited to ${scope}; it allows ${definition.scopes.join(', ')}`);
    }
    return { permission: definition.key, access: grant.access, scope };
  });
}

/** Throws BAD_USER_INPUT unless no other role of the tenant has the name, ignoring case. */
export function assertRoleNameFree(name: string, roles: readonly { id: string; name: string }[], selfId: string | null): void {
  const key = name.toLowerCase();
  const taken = roles.find((role) => role.id !== selfId && role.name.toLowerCase() === key);
  if (taken) throw badInput('name', `A role named "${taken.name}" already exists; role names must be unique`);
}

/** Throws BAD_USER_INPUT when the tenant already has the maximum number of custom roles. */
export function assertCustomRoleRoom(customRoleCount: number): void {
  if (customRoleCount >= MAX_CUSTOM_ROLES) {
    throw badInput('input', `A tenant can have at most ${MAX_CUSTOM_ROLES} custom roles; delete one before creating another`);
  }
}

/** Throws BAD_USER_INPUT naming the field unless every assignable role id is a role of the tenant. */
export function assertKnownRoles(ids: readonly string[], tenantRoleIds: readonly string[]): void {
  const known = new Set(tenantRoleIds);
  const unknown = ids.find((id) => !known.has(id));
  if (unknown !== undefined) throw badInput('assignableRoleIds', `Assignable role ${unknown} is not a role of this tenant`);
}

/** A new role goes to the bottom of the list. */
export function nextRolePosition(positions: readonly number[]): number {
  return positions.length === 0 ? 0 : Math.max(...positions) + 1;
}

/** Whether the role's permissions may be edited: custom and manager roles yes, Admin and Agent no. */
export function permissionsEditable(defaultKey: DefaultRoleKey | null): boolean {
  return defaultKey === null || defaultRole(defaultKey).permissionsEditable;
}

/** Throws BAD_USER_INPUT unless the change keeps a default role's name, label and color, and Admin's and Agent's permissions. */
export function assertDefaultRoleChange(defaultKey: DefaultRoleKey | null, current: RoleState, next: RoleState): void {
  if (defaultKey === null) return;
  for (const field of ['name', 'label', 'color'] as const) {
    if (current[field] !== next[field]) throw badInput(field, `Default roles cannot be renamed: keep the ${field} "${current[field]}"`);
  }
  if (permissionsEditable(defaultKey)) return;
  const refusal = `The ${current.name} role cannot be changed; create a custom role with the permissions you need`;
  if (!sameGrants(current.permissions, next.permissions)) throw badInput('permissions', refusal);
  if (!sameIds(current.assignableRoleIds, next.assignableRoleIds)) throw badInput('assignableRoleIds', refusal);
}

/** Whether two states are the same role: nothing to save. */
export function sameRoleState(a: RoleState, b: RoleState): boolean {
  return (
    a.name === b.name &&
    a.label === b.label &&
    a.color === b.color &&
    sameGrants(a.permissions, b.permissions) &&
    sameIds(a.assignableRoleIds, b.assignableRoleIds)
  );
}

/** Whether two role states grant the same permissions: when not, the role's holders act differently from then on. */
export function sameGrants(a: readonly PermissionGrant[], b: readonly PermissionGrant[]): boolean {
  const text = (grants: readonly PermissionGrant[]) => grants.map((g) => `${g.permission}:${g.access}:${g.scope}`).sort().join(',');
  return text(a) === text(b);
}

function sameIds(a: readonly string[], b: readonly string[]): boolean {
  return [...a].sort().join(',') === [...b].sort().join(',');
}

/** Throws BAD_USER_INPUT for a default role: every tenant keeps all six. */
export function assertDeletable(role: { name: string; defaultKey: DefaultRoleKey | null }): void {
  if (role.defaultKey !== null) throw badInput('id', `Default roles cannot be deleted ("${role.name}" is one)`);
}

/** Someone holding the role to be deleted: a user (by email) or an API credential (by name). */
export interface RoleHolder {
  name: string;
  /** How many other roles they hold. */
  otherRoles: number;
}

/**
 * Throws BAD_USER_INPUT unless the role can be deleted: no holder may be left without a role
 * (field "id", naming them), and when anyone holds it the caller must confirm (field "confirm").
 */
export function assertRoleDeletion(
  roleName: string,
  users: readonly RoleHolder[],
  credentials: readonly RoleHolder[],
  confirm: boolean,
): void {
  const strandedUsers = users.filter((u) => u.otherRoles === 0).map((u) => u.name);
  const strandedCredentials = credentials.filter((c) => c.otherRoles === 0).map((c) => `"${c.name}"`);
  if (strandedUsers.length > 0 || strandedCredentials.length > 0) {
    const who = [
      strandedUsers.length > 0 ? `${count(strandedUsers.length, 'user')} (${shortList(strandedUsers)})` : null,
      strandedCredentials.length > 0 ? `${count(strandedCredentials.length, 'API credential')} (${shortList(strandedCredentials)})` : null,
    ].filter((part) => part !== null);
    throw badInput(
      'id',
      `Deleting the role "${roleName}" would leave ${who.join(' and ')} with no role; give them another role first`,
    );
  }
  if ((users.length > 0 || credentials.length > 0) && !confirm) {
    const holders = [
      users.length > 0 ? count(users.length, 'user') : null,
      credentials.length > 0 ? count(credentials.length, 'API credential') : null,
    ].filter((part) => part !== null);
    throw badInput(
      'confirm',
      `${holders.join(' and ')} ${users.length + credentials.length === 1 ? 'holds' : 'hold'} the role "${roleName}"; deleting it takes it away from them. Send confirm: true to delete it`,
    );
  }
}

const count = (n: number, noun: string) => `${n} ${noun}${n === 1 ? '' : 's'}`;

/** The first few names, then "and N more". */
function shortList(names: readonly string[], shown = 5): string {
  const head = names.slice(0, shown).join(', ');
  return names.length > shown ? `${head} and ${names.length - shown} more` : head;
}

/** Throws BAD_USER_INPUT (field "ids") unless `ids` lists every role of the tenant exactly once. */
export function assertCompleteOrder(ids: readonly string[], tenantRoleIds: readonly string[]): void {
  const known = new Set(tenantRoleIds);
  const seen = new Set<string>();
  for (const id of ids) {
    if (!known.has(id)) throw badInput('ids', `${id} is not a role of this tenant`);
    if (seen.has(id)) throw badInput('ids', `Role ${id} is listed more than once`);
    seen.add(id);
  }
  if (seen.size !== known.size) {
    throw badInput('ids', `List every role exactly once: ${count(known.size - seen.size, 'role')} missing of ${known.size}`);
  }
}
