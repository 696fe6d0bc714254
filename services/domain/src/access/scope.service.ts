import type { EntityManager } from 'typeorm';
import type { Actor } from './actor';
import type { PermissionScope } from './permission-catalogue';

/**
 * The teams a team-scoped permission reaches: the teams the actor manages and all their sub-teams.
 * One recursive query; an API credential manages no team.
 */
export async function reachableTeamIds(db: EntityManager, actor: Actor): Promise<string[]> {
  if (!actor.userId) return [];
  const rows: { id: string }[] = await db.query(
    `WITH RECURSIVE reach(id) AS (
       SELECT team_id FROM team_memberships WHERE user_id = $1 AND tenant_id = $2 AND role = 'MANAGER'
       UNION
       SELECT t.id FROM teams t JOIN reach r ON t.parent_id = r.id
     )
     SELECT id FROM reach`,
    [actor.userId, actor.tenantId],
  );
  return rows.map((row) => row.id);
}

/** Team ids a query must be restricted to, or null when the scope reaches everyone. */
export async function teamRestriction(db: EntityManager, actor: Actor, scope: PermissionScope): Promise<string[] | null> {
  return scope === 'ALL' ? null : reachableTeamIds(db, actor);
}
