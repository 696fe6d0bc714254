import type { DataSource, SelectQueryBuilder } from 'typeorm';
import type { Actor } from '../access/actor';
import { requirePermission } from '../access/actor';
import { teamRestriction } from '../access/scope.service';
import { User, type UserStatus } from './user.entity';
import { notFound } from '../errors/app-error';
import { isUuid } from '../shared/ids';
import { decodeCursor, encodeCursor, pageSize, type Page, type PageRequest } from '../shared/pagination';

export interface UserFilter {
  /** Matches name, alias, email or agent id. */
  text?: string | null;
  statuses?: UserStatus[] | null;
  teamId?: string | null;
  roleId?: string | null;
  /** Agents (holders of the adapter permission) with no queue, directly or through a team. */
  notInQueue?: boolean | null;
}

/** Reading users, always within the caller's tenant and team scope. */
export class UsersService {
  constructor(private readonly db: DataSource) {}

  /** A page of users the actor may see, ordered by email. */
  async list(actor: Actor, filter: UserFilter = {}, page: PageRequest = {}): Promise<Page<User>> {
    const first = pageSize(page.first);
    const query = await this.visibleUsers(actor);
    applyFilter(query, filter);
    const totalCount = await query.clone().getCount();
    if (page.after) {
      const [lastKey] = decodeCursor(page.after, 1);
      query.andWhere('user.emailKey > :lastKey', { lastKey: String(lastKey) });
    }
    const rows = await query.orderBy('user.emailKey', 'ASC').limit(first + 1).getMany();
    const nodes = rows.slice(0, first);
    const last = nodes.at(-1);
    return { nodes, totalCount, hasNextPage: rows.length > first, endCursor: last ? encodeCursor([last.emailKey]) : null };
  }

  /** One user the actor may see; NOT_FOUND otherwise (no hint whether it exists elsewhere). */
  async get(actor: Actor, id: string): Promise<User> {
    if (!isUuid(id)) throw notFound('User');
    if (actor.userId === id) return this.db.getRepository(User).findOneByOrFail({ id });
    const user = await (await this.visibleUsers(actor)).andWhere('user.id = :id', { id }).getOne();
    if (!user) throw notFound('User');
    return user;
  }

  /** The signed-in user themself. */
  async me(actor: Actor): Promise<User | null> {
    return actor.userId ? this.db.getRepository(User).findOneBy({ id: actor.userId }) : null;
  }

  private async visibleUsers(actor: Actor): Promise<SelectQueryBuilder<User>> {
    const scope = requirePermission(actor, 'users.view');
    const query = this.db
      .getRepository(User)
      .createQueryBuilder('user')
      .where('user.tenantId = :tenantId', { tenantId: actor.tenantId });
    const teamIds = await teamRestriction(this.db.manager, actor, scope);
    if (teamIds) {
      query.andWhere(
        `EXISTS (SELECT 1 FROM team_memberships scope_m WHERE scope_m.user_id = user.id AND scope_m.team_id = ANY(:scopeTeamIds))`,
        { scopeTeamIds: teamIds },
      );
    }
    return query;
  }
}

function applyFilter(query: SelectQueryBuilder<User>, filter: UserFilter): void {
  const text = filter.text?.trim();
  if (text) {
    const pattern = `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    query.andWhere(
      `(user.firstName || ' ' || user.lastName ILIKE :pattern OR user.alias ILIKE :pattern OR user.email ILIKE :pattern OR user.agentId ILIKE :pattern)`,
      { pattern },
    );
  }
  if (filter.statuses?.length) query.andWhere('user.status IN (:...statuses)', { statuses: filter.statuses });
  if (filter.teamId) {
    query.andWhere('EXISTS (SELECT 1 FROM team_memberships f_m WHERE f_m.user_id = user.id AND f_m.team_id = :teamId)', {
      teamId: filter.teamId,
    });
  }
  if (filter.roleId) {
    query.andWhere('EXISTS (SELECT 1 FROM user_roles f_r WHERE f_r.user_id = user.id AND f_r.role_id = :roleId)', {
      roleId: filter.roleId,
    });
  }
  if (filter.notInQueue) {
    // An agent holds the adapter permission; a team's queues reach the agents of its sub-teams.
    query
      .andWhere(
        `EXISTS (SELECT 1 FROM user_roles a_r JOIN role_permissions a_p ON a_p.role_id = a_r.role_id
                  WHERE a_r.user_id = user.id AND a_p.permission = 'adapter.work')`,
      )
      .andWhere(`NOT EXISTS (SELECT 1 FROM queue_assignments q_u WHERE q_u.user_id = user.id)`)
      .andWhere(
        `NOT EXISTS (
           WITH RECURSIVE up(id, parent_id) AS (
             SELECT t.id, t.parent_id FROM teams t JOIN team_memberships q_m ON q_m.team_id = t.id WHERE q_m.user_id = user.id
             UNION
             SELECT p.id, p.parent_id FROM teams p JOIN up ON p.id = up.parent_id
           )
           SELECT 1 FROM queue_assignments q_t JOIN up ON q_t.team_id = up.id)`,
      );
  }
}
