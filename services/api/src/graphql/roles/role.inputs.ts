import { Field, ID, InputType } from 'type-graphql';
import type { AccessLevel, PermissionScope } from '@switchboard/domain';
import { AccessLevelEnum, PermissionScopeEnum } from '../common/enums';

@InputType('RolePermissionInput', { description: 'One permission a role grants' })
export class RolePermissionInput {
  @Field({ description: 'A key of the permission catalogue' })
  permission: string;

  @Field(() => AccessLevelEnum, { description: 'EDIT for permissions without levels' })
  access: AccessLevel;

  @Field(() => PermissionScopeEnum, { nullable: true, defaultValue: 'ALL', description: 'One of the scopes the permission allows' })
  scope?: PermissionScope | null;
}

@InputType('RoleInput', { description: 'A whole role: saving replaces its permissions and assignable roles' })
export class RoleInput {
  @Field({ description: '1 to 20 characters, unique in the tenant ignoring case' })
  name: string;

  @Field({ description: '1 to 16 characters, shown on user lists' })
  label: string;

  @Field({ description: '#rrggbb' })
  color: string;

  @Field(() => [RolePermissionInput])
  permissions: RolePermissionInput[];

  @Field(() => [ID], {
    nullable: true,
    description: 'Roles that holders may give to other users; needs the Edit User permission. None when omitted',
  })
  assignableRoleIds?: string[] | null;
}
