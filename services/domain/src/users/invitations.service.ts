import type { DataSource, EntityManager } from 'typeorm';
import { IsNull } from 'typeorm';
import type { Config } from '../config/config';
import type { Actor } from '../access/actor';
import { requirePermission } from '../access/actor';
import { assertReachesUsers } from '../access/scope.service';
import type { AuthService, SignedIn } from '../auth/auth.service';
import { Invitation } from '../auth/invitation.entity';
import { INVITATION_TOKEN_PREFIX, generateSecret, hashSecret } from '../auth/tokens';
import { hashPassword } from '../auth/passwords';
import { passwordProblem } from '../auth/sign-in.rules';
import { recordAudit } from '../audit/audit.service';
import { enqueueEmails } from '../outbox/outbox.service';
import type { EmailDispatcher } from '../jobs/email-queue';
import { Tenant } from '../tenants/tenant.entity';
import { badInput, notFound } from '../errors/app-error';
import { isUuid } from '../shared/ids';
import { User } from './user.entity';
import { INVITATION_INVALID_MESSAGE, invitationEmail } from './invitation.rules';

/** The user an invitation is for. */
export type Invitee = Pick<User, 'id' | 'tenantId' | 'email' | 'firstName'>;

/**
 * Issues a new invitation link inside the caller's transaction: any older link of the user stops
 * working, and the email goes to the outbox. Returns the outbox email id, to queue after commit.
 */
export async function issueInvitation(tx: EntityManager, consoleUrl: string, user: Invitee, tenantName: string): Promise<string> {
  await tx.getRepository(Invitation).update({ userId: user.id, acceptedAt: IsNull(), invalidatedAt: IsNull() }, { invalidatedAt: () => 'now()' });
  const [emailId] = await inviteNewUsers(tx, consoleUrl, [user], tenantName);
  return emailId;
}

/** Invitations for users created in this transaction, in a few statements: they have no earlier link to invalidate (bulk creation). */
export async function inviteNewUsers(tx: EntityManager, consoleUrl: string, users: readonly Invitee[], tenantName: string): Promise<string[]> {
  if (users.length === 0) return [];
  const tokens = users.map(() => generateSecret(INVITATION_TOKEN_PREFIX));
  await tx.query(`INSERT INTO invitations (tenant_id, user_id, token_hash) SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::text[])`, [
    users.map((user) => user.tenantId),
    users.map((user) => user.id),
    tokens.map((token) => hashSecret(token)),
  ]);
  return enqueueEmails(
    tx,
    users.map((user, i) => ({
      tenantId: user.tenantId,
      kind: 'invitation',
      toAddress: user.email,
      ...invitationEmail({ tenantName, consoleUrl, firstName: user.firstName, token: tokens[i] }),
    })),
  );
}

/** Invitation links: sending them again, and accepting one to set a password. */
export class InvitationsService {
  constructor(
    private readonly db: DataSource,
    private readonly config: Pick<Config, 'consoleUrl'>,
    private readonly auth: AuthService,
    private readonly emails: EmailDispatcher,
  ) {}

  /** Sends an invited user a new link; the previous one stops working. Only for users still INVITED. */
  async resend(actor: Actor, userId: string): Promise<void> {
    requirePermission(actor, 'users.create', 'EDIT');
    if (!isUuid(userId)) throw notFound('User');
    const emailId = await this.db.transaction(async (tx) => {
      const user = await tx.getRepository(User).findOne({ where: { id: userId, tenantId: actor.tenantId }, lock: { mode: 'pessimistic_write' } });
      if (!user) throw notFound('User');
      await assertReachesUsers(tx, actor, 'users.create', 'EDIT', [user.id]);
      if (user.status !== 'INVITED') {
        const state = user.status === 'ACTIVE' ? 'already active' : 'deactivated';
        throw badInput('userId', `${user.email} is ${state}; only invited users get invitations`);
      }
      const tenant = await tx.getRepository(Tenant).findOneByOrFail({ id: actor.tenantId });
      const emailId = await issueInvitation(tx, this.config.consoleUrl, user, tenant.name);
      await recordAudit(tx, actor, { action: 'user.invitation.resend', targetType: 'user', targetId: user.id });
      return emailId;
    });
    await this.emails.dispatch([emailId]);
  }

  /**
   * Accepts an invitation: sets the password, makes the user ACTIVE and signs them in. A link that
   * was replaced, already used or never issued is refused with one message on "token".
   */
  async accept(token: string, password: string, userAgent?: string): Promise<SignedIn> {
    const tokenHash = hashSecret(token.trim());
    if (!(await this.openInvitation(this.db.manager, tokenHash, false))) throw badInput('token', INVITATION_INVALID_MESSAGE);
    const problem = passwordProblem(password);
    if (problem) throw badInput('password', problem);
    // Hashed before the transaction, so row locks are not held for the slow hash.
    const passwordHash = await hashPassword(password);
    return this.db.transaction(async (tx) => {
      // Checked again under lock: two clicks on one link accept it once.
      const invitation = await this.openInvitation(tx, tokenHash, true);
      if (!invitation) throw badInput('token', INVITATION_INVALID_MESSAGE);
      await tx.getRepository(Invitation).update({ id: invitation.id }, { acceptedAt: () => 'now()' });
      await tx
        .getRepository(User)
        .update({ id: invitation.userId }, { passwordHash, status: 'ACTIVE', failedSignInCount: 0, lockedUntil: null, lastSignInAt: () => 'now()' });
      const self: Actor = { tenantId: invitation.tenantId, userId: invitation.userId, sessionId: null, credentialId: null, permissions: new Map() };
      await recordAudit(tx, self, {
        action: 'user.invitation.accept',
        targetType: 'user',
        targetId: invitation.userId,
        before: { status: 'INVITED' },
        after: { status: 'ACTIVE' },
      });
      const user = await tx.getRepository(User).findOneByOrFail({ id: invitation.userId });
      return this.auth.startSessionWithin(tx, user, userAgent);
    });
  }

  private async openInvitation(db: EntityManager, tokenHash: string, lock: boolean): Promise<Invitation | null> {
    const query = db
      .getRepository(Invitation)
      .createQueryBuilder('invitation')
      .innerJoin(User, 'user', 'user.id = invitation.userId')
      .where('invitation.tokenHash = :tokenHash', { tokenHash })
      .andWhere('invitation.acceptedAt IS NULL AND invitation.invalidatedAt IS NULL')
      .andWhere(`user.status = 'INVITED'`);
    if (lock) query.setLock('pessimistic_write');
    return query.getOne();
  }
}
