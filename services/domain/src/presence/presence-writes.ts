import type { EntityManager } from 'typeorm';
import type { PresenceChangedEvent } from '../events/topics';
import { accessMarkSql } from './presence-visibility';

/** One status change of an agent, as the presence history records it. */
export interface PresenceStatusChange {
  tenantId: string;
  userId: string;
  /** The presence sequence the change was decided on; null when the agent had no presence yet. */
  expectedSequence: number | null;
  statusId: string;
  previousStatusId: string | null;
  changedByUserId: string | null;
  changedByCredentialId: string | null;
  /** Why the status changed, shown in the history (e.g. "Deactivated"). */
  reason: string | null;
  /** Set when the agent is put Offline without asking; any other change clears it. */
  offlineReason?: string | null;
  /** The agent made the change themselves: it also proves their console is alive. */
  byTheAgent?: boolean;
}

/**
 * Sets agents' current status and appends the changes to the presence history, taking the tenant's
 * next sequence numbers, in one statement (record_presence_changes, see its migration). Returns the
 * events of the changes recorded, for publishing after commit: a change is left out when its agent
 * changed since `expectedSequence` was read (its caller reads again and decides again). At most one
 * change per agent.
 *
 * Called outside a transaction (`db.manager`), it commits within the statement, so changes in one
 * tenant wait for each other only inside PostgreSQL, never for a busy api process's next round trip.
 */
export async function recordStatusChanges(db: EntityManager, tenantId: string, changes: readonly PresenceStatusChange[]): Promise<PresenceChangedEvent[]> {
  if (changes.length === 0) return [];
  // The access mark is read after the recording took the agents' rows: it covers every access change committed before.
  const recorded: { userId: string; sequence: string; changedAt: Date; accessMark: number }[] = await db.query(
    `SELECT user_id AS "userId", sequence, changed_at AS "changedAt", ${accessMarkSql('$1')} AS "accessMark"
       FROM record_presence_changes($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
    [
      tenantId,
      changes.map((c) => c.userId),
      changes.map((c) => c.expectedSequence),
      changes.map((c) => c.statusId),
      changes.map((c) => c.previousStatusId),
      changes.map((c) => c.changedByUserId),
      changes.map((c) => c.changedByCredentialId),
      changes.map((c) => c.reason),
      changes.map((c) => c.offlineReason ?? null),
      changes.map((c) => c.byTheAgent ?? false),
    ],
  );
  const byUser = new Map(recorded.map((r) => [r.userId, r]));
  return changes.flatMap((change) => {
    const row = byUser.get(change.userId);
    if (!row) return [];
    return [
      {
      tenantId: change.tenantId,
      sequence: Number(row.sequence),
      userId: change.userId,
      statusId: change.statusId,
      previousStatusId: change.previousStatusId,
      since: new Date(row.changedAt).toISOString(),
      changedByUserId: change.changedByUserId,
      changedByCredentialId: change.changedByCredentialId,
      reason: change.reason,
      accessMark: row.accessMark,
      },
    ];
  });
}
