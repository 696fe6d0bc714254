import type { EntityManager } from 'typeorm';
import type { Actor } from '../access/actor';
import { requirePermission } from '../access/actor';
import { effectivePermissions, type EffectivePermissions } from '../access/effective-permissions';
import type { AccessLevel, PermissionScope } from '../access/permission-catalogue';
import { teamScopeMessage, teamSubtree, type TeamNode } from '../access/team-scope';
import { forbidden, notFound } from '../errors/app-error';
import { isUuid } from '../shared/ids';

/** The agents a viewer may watch: null means every agent of the tenant. */
export type VisibleAgents = ReadonlySet<string> | null;

/**
 * The agents whose presence the actor may see with "Monitoring - Agents" at `level`, optionally
 * narrowed to one team and its sub-teams. Team scope reaches the members of the teams the actor
 * manages and their sub-teams; queue scope reaches the agents of the queues the actor is assigned
 * to (directly, or through a team assigned to the queue). FORBIDDEN for a team outside the scope.
 */
export async function visibleAgents(db: EntityManager, actor: Actor, teamId?: string | null, level: AccessLevel = 'VIEW'): Promise<VisibleAgents> {
  const scope = requirePermission(actor, 'monitoring.agents', level);
  if (scope === 'ALL' && !teamId) return null;
  const teams: TeamNode[] = await db.query(`SELECT id, parent_id AS "parentId" FROM teams WHERE tenant_id = $1`, [actor.tenantId]);
  let teamIds: Set<string> | null = null;
  if (teamId) {
    if (!isUuid(teamId) || !teams.some((t) => t.id === teamId)) throw notFound('Team');
    teamIds = teamSubtree(teams, [teamId]);
  }
  if (scope === 'ASSIGNED_TEAMS') {
    const reachable = await managedSubtree(db, actor, teams);
    if (teamId && !reachable.has(teamId)) throw forbidden(teamScopeMessage('monitoring.agents'));
    teamIds ??= reachable;
  }
  const members = teamIds ? await membersOf(db, actor.tenantId, [...teamIds]) : null;
  if (scope !== 'ASSIGNED_QUEUES') return members;
  const queued = await queueAgents(db, actor, teams);
  return members ? new Set([...queued].filter((id) => members.has(id))) : queued;
}

/**
 * The tenant's access mark, as an SQL expression: its latest audit event's time in epoch
 * microseconds (0 when it has none). Every change of memberships, roles, teams or users writes an
 * audit event, so a newer mark means visibility may have changed. `tenantParam` is the statement's
 * parameter holding the tenant id, such as `$1`. The function (see its migration) reads with a
 * snapshot of its own, so it sees what committed while the statement waited for a lock.
 */
export function accessMarkSql(tenantParam: string): string {
  return `presence_access_mark(${tenantParam})`;
}

/** A stable key of a visible set: viewers with equal keys see exactly the same agents. */
export function visibilityKey(tenantId: string, visible: VisibleAgents): string {
  return visible === null ? `${tenantId}:all` : `${tenantId}:${[...visible].sort().join(',')}`;
}

/**
 * Where each agent of the tenant is placed on the board: agent id to its team ids, sorted and
 * joined (agents in no team, or never on a board, are absent). Compared between two reads by `movedAgents`.
 */
export type TeamPlacements = ReadonlyMap<string, string>;

/**
 * Reads the placements of the tenant's agents in one statement: only users with a presence (ever on
 * a shift) are on a board, which keeps it small in a tenant of many users; through the tenant's
 * teams, since memberships are indexed by team, not by tenant.
 */
export async function teamPlacements(db: EntityManager, tenantId: string): Promise<TeamPlacements> {
  const rows: { userId: string; teams: string }[] = await db.query(
    `SELECT m.user_id AS "userId", string_agg(m.team_id::text, ',' ORDER BY m.team_id) AS teams
       FROM teams t JOIN team_memberships m ON m.team_id = t.id JOIN agent_presences p ON p.user_id = m.user_id
      WHERE t.tenant_id = $1 GROUP BY m.user_id`,
    [tenantId],
  );
  return new Map(rows.map((r) => [r.userId, r.teams]));
}

/** The agents whose teams differ between two placements: moved, or joined their first team, or left their last. */
export function movedAgents(before: TeamPlacements, after: TeamPlacements): Set<string> {
  const moved = new Set<string>();
  for (const [agentId, teams] of after) if (before.get(agentId) !== teams) moved.add(agentId);
  for (const agentId of before.keys()) if (!after.has(agentId)) moved.add(agentId);
  return moved;
}

/**
 * Re-reads the permissions of a signed-in user or credential (roles may have changed since the
 * socket opened); null when the user is no longer active or the credential was revoked.
 */
export async function currentPermissions(db: EntityManager, actor: Actor): Promise<EffectivePermissions | null> {
  const rows: { role_id: string | null; role_name: string; permission: string | null; access: 'VIEW' | 'EDIT'; scope: PermissionScope }[] =
    actor.userId
      ? await db.query(
          `SELECT r.id AS role_id, r.name AS role_name, rp.permission, rp.access, rp.scope
             FROM users u LEFT JOIN user_roles ur ON ur.user_id = u.id LEFT JOIN roles r ON r.id = ur.role_id
             LEFT JOIN role_permissions rp ON rp.role_id = r.id
            WHERE u.id = $1 AND u.tenant_id = $2 AND u.status = 'ACTIVE'`,
          [actor.userId, actor.tenantId],
        )
      : await db.query(
          `SELECT r.id AS role_id, r.name AS role_name, rp.permission, rp.access, rp.scope
             FROM api_credentials c LEFT JOIN api_credential_roles cr ON cr.credential_id = c.id
             LEFT JOIN roles r ON r.id = cr.role_id LEFT JOIN role_permissions rp ON rp.role_id = r.id
            WHERE c.id = $1 AND c.tenant_id = $2 AND c.revoked_at IS NULL`,
          [actor.credentialId, actor.tenantId],
        );
  if (rows.length === 0) return null;
  return effectivePermissions(
    rows
      .filter((r) => r.role_id !== null && r.permission !== null)
      .map((r) => ({ roleId: r.role_id!, roleName: r.role_name, permission: r.permission!, access: r.access, scope: r.scope })),
  );
}

async function managedSubtree(db: EntityManager, actor: Actor, teams: readonly TeamNode[]): Promise<Set<string>> {
  if (!actor.userId) return new Set();
  const managed: { teamId: string }[] = await db.query(
    `SELECT team_id AS "teamId" FROM team_memberships WHERE user_id = $1 AND tenant_id = $2 AND role = 'MANAGER'`,
    [actor.userId, actor.tenantId],
  );
  return teamSubtree(teams, managed.map((m) => m.teamId));
}

async function membersOf(db: EntityManager, tenantId: string, teamIds: string[]): Promise<Set<string>> {
  const rows: { userId: string }[] = await db.query(
    `SELECT DISTINCT user_id AS "userId" FROM team_memberships WHERE tenant_id = $1 AND team_id = ANY($2::uuid[])`,
    [tenantId, teamIds],
  );
  return new Set(rows.map((r) => r.userId));
}

async function queueAgents(db: EntityManager, actor: Actor, teams: readonly TeamNode[]): Promise<Set<string>> {
  if (!actor.userId) return new Set();
  const assignments: { userId: string | null; teamId: string | null }[] = await db.query(
    `SELECT a.user_id AS "userId", a.team_id AS "teamId" FROM queue_assignments a
      WHERE a.tenant_id = $1 AND a.queue_id IN (SELECT queue_id FROM queue_assignments WHERE user_id = $2)`,
    [actor.tenantId, actor.userId],
  );
  const direct = assignments.filter((a) => a.userId).map((a) => a.userId!);
  const viaTeams = teamSubtree(teams, assignments.filter((a) => a.teamId).map((a) => a.teamId!));
  const members = viaTeams.size > 0 ? await membersOf(db, actor.tenantId, [...viaTeams]) : new Set<string>();
  return new Set([...direct, ...members]);
}
