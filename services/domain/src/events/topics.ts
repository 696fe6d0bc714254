/**
 * Events that cross process boundaries over Redis pub/sub. Payloads are plain JSON (ids, strings,
 * ISO dates), never entity objects.
 */
export interface EventPayloads {
  /** Sessions or credentials stopped working: every api process closes their sockets at once. */
  'auth.revoked': { tenantId: string; userIds?: string[]; sessionIds?: string[]; credentialIds?: string[] };
  /**
   * The permissions of these users or credentials changed (their roles, or a role's grants): every
   * api process closes their sockets, which were opened with the old ones, and clients reconnect.
   */
  'access.changed': { tenantId: string; userIds?: string[]; credentialIds?: string[] };
  /** A bulk user job moved on (status or processed rows): subscribers re-read the job. */
  'bulk.progress': { tenantId: string; jobId: string };
  /** An agent's status changed (sequence increases by one per change within the tenant). */
  'presence.changed': PresenceChangedEvent;
}

/** A presence change as it crosses processes: ids and an ISO date only. */
export interface PresenceChangedEvent {
  tenantId: string;
  sequence: number;
  userId: string;
  statusId: string;
  previousStatusId: string | null;
  /** ISO date of the change. */
  since: string;
  changedByUserId: string | null;
  changedByCredentialId: string | null;
  reason: string | null;
  /** The tenant's access mark (accessMarkSql) when the change was recorded: a subscriber hub whose mark is older recomputes visibility first. */
  accessMark: number;
  /** Set when the agent left their teams in the same change (deactivation): it also reaches those who saw the agent until then. */
  leavesTeams?: true;
}

export type Topic = keyof EventPayloads;
