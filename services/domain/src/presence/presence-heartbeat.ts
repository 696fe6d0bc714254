import type { DataSource } from 'typeorm';
import type { PresenceChangedEvent } from '../events/topics';
import { recordStatusChanges } from './presence-writes';
import { heartbeatTimeoutReason } from './presence.rules';

/** Most agents one sweep puts Offline; the next sweep takes the rest. */
const SWEEP_BATCH = 500;

/**
 * Refreshes the heartbeat of agents whose console holds an open socket, in one statement (the api
 * calls it periodically with every user id it has a socket for).
 */
export async function touchHeartbeats(db: DataSource, userIds: readonly string[]): Promise<void> {
  if (userIds.length === 0) return;
  await db.query(`UPDATE agent_presences SET last_heartbeat_at = now() WHERE user_id = ANY($1::uuid[])`, [userIds]);
}

/**
 * Puts Offline every agent (of every tenant) not Offline whose last sign of life (heartbeat, or the
 * change that set the status) is older than the timeout, recording the reason. Each tenant's agents
 * go in one transaction, whose events are handed to `publish` as soon as it commits (a later
 * tenant's failure must not withhold them); rows another sweep holds are skipped. Returns all events.
 */
export async function sweepStaleHeartbeats(
  db: DataSource,
  timeoutSeconds: number,
  publish: (events: PresenceChangedEvent[]) => Promise<void>,
): Promise<PresenceChangedEvent[]> {
  const stale: { tenantId: string }[] = await db.query(
    `SELECT DISTINCT p.tenant_id AS "tenantId" FROM agent_presences p JOIN agent_statuses s ON s.id = p.status_id
      WHERE s.system_key IS DISTINCT FROM 'OFFLINE'
        AND GREATEST(COALESCE(p.last_heartbeat_at, p.since), p.since) < now() - make_interval(secs => $1)`,
    [timeoutSeconds],
  );
  const reason = heartbeatTimeoutReason(timeoutSeconds);
  const events: PresenceChangedEvent[] = [];
  for (const { tenantId } of stale) {
    const committed = await db.transaction(async (tx) => {
      // The agents' user rows, as every presence change takes them; agents being changed right now are left for the next sweep.
      const agents: { userId: string; sequence: number; statusId: string; offlineId: string }[] = await tx.query(
        `SELECT p.user_id AS "userId", p.sequence::int AS sequence, p.status_id AS "statusId", o.id AS "offlineId"
           FROM agent_presences p JOIN users u ON u.id = p.user_id JOIN agent_statuses s ON s.id = p.status_id
           JOIN agent_statuses o ON o.tenant_id = p.tenant_id AND o.system_key = 'OFFLINE'
          WHERE p.tenant_id = $1 AND s.system_key IS DISTINCT FROM 'OFFLINE'
            AND GREATEST(COALESCE(p.last_heartbeat_at, p.since), p.since) < now() - make_interval(secs => $2)
          ORDER BY p.user_id LIMIT ${SWEEP_BATCH}
            FOR NO KEY UPDATE OF u SKIP LOCKED`,
        [tenantId, timeoutSeconds],
      );
      // An agent changed while these rows were read is left for the next sweep.
      return recordStatusChanges(
        tx,
        tenantId,
        agents.map((agent) => ({
          tenantId,
          userId: agent.userId,
          expectedSequence: agent.sequence,
          statusId: agent.offlineId,
          previousStatusId: agent.statusId,
          changedByUserId: null,
          changedByCredentialId: null,
          reason,
          offlineReason: reason,
        })),
      );
    });
    await publish(committed);
    events.push(...committed);
  }
  return events;
}
