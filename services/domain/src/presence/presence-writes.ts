import type { EntityManager } from 'typeorm';
import type { PresenceChangedEvent } from '../events/topics';

/** One status change of an agent, as the presence history records it. */
export interface PresenceStatusChange {
  tenantId: string;
  userId: string;
  statusId: string;
  previousStatusId: string | null;
  changedByUserId: string | null;
  changedByCredentialId: string | null;
  /** Why the status changed, shown in the history (e.g. "Deactivated"). */
  reason: string | null;
  /** Set when the agent is put Offline without asking; any other change clears it. */
  offlineReason?: string | null;
}

/** The recorded change: its tenant sequence number and time. */
export interface RecordedPresenceChange {
  eventId: string;
  sequence: string;
  changedAt: Date;
}

/**
 * Sets an agent's current status and appends the change to the presence history, inside the
 * caller's transaction. The tenant's presence sequence is taken with an UPDATE, so concurrent changes
 * in one tenant get distinct, ordered numbers (the row lock holds until the caller commits).
 * Callers that lock presence rows themselves should lock the tenant row first, in the same order.
 */
export async function recordStatusChange(tx: EntityManager, change: PresenceStatusChange): Promise<RecordedPresenceChange> {
  const [[{ sequence }]]: [[{ sequence: string }]] = await tx.query(
    `UPDATE tenants SET presence_sequence = presence_sequence + 1 WHERE id = $1 RETURNING presence_sequence AS sequence`,
    [change.tenantId],
  );
  await tx.query(
    `INSERT INTO agent_presences (user_id, tenant_id, status_id, since, sequence, offline_reason, updated_at)
     VALUES ($1, $2, $3, now(), $4, $5, now())
     ON CONFLICT (user_id) DO UPDATE
       SET status_id = EXCLUDED.status_id, since = EXCLUDED.since, sequence = EXCLUDED.sequence,
           offline_reason = EXCLUDED.offline_reason, updated_at = EXCLUDED.updated_at`,
    [change.userId, change.tenantId, change.statusId, sequence, change.offlineReason ?? null],
  );
  const [event]: { id: string; changedAt: Date }[] = await tx.query(
    `INSERT INTO agent_status_events
       (tenant_id, user_id, sequence, status_id, previous_status_id, changed_by_user_id, changed_by_credential_id, reason, changed_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, now())
     RETURNING id, changed_at AS "changedAt"`,
    [
      change.tenantId,
      change.userId,
      sequence,
      change.statusId,
      change.previousStatusId,
      change.changedByUserId,
      change.changedByCredentialId,
      change.reason,
    ],
  );
  return { eventId: String(event.id), sequence: String(sequence), changedAt: event.changedAt };
}

/** The plain-JSON event of a recorded change, for publishing after commit. */
export function presenceEventOf(change: PresenceStatusChange, recorded: RecordedPresenceChange): PresenceChangedEvent {
  return {
    tenantId: change.tenantId,
    sequence: Number(recorded.sequence),
    userId: change.userId,
    statusId: change.statusId,
    previousStatusId: change.previousStatusId,
    since: new Date(recorded.changedAt).toISOString(),
    changedByUserId: change.changedByUserId,
    changedByCredentialId: change.changedByCredentialId,
    reason: change.reason,
  };
}

/** Records a change (see recordStatusChange) and returns its event. */
export async function recordStatusChangeEvent(tx: EntityManager, change: PresenceStatusChange): Promise<PresenceChangedEvent> {
  return presenceEventOf(change, await recordStatusChange(tx, change));
}
