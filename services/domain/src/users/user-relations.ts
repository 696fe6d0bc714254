import type { DataSource } from 'typeorm';
import { In } from 'typeorm';
import { Role } from '../roles/role.entity';
import { RolePermission } from '../roles/role-permission.entity';
import { RoleAssignableRole } from '../roles/role-assignable-role.entity';
import { Team } from '../teams/team.entity';
import type { TeamRole } from '../teams/team-membership.entity';
import type { Location } from '../locations/location.entity';

// Only what the API shows of a role or team, or its fields need, is read (not the tenant, not when a
// role was created or a team last changed): these run for every page of users, whose rows are values
// to parse (dates most of all) and then collect.
const ROLE_COLUMNS = `r.id, r.name, r.label, r.color, r.position, r.default_key AS "defaultKey", r.version`;
const TEAM_COLUMNS = `t.id, t.name, t.parent_id AS "parentId", t.version, t.created_at AS "createdAt"`;

/** A user's place in one team. */
export interface TeamPlacement {
  team: Team;
  role: TeamRole;
}

/**
 * Batch loaders for what hangs off users and roles: one query per batch, whatever its size.
 * The api wraps them in per-request DataLoaders.
 */
export class UserRelations {
  constructor(private readonly db: DataSource) {}

  /** Roles held by each user, in role order. */
  async rolesOfUsers(tenantId: string, userIds: readonly string[]): Promise<Role[][]> {
    // Plain rows, not hydrated entities: this runs for every page of users.
    const rows: (Role & { userId: string })[] = await this.db.query(
      `SELECT ur.user_id AS "userId", ${ROLE_COLUMNS}
         FROM user_roles ur JOIN roles r ON r.id = ur.role_id
        WHERE ur.tenant_id = $1 AND ur.user_id = ANY($2::uuid[])
        ORDER BY r.position, r.name`,
      [tenantId, userIds],
    );
    return groupBy(userIds, rows, (row) => row.userId);
  }

  /** Teams of each user, with whether they manage or are a member. */
  async teamsOfUsers(tenantId: string, userIds: readonly string[]): Promise<TeamPlacement[][]> {
    const rows: (Team & { userId: string; membershipRole: TeamRole })[] = await this.db.query(
      `SELECT tm.user_id AS "userId", tm.role AS "membershipRole", ${TEAM_COLUMNS}
         FROM team_memberships tm JOIN teams t ON t.id = tm.team_id
        WHERE tm.tenant_id = $1 AND tm.user_id = ANY($2::uuid[])
        ORDER BY t.name`,
      [tenantId, userIds],
    );
    return groupBy(userIds, rows, (row) => row.userId).map((group) => group.map((team) => ({ team, role: team.membershipRole })));
  }

  /** Locations by id. */
  async locationsByIds(tenantId: string, ids: readonly string[]): Promise<(Location | null)[]> {
    const locations: Location[] = await this.db.query(
      `SELECT id, tenant_id AS "tenantId", name, language FROM locations WHERE tenant_id = $1 AND id = ANY($2::uuid[])`,
      [tenantId, ids],
    );
    const byId = new Map(locations.map((l) => [l.id, l]));
    return ids.map((id) => byId.get(id) ?? null);
  }

  /** Teams by id. */
  async teamsByIds(tenantId: string, ids: readonly string[]): Promise<(Team | null)[]> {
    const teams = await this.db.getRepository(Team).findBy({ tenantId, id: In([...ids]) });
    const byId = new Map(teams.map((t) => [t.id, t]));
    return ids.map((id) => byId.get(id) ?? null);
  }

  /** Permissions granted by each role. */
  async permissionsOfRoles(tenantId: string, roleIds: readonly string[]): Promise<RolePermission[][]> {
    const grants = await this.db.getRepository(RolePermission).findBy({ tenantId, roleId: In([...roleIds]) });
    return groupBy(roleIds, grants, (grant) => grant.roleId);
  }

  /** Roles that holders of each role may assign to others, in role order. */
  async assignableRolesOfRoles(tenantId: string, roleIds: readonly string[]): Promise<Role[][]> {
    const rows = await this.db.getRepository(RoleAssignableRole).find({
      where: { tenantId, roleId: In([...roleIds]) },
      relations: { assignableRole: true },
      order: { assignableRole: { position: 'ASC' } },
    });
    return groupBy(roleIds, rows, (row) => row.roleId).map((group) => group.map((row) => row.assignableRole!));
  }

  /** How many users hold each role. */
  async userCountsOfRoles(tenantId: string, roleIds: readonly string[]): Promise<number[]> {
    const rows: { roleId: string; count: number }[] = await this.db.query(
      `SELECT role_id AS "roleId", count(*)::int AS count FROM user_roles WHERE tenant_id = $1 AND role_id = ANY($2::uuid[]) GROUP BY role_id`,
      [tenantId, roleIds],
    );
    const counts = new Map(rows.map((row) => [row.roleId, row.count]));
    return roleIds.map((id) => counts.get(id) ?? 0);
  }

  /** The founding admin of each tenant (null when there is none). */
  async foundingAdminsOfTenants(tenantIds: readonly string[]): Promise<(string | null)[]> {
    const rows: { id: string; foundingAdminId: string | null }[] = await this.db.query(
      `SELECT id, founding_admin_id AS "foundingAdminId" FROM tenants WHERE id = ANY($1::uuid[])`,
      [tenantIds],
    );
    const byId = new Map(rows.map((row) => [row.id, row.foundingAdminId]));
    return tenantIds.map((id) => byId.get(id) ?? null);
  }
}

function groupBy<T>(keys: readonly string[], items: T[], keyOf: (item: T) => string): T[][] {
  const groups = new Map<string, T[]>(keys.map((key) => [key, []]));
  for (const item of items) groups.get(keyOf(item))?.push(item);
  return keys.map((key) => groups.get(key)!);
}
