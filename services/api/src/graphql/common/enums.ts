import { registerEnumType } from 'type-graphql';
import {
  ACCESS_LEVELS,
  LICENSE_CLASSES,
  PERMISSION_SCOPES,
  QUEUE_CHANNELS,
  TEAM_ROLES,
  USER_STATUSES,
} from '@switchboard/domain';

/** `{ A: 'A', B: 'B' }` from a const list, the shape registerEnumType wants. */
function enumOf<T extends string>(values: readonly T[]): { [K in T]: K } {
  return Object.fromEntries(values.map((v) => [v, v])) as { [K in T]: K };
}

export const UserStatusEnum = enumOf(USER_STATUSES);
export const TeamRoleEnum = enumOf(TEAM_ROLES);
export const AccessLevelEnum = enumOf(ACCESS_LEVELS);
export const PermissionScopeEnum = enumOf(PERMISSION_SCOPES);
export const LicenseTypeEnum = enumOf(LICENSE_CLASSES);
export const QueueChannelEnum = enumOf(QUEUE_CHANNELS);

registerEnumType(UserStatusEnum, { name: 'UserStatus', description: 'INVITED until the invitation is accepted' });
registerEnumType(TeamRoleEnum, { name: 'TeamRole' });
registerEnumType(AccessLevelEnum, { name: 'AccessLevel', description: 'EDIT always includes VIEW' });
registerEnumType(PermissionScopeEnum, { name: 'PermissionScope' });
registerEnumType(LicenseTypeEnum, { name: 'LicenseType' });
registerEnumType(QueueChannelEnum, { name: 'QueueChannel' });
