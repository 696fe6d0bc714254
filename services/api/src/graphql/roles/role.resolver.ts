import { Authorized, Ctx, FieldResolver, Int, Query, Resolver, Root } from 'type-graphql';
import { PERMISSIONS, licenseType, permissionsEditable, type PermissionDefinition, type Role, type RolePermission } from '@switchboard/domain';
import { PermissionType, RolePermissionType, RoleType } from './role.types';
import { LicenseTypeEnum } from '../common/enums';
import { actorOf, type Context } from '../../context';

@Authorized()
@Resolver(() => RoleType)
export class RoleResolver {
  @Query(() => [RoleType], { description: 'Roles in display order' })
  roles(@Ctx() context: Context): Promise<Role[]> {
    return context.services.roles.list(actorOf(context));
  }

  @Query(() => [PermissionType], { name: 'permissions', description: 'The permission catalogue' })
  permissionCatalogue(): readonly PermissionDefinition[] {
    return PERMISSIONS;
  }

  @FieldResolver(() => Boolean)
  isDefault(@Root() role: Role): boolean {
    return role.defaultKey !== null;
  }

  @FieldResolver(() => [RolePermissionType])
  permissions(@Root() role: Role, @Ctx() context: Context): Promise<RolePermission[]> {
    return context.loaders.permissionsOfRole.load(role.id);
  }

  @FieldResolver(() => Boolean, { name: 'permissionsEditable', description: 'False for Admin and Agent, whose permissions are fixed' })
  hasEditablePermissions(@Root() role: Role): boolean {
    return permissionsEditable(role.defaultKey);
  }

  @FieldResolver(() => [RoleType], { description: 'Roles that holders may give to other users (with Edit User)' })
  assignableRoles(@Root() role: Role, @Ctx() context: Context): Promise<Role[]> {
    return context.loaders.assignableRolesOfRole.load(role.id);
  }

  @FieldResolver(() => Int, { description: 'How many users hold the role' })
  userCount(@Root() role: Role, @Ctx() context: Context): Promise<number> {
    return context.loaders.userCountOfRole.load(role.id);
  }

  @FieldResolver(() => LicenseTypeEnum)
  async licenseType(@Root() role: Role, @Ctx() context: Context): Promise<string> {
    return licenseType((await context.loaders.permissionsOfRole.load(role.id)).map((p) => p.permission));
  }
}
