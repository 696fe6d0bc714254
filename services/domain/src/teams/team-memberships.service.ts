import type { DataSource, EntityManager } from 'typeorm';
import type { Actor } from '../access/actor';
import { requirePermission } from '../access/actor';
import { assertReachesTeam, assertReachesUsers } from '../access/scope.service';
import { recordAudit } from '../audit/audit.service';
import { badInput, notFound } from '../errors/app-error';
import { isUuid } from '../shared/ids';
import { Team } from './team.entity';
import { TeamMembership, type TeamRole } from './team-membership.entity';
import { distinctIdsWithinLimit, membersToAdd } from './team.rules';
import { loadPlaceableUsers } from './placeable-users';

/** Who is in a team and how: adding and removing members and managers. */
export class TeamMembershipsService {
  constructor(private readonly db: DataSource) {}

  /**
   * Adds users to a team as members (agents only) or managers; users already in it with that role
   * are left as they are. A team-scoped editor must reach the team and every user named.
   */
  async add(actor: Actor, teamId: string, userIds: readonly string[], role: TeamRole): Promise<Team> {
    requirePermission(actor, 'users.edit.teams', 'EDIT');
    const ids = namedUsers(userIds);
    return this.db.transaction(async (tx) => {
      const team = await lockTeam(tx, actor, teamId);
      const users = await loadPlaceableUsers(tx, actor.tenantId, ids);
      await assertReachesUsers(tx, actor, 'users.edit.teams', 'EDIT', ids);
      const current: { userId: string; role: TeamRole }[] = await tx.query(
        `SELECT user_id AS "userId", role FROM team_memberships WHERE team_id = $1 AND user_id = ANY($2)`,
        [team.id, ids],
      );
      const roleOf = new Map(current.map((m) => [m.userId, m.role]));
      const added = membersToAdd(team.name, role, users.map((u) => ({ ...u, currentRole: roleOf.get(u.id) ?? null })));
      if (added.length > 0) {
        await tx
          .getRepository(TeamMembership)
          .insert(added.map((userId) => ({ teamId: team.id, userId, tenantId: actor.tenantId, role })));
        await recordAudit(tx, actor, {
          action: 'team.members.add',
          targetType: 'team',
          targetId: team.id,
          after: { role, users: users.filter((u) => added.includes(u.id)).map((u) => ({ id: u.id, email: u.email })) },
        });
      }
      return team;
    });
  }

  /** Removes users from a team, whether members or managers; users not in it are ignored. */
  async remove(actor: Actor, teamId: string, userIds: readonly string[]): Promise<Team> {
    requirePermission(actor, 'users.edit.teams', 'EDIT');
    const ids = namedUsers(userIds);
    return this.db.transaction(async (tx) => {
      const team = await lockTeam(tx, actor, teamId);
      const users = await loadPlaceableUsers(tx, actor.tenantId, ids);
      await assertReachesUsers(tx, actor, 'users.edit.teams', 'EDIT', ids);
      const [removed]: [{ userId: string; role: TeamRole }[], number] = await tx.query(
        `DELETE FROM team_memberships WHERE team_id = $1 AND user_id = ANY($2) RETURNING user_id AS "userId", role`,
        [team.id, ids],
      );
      if (removed.length > 0) {
        const emailOf = new Map(users.map((u) => [u.id, u.email]));
        await recordAudit(tx, actor, {
          action: 'team.members.remove',
          targetType: 'team',
          targetId: team.id,
          before: { users: removed.map((m) => ({ id: m.userId, email: emailOf.get(m.userId), role: m.role })) },
        });
      }
      return team;
    });
  }
}

function namedUsers(userIds: readonly string[]): string[] {
  const ids = distinctIdsWithinLimit(userIds, 'userIds');
  if (ids.length === 0) throw badInput('userIds', 'Name at least one user');
  return ids;
}

/**
 * The team, row-locked so membership changes of one team (and its deletion) run one at a time;
 * NOT_FOUND outside the tenant, FORBIDDEN when the actor's scope does not reach it.
 */
async function lockTeam(tx: EntityManager, actor: Actor, teamId: string): Promise<Team> {
  if (!isUuid(teamId)) throw notFound('Team');
  const team = await tx
    .getRepository(Team)
    .findOne({ where: { id: teamId, tenantId: actor.tenantId }, lock: { mode: 'pessimistic_write' } });
  if (!team) throw notFound('Team');
  await assertReachesTeam(tx, actor, 'users.edit.teams', 'EDIT', team.id);
  return team;
}
