import type { DataSource, EntityManager, Repository } from 'typeorm';
import type { Config } from '../config/config';
import type { Actor } from '../access/actor';
import { requirePermission } from '../access/actor';
import { assertReachesUsers } from '../access/scope.service';
import { effectivePermissions, type RoleGrant } from '../access/effective-permissions';
import { AppError, badInput, notFound, unauthenticated } from '../errors/app-error';
import { User } from '../users/user.entity';
import { Tenant } from '../tenants/tenant.entity';
import { Session } from './session.entity';
import { ApiCredential } from './api-credential.entity';
import { ApiCredentialRole } from './api-credential-role.entity';
import { Role } from '../roles/role.entity';
import { API_SECRET_PREFIX, SESSION_TOKEN_PREFIX, generateSecret, hashSecret } from './tokens';
import { dummyPasswordHash, hashPassword, verifyPassword } from './passwords';
import { SIGN_IN_FAILED_MESSAGE, afterFailedSignIn, isLocked, passwordProblem } from './sign-in.rules';
import { recordAudit } from '../audit/audit.service';
import { isUuid } from '../shared/ids';
import type { EventBus } from '../events/event-bus';

export interface SignedIn {
  token: string;
  user: User;
  expiresAt: Date;
}

export interface CreatedApiCredential {
  credential: ApiCredential;
  /** Shown once; only its hash is stored. */
  secret: string;
}

/** Sign-in, sessions and API credentials. */
export class AuthService {
  constructor(
    private readonly db: DataSource,
    private readonly config: Pick<Config, 'sessionTtlHours' | 'lockoutMinutes'>,
    /** Tells every api process to close the sockets of what was revoked. */
    private readonly events: EventBus,
  ) {}

  /** Signs a user in with tenant slug, email and password; the error never says which part was wrong. */
  async login(input: { tenant: string; email: string; password: string; userAgent?: string }): Promise<SignedIn> {
    const now = new Date();
    const user = await this.db
      .getRepository(User)
      .createQueryBuilder('user')
      .addSelect('user.passwordHash')
      .innerJoin(Tenant, 'tenant', 'tenant.id = user.tenantId')
      .where('tenant.slug = :slug AND user.emailKey = :emailKey', {
        slug: input.tenant.trim().toLowerCase(),
        emailKey: input.email.trim().toLowerCase(),
      })
      .getOne();
    if (!user || !user.passwordHash) {
      await verifyPassword(await dummyPasswordHash(), input.password);
      throw unauthenticated(SIGN_IN_FAILED_MESSAGE);
    }
    const passwordOk = await verifyPassword(user.passwordHash, input.password);
    if (isLocked(user, now) || user.status !== 'ACTIVE' || !passwordOk) {
      if (!passwordOk && !isLocked(user, now)) {
        const next = afterFailedSignIn(user, now, this.config.lockoutMinutes);
        await this.db.getRepository(User).update({ id: user.id }, next);
      }
      throw unauthenticated(SIGN_IN_FAILED_MESSAGE);
    }
    return this.db.transaction(async (tx) => {
      await tx.getRepository(User).update(
        { id: user.id },
        { failedSignInCount: 0, lockedUntil: null, lastSignInAt: now },
      );
      const { token, expiresAt } = await this.startSession(tx.getRepository(Session), user, input.userAgent);
      const fresh = await tx.getRepository(User).findOneByOrFail({ id: user.id });
      return { token, user: fresh, expiresAt };
    });
  }

  /** Signs a user in inside the caller's transaction (accepting an invitation ends signed in). */
  async startSessionWithin(tx: EntityManager, user: User, userAgent?: string): Promise<SignedIn> {
    const { token, expiresAt } = await this.startSession(tx.getRepository(Session), user, userAgent);
    return { token, user: await tx.getRepository(User).findOneByOrFail({ id: user.id }), expiresAt };
  }

  private async startSession(sessions: Repository<Session>, user: User, userAgent?: string) {
    const token = generateSecret(SESSION_TOKEN_PREFIX);
    const expiresAt = new Date(Date.now() + this.config.sessionTtlHours * 3_600_000);
    await sessions.insert({
      tenantId: user.tenantId,
      userId: user.id,
      tokenHash: hashSecret(token),
      expiresAt,
      userAgent: userAgent?.slice(0, 300) ?? null,
    });
    return { token, expiresAt };
  }

  /** Resolves a bearer token or API secret to the acting user or credential; null when not valid. */
  async authenticate(bearer: string): Promise<Actor | null> {
    if (bearer.startsWith(SESSION_TOKEN_PREFIX)) return this.authenticateSession(bearer);
    if (bearer.startsWith(API_SECRET_PREFIX)) return this.authenticateCredential(bearer);
    return null;
  }

  // One statement per request: the session (or credential) and its role grants together.
  private async authenticateSession(token: string): Promise<Actor | null> {
    const rows: (GrantRow & { session_id: string; user_id: string; tenant_id: string })[] = await this.db.query(
      `SELECT s.id AS session_id, s.user_id, s.tenant_id, r.id AS role_id, r.name AS role_name, rp.permission, rp.access, rp.scope
         FROM sessions s
         JOIN users u ON u.id = s.user_id
         LEFT JOIN user_roles ur ON ur.user_id = s.user_id
         LEFT JOIN roles r ON r.id = ur.role_id
         LEFT JOIN role_permissions rp ON rp.role_id = r.id
        WHERE s.token_hash = $1 AND s.revoked_at IS NULL AND s.expires_at > now() AND u.status = 'ACTIVE'`,
      [hashSecret(token)],
    );
    const session = rows[0];
    if (!session) return null;
    return {
      tenantId: session.tenant_id,
      userId: session.user_id,
      sessionId: session.session_id,
      credentialId: null,
      permissions: effectivePermissions(toGrants(rows)),
    };
  }

  private async authenticateCredential(secret: string): Promise<Actor | null> {
    const rows: (GrantRow & { credential_id: string; tenant_id: string; last_used_at: Date | null })[] = await this.db.query(
      `SELECT c.id AS credential_id, c.tenant_id, c.last_used_at, r.id AS role_id, r.name AS role_name, rp.permission, rp.access, rp.scope
         FROM api_credentials c
         LEFT JOIN api_credential_roles cr ON cr.credential_id = c.id
         LEFT JOIN roles r ON r.id = cr.role_id
         LEFT JOIN role_permissions rp ON rp.role_id = r.id
        WHERE c.secret_hash = $1 AND c.revoked_at IS NULL`,
      [hashSecret(secret)],
    );
    const credential = rows[0];
    if (!credential) return null;
    // Recorded at most once a minute, so busy scripts do not write on every call.
    if (!credential.last_used_at || Date.now() - credential.last_used_at.getTime() > 60_000) {
      await this.db.query(`UPDATE api_credentials SET last_used_at = now() WHERE id = $1`, [credential.credential_id]);
    }
    return {
      tenantId: credential.tenant_id,
      userId: null,
      sessionId: null,
      credentialId: credential.credential_id,
      permissions: effectivePermissions(toGrants(rows)),
    };
  }

  /** Whether the session behind an actor is still valid (used to close sockets of revoked sessions). */
  async isStillValid(actor: Actor): Promise<boolean> {
    if (actor.sessionId) {
      const rows = await this.db.query(
        `SELECT 1 FROM sessions s JOIN users u ON u.id = s.user_id
          WHERE s.id = $1 AND s.revoked_at IS NULL AND s.expires_at > now() AND u.status = 'ACTIVE'`,
        [actor.sessionId],
      );
      return rows.length > 0;
    }
    const rows = await this.db.query(`SELECT 1 FROM api_credentials WHERE id = $1 AND revoked_at IS NULL`, [actor.credentialId]);
    return rows.length > 0;
  }

  /** Ends the caller's session. */
  async logout(actor: Actor): Promise<void> {
    if (!actor.sessionId) throw new AppError('BAD_USER_INPUT', 'API credentials have no session to end; revoke the credential instead');
    await this.db.getRepository(Session).update({ id: actor.sessionId }, { revokedAt: new Date() });
    await this.events.publish('auth.revoked', { tenantId: actor.tenantId, sessionIds: [actor.sessionId] });
  }

  /** Revokes every open session of the users (deactivation, password change); returns the session ids. */
  async revokeSessionsOf(userIds: string[], manager = this.db.manager): Promise<string[]> {
    const [rows]: [{ id: string }[]] = await manager.query(
      `UPDATE sessions SET revoked_at = now() WHERE user_id = ANY($1) AND revoked_at IS NULL RETURNING id`,
      [userIds],
    );
    return rows.map((row) => row.id);
  }

  /** Changes the caller's password; every session ends and a new one is returned. */
  async changePassword(actor: Actor, currentPassword: string, newPassword: string): Promise<SignedIn> {
    if (!actor.userId) throw badInput('currentPassword', 'API credentials have no password');
    const problem = passwordProblem(newPassword);
    if (problem) throw badInput('newPassword', problem);
    const user = await this.db
      .getRepository(User)
      .createQueryBuilder('user')
      .addSelect('user.passwordHash')
      .where('user.id = :id', { id: actor.userId })
      .getOneOrFail();
    if (!user.passwordHash || !(await verifyPassword(user.passwordHash, currentPassword))) {
      throw badInput('currentPassword', 'The current password is wrong');
    }
    const passwordHash = await hashPassword(newPassword);
    const { signedIn, revoked } = await this.db.transaction(async (tx) => {
      await tx.getRepository(User).update({ id: user.id }, { passwordHash });
      const revoked = await this.revokeSessionsOf([user.id], tx);
      await recordAudit(tx, actor, { action: 'user.password.change', targetType: 'user', targetId: user.id });
      const { token, expiresAt } = await this.startSession(tx.getRepository(Session), user);
      const signedIn = { token, user: await tx.getRepository(User).findOneByOrFail({ id: user.id }), expiresAt };
      return { signedIn, revoked };
    });
    await this.events.publish('auth.revoked', { tenantId: actor.tenantId, sessionIds: revoked });
    return signedIn;
  }

  /** Lifts a sign-in lock before it runs out; "Edit User" must reach the user (a team scope only its teams). */
  async unlockUser(actor: Actor, userId: string): Promise<User> {
    requirePermission(actor, 'users.edit', 'EDIT');
    if (!isUuid(userId)) throw notFound('User');
    return this.db.transaction(async (tx) => {
      const users = tx.getRepository(User);
      const user = await users.findOneBy({ id: userId, tenantId: actor.tenantId });
      if (!user) throw notFound('User');
      await assertReachesUsers(tx, actor, 'users.edit', 'EDIT', [user.id]);
      await users.update({ id: user.id }, { failedSignInCount: 0, lockedUntil: null });
      await recordAudit(tx, actor, { action: 'user.unlock', targetType: 'user', targetId: user.id });
      return users.findOneByOrFail({ id: user.id });
    });
  }

  /** Creates an API credential acting with the given roles (the Admin role when none are given). */
  async createApiCredential(actor: Actor, name: string, roleIds?: string[]): Promise<CreatedApiCredential> {
    requirePermission(actor, 'apiCredentials', 'EDIT');
    const trimmed = name.trim();
    if (trimmed.length === 0 || trimmed.length > 100) throw badInput('name', 'Name must be 1 to 100 characters');
    if (roleIds?.some((id) => !isUuid(id))) throw badInput('roleIds', 'Every role must exist');
    return this.db.transaction(async (tx) => {
      const roles = roleIds?.length
        ? await tx.getRepository(Role).findBy(roleIds.map((id) => ({ id, tenantId: actor.tenantId })))
        : await tx.getRepository(Role).findBy({ tenantId: actor.tenantId, defaultKey: 'ADMIN' });
      if (roleIds?.length && roles.length !== new Set(roleIds).size) throw badInput('roleIds', 'Every role must exist');
      const secret = generateSecret(API_SECRET_PREFIX);
      const credential = await tx.getRepository(ApiCredential).save(
        tx.getRepository(ApiCredential).create({
          tenantId: actor.tenantId,
          name: trimmed,
          secretHash: hashSecret(secret),
          secretPrefix: secret.slice(0, 10),
          createdByUserId: actor.userId,
        }),
      );
      await tx
        .getRepository(ApiCredentialRole)
        .insert(roles.map((role) => ({ credentialId: credential.id, roleId: role.id, tenantId: actor.tenantId })));
      await recordAudit(tx, actor, {
        action: 'apiCredential.create',
        targetType: 'apiCredential',
        targetId: credential.id,
        after: { name: trimmed, roles: roles.map((r) => r.name) },
      });
      return { credential, secret };
    });
  }

  /** The tenant's API credentials, newest first (secrets are never returned). */
  async listApiCredentials(actor: Actor): Promise<ApiCredential[]> {
    requirePermission(actor, 'apiCredentials', 'VIEW');
    return this.db.getRepository(ApiCredential).find({ where: { tenantId: actor.tenantId }, order: { createdAt: 'DESC' } });
  }

  /** Revokes a credential: its secret stops working at once. */
  async revokeApiCredential(actor: Actor, id: string): Promise<ApiCredential> {
    requirePermission(actor, 'apiCredentials', 'EDIT');
    if (!isUuid(id)) throw notFound('API credential');
    const credential = await this.db.transaction(async (tx) => {
      const repository = tx.getRepository(ApiCredential);
      const credential = await repository.findOneBy({ id, tenantId: actor.tenantId });
      if (!credential) throw notFound('API credential');
      if (!credential.revokedAt) {
        credential.revokedAt = new Date();
        await repository.update({ id }, { revokedAt: credential.revokedAt });
        await recordAudit(tx, actor, { action: 'apiCredential.revoke', targetType: 'apiCredential', targetId: id });
      }
      return credential;
    });
    await this.events.publish('auth.revoked', { tenantId: actor.tenantId, credentialIds: [credential.id] });
    return credential;
  }
}

/** A role grant as the sign-in queries return it; all null for an actor without roles. */
interface GrantRow {
  role_id: string | null;
  role_name: string | null;
  permission: string | null;
  access: RoleGrant['access'] | null;
  scope: RoleGrant['scope'] | null;
}

function toGrants(rows: GrantRow[]): RoleGrant[] {
  return rows
    .filter((r) => r.permission !== null)
    .map((r) => ({ roleId: r.role_id!, roleName: r.role_name!, permission: r.permission!, access: r.access!, scope: r.scope! }));
}
