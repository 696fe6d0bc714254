import type { EntityManager } from 'typeorm';
import { In } from 'typeorm';
import type { Actor } from '../access/actor';
import { recordAudits } from '../audit/audit.service';
import { conflict } from '../errors/app-error';
import type { PresenceChangedEvent } from '../events/topics';
import { recordStatusChanges } from '../presence/presence-writes';
import { User } from './user.entity';
import { reactivatedStatus } from './user.rules';

/** Why the presence history shows a deactivated agent going Offline. */
export const DEACTIVATED_REASON = 'Deactivated';

/** Ends every session of the users inside the caller's transaction (AuthService.revokeSessionsOf). */
export type RevokeSessions = (userIds: string[], tx: EntityManager) => Promise<string[]>;

/**
 * Deactivates users inside the caller's transaction (rows locked by the caller): they can no
 * longer sign in, their sessions end, they leave every team and individually assigned queue, and
 * an agent with a presence goes Offline. Their history stays. Users already deactivated are left
 * alone. After commit the caller must publish 'auth.revoked' for the users so open sockets close,
 * and the returned 'presence.changed' events so supervisors' boards follow. A bulk job passes its
 * id, which the audit events carry.
 */
export async function deactivateWithin(
  tx: EntityManager,
  actor: Actor,
  users: readonly User[],
  revokeSessions: RevokeSessions,
  bulkJobId: string | null = null,
): Promise<PresenceChangedEvent[]> {
  const ids = users.filter((user) => user.status !== 'DEACTIVATED').map((user) => user.id);
  if (ids.length === 0) return [];
  await tx.getRepository(User).update({ id: In(ids) }, { status: 'DEACTIVATED', deactivatedAt: () => 'now()' });
  await revokeSessions(ids, tx);
  const [teams]: [{ userId: string; teamId: string }[]] = await tx.query(
    `DELETE FROM team_memberships WHERE user_id = ANY($1::uuid[]) RETURNING user_id AS "userId", team_id AS "teamId"`,
    [ids],
  );
  const [queues]: [{ userId: string; queueId: string }[]] = await tx.query(
    `DELETE FROM queue_assignments WHERE user_id = ANY($1::uuid[]) RETURNING user_id AS "userId", queue_id AS "queueId"`,
    [ids],
  );
  const offline = await goOffline(tx, actor, ids);
  await recordAudits(
    tx,
    actor,
    users
      .filter((user) => ids.includes(user.id))
      .map((user) => ({
        action: 'user.deactivate',
        targetType: 'user',
        targetId: user.id,
        before: {
          status: user.status,
          teams: teams.filter((t) => t.userId === user.id).map((t) => t.teamId),
          queues: queues.filter((q) => q.userId === user.id).map((q) => q.queueId),
          ...(offline.previous.has(user.id) ? { presenceStatus: offline.previous.get(user.id) } : {}),
        },
        after: { status: 'DEACTIVATED' },
        bulkJobId,
      })),
  );
  return offline.events.map((event) => ({ ...event, leavesTeams: true }));
}

/** Puts the users who have a presence and are not Offline into the system Offline status; returns their previous status ids and the events. */
async function goOffline(tx: EntityManager, actor: Actor, userIds: string[]): Promise<{ previous: Map<string, string>; events: PresenceChangedEvent[] }> {
  // The caller holds the users' rows, so what is read here stays current until commit.
  const present: { userId: string; sequence: number; statusId: string; offlineId: string }[] = await tx.query(
    `SELECT p.user_id AS "userId", p.sequence::int AS sequence, p.status_id AS "statusId", s.id AS "offlineId"
       FROM agent_presences p JOIN agent_statuses s ON s.tenant_id = p.tenant_id AND s.system_key = 'OFFLINE'
      WHERE p.user_id = ANY($1::uuid[]) AND p.status_id <> s.id`,
    [userIds],
  );
  const events = await recordStatusChanges(
    tx,
    actor.tenantId,
    present.map(({ userId, sequence, statusId, offlineId }) => ({
      tenantId: actor.tenantId,
      userId,
      expectedSequence: sequence,
      statusId: offlineId,
      previousStatusId: statusId,
      changedByUserId: actor.userId,
      changedByCredentialId: actor.credentialId,
      reason: DEACTIVATED_REASON,
      offlineReason: DEACTIVATED_REASON,
    })),
  );
  if (events.length < present.length) throw conflict('User');
  return { previous: new Map(present.map((p) => [p.userId, p.statusId])), events };
}

/**
 * Reactivates deactivated users inside the caller's transaction (rows locked, password hashes
 * selected by the caller): ACTIVE again with their old password, or INVITED if they never set one.
 * No email is sent and teams are not restored. Users not deactivated are left alone. A bulk job
 * passes its id, which the audit events carry.
 */
export async function reactivateWithin(tx: EntityManager, actor: Actor, users: readonly User[], bulkJobId: string | null = null): Promise<void> {
  const reactivated = users
    .filter((u) => u.status === 'DEACTIVATED')
    .map((user) => ({ user, status: reactivatedStatus(user.passwordHash !== null && user.passwordHash !== undefined) }));
  // At most two statuses: one UPDATE each, and one INSERT for all the audit events.
  for (const status of new Set(reactivated.map((r) => r.status))) {
    const ids = reactivated.filter((r) => r.status === status).map((r) => r.user.id);
    await tx.getRepository(User).update({ id: In(ids) }, { status, deactivatedAt: null });
  }
  await recordAudits(
    tx,
    actor,
    reactivated.map(({ user, status }) => ({
      action: 'user.reactivate',
      targetType: 'user',
      targetId: user.id,
      before: { status: 'DEACTIVATED' },
      after: { status },
      bulkJobId,
    })),
  );
}
