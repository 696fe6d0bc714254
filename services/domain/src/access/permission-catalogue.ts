export const ACCESS_LEVELS = ['VIEW', 'EDIT'] as const;
export type AccessLevel = (typeof ACCESS_LEVELS)[number];
export const PERMISSION_SCOPES = ['ALL', 'ASSIGNED_TEAMS', 'ASSIGNED_QUEUES'] as const;
export type PermissionScope = (typeof PERMISSION_SCOPES)[number];
export const LICENSE_CLASSES = ['AGENT', 'MANAGER', 'ADMIN'] as const;
export type LicenseClass = (typeof LICENSE_CLASSES)[number];

/** One entry of the permission catalogue. */
export interface PermissionDefinition {
  key: PermissionKey;
  /** Readable name in the product's style, e.g. "Settings - Users & Teams - Edit User". */
  name: string;
  licenseClass: LicenseClass;
  /** Whether the permission is granted at VIEW or EDIT; without levels it is simply granted (stored as EDIT). */
  hasLevels: boolean;
  /** Scopes the permission may be narrowed to, besides ALL. */
  scopes: readonly PermissionScope[];
}

const ALL: readonly PermissionScope[] = ['ALL'];
const TEAMS: readonly PermissionScope[] = ['ALL', 'ASSIGNED_TEAMS'];
const TEAMS_OR_QUEUES: readonly PermissionScope[] = ['ALL', 'ASSIGNED_TEAMS', 'ASSIGNED_QUEUES'];

const define = <K extends string>(
  key: K,
  name: string,
  licenseClass: LicenseClass,
  hasLevels: boolean,
  scopes: readonly PermissionScope[],
) => ({ key, name, licenseClass, hasLevels, scopes }) as const;

const USERS = 'Settings - Users & Teams';

/** The permission catalogue: every permission a role can grant. */
export const PERMISSIONS = [
  define('users.view', `${USERS} - View Users`, 'MANAGER', false, TEAMS),
  define('users.create', `${USERS} - Create Users`, 'MANAGER', false, TEAMS),
  define('users.edit', `${USERS} - Edit User`, 'MANAGER', false, TEAMS),
  define('users.deactivate', `${USERS} - Deactivate & Reactivate Users`, 'MANAGER', false, TEAMS),
  define('users.edit.email', `${USERS} - Edit User - Email`, 'MANAGER', false, TEAMS),
  define('users.edit.agentId', `${USERS} - Edit User - Agent Id`, 'MANAGER', false, TEAMS),
  define('users.edit.name', `${USERS} - Edit User - Name`, 'MANAGER', false, TEAMS),
  define('users.edit.alias', `${USERS} - Edit User - Alias`, 'MANAGER', false, TEAMS),
  define('users.edit.status', `${USERS} - Edit User - Status`, 'MANAGER', false, TEAMS),
  define('users.edit.location', `${USERS} - Edit User - Location`, 'MANAGER', false, TEAMS),
  define('users.edit.chatConcurrency', `${USERS} - Edit User - Chat Concurrency`, 'MANAGER', false, TEAMS),
  define('users.edit.roles', `${USERS} - Edit User - Roles`, 'MANAGER', false, TEAMS),
  define('users.edit.teams', `${USERS} - Edit User - Teams`, 'MANAGER', false, TEAMS),
  define('users.bulk', `${USERS} - Bulk User Management`, 'MANAGER', true, TEAMS),
  define('teams', `${USERS} - Teams`, 'MANAGER', true, TEAMS),
  define('roles', `${USERS} - Roles & Permissions`, 'ADMIN', true, ALL),
  define('queues', 'Settings - Queues', 'MANAGER', true, TEAMS),
  define('agentStatuses', 'Settings - Agent Statuses', 'ADMIN', true, ALL),
  define('auditLog', 'Settings - Audit Log', 'ADMIN', false, ALL),
  define('apiCredentials', 'Settings - Developer Settings - API Credentials', 'ADMIN', true, ALL),
  define('monitoring.agents', 'Monitoring - Agents', 'MANAGER', true, TEAMS_OR_QUEUES),
  define('dashboards', 'Dashboards - Calls & Chats', 'MANAGER', false, TEAMS_OR_QUEUES),
  define('adapter.work', 'Agent Adapter - Take Calls & Chats', 'AGENT', false, ALL),
  define('adapter.status', 'Agent Adapter - Set Own Status', 'AGENT', false, ALL),
  define('adapter.alias', 'Agent Adapter - Set Own Alias', 'AGENT', false, ALL),
] as const;

export type PermissionKey = (typeof PERMISSIONS)[number]['key'];

const byKey = new Map<string, PermissionDefinition>(PERMISSIONS.map((p) => [p.key, p]));

/** Looks a permission up by key; undefined for a key not in the catalogue. */
export function findPermission(key: string): PermissionDefinition | undefined {
  return byKey.get(key);
}

/** The edit permission of each user field, as named in bulk uploads and updateUser. */
export const USER_FIELD_PERMISSIONS = {
  email: 'users.edit.email',
  agentId: 'users.edit.agentId',
  firstName: 'users.edit.name',
  lastName: 'users.edit.name',
  alias: 'users.edit.alias',
  status: 'users.edit.status',
  location: 'users.edit.location',
  chatConcurrency: 'users.edit.chatConcurrency',
  chatConcurrencyEnabled: 'users.edit.chatConcurrency',
  roles: 'users.edit.roles',
  teams: 'users.edit.teams',
} as const satisfies Record<string, PermissionKey>;
