import type { DataSource } from 'typeorm';
import { In } from 'typeorm';
import { teamSubtree, type TeamNode } from '../access/team-scope';
import type { Actor } from '../access/actor';
import { requirePermission } from '../access/actor';
import { usersHiddenFrom } from '../access/scope.service';
import type { Team } from '../teams/team.entity';
import type { User } from '../users/user.entity';
import { holdsAgentPermission } from '../teams/placeable-users';
import { QueueAssignment } from './queue-assignment.entity';
import { agentCountsByQueue, type PlacedUser } from './queue.rules';

/**
 * Batch loaders for what hangs off queues: a fixed number of queries per batch, whatever its size.
 * The api wraps them in per-request DataLoaders.
 */
export class QueueRelations {
  constructor(private readonly db: DataSource) {}

  /** Users assigned directly to each queue that the viewer may see, by email. */
  async usersOfQueues(actor: Actor, queueIds: readonly string[]): Promise<User[][]> {
    requirePermission(actor, 'users.view');
    const rows = await this.db.getRepository(QueueAssignment).find({
      where: { tenantId: actor.tenantId, queueId: In([...queueIds]) },
      relations: { user: true },
      order: { user: { emailKey: 'ASC' } },
    });
    // Only the users the viewer may see under "View Users", as in team member lists.
    const hidden = await usersHiddenFrom(this.db.manager, actor, rows.flatMap((r) => (r.userId ? [r.userId] : [])));
    return queueIds.map((id) => rows.filter((r) => r.queueId === id && r.user && !hidden.has(r.user.id)).map((r) => r.user!));
  }

  /** Teams assigned to each queue, by name. */
  async teamsOfQueues(tenantId: string, queueIds: readonly string[]): Promise<Team[][]> {
    const rows = await this.db.getRepository(QueueAssignment).find({
      where: { tenantId, queueId: In([...queueIds]) },
      relations: { team: true },
      order: { team: { name: 'ASC' } },
    });
    return queueIds.map((id) => rows.filter((r) => r.queueId === id && r.team).map((r) => r.team!));
  }

  /**
   * Active agents (holders of the adapter permission) each queue reaches: assigned directly, or in
   * an assigned team or any of its sub-teams, as member or manager; each agent counted once.
   */
  async agentCounts(tenantId: string, queueIds: readonly string[]): Promise<number[]> {
    const [assignments, teams]: [QueueAssignment[], TeamNode[]] = await Promise.all([
      this.db.getRepository(QueueAssignment).findBy({ tenantId, queueId: In([...queueIds]) }),
      this.db.query(`SELECT id, parent_id AS "parentId" FROM teams WHERE tenant_id = $1`, [tenantId]),
    ]);
    if (assignments.length === 0) return queueIds.map(() => 0);
    const reachedTeams = teamSubtree(teams, assignments.flatMap((a) => (a.teamId ? [a.teamId] : [])));
    const agents: PlacedUser[] = await this.db.query(
      `SELECT u.id, COALESCE(array_agg(m.team_id::text) FILTER (WHERE m.team_id IS NOT NULL), '{}') AS "teamIds"
         FROM users u LEFT JOIN team_memberships m ON m.user_id = u.id
        WHERE u.tenant_id = $1 AND u.status = 'ACTIVE'
          AND ${holdsAgentPermission('u.id')}
          AND (u.id = ANY($2::uuid[])
               OR EXISTS (SELECT 1 FROM team_memberships t WHERE t.user_id = u.id AND t.team_id = ANY($3::uuid[])))
        GROUP BY u.id`,
      [tenantId, assignments.flatMap((a) => (a.userId ? [a.userId] : [])), [...reachedTeams]],
    );
    return agentCountsByQueue(queueIds, agents, teams, assignments);
  }
}
