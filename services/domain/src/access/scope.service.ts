import type { EntityManager } from 'typeorm';
import type { Actor } from './actor';
import { requirePermission } from './actor';
import type { AccessLevel, PermissionKey, PermissionScope } from './permission-catalogue';
import { teamScopeMessage, teamSubtree, usersOutsideTeams, type Placement, type TeamNode } from './team-scope';
import { forbidden } from '../errors/app-error';

/**
 * The teams a team-scoped permission reaches: the teams the actor manages and all their sub-teams.
 * An API credential manages no team.
 */
export async function reachableTeamIds(db: EntityManager, actor: Actor): Promise<string[]> {
  if (!actor.userId) return [];
  // One after the other: callers often pass a transaction's manager, whose one connection runs one query at a time.
  const teams: TeamNode[] = await db.query(`SELECT id, parent_id AS "parentId" FROM teams WHERE tenant_id = $1`, [actor.tenantId]);
  const managed: { teamId: string }[] = await db.query(
    `SELECT team_id AS "teamId" FROM team_memberships WHERE user_id = $1 AND tenant_id = $2 AND role = 'MANAGER'`,
    [actor.userId, actor.tenantId],
  );
  return [...teamSubtree(teams, managed.map((m) => m.teamId))];
}

/** Team ids a query must be restricted to, or null when the scope reaches everyone. */
export async function teamRestriction(db: EntityManager, actor: Actor, scope: PermissionScope): Promise<string[] | null> {
  return scope === 'ALL' ? null : reachableTeamIds(db, actor);
}

/**
 * Throws FORBIDDEN unless the actor holds `permission` at `level` and its scope reaches every one of
 * the users (a user is reached through any team they are in). The message names the first user outside.
 */
export async function assertReachesUsers(
  db: EntityManager,
  actor: Actor,
  permission: PermissionKey,
  level: AccessLevel,
  userIds: readonly string[],
): Promise<void> {
  const scope = requirePermission(actor, permission, level);
  if (scope === 'ALL' || userIds.length === 0) return;
  const reachable = await reachableTeamIds(db, actor);
  const placements: Placement[] = await db.query(
    `SELECT user_id AS "userId", team_id AS "teamId" FROM team_memberships WHERE user_id = ANY($1) AND tenant_id = $2`,
    [userIds, actor.tenantId],
  );
  const outside = usersOutsideTeams(userIds, placements, new Set(reachable));
  if (outside.length === 0) return;
  const [user]: { email: string }[] = await db.query(`SELECT email FROM users WHERE id = $1`, [outside[0]]);
  throw forbidden(`${teamScopeMessage(permission)}: ${user?.email ?? 'a user you named'} is not in them`);
}

/** Throws FORBIDDEN unless the actor holds `permission` at `level` and its scope reaches the team. */
export async function assertReachesTeam(
  db: EntityManager,
  actor: Actor,
  permission: PermissionKey,
  level: AccessLevel,
  teamId: string,
): Promise<void> {
  const scope = requirePermission(actor, permission, level);
  if (scope === 'ALL') return;
  if (!(await reachableTeamIds(db, actor)).includes(teamId)) throw forbidden(`${teamScopeMessage(permission)}`);
}

/**
 * Of the given users, those the actor may not see under "View Users" (FORBIDDEN without it):
 * with a team scope, the users in none of the teams within reach. One query for the whole list.
 */
export async function usersHiddenFrom(db: EntityManager, actor: Actor, userIds: readonly string[]): Promise<Set<string>> {
  const reach = await teamRestriction(db, actor, requirePermission(actor, 'users.view'));
  const distinct = [...new Set(userIds)];
  if (!reach || distinct.length === 0) return new Set();
  const placements: Placement[] = await db.query(
    `SELECT user_id AS "userId", team_id AS "teamId" FROM team_memberships WHERE tenant_id = $1 AND user_id = ANY($2::uuid[]) AND team_id = ANY($3::uuid[])`,
    [actor.tenantId, distinct, reach],
  );
  return new Set(usersOutsideTeams(distinct, placements, new Set(reach)));
}
