import type { DataSource } from 'typeorm';
import { In } from 'typeorm';
import { Team } from './team.entity';
import { TeamMembership, type TeamRole } from './team-membership.entity';
import type { User } from '../users/user.entity';
import type { Actor } from '../access/actor';
import { requirePermission } from '../access/actor';
import { usersHiddenFrom } from '../access/scope.service';
import { memberCounts, type TeamWithUsers } from './team.rules';

/** A user directly in a team. */
export interface TeamMember {
  user: User;
  role: TeamRole;
}

/** One memberCount question: a team's direct users, or the distinct users of its whole subtree. */
export interface MemberCountKey {
  teamId: string;
  includeSubteams: boolean;
}

/**
 * Batch loaders for what hangs off teams: one query per batch, whatever its size.
 * The api wraps them in per-request DataLoaders.
 */
export class TeamRelations {
  constructor(private readonly db: DataSource) {}

  /**
   * Users assigned directly to each team (not through sub-teams), by email, limited to those the actor
   * may see under "View Users" (as `users` lists them); FORBIDDEN without that permission.
   */
  async membersOfTeams(actor: Actor, teamIds: readonly string[]): Promise<TeamMember[][]> {
    requirePermission(actor, 'users.view');
    const rows = await this.db.getRepository(TeamMembership).find({
      where: { tenantId: actor.tenantId, teamId: In([...teamIds]) },
      relations: { user: true },
      order: { user: { emailKey: 'ASC' } },
    });
    const hidden = await usersHiddenFrom(this.db.manager, actor, rows.map((r) => r.userId));
    const byTeam = new Map<string, TeamMember[]>(teamIds.map((id) => [id, []]));
    for (const row of rows) if (!hidden.has(row.userId)) byTeam.get(row.teamId)?.push({ user: row.user!, role: row.role });
    return teamIds.map((id) => byTeam.get(id)!);
  }

  /** The direct sub-teams of each team, by name. */
  async childrenOfTeams(tenantId: string, teamIds: readonly string[]): Promise<Team[][]> {
    const children = await this.db.getRepository(Team).find({ where: { tenantId, parentId: In([...teamIds]) }, order: { name: 'ASC' } });
    return teamIds.map((id) => children.filter((c) => c.parentId === id));
  }

  /** Distinct users of each team, directly or in its whole subtree: one query for the batch, then counting. */
  async memberCounts(tenantId: string, keys: readonly MemberCountKey[]): Promise<number[]> {
    const subtreeRoots = keys.filter((k) => k.includeSubteams).map((k) => k.teamId);
    const teams: TeamWithUsers[] = await this.db.query(
      `WITH RECURSIVE below(id) AS (
         SELECT id FROM teams WHERE tenant_id = $1 AND id = ANY($3::uuid[])
         UNION
         SELECT c.id FROM teams c JOIN below b ON c.parent_id = b.id
       )
       SELECT t.id, t.parent_id AS "parentId",
              COALESCE(array_agg(m.user_id::text) FILTER (WHERE m.user_id IS NOT NULL), '{}') AS "userIds"
         FROM teams t LEFT JOIN team_memberships m ON m.team_id = t.id
        WHERE t.tenant_id = $1 AND (t.id = ANY($2::uuid[]) OR t.id IN (SELECT id FROM below))
        GROUP BY t.id`,
      [tenantId, keys.map((k) => k.teamId), subtreeRoots],
    );
    return memberCounts(teams, keys);
  }
}
