import type { EntityManager } from 'typeorm';
import type { Actor } from '../access/actor';
import { requirePermission } from '../access/actor';
import { reachableTeamIds } from '../access/scope.service';
import type { PermissionKey } from '../access/permission-catalogue';
import type { TeamRole } from '../teams/team-membership.entity';
import { badInput, forbidden } from '../errors/app-error';
import { isUuid } from '../shared/ids';
import type { User } from './user.entity';
import { assertRoleCount, emailKey, unassignableRoleMessage, unassignableRoles, type UserSnapshot } from './user.rules';

/** A role as user edits need it. */
export interface CheckedRole {
  id: string;
  name: string;
  defaultKey: string | null;
  /** Grants the agent adapter (so its holders may be team members). */
  isAgent: boolean;
}

/** A user's team placement. */
export interface MembershipRow {
  teamId: string;
  role: TeamRole;
}

/** A user's editable state and their team placements, read inside the caller's transaction. */
export async function readSnapshot(tx: EntityManager, user: User): Promise<{ snapshot: UserSnapshot; placements: MembershipRow[] }> {
  // One after the other: a transaction is one connection.
  const roles: { roleId: string }[] = await tx.query(`SELECT role_id AS "roleId" FROM user_roles WHERE user_id = $1 ORDER BY role_id`, [user.id]);
  const placements: MembershipRow[] = await tx.query(`SELECT team_id AS "teamId", role FROM team_memberships WHERE user_id = $1 ORDER BY team_id`, [
    user.id,
  ]);
  return {
    snapshot: {
      email: user.email,
      agentId: user.agentId,
      firstName: user.firstName,
      lastName: user.lastName,
      alias: user.alias,
      status: user.status,
      location: user.locationId,
      chatConcurrency: user.chatConcurrency,
      chatConcurrencyEnabled: user.chatConcurrencyEnabled,
      roles: roles.map((r) => r.roleId),
      teams: placements.map((p) => p.teamId),
    },
    placements,
  };
}

/**
 * Checks the roles a user will hold: 1 to 10, all of the tenant, and every one in `added` among the
 * roles the actor may assign (those assignable by the roles that give the actor Edit User; an API
 * credential's roles count the same way). Returns the roles.
 */
export async function checkRoles(tx: EntityManager, actor: Actor, roleIds: readonly string[], added: readonly string[]): Promise<CheckedRole[]> {
  assertRoleCount(roleIds);
  if (roleIds.some((id) => !isUuid(id))) throw badInput('roleIds', 'Every role must exist');
  const roles: CheckedRole[] = await tx.query(
    `SELECT r.id, r.name, r.default_key AS "defaultKey",
            EXISTS (SELECT 1 FROM role_permissions p WHERE p.role_id = r.id AND p.permission = 'adapter.work') AS "isAgent"
       FROM roles r WHERE r.tenant_id = $1 AND r.id = ANY($2::uuid[])`,
    [actor.tenantId, [...new Set(roleIds)]],
  );
  if (roles.length !== new Set(roleIds).size) throw badInput('roleIds', 'Every role must exist');
  if (added.length === 0) return roles;
  const editUserRoles = actor.permissions.get('users.edit')?.grantedBy.map((grant) => grant.roleId) ?? [];
  const assignable: { id: string }[] = await tx.query(
    `SELECT assignable_role_id AS id FROM role_assignable_roles WHERE tenant_id = $1 AND role_id = ANY($2::uuid[])`,
    [actor.tenantId, editUserRoles],
  );
  const [refused] = unassignableRoles(added, new Set(assignable.map((row) => row.id)));
  if (refused) {
    const name = roles.find((role) => role.id === refused)?.name ?? refused;
    throw forbidden(unassignableRoleMessage(name));
  }
  return roles;
}

/** The named teams of the tenant; BAD_USER_INPUT on `field` when one does not exist. */
export async function teamsByIds(
  tx: EntityManager,
  tenantId: string,
  ids: readonly string[],
  field: string,
): Promise<{ id: string; name: string }[]> {
  if (ids.length === 0) return [];
  if (ids.some((id) => !isUuid(id))) throw badInput(field, 'Every team must exist');
  const teams: { id: string; name: string }[] = await tx.query(`SELECT id, name FROM teams WHERE tenant_id = $1 AND id = ANY($2::uuid[])`, [
    tenantId,
    [...new Set(ids)],
  ]);
  if (teams.length !== new Set(ids).size) throw badInput(field, 'Every team must exist');
  return teams;
}

/** Throws BAD_USER_INPUT on "locationId" unless the location is none or one of the tenant's. */
export async function assertLocationExists(tx: EntityManager, tenantId: string, locationId: string | null | undefined): Promise<void> {
  if (locationId == null) return;
  const found = isUuid(locationId) && (await tx.query(`SELECT 1 FROM locations WHERE tenant_id = $1 AND id = $2`, [tenantId, locationId])).length > 0;
  if (!found) throw badInput('locationId', 'The location does not exist');
}

/** Throws BAD_USER_INPUT on "email" when another user of the tenant has it, ignoring case. */
export async function assertEmailFree(tx: EntityManager, tenantId: string, email: string, exceptUserId: string | null): Promise<void> {
  const taken = await tx.query(`SELECT 1 FROM users WHERE tenant_id = $1 AND email_key = $2 AND id IS DISTINCT FROM $3`, [
    tenantId,
    emailKey(email),
    exceptUserId,
  ]);
  if (taken.length > 0) throw badInput('email', `The email ${email.trim()} is already taken by another user`);
}

/** Requires `permission` (EDIT) and returns the teams it reaches, or null when it reaches all. */
export async function teamReach(tx: EntityManager, actor: Actor, permission: PermissionKey): Promise<Set<string> | null> {
  const scope = requirePermission(actor, permission, 'EDIT');
  return scope === 'ALL' ? null : new Set(await reachableTeamIds(tx, actor));
}
