import type { AccessLevel, LicenseType, PermissionScope, RoleInput, RolesPageQuery } from '../../gql/graphql';

export type RoleSummary = RolesPageQuery['roles'][number];
export type CatalogueEntry = RolesPageQuery['permissions'][number];

/** How a role grants one permission; a permission left out of a draft is not granted. */
export interface GrantDraft {
  access: AccessLevel;
  scope: PermissionScope;
}

/** A role as the editor holds it while the viewer changes it. */
export interface RoleDraft {
  name: string;
  label: string;
  color: string;
  grants: Record<string, GrantDraft>;
  assignableRoleIds: string[];
}

/** The permission that assignable roles go with: the server refuses them on a role without it. */
export const EDIT_USER_PERMISSION = 'users.edit';

const NEW_ROLE_COLOR = '#3b5bdb';

export const SCOPE_LABELS: Record<PermissionScope, string> = {
  ALL: 'All',
  ASSIGNED_TEAMS: 'Assigned teams',
  ASSIGNED_QUEUES: 'Assigned queues',
};

export const LICENSE_LABELS: Record<LicenseType, string> = { ADMIN: 'Admin', MANAGER: 'Manager', AGENT: 'Agent' };

/** The editor's starting point: the role as stored, or an empty custom role. */
export function draftOf(role: RoleSummary | null): RoleDraft {
  if (!role) return { name: '', label: '', color: NEW_ROLE_COLOR, grants: {}, assignableRoleIds: [] };
  return {
    name: role.name,
    label: role.label,
    color: role.color,
    grants: Object.fromEntries(role.permissions.map((p) => [p.permission, { access: p.access, scope: p.scope }])),
    assignableRoleIds: role.assignableRoles.map((r) => r.id),
  };
}

/** Whether the draft grants Edit User, without which it can assign no roles. */
export function canAssignRoles(draft: RoleDraft): boolean {
  return draft.grants[EDIT_USER_PERMISSION] !== undefined;
}

/** What createRole and updateRole receive: the whole role. Assignable roles are sent only where they apply. */
export function roleInput(draft: RoleDraft): RoleInput {
  return {
    name: draft.name,
    label: draft.label,
    color: draft.color,
    permissions: Object.entries(draft.grants).map(([permission, grant]) => ({ permission, ...grant })),
    assignableRoleIds: canAssignRoles(draft) ? draft.assignableRoleIds : [],
  };
}

/** The draft as it would be saved, in an order-independent form, to compare two drafts. */
function canonical(draft: RoleDraft): string {
  const input = roleInput(draft);
  return JSON.stringify({
    ...input,
    permissions: [...input.permissions].sort((a, b) => a.permission.localeCompare(b.permission)),
    assignableRoleIds: [...(input.assignableRoleIds ?? [])].sort(),
  });
}

/** Whether the draft differs from what is stored (a new role always does). */
export function isDirty(draft: RoleDraft, role: RoleSummary | null): boolean {
  return !role || hasUnsavedChanges(draft, role);
}

/** Whether leaving the editor would lose something typed: for a new role, only once anything was. */
export function hasUnsavedChanges(draft: RoleDraft, role: RoleSummary | null): boolean {
  return canonical(draft) !== canonical(draftOf(role));
}

/** A permission's level as the console names it: those without levels are simply granted. */
export function accessLabel(entry: Pick<CatalogueEntry, 'hasLevels'>, access: AccessLevel): string {
  if (!entry.hasLevels) return 'Granted';
  return access === 'EDIT' ? 'Edit' : 'View';
}

export interface PermissionGroup {
  /** The name's path above the permission, e.g. "Settings - Users & Teams". */
  name: string;
  permissions: { entry: CatalogueEntry; shortName: string }[];
}

/**
 * The catalogue grouped the way its names are: "Settings - Users & Teams - Edit User - Email"
 * sits under "Settings - Users & Teams - Edit User" as "Email". Groups keep the order in which the
 * catalogue first names them, and permissions their catalogue order.
 */
export function groupCatalogue(catalogue: readonly CatalogueEntry[]): PermissionGroup[] {
  const groups = new Map<string, PermissionGroup>();
  for (const entry of catalogue) {
    const cut = entry.name.lastIndexOf(' - ');
    const name = cut < 0 ? entry.name : entry.name.slice(0, cut);
    const shortName = cut < 0 ? entry.name : entry.name.slice(cut + 3);
    const group = groups.get(name) ?? { name, permissions: [] };
    group.permissions.push({ entry, shortName });
    groups.set(name, group);
  }
  return [...groups.values()];
}

/** The ids with the one at `from` moved to `to`, the others keeping their order. */
export function moveItem(ids: readonly string[], from: number, to: number): string[] {
  const next = [...ids];
  const [moved] = next.splice(from, 1);
  next.splice(to, 0, moved);
  return next;
}
