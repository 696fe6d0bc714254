import type { DataSource, EntityManager } from 'typeorm';
import { In } from 'typeorm';
import type { Actor } from '../access/actor';
import { requirePermission } from '../access/actor';
import type { PermissionScope } from '../access/permission-catalogue';
import { assertReachesUsers, teamRestriction } from '../access/scope.service';
import { recordAudit } from '../audit/audit.service';
import { badInput, notFound } from '../errors/app-error';
import { isUuid } from '../shared/ids';
import { Team } from '../teams/team.entity';
import { loadPlaceableUsers } from '../teams/placeable-users';
import { placementProblem, type PlaceableUser } from '../teams/team.rules';
import { QueueAssignment } from './queue-assignment.entity';
import type { Queue } from './queue.entity';
import { lockQueue } from './queues.service';
import { assignmentTargets } from './queue.rules';
import { assertUserTeamsInReach } from '../users/user.rules';

interface Targets {
  users: PlaceableUser[];
  teams: Team[];
}

/** Which agents and teams a queue is assigned to (a team's queues reach its sub-teams' agents too). */
export class QueueAssignmentsService {
  constructor(private readonly db: DataSource) {}

  /**
   * Assigns agents and/or teams to a queue; those already assigned stay as they are. A team-scoped
   * editor may only name users and teams within the teams they manage.
   */
  async assign(actor: Actor, queueId: string, userIds?: readonly string[] | null, teamIds?: readonly string[] | null): Promise<Queue> {
    const scope = requirePermission(actor, 'queues', 'EDIT');
    const named = assignmentTargets(userIds, teamIds);
    return this.db.transaction(async (tx) => {
      const queue = await lockQueue(tx, actor.tenantId, queueId);
      const { users, teams } = await loadTargets(tx, actor, scope, named);
      for (const user of users) {
        const problem = placementProblem(user, true, `queue "${queue.name}"`);
        if (problem) throw badInput('userIds', problem);
      }
      const existing = await tx.getRepository(QueueAssignment).findBy({ queueId: queue.id });
      const newUsers = users.filter((u) => !existing.some((a) => a.userId === u.id));
      const newTeams = teams.filter((t) => !existing.some((a) => a.teamId === t.id));
      if (newUsers.length + newTeams.length === 0) return queue;
      await tx.getRepository(QueueAssignment).insert([
        ...newUsers.map((u) => ({ tenantId: actor.tenantId, queueId: queue.id, userId: u.id, teamId: null })),
        ...newTeams.map((t) => ({ tenantId: actor.tenantId, queueId: queue.id, userId: null, teamId: t.id })),
      ]);
      await recordAudit(tx, actor, {
        action: 'queue.assign',
        targetType: 'queue',
        targetId: queue.id,
        after: { users: newUsers.map((u) => ({ id: u.id, email: u.email })), teams: newTeams.map((t) => ({ id: t.id, name: t.name })) },
      });
      return queue;
    });
  }

  /** Takes agents and/or teams off a queue; those not assigned to it are ignored. */
  async unassign(actor: Actor, queueId: string, userIds?: readonly string[] | null, teamIds?: readonly string[] | null): Promise<Queue> {
    const scope = requirePermission(actor, 'queues', 'EDIT');
    const named = assignmentTargets(userIds, teamIds);
    return this.db.transaction(async (tx) => {
      const queue = await lockQueue(tx, actor.tenantId, queueId);
      const { users, teams } = await loadTargets(tx, actor, scope, named);
      const [removed]: [{ userId: string | null; teamId: string | null }[], number] = await tx.query(
        `DELETE FROM queue_assignments WHERE queue_id = $1 AND (user_id = ANY($2::uuid[]) OR team_id = ANY($3::uuid[]))
         RETURNING user_id AS "userId", team_id AS "teamId"`,
        [queue.id, named.userIds, named.teamIds],
      );
      if (removed.length === 0) return queue;
      await recordAudit(tx, actor, {
        action: 'queue.unassign',
        targetType: 'queue',
        targetId: queue.id,
        before: {
          users: users.filter((u) => removed.some((r) => r.userId === u.id)).map((u) => ({ id: u.id, email: u.email })),
          teams: teams.filter((t) => removed.some((r) => r.teamId === t.id)).map((t) => ({ id: t.id, name: t.name })),
        },
      });
      return queue;
    });
  }
}

/** The named users and teams of the tenant (NOT_FOUND otherwise), checked against a team-scoped reach. */
async function loadTargets(
  tx: EntityManager,
  actor: Actor,
  scope: PermissionScope,
  named: { userIds: string[]; teamIds: string[] },
): Promise<Targets> {
  const users = await loadPlaceableUsers(tx, actor.tenantId, named.userIds);
  if (!named.teamIds.every(isUuid)) throw notFound('Team');
  const teams = named.teamIds.length ? await tx.getRepository(Team).findBy({ tenantId: actor.tenantId, id: In(named.teamIds) }) : [];
  if (teams.length !== named.teamIds.length) throw notFound('Team');
  const reach = await teamRestriction(tx, actor, scope);
  assertUserTeamsInReach(reach && new Set(reach), teams, 'queues', false);
  await assertReachesUsers(tx, actor, 'queues', 'EDIT', named.userIds);
  return { users, teams };
}
