import { findPermission, type AccessLevel, type LicenseClass, type PermissionKey, type PermissionScope } from './permission-catalogue';

/** A permission as one role grants it. */
export interface RoleGrant {
  roleId: string;
  roleName: string;
  permission: string;
  access: AccessLevel;
  scope: PermissionScope;
}

/** What a user (or credential) may do with one permission, and which roles grant it. */
export interface EffectivePermission {
  permission: PermissionKey;
  access: AccessLevel;
  scope: PermissionScope;
  grantedBy: { roleId: string; roleName: string; access: AccessLevel; scope: PermissionScope }[];
}

export type EffectivePermissions = ReadonlyMap<PermissionKey, EffectivePermission>;

const LEVEL_RANK: Record<AccessLevel, number> = { VIEW: 1, EDIT: 2 };
// ALL reaches everything; team scope reaches more people than a queue scope.
const SCOPE_RANK: Record<PermissionScope, number> = { ASSIGNED_QUEUES: 1, ASSIGNED_TEAMS: 2, ALL: 3 };
const LICENSE_RANK: Record<LicenseClass, number> = { AGENT: 1, MANAGER: 2, ADMIN: 3 };

/** Union of role grants: the highest level and the widest scope win. Unknown keys are ignored. */
export function effectivePermissions(grants: readonly RoleGrant[]): EffectivePermissions {
  const result = new Map<PermissionKey, EffectivePermission>();
  for (const grant of grants) {
    const definition = findPermission(grant.permission);
    if (!definition) continue;
    const current = result.get(definition.key);
    const source = { roleId: grant.roleId, roleName: grant.roleName, access: grant.access, scope: grant.scope };
    if (!current) {
      result.set(definition.key, { permission: definition.key, access: grant.access, scope: grant.scope, grantedBy: [source] });
      continue;
    }
    current.grantedBy.push(source);
    if (LEVEL_RANK[grant.access] > LEVEL_RANK[current.access]) current.access = grant.access;
    if (SCOPE_RANK[grant.scope] > SCOPE_RANK[current.scope]) current.scope = grant.scope;
  }
  return result;
}

/** Whether the permissions grant `permission` at `level` or higher (EDIT includes VIEW). */
export function allows(permissions: EffectivePermissions, permission: PermissionKey, level: AccessLevel = 'VIEW'): boolean {
  const granted = permissions.get(permission);
  return granted !== undefined && LEVEL_RANK[granted.access] >= LEVEL_RANK[level];
}

/** License type: ADMIN if any admin permission, else MANAGER if any manager permission, else AGENT. */
export function licenseType(permissionKeys: Iterable<string>): LicenseClass {
  let best: LicenseClass = 'AGENT';
  for (const key of permissionKeys) {
    const definition = findPermission(key);
    if (definition && LICENSE_RANK[definition.licenseClass] > LICENSE_RANK[best]) best = definition.licenseClass;
  }
  return best;
}
