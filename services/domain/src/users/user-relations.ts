import type { DataSource } from 'typeorm';
import { In } from 'typeorm';
import { Role } from '../roles/role.entity';
import { RolePermission } from '../roles/role-permission.entity';
import { Team } from '../teams/team.entity';
import { TeamMembership, type TeamRole } from '../teams/team-membership.entity';
import { UserRole } from '../roles/user-role.entity';
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
    const held = await this.db.getRepository(UserRole).find({
      where: { tenantId, userId: In([...userIds]) },
      relations: { role: true },
      order: { role: { position: 'ASC' } },
    });
    return groupBy(userIds, held, (row) => row.userId).map((rows) => rows.map((row) => row.role!));
  }

  /** Teams of each user, with whether they manage or are a member. */
  async teamsOfUsers(tenantId: string, userIds: readonly string[]): Promise<TeamPlacement[][]> {
    const memberships = await this.db.getRepository(TeamMembership).find({
      where: { tenantId, userId: In([...userIds]) },
      relations: { team: true },
      order: { team: { name: 'ASC' } },
    });
    return groupBy(userIds, memberships, (row) => row.userId).map((rows) =>
      rows.map((row) => ({ team: row.team!, role: row.role })),
    );
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

function groupBy<T>(keys: readonly string[], items: T[], keyOf: (item: T) => string): T[][] {
  const groups = new Map<string, T[]>(keys.map((key) => [key, []]));
  for (const item of items) groups.get(keyOf(item))?.push(item);
  return keys.map((key) => groups.get(key)!);
}
