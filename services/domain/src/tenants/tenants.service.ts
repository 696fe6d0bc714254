import type { DataSource, EntityManager } from 'typeorm';
import { Tenant } from './tenant.entity';
import { Role } from '../roles/role.entity';
import { RolePermission } from '../roles/role-permission.entity';
import { RoleAssignableRole } from '../roles/role-assignable-role.entity';
import { AgentStatus } from '../presence/agent-status.entity';
import { DEFAULT_ROLES, type DefaultRoleKey } from '../access/default-roles';
import { SYSTEM_STATUSES } from '../presence/system-statuses';
import { insertUserRecord } from '../users/user-records';
import { hashPassword } from '../auth/passwords';
import { passwordProblem } from '../auth/sign-in.rules';
import { assertValidEmail } from '../users/user.rules';
import { AppError, badInput } from '../errors/app-error';

export interface NewTenant {
  slug: string;
  name: string;
  adminEmail: string;
  adminPassword: string;
  adminFirstName?: string;
  adminLastName?: string;
}

export interface CreatedTenant {
  tenantId: string;
  adminUserId: string;
  roleIds: Record<DefaultRoleKey, string>;
}

const SLUG_PATTERN = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;

/** Creates a tenant with its default roles, system statuses and founding admin, in one transaction. */
export async function createTenant(db: DataSource, input: NewTenant): Promise<CreatedTenant> {
  const slug = input.slug.trim().toLowerCase();
  if (!SLUG_PATTERN.test(slug)) throw badInput('slug', 'Slug must be lowercase letters, digits and dashes (1 to 63)');
  if (!input.name.trim()) throw badInput('name', 'Name must not be empty');
  const adminEmail = assertValidEmail(input.adminEmail, 'adminEmail');
  const problem = passwordProblem(input.adminPassword);
  if (problem) throw badInput('adminPassword', problem);
  const passwordHash = await hashPassword(input.adminPassword);

  return db.transaction(async (tx) => {
    if (await tx.getRepository(Tenant).existsBy({ slug })) {
      throw new AppError('CONFLICT', `A tenant with slug "${slug}" already exists`);
    }
    const tenant = await tx.getRepository(Tenant).save(tx.getRepository(Tenant).create({ slug, name: input.name.trim() }));
    const roleIds = await insertDefaultRoles(tx, tenant.id);
    await insertSystemStatuses(tx, tenant.id);
    const admin = await insertUserRecord(tx, {
      tenantId: tenant.id,
      email: adminEmail,
      firstName: input.adminFirstName ?? 'Admin',
      lastName: input.adminLastName ?? input.name.trim(),
      status: 'ACTIVE',
      passwordHash,
      roleIds: [roleIds.ADMIN],
    });
    await tx.getRepository(Tenant).update({ id: tenant.id }, { foundingAdminId: admin.id });
    return { tenantId: tenant.id, adminUserId: admin.id, roleIds };
  });
}

async function insertDefaultRoles(tx: EntityManager, tenantId: string): Promise<Record<DefaultRoleKey, string>> {
  const roles = tx.getRepository(Role);
  const ids = {} as Record<DefaultRoleKey, string>;
  for (const [position, definition] of DEFAULT_ROLES.entries()) {
    const role = await roles.save(
      roles.create({
        tenantId,
        name: definition.name,
        label: definition.label,
        color: definition.color,
        position,
        defaultKey: definition.key,
      }),
    );
    ids[definition.key] = role.id;
  }
  for (const definition of DEFAULT_ROLES) {
    const roleId = ids[definition.key];
    await tx.getRepository(RolePermission).insert(definition.grants.map((grant) => ({ roleId, tenantId, ...grant })));
    if (definition.assignable.length > 0) {
      await tx
        .getRepository(RoleAssignableRole)
        .insert(definition.assignable.map((key) => ({ roleId, assignableRoleId: ids[key], tenantId })));
    }
  }
  return ids;
}

async function insertSystemStatuses(tx: EntityManager, tenantId: string): Promise<void> {
  await tx.getRepository(AgentStatus).insert(
    SYSTEM_STATUSES.map((status, position) => ({
      tenantId,
      name: status.name,
      color: status.color,
      systemKey: status.key,
      availability: status.availability,
      agentSelectable: status.agentSelectable,
      position,
    })),
  );
}
