import type { DataSource } from 'typeorm';
import { In } from 'typeorm';
import { Role } from '../roles/role.entity';
import { RolePermission } from '../roles/role-permission.entity';
import { Team } from '../teams/team.entity';
import type { TeamRole } from '../teams/team-membership.entity';
import { Location } from '../locations/location.entity';

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
    const rows = await this.db
      .getRepository(Role)
      .createQueryBuilder('role')
      .innerJoin('user_roles', 'ur', 'ur.role_id = role.id')
      .addSelect('ur.user_id', 'owner')
      .where('ur.user_id = ANY(:userIds) AND role.tenantId = :tenantId', { userIds, tenantId })
      .orderBy('role.position', 'ASC')
      .getRawAndEntities();
    return groupBy(userIds, rows.entities, (_, index) => rows.raw[index].owner);
  }

  /** Teams of each user, with whether they manage or are a member. */
  async teamsOfUsers(tenantId: string, userIds: readonly string[]): Promise<TeamPlacement[][]> {
    const rows = await this.db
      .getRepository(Team)
      .createQueryBuilder('team')
      .innerJoin('team_memberships', 'tm', 'tm.team_id = team.id')
      .addSelect(['tm.user_id AS owner', 'tm.role AS membership_role'])
      .where('tm.user_id = ANY(:userIds) AND team.tenantId = :tenantId', { userIds, tenantId })
      .orderBy('team.name', 'ASC')
      .getRawAndEntities();
    const placements = rows.entities.map((team, index) => ({ team, role: rows.raw[index].membership_role as TeamRole }));
    return groupBy(userIds, placements, (_, index) => rows.raw[index].owner);
  }

  /** Locations by id. */
  async locationsByIds(tenantId: string, ids: readonly string[]): Promise<(Location | null)[]> {
    const locations = await this.db.getRepository(Location).findBy({ tenantId, id: In([...ids]) });
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
}

function groupBy<T>(keys: readonly string[], items: T[], keyOf: (item: T, index: number) => string): T[][] {
  const groups = new Map<string, T[]>(keys.map((key) => [key, []]));
  items.forEach((item, index) => groups.get(keyOf(item, index))?.push(item));
  return keys.map((key) => groups.get(key)!);
}
