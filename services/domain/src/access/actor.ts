import type { EffectivePermissions } from './effective-permissions';
import { allows } from './effective-permissions';
import { findPermission, type AccessLevel, type PermissionKey, type PermissionScope } from './permission-catalogue';
import { forbidden } from '../errors/app-error';

/** Who is calling: a signed-in user or an API credential, always within one tenant. */
export interface Actor {
  tenantId: string;
  /** Set when a person signed in. */
  userId: string | null;
  sessionId: string | null;
  /** Set when a script calls with an API credential. */
  credentialId: string | null;
  permissions: EffectivePermissions;
}

/** Throws FORBIDDEN naming the permission unless the actor holds it at `level`; returns its scope. */
export function requirePermission(actor: Actor, permission: PermissionKey, level: AccessLevel = 'VIEW'): PermissionScope {
  if (!allows(actor.permissions, permission, level)) {
    const name = findPermission(permission)?.name ?? permission;
    const levelText = findPermission(permission)?.hasLevels ? ` (${level === 'EDIT' ? 'Edit' : 'View'})` : '';
    throw forbidden(`You need the permission "${name}"${levelText}`);
  }
  return actor.permissions.get(permission)!.scope;
}
