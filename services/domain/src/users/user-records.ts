import type { EntityManager } from 'typeorm';
import { User, type UserStatus } from './user.entity';
import { UserRole } from '../roles/user-role.entity';
import { FIRST_EXTENSION, defaultAlias, emailKey } from './user.rules';

export interface NewUserRecord {
  tenantId: string;
  email: string;
  firstName: string;
  lastName: string;
  alias?: string | null;
  agentId?: string | null;
  locationId?: string | null;
  chatConcurrency?: number | null;
  /** Whether the user's chat concurrency overrides the chat settings; by default, when one is given. */
  chatConcurrencyEnabled?: boolean;
  status: UserStatus;
  passwordHash?: string | null;
  roleIds: string[];
}

/**
 * Takes the tenant's extension lock until the transaction ends, so two creations never pick the same
 * free extension. A lock of its own (not the tenant row), so a long bulk batch does not hold up
 * presence changes, which take the tenant row for their sequence.
 */
export async function lockExtensions(tx: EntityManager, tenantId: string): Promise<void> {
  await tx.query(`SELECT pg_advisory_xact_lock(hashtext('extensions'), hashtext($1))`, [tenantId]);
}

/** Inserts a user with the lowest free extension and their roles. Call inside a transaction (see lockExtensions). */
export async function insertUserRecord(tx: EntityManager, record: NewUserRecord): Promise<User> {
  await lockExtensions(tx, record.tenantId);
  const [{ extension }]: { extension: number }[] = await tx.query(
    `SELECT COALESCE(
       (SELECT $2::int WHERE NOT EXISTS (SELECT 1 FROM users WHERE tenant_id = $1 AND extension = $2)),
       (SELECT u.extension + 1 FROM users u
         WHERE u.tenant_id = $1
           AND NOT EXISTS (SELECT 1 FROM users n WHERE n.tenant_id = $1 AND n.extension = u.extension + 1)
         ORDER BY u.extension LIMIT 1)
     ) AS extension`,
    [record.tenantId, FIRST_EXTENSION],
  );
  const users = tx.getRepository(User);
  const user = await users.save(
    users.create({
      tenantId: record.tenantId,
      email: record.email.trim(),
      emailKey: emailKey(record.email),
      firstName: record.firstName.trim(),
      lastName: record.lastName.trim(),
      alias: record.alias?.trim() || defaultAlias(record.firstName, record.lastName),
      agentId: record.agentId ?? null,
      locationId: record.locationId ?? null,
      chatConcurrency: record.chatConcurrency ?? null,
      chatConcurrencyEnabled: record.chatConcurrencyEnabled ?? record.chatConcurrency != null,
      extension,
      status: record.status,
      passwordHash: record.passwordHash ?? null,
    }),
  );
  await tx
    .getRepository(UserRole)
    .insert(record.roleIds.map((roleId) => ({ userId: user.id, roleId, tenantId: record.tenantId })));
  return user;
}
