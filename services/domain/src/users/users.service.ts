import type { DataSource } from 'typeorm';
import type { Actor } from '../access/actor';
import { requirePermission } from '../access/actor';
import { assertReachesUsers, teamRestriction } from '../access/scope.service';
import { User, type UserStatus } from './user.entity';
import { badInput, notFound } from '../errors/app-error';
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

/** What a user row read here carries, as the entity names it, and the SQL reading it (never the password hash). */
const USER_COLUMNS = {
  id: 'u.id',
  tenantId: 'u.tenant_id',
  email: 'u.email',
  emailKey: 'u.email_key',
  firstName: 'u.first_name',
  lastName: 'u.last_name',
  alias: 'u.alias',
  agentId: 'u.agent_id',
  locationId: 'u.location_id',
  location: `CASE WHEN l.id IS NULL THEN NULL
    ELSE json_build_object('id', l.id, 'tenantId', l.tenant_id, 'name', l.name, 'language', l.language) END`,
  chatConcurrency: 'u.chat_concurrency',
  chatConcurrencyEnabled: 'u.chat_concurrency_enabled',
  extension: 'u.extension',
  status: 'u.status',
  failedSignInCount: 'u.failed_sign_in_count',
  lockedUntil: 'u.locked_until',
  lastSignInAt: 'u.last_sign_in_at',
  deactivatedAt: 'u.deactivated_at',
  version: 'u.version',
  createdAt: 'u.created_at',
  updatedAt: 'u.updated_at',
} satisfies Partial<Record<keyof User, string>>;

export type UserProperty = keyof typeof USER_COLUMNS;
export const USER_PROPERTIES = Object.keys(USER_COLUMNS) as UserProperty[];

/** Users with their location, for the columns above. */
const USERS_WITH_LOCATION = 'users u LEFT JOIN locations l ON l.id = u.location_id AND l.tenant_id = u.tenant_id';

function userColumns(properties: readonly UserProperty[]): string {
  return properties.map((property) => `${USER_COLUMNS[property]} AS "${property}"`).join(', ');
}

/** A WHERE clause under construction: conditions joined by AND, with numbered parameters. */
class Conditions {
  readonly sql: string[] = [];
  readonly params: unknown[] = [];

  /** Adds a condition; `$?` in it stands for `value`'s parameter. */
  add(condition: string, ...values: unknown[]): void {
    let next = 0;
    this.sql.push(condition.replace(/\$\?/g, () => `$${this.params.push(values[next++])}`));
  }

  get where(): string {
    return this.sql.join(' AND ');
  }
}

/** Reading users, always within the caller's tenant and team scope. */
export class UsersService {
  constructor(private readonly db: DataSource) {}

  /**
   * A page of users the actor may see, ordered by email. With `read`, only those properties of each
   * user are read (and id and emailKey, which paging needs); the others are undefined. A page is mostly
   * values to parse and then collect, so the API reads what the query asks for.
   */
  async list(actor: Actor, filter: UserFilter = {}, page: PageRequest = {}, read?: ReadonlySet<UserProperty>): Promise<Page<User>> {
    const first = pageSize(page.first);
    const conditions = await this.visibleUsers(actor);
    applyFilter(conditions, filter);
    const total = conditions.where;
    const totalParams = [...conditions.params];
    if (page.after) {
      const [lastKey] = decodeCursor(page.after, 1);
      conditions.add('u.email_key > $?', String(lastKey));
    }
    const properties = read ? USER_PROPERTIES.filter((p) => p === 'id' || p === 'emailKey' || read.has(p)) : USER_PROPERTIES;
    // One statement, as plain rows rather than hydrated entities: this is the hottest read of the API.
    // The count is an uncorrelated subquery (run once) over the same parameters, which the cursor's extends.
    const rows: (User & { totalCount: number })[] = await this.db.query(
      `SELECT ${userColumns(properties)}, (SELECT count(*)::int FROM users u WHERE ${total}) AS "totalCount"
         FROM ${USERS_WITH_LOCATION}
        WHERE ${conditions.where} ORDER BY u.email_key LIMIT ${first + 1}`,
      conditions.params,
    );
    const nodes = rows.slice(0, first);
    const last = nodes.at(-1);
    return {
      nodes,
      totalCount: rows[0]?.totalCount ?? (page.after ? await this.count(total, totalParams) : 0),
      hasNextPage: rows.length > first,
      endCursor: last ? encodeCursor([last.emailKey]) : null,
    };
  }

  /** Counts users matching a WHERE clause over `users u`; a page past the last user still has a total. */
  private async count(where: string, params: unknown[]): Promise<number> {
    const [{ count }]: { count: number }[] = await this.db.query(`SELECT count(*)::int AS count FROM users u WHERE ${where}`, params);
    return count;
  }

  /**
   * One user the actor may see. A user of the tenant outside the actor's teams is FORBIDDEN naming the
   * scope, as every change to them is; an id of another tenant is NOT_FOUND (no hint it exists there).
   */
  async get(actor: Actor, id: string): Promise<User> {
    if (!isUuid(id)) throw notFound('User');
    if (actor.userId === id) return this.db.getRepository(User).findOneByOrFail({ id });
    const conditions = await this.visibleUsers(actor);
    conditions.add('u.id = $?', id);
    const [user]: User[] = await this.db.query(
      `SELECT ${userColumns(USER_PROPERTIES)} FROM ${USERS_WITH_LOCATION} WHERE ${conditions.where}`,
      conditions.params,
    );
    if (user) return user;
    if (await this.db.getRepository(User).existsBy({ id, tenantId: actor.tenantId })) {
      await assertReachesUsers(this.db.manager, actor, 'users.view', 'VIEW', [id]);
    }
    throw notFound('User');
  }

  /** The signed-in user themself. */
  async me(actor: Actor): Promise<User | null> {
    return actor.userId ? this.db.getRepository(User).findOneBy({ id: actor.userId }) : null;
  }

  private async visibleUsers(actor: Actor): Promise<Conditions> {
    const scope = requirePermission(actor, 'users.view');
    const conditions = new Conditions();
    conditions.add('u.tenant_id = $?', actor.tenantId);
    const teamIds = await teamRestriction(this.db.manager, actor, scope);
    if (teamIds) {
      conditions.add(`EXISTS (SELECT 1 FROM team_memberships s WHERE s.user_id = u.id AND s.team_id = ANY($?::uuid[]))`, teamIds);
    }
    return conditions;
  }
}

function applyFilter(conditions: Conditions, filter: UserFilter): void {
  const text = filter.text?.trim();
  if (text) {
    const pattern = `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    conditions.add(
      `(u.first_name || ' ' || u.last_name ILIKE $? OR u.alias ILIKE $? OR u.email ILIKE $? OR u.agent_id ILIKE $?)`,
      pattern,
      pattern,
      pattern,
      pattern,
    );
  }
  if (filter.statuses?.length) conditions.add('u.status = ANY($?::user_status[])', filter.statuses);
  if (filter.teamId) {
    if (!isUuid(filter.teamId)) throw badInput('filter.teamId', 'No such team');
    conditions.add('EXISTS (SELECT 1 FROM team_memberships f_m WHERE f_m.user_id = u.id AND f_m.team_id = $?)', filter.teamId);
  }
  if (filter.roleId) {
    if (!isUuid(filter.roleId)) throw badInput('filter.roleId', 'No such role');
    conditions.add('EXISTS (SELECT 1 FROM user_roles f_r WHERE f_r.user_id = u.id AND f_r.role_id = $?)', filter.roleId);
  }
  if (filter.notInQueue) {
    // An agent holds the adapter permission; a team's queues reach the agents of its sub-teams.
    conditions.add(
      `EXISTS (SELECT 1 FROM user_roles a_r JOIN role_permissions a_p ON a_p.role_id = a_r.role_id
                WHERE a_r.user_id = u.id AND a_p.permission = 'adapter.work')`,
    );
    conditions.add(`NOT EXISTS (SELECT 1 FROM queue_assignments q_u WHERE q_u.user_id = u.id)`);
    conditions.add(
      `NOT EXISTS (
         WITH RECURSIVE up(id, parent_id) AS (
           SELECT t.id, t.parent_id FROM teams t JOIN team_memberships q_m ON q_m.team_id = t.id WHERE q_m.user_id = u.id
           UNION
           SELECT p.id, p.parent_id FROM teams p JOIN up ON p.id = up.parent_id
         )
         SELECT 1 FROM queue_assignments q_t JOIN up ON q_t.team_id = up.id)`,
    );
  }
}
