import type { EntityManager } from 'typeorm';
import type { Actor } from '../access/actor';
import { allows, effectivePermissions } from '../access/effective-permissions';
import { reachableTeamIds } from '../access/scope.service';
import { USER_FIELD_PERMISSIONS, type PermissionKey } from '../access/permission-catalogue';
import type { TeamRole } from '../teams/team-membership.entity';
import type { UserStatus } from '../users/user.entity';
import { teamColumnIndex, type TeamColumnIndex } from './bulk-columns.rules';
import type { BulkJob } from './bulk-job.entity';
import type { BulkContext, ExistingUser } from './bulk-row.rules';

/** The tenant-wide part of a BulkContext (everything but the batch's users). */
export type TenantContext = Omit<BulkContext, 'existing'>;

/**
 * The uploader of a job as an Actor with their current permissions, so the worker applies the
 * same permission rules as the api; null when the user or credential no longer acts.
 */
export async function uploaderActor(tx: EntityManager, job: BulkJob): Promise<Actor | null> {
  const grants: { roleId: string; roleName: string; permission: string; access: string; scope: string }[] = job.uploadedByUserId
    ? await tx.query(
        `SELECT r.id AS "roleId", r.name AS "roleName", rp.permission, rp.access, rp.scope
           FROM users u JOIN user_roles ur ON ur.user_id = u.id JOIN roles r ON r.id = ur.role_id
           JOIN role_permissions rp ON rp.role_id = r.id
          WHERE u.id = $1 AND u.tenant_id = $2 AND u.status = 'ACTIVE'`,
        [job.uploadedByUserId, job.tenantId],
      )
    : await tx.query(
        `SELECT r.id AS "roleId", r.name AS "roleName", rp.permission, rp.access, rp.scope
           FROM api_credentials c JOIN api_credential_roles cr ON cr.credential_id = c.id JOIN roles r ON r.id = cr.role_id
           JOIN role_permissions rp ON rp.role_id = r.id
          WHERE c.id = $1 AND c.tenant_id = $2 AND c.revoked_at IS NULL`,
        [job.uploadedByCredentialId, job.tenantId],
      );
  if (grants.length === 0) return null;
  return {
    tenantId: job.tenantId,
    userId: job.uploadedByUserId,
    sessionId: null,
    credentialId: job.uploadedByCredentialId,
    permissions: effectivePermissions(grants as Parameters<typeof effectivePermissions>[0]),
  };
}

/** Reads the roles, teams, locations, limits and the actor's reach once per job phase. */
export async function loadTenantContext(tx: EntityManager, actor: Actor): Promise<TenantContext> {
  const [tenant]: { maxChatConcurrency: number; foundingAdminId: string | null }[] = await tx.query(
    `SELECT max_chat_concurrency AS "maxChatConcurrency", founding_admin_id AS "foundingAdminId" FROM tenants WHERE id = $1`,
    [actor.tenantId],
  );
  const roles: { id: string; name: string; defaultKey: string | null; isAgent: boolean }[] = await tx.query(
    `SELECT r.id, r.name, r.default_key AS "defaultKey",
            EXISTS (SELECT 1 FROM role_permissions p WHERE p.role_id = r.id AND p.permission = 'adapter.work') AS "isAgent"
       FROM roles r WHERE r.tenant_id = $1`,
    [actor.tenantId],
  );
  const teams = await loadTeamColumnIndex(tx, actor.tenantId);
  const locations: { id: string; name: string }[] = await tx.query(`SELECT id, name FROM locations WHERE tenant_id = $1`, [actor.tenantId]);
  const editUserRoles = actor.permissions.get('users.edit')?.grantedBy.map((grant) => grant.roleId) ?? [];
  const assignable: { id: string }[] = await tx.query(
    `SELECT assignable_role_id AS id FROM role_assignable_roles WHERE tenant_id = $1 AND role_id = ANY($2::uuid[])`,
    [actor.tenantId, editUserRoles],
  );
  const scoped = (p: PermissionKey) => allows(actor.permissions, p, 'EDIT') && actor.permissions.get(p)!.scope !== 'ALL';
  const needsReach = (['users.create', 'users.edit', ...Object.values(USER_FIELD_PERMISSIONS)] as PermissionKey[]).some(scoped);
  const reach = needsReach ? new Set(await reachableTeamIds(tx, actor)) : null;
  const reachOf = (p: PermissionKey) => (scoped(p) ? reach : null);
  return {
    permissions: actor.permissions,
    maxChatConcurrency: tenant.maxChatConcurrency,
    foundingAdminId: tenant.foundingAdminId,
    adminRoleId: roles.find((r) => r.defaultKey === 'ADMIN')?.id,
    roles: byLowerName(roles),
    teams,
    locations: new Map(locations.map((l) => [l.name.toLowerCase(), l.id])),
    assignableRoleIds: new Set(assignable.map((a) => a.id)),
    createReach: reachOf('users.create'),
    teamsReach: reachOf('users.edit.teams'),
    scopedReach: reach,
  };
}

/** All the tenant's teams, indexed as Team columns name them (by path, or by a name only one team has). */
export async function loadTeamColumnIndex(tx: EntityManager, tenantId: string): Promise<TeamColumnIndex> {
  const teams: { id: string; name: string; parentId: string | null }[] = await tx.query(
    `SELECT id, name, parent_id AS "parentId" FROM teams WHERE tenant_id = $1`,
    [tenantId],
  );
  return teamColumnIndex(teams);
}

function byLowerName<T extends { name: string }>(rows: readonly T[]): Map<string, T> {
  return new Map(rows.map((row) => [row.name.toLowerCase(), row]));
}

/**
 * The tenant's users with these email keys, with roles and placements: three queries per batch.
 * With `lock`, the users' rows stay locked (in id order) until the transaction ends.
 */
export async function loadExistingUsers(
  tx: EntityManager,
  tenantId: string,
  emailKeys: readonly string[],
  { lock = false } = {},
): Promise<Map<string, ExistingUser>> {
  const users: {
    id: string;
    emailKey: string;
    email: string;
    agentId: string | null;
    firstName: string;
    lastName: string;
    alias: string;
    status: UserStatus;
    locationId: string | null;
    chatConcurrency: number | null;
    chatConcurrencyEnabled: boolean;
  }[] = await tx.query(
    `SELECT id, email_key AS "emailKey", email, agent_id AS "agentId", first_name AS "firstName", last_name AS "lastName", alias, status,
            location_id AS "locationId", chat_concurrency AS "chatConcurrency", chat_concurrency_enabled AS "chatConcurrencyEnabled"
       FROM users WHERE tenant_id = $1 AND email_key = ANY($2::text[])${lock ? ' ORDER BY id FOR UPDATE' : ''}`,
    [tenantId, [...new Set(emailKeys)]],
  );
  const ids = users.map((u) => u.id);
  const roles: { userId: string; roleId: string }[] = ids.length
    ? await tx.query(`SELECT user_id AS "userId", role_id AS "roleId" FROM user_roles WHERE user_id = ANY($1::uuid[]) ORDER BY role_id`, [ids])
    : [];
  const teams: { userId: string; teamId: string; role: TeamRole }[] = ids.length
    ? await tx.query(`SELECT user_id AS "userId", team_id AS "teamId", role FROM team_memberships WHERE user_id = ANY($1::uuid[]) ORDER BY team_id`, [ids])
    : [];
  const rolesOf = group(roles, (r) => r.userId);
  const teamsOf = group(teams, (t) => t.userId);
  return new Map(
    users.map((u) => {
      const placements = teamsOf.get(u.id) ?? [];
      return [
        u.emailKey,
        {
          id: u.id,
          snapshot: {
            email: u.email,
            agentId: u.agentId,
            firstName: u.firstName,
            lastName: u.lastName,
            alias: u.alias,
            status: u.status,
            location: u.locationId,
            chatConcurrency: u.chatConcurrency,
            chatConcurrencyEnabled: u.chatConcurrencyEnabled,
            roles: (rolesOf.get(u.id) ?? []).map((r) => r.roleId),
            teams: placements.map((p) => p.teamId),
          },
          placements: placements.map((p) => ({ userId: u.id, teamId: p.teamId })),
          teamRoles: placements.map(({ teamId, role }) => ({ teamId, role })),
        },
      ];
    }),
  );
}

function group<T>(rows: readonly T[], key: (row: T) => string): Map<string, T[]> {
  const map = new Map<string, T[]>();
  for (const row of rows) {
    const list = map.get(key(row));
    if (list) list.push(row);
    else map.set(key(row), [row]);
  }
  return map;
}
