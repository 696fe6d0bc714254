import { Authorized, Ctx, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import { PERMISSIONS, licenseType, type PermissionDefinition, type Role, type RolePermission } from '@switchboard/domain';
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

  @FieldResolver(() => LicenseTypeEnum)
  async licenseType(@Root() role: Role, @Ctx() context: Context): Promise<string> {
    return licenseType((await context.loaders.permissionsOfRole.load(role.id)).map((p) => p.permission));
  }
}
