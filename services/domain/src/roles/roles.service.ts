import type { DataSource } from 'typeorm';
import { In } from 'typeorm';
import type { Actor } from '../access/actor';
import { requirePermission } from '../access/actor';
import { allows, effectivePermissions } from '../access/effective-permissions';
import { findPermission, type AccessLevel, type PermissionDefinition, type PermissionScope } from '../access/permission-catalogue';
import { badInput, notFound } from '../errors/app-error';
import { isUuid } from '../shared/ids';
import { User } from '../users/user.entity';
import { Role } from './role.entity';
import { RolePermission } from './role-permission.entity';
import { UserRole } from './user-role.entity';

/** Why a user holds (or lacks) one permission: the union of their roles, and each role that grants it. */
export interface AccessExplanation {
  permission: PermissionDefinition;
  granted: boolean;
  access: AccessLevel | null;
  scope: PermissionScope | null;
  grantedBy: { role: Role; access: AccessLevel; scope: PermissionScope }[];
}

/** Reading roles. */
export class RolesService {
  constructor(private readonly db: DataSource) {}

  /** The tenant's roles in their display order; for role editors and for those who view users. */
  async list(actor: Actor): Promise<Role[]> {
    if (!allows(actor.permissions, 'users.view')) requirePermission(actor, 'roles');
    return this.db.getRepository(Role).find({ where: { tenantId: actor.tenantId }, order: { position: 'ASC', name: 'ASC' } });
  }

  /** Explains one permission of one user of the tenant, with the granting roles in role order. */
  async explainAccess(actor: Actor, userId: string, permission: string): Promise<AccessExplanation> {
    requirePermission(actor, 'roles', 'VIEW');
    const definition = findPermission(permission);
    if (!definition) throw badInput('permission', `Unknown permission "${permission}"; the permissions query lists them all`);
    if (!isUuid(userId) || !(await this.db.getRepository(User).existsBy({ id: userId, tenantId: actor.tenantId }))) {
      throw notFound('User');
    }
    const held = await this.db.getRepository(UserRole).find({
      where: { userId, tenantId: actor.tenantId },
      relations: { role: true },
      order: { role: { position: 'ASC' } },
    });
    const roles = new Map(held.map((row) => [row.roleId, row.role!]));
    const grants = await this.db.getRepository(RolePermission).findBy({ roleId: In([...roles.keys()]), permission: definition.key });
    const grantOf = new Map(grants.map((grant) => [grant.roleId, grant]));
    const effective = effectivePermissions(
      [...roles.values()]
        .filter((role) => grantOf.has(role.id))
        .map((role) => ({ ...grantOf.get(role.id)!, roleName: role.name })),
    ).get(definition.key);
    return {
      permission: definition,
      granted: effective !== undefined,
      access: effective?.access ?? null,
      scope: effective?.scope ?? null,
      grantedBy: (effective?.grantedBy ?? []).map((source) => ({ role: roles.get(source.roleId)!, access: source.access, scope: source.scope })),
    };
  }
}
