import { Field, ID, ObjectType } from 'type-graphql';
import type { AccessLevel, LicenseClass, PermissionScope } from '@switchboard/domain';
import { UserType } from '../users/user.types';
import { AccessLevelEnum, LicenseTypeEnum, PermissionScopeEnum } from '../common/enums';

@ObjectType('AuthPayload', { simpleResolvers: true })
export class AuthPayloadType {
  @Field({ description: 'Send as `Authorization: Bearer <token>`' })
  token: string;

  @Field(() => Date)
  expiresAt: Date;

  @Field(() => UserType)
  user: UserType;
}

@ObjectType('EffectivePermission', { simpleResolvers: true, description: 'A permission the caller holds, from the union of their roles' })
export class EffectivePermissionType {
  @Field()
  permission: string;

  @Field(() => AccessLevelEnum)
  access: AccessLevel;

  @Field(() => PermissionScopeEnum)
  scope: PermissionScope;
}

@ObjectType('Tenant', { simpleResolvers: true })
export class TenantType {
  @Field(() => ID)
  id: string;

  @Field()
  slug: string;

  @Field()
  name: string;
}

@ObjectType('Me', { simpleResolvers: true, description: 'The caller: a signed-in user, or an API credential (user is null)' })
export class MeType {
  @Field(() => UserType, { nullable: true })
  user: UserType | null;

  @Field(() => ID, { nullable: true })
  apiCredentialId: string | null;

  @Field(() => TenantType)
  tenant: TenantType;

  @Field(() => LicenseTypeEnum)
  licenseType: LicenseClass;

  @Field(() => [EffectivePermissionType])
  permissions: EffectivePermissionType[];
}

@ObjectType('ApiCredential', { simpleResolvers: true })
export class ApiCredentialType {
  @Field(() => ID)
  id: string;

  @Field()
  name: string;

  @Field({ description: 'First characters of the secret, to tell credentials apart' })
  secretPrefix: string;

  @Field(() => Date)
  createdAt: Date;

  @Field(() => Date, { nullable: true })
  lastUsedAt: Date | null;

  @Field(() => Date, { nullable: true })
  revokedAt: Date | null;
}

@ObjectType('CreatedApiCredential', { simpleResolvers: true })
export class CreatedApiCredentialType {
  @Field(() => ID)
  id: string;

  @Field()
  name: string;

  @Field({ description: 'Shown only now: store it safely. Send as `Authorization: Bearer <secret>`' })
  secret: string;
}
