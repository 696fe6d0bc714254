import type { DataSource, EntityManager } from 'typeorm';
import type { Actor } from '../access/actor';
import { requirePermission } from '../access/actor';
import type { PermissionGrant } from '../access/default-roles';
import { recordAudit } from '../audit/audit.service';
import type { EventBus } from '../events/event-bus';
import { notFound } from '../errors/app-error';
import { isUuid } from '../shared/ids';
import { assertVersion } from '../shared/versioning';
import { Role } from './role.entity';
import { RolePermission } from './role-permission.entity';
import { RoleAssignableRole } from './role-assignable-role.entity';
import { UserRole } from './user-role.entity';
import { ApiCredentialRole } from '../auth/api-credential-role.entity';
import {
  assertCompleteOrder,
  assertCustomRoleRoom,
  assertDefaultRoleChange,
  assertDeletable,
  assertKnownRoles,
  assertRoleDeletion,
  assertRoleNameFree,
  nextRolePosition,
  sameGrants,
  sameRoleState,
  validateRoleInput,
  type RoleHolder,
  type RoleInput,
  type RoleState,
} from './role.rules';

/** Creating, editing, deleting and ordering roles (permission "Roles & Permissions" at Edit). */
export class RoleAdminService {
  constructor(
    private readonly db: DataSource,
    private readonly events: EventBus,
  ) {}

  /** Creates a custom role at the bottom of the list. */
  async create(actor: Actor, input: RoleInput): Promise<Role> {
    requirePermission(actor, 'roles', 'EDIT');
    const next = validateRoleInput(input);
    return this.db.transaction(async (tx) => {
      const roles = await lockedRoles(tx, actor.tenantId);
      assertCustomRoleRoom(roles.filter((role) => role.defaultKey === null).length);
      assertRoleNameFree(next.name, roles, null);
      assertKnownRoles(next.assignableRoleIds, roles.map((role) => role.id));
      const repository = tx.getRepository(Role);
      const role = await repository.save(
        repository.create({
          tenantId: actor.tenantId,
          name: next.name,
          label: next.label,
          color: next.color,
          position: nextRolePosition(roles.map((r) => r.position)),
          defaultKey: null,
        }),
      );
      await writeGrants(tx, role, next);
      // Admin holders assign every role, so each new role joins the Admin role's assignable list.
      const admin = roles.find((r) => r.defaultKey === 'ADMIN');
      if (admin) await tx.getRepository(RoleAssignableRole).insert({ roleId: admin.id, assignableRoleId: role.id, tenantId: actor.tenantId });
      await recordAudit(tx, actor, { action: 'role.create', targetType: 'role', targetId: role.id, after: snapshot(next, [...roles, role]) });
      return role;
    });
  }

  /** Replaces a role's name, label, color, permissions and assignable roles; CONFLICT on a stale version. */
  async update(actor: Actor, id: string, input: RoleInput, version: number): Promise<Role> {
    requirePermission(actor, 'roles', 'EDIT');
    if (!isUuid(id)) throw notFound('Role');
    const next = validateRoleInput(input);
    const { updated, holders } = await this.db.transaction(async (tx) => {
      const roles = await lockedRoles(tx, actor.tenantId);
      const role = roles.find((r) => r.id === id);
      if (!role) throw notFound('Role');
      assertVersion(role, version, `The role "${role.name}"`);
      const current = await stateOf(tx, role);
      assertDefaultRoleChange(role.defaultKey, current, next);
      assertRoleNameFree(next.name, roles, role.id);
      assertKnownRoles(next.assignableRoleIds, roles.map((r) => r.id));
      if (sameRoleState(current, next)) return { updated: role, holders: null };
      // update() also raises the version, so clients holding the old one get CONFLICT.
      await tx.getRepository(Role).update({ id }, { name: next.name, label: next.label, color: next.color });
      await tx.getRepository(RolePermission).delete({ roleId: id });
      await tx.getRepository(RoleAssignableRole).delete({ roleId: id });
      await writeGrants(tx, role, next);
      await recordAudit(tx, actor, {
        action: 'role.update',
        targetType: 'role',
        targetId: id,
        before: snapshot(current, roles),
        after: snapshot(next, roles),
      });
      const holders = sameGrants(current.permissions, next.permissions) ? null : await holdersOf(tx, id);
      return { updated: await tx.getRepository(Role).findOneByOrFail({ id }), holders };
    });
    if (holders) await this.events.publish('access.changed', { tenantId: actor.tenantId, ...holders });
    return updated;
  }

  /** Deletes a custom role, taking it from its holders; they must confirm, and no holder may be left without a role. */
  async delete(actor: Actor, id: string, confirm: boolean): Promise<boolean> {
    requirePermission(actor, 'roles', 'EDIT');
    if (!isUuid(id)) throw notFound('Role');
    const holders = await this.db.transaction(async (tx) => {
      const roles = await lockedRoles(tx, actor.tenantId);
      // Row lock: a concurrent grant of this role waits for us instead of racing the holder check.
      const role = await tx.getRepository(Role).findOne({ where: { id, tenantId: actor.tenantId }, lock: { mode: 'pessimistic_write' } });
      if (!role) throw notFound('Role');
      assertDeletable(role);
      // Holders locked in id order, as every other path locks users (presence recording, user edits),
      // so two of them never wait on each other in a cycle; named in email order.
      const users: RoleHolder[] = await tx.query(
        `SELECT name, "otherRoles" FROM (
           SELECT u.email AS name, u.email_key,
                  (SELECT count(*)::int FROM user_roles o WHERE o.user_id = u.id AND o.role_id <> $1) AS "otherRoles"
             FROM user_roles ur JOIN users u ON u.id = ur.user_id
            WHERE ur.role_id = $1
            ORDER BY u.id
              FOR UPDATE OF u) holders
          ORDER BY email_key`,
        [id],
      );
      // Revoked credentials act no more: losing their last role harms no one.
      const credentials: RoleHolder[] = await tx.query(
        `SELECT c.name,
                (SELECT count(*)::int FROM api_credential_roles o WHERE o.credential_id = c.id AND o.role_id <> $1) AS "otherRoles"
           FROM api_credential_roles cr JOIN api_credentials c ON c.id = cr.credential_id
          WHERE cr.role_id = $1 AND c.revoked_at IS NULL
          ORDER BY c.name`,
        [id],
      );
      assertRoleDeletion(role.name, users, credentials, confirm);
      const holders = await holdersOf(tx, id);
      const before = snapshot(await stateOf(tx, role), roles);
      await tx.getRepository(UserRole).delete({ roleId: id });
      await tx.getRepository(ApiCredentialRole).delete({ roleId: id });
      // Its permissions and the assignable-role rows on both sides go with it (ON DELETE CASCADE).
      await tx.getRepository(Role).delete({ id });
      await recordAudit(tx, actor, {
        action: 'role.delete',
        targetType: 'role',
        targetId: id,
        before: { ...before, users: users.length, apiCredentials: credentials.length },
      });
      return holders;
    });
    await this.events.publish('access.changed', { tenantId: actor.tenantId, ...holders });
    return true;
  }

  /** Puts the tenant's roles in the given order; `ids` must list every role once. */
  async reorder(actor: Actor, ids: string[]): Promise<Role[]> {
    requirePermission(actor, 'roles', 'EDIT');
    return this.db.transaction(async (tx) => {
      const roles = await lockedRoles(tx, actor.tenantId);
      assertCompleteOrder(ids, roles.map((role) => role.id));
      // Order is not part of a role's editable state, so it leaves versions alone.
      await tx.query(
        `UPDATE roles r SET position = o.ordinality - 1
           FROM unnest($1::uuid[]) WITH ORDINALITY AS o(id, ordinality)
          WHERE r.id = o.id AND r.tenant_id = $2`,
        [ids, actor.tenantId],
      );
      const byId = new Map(roles.map((role) => [role.id, role.name]));
      await recordAudit(tx, actor, {
        action: 'role.reorder',
        targetType: 'role',
        targetId: null,
        before: { order: roles.map((role) => role.name) },
        after: { order: ids.map((id) => byId.get(id)) },
      });
      return tx.getRepository(Role).find({ where: { tenantId: actor.tenantId }, order: { position: 'ASC' } });
    });
  }
}

/**
 * The tenant's roles in order, after taking the tenant row lock: role changes run one at a time per
 * tenant, so name uniqueness (ignoring case), the custom role limit and positions hold. NO KEY UPDATE
 * leaves foreign-key checks against the tenant unblocked.
 */
async function lockedRoles(tx: EntityManager, tenantId: string): Promise<Role[]> {
  await tx.query(`SELECT 1 FROM tenants WHERE id = $1 FOR NO KEY UPDATE`, [tenantId]);
  return tx.getRepository(Role).find({ where: { tenantId }, order: { position: 'ASC', name: 'ASC' } });
}

/** The users and credentials holding a role, whose permissions change with it. */
async function holdersOf(tx: EntityManager, roleId: string): Promise<{ userIds: string[]; credentialIds: string[] }> {
  const [users, credentials]: { id: string }[][] = await Promise.all([
    tx.query(`SELECT user_id AS id FROM user_roles WHERE role_id = $1`, [roleId]),
    tx.query(`SELECT credential_id AS id FROM api_credential_roles WHERE role_id = $1`, [roleId]),
  ]);
  return { userIds: users.map((u) => u.id), credentialIds: credentials.map((c) => c.id) };
}

async function stateOf(tx: EntityManager, role: Role): Promise<RoleState> {
  const [permissions, assignable] = await Promise.all([
    tx.getRepository(RolePermission).findBy({ roleId: role.id }),
    tx.getRepository(RoleAssignableRole).findBy({ roleId: role.id }),
  ]);
  return {
    name: role.name,
    label: role.label,
    color: role.color,
    permissions: permissions.map((p) => ({ permission: p.permission, access: p.access, scope: p.scope }) as PermissionGrant),
    assignableRoleIds: assignable.map((a) => a.assignableRoleId),
  };
}

async function writeGrants(tx: EntityManager, role: Role, state: RoleState): Promise<void> {
  if (state.permissions.length > 0) {
    await tx.getRepository(RolePermission).insert(state.permissions.map((grant) => ({ roleId: role.id, tenantId: role.tenantId, ...grant })));
  }
  if (state.assignableRoleIds.length > 0) {
    await tx
      .getRepository(RoleAssignableRole)
      .insert(state.assignableRoleIds.map((assignableRoleId) => ({ roleId: role.id, assignableRoleId, tenantId: role.tenantId })));
  }
}

/** What the audit log keeps of a role: readable names rather than ids. */
function snapshot(state: RoleState, roles: readonly Role[]): Record<string, unknown> {
  const names = new Map(roles.map((role) => [role.id, role.name]));
  return {
    name: state.name,
    label: state.label,
    color: state.color,
    permissions: [...state.permissions].sort((a, b) => a.permission.localeCompare(b.permission)),
    assignableRoles: state.assignableRoleIds.map((id) => names.get(id) ?? id).sort(),
  };
}
