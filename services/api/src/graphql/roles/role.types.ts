import { Field, ID, Int, ObjectType } from 'type-graphql';
import type { AccessLevel, LicenseClass, PermissionScope } from '@switchboard/domain';
import { AccessLevelEnum, LicenseTypeEnum, PermissionScopeEnum } from '../common/enums';

@ObjectType('Role', { simpleResolvers: true })
export class RoleType {
  @Field(() => ID)
  id: string;

  @Field({ description: 'Up to 20 characters, unique in the tenant' })
  name: string;

  @Field({ description: 'Up to 16 characters, shown on user lists' })
  label: string;

  @Field({ description: '#rrggbb' })
  color: string;

  @Field(() => Int)
  position: number;

  @Field({ description: 'One of the six roles every tenant has' })
  isDefault: boolean;

  @Field(() => Int)
  version: number;
}

@ObjectType('RolePermission', { simpleResolvers: true, description: 'A permission as a role grants it' })
export class RolePermissionType {
  @Field()
  permission: string;

  @Field(() => AccessLevelEnum)
  access: AccessLevel;

  @Field(() => PermissionScopeEnum)
  scope: PermissionScope;
}

@ObjectType('Permission', { simpleResolvers: true, description: 'An entry of the permission catalogue' })
export class PermissionType {
  @Field({ description: 'Stable key used in roles and API calls' })
  key: string;

  @Field({ description: 'Readable name, e.g. "Settings - Users & Teams - Edit User"' })
  name: string;

  @Field(() => LicenseTypeEnum)
  licenseClass: LicenseClass;

  @Field({ description: 'Whether it is granted at VIEW or EDIT; otherwise it is simply granted' })
  hasLevels: boolean;

  @Field(() => [PermissionScopeEnum])
  scopes: PermissionScope[];
}

@ObjectType('AccessGrant', { simpleResolvers: true, description: 'One role granting a permission' })
export class AccessGrantType {
  @Field(() => RoleType)
  role: RoleType;

  @Field(() => AccessLevelEnum)
  access: AccessLevel;

  @Field(() => PermissionScopeEnum)
  scope: PermissionScope;
}

@ObjectType('AccessExplanation', { simpleResolvers: true, description: 'Whether a user holds a permission, at what level and scope, and through which roles' })
export class AccessExplanationType {
  @Field()
  granted: boolean;

  @Field(() => AccessLevelEnum, { nullable: true, description: 'The highest level any of their roles grants' })
  access: AccessLevel | null;

  @Field(() => PermissionScopeEnum, { nullable: true, description: 'The widest scope any of their roles grants' })
  scope: PermissionScope | null;

  @Field(() => PermissionType)
  permission: PermissionType;

  @Field(() => [AccessGrantType], { description: 'Every role of the user granting it, in role order' })
  grantedBy: AccessGrantType[];
}
