import type { DataSource, EntityManager } from 'typeorm';
import type { Actor } from '../access/actor';
import { requirePermission } from '../access/actor';
import { allows } from '../access/effective-permissions';
import { forbidden, notFound, badInput } from '../errors/app-error';
import type { EventBus } from '../events/event-bus';
import type { PresenceChangedEvent } from '../events/topics';
import { isUuid } from '../shared/ids';
import { recordStatusChangeEvent } from './presence-writes';
import { visibleAgents } from './presence-visibility';
import { assertAgentMayChoose, assertMaySetAgentStatus, assertSupervisorMayAct, isIntegration, type StatusFacts } from './presence.rules';

/** An agent's current presence as the api shows it. */
export interface PresenceView {
  userId: string;
  statusId: string;
  since: Date;
  sequence: number;
  lastHeartbeatAt: Date | null;
  /** Why the agent went Offline without asking; null otherwise. */
  offlineReason: string | null;
}

const STATUS_COLUMNS = `s.id, s.name, s.system_key AS "systemKey", s.agent_selectable AS "agentSelectable", s.archived_at AS "archivedAt"`;
const PRESENCE_COLUMNS = `p.user_id AS "userId", p.status_id AS "statusId", p.since, p.sequence::int AS sequence,
  p.last_heartbeat_at AS "lastHeartbeatAt", p.offline_reason AS "offlineReason"`;

/** Why the history shows an agent going Offline at the end of a shift. */
export const END_SHIFT_REASON = 'Ended shift';

/**
 * Agents' own status changes and supervisors' (or integrations') changes of agents. Each change is
 * one transaction (tenant row locked first, then the presence row) and is published after commit.
 * The history row of each change is its audit record: who, when, previous status and reason.
 */
export class PresenceService {
  constructor(
    private readonly db: DataSource,
    private readonly events: EventBus,
  ) {}

  /** Starts the agent's shift: the tenant's default status (Unavailable unless configured). Already on shift: unchanged. */
  async startShift(actor: Actor): Promise<PresenceView> {
    const userId = this.agentOf(actor);
    return this.change(actor, userId, async (tx, current) => {
      if (current && current.systemKey !== 'OFFLINE') return null;
      const [status]: StatusFacts[] = await tx.query(
        `SELECT ${STATUS_COLUMNS} FROM tenants t JOIN agent_statuses s
            ON s.id = COALESCE(t.default_agent_status_id, (SELECT id FROM agent_statuses WHERE tenant_id = t.id AND system_key = 'UNAVAILABLE'))
          WHERE t.id = $1`,
        [actor.tenantId],
      );
      return { status, reason: 'Started shift', offlineReason: null };
    });
  }

  /** Ends the agent's shift: Offline. Already Offline: unchanged. */
  async endShift(actor: Actor): Promise<PresenceView | null> {
    const userId = this.agentOf(actor);
    return this.change(actor, userId, async (tx, current) => {
      if (!current || current.systemKey === 'OFFLINE') return null;
      return { status: await this.systemStatus(tx, actor.tenantId, 'OFFLINE'), reason: END_SHIFT_REASON, offlineReason: null };
    });
  }

  /** The agent chooses a status agents may choose; needs "Agent Adapter - Set Own Status" and a started shift. */
  async setMyStatus(actor: Actor, statusId: string): Promise<PresenceView> {
    const userId = this.agentOf(actor);
    requirePermission(actor, 'adapter.status');
    return this.change(actor, userId, async (tx, current) => {
      const status = await this.statusById(tx, actor.tenantId, statusId);
      assertAgentMayChoose(status);
      if (!current || current.systemKey === 'OFFLINE') throw badInput('statusId', 'Start your shift (startShift) before choosing a status');
      if (current.id === status.id) return null;
      return { status, reason: null, offlineReason: null };
    });
  }

  /** Records that the agent's console is alive (for HTTP-only clients; open sockets count by themselves). */
  async heartbeat(actor: Actor): Promise<PresenceView | null> {
    const userId = this.agentOf(actor);
    const [rows]: [PresenceView[]] = await this.db.query(
      `UPDATE agent_presences p SET last_heartbeat_at = now() WHERE p.user_id = $1 AND p.tenant_id = $2 RETURNING ${PRESENCE_COLUMNS}`,
      [userId, actor.tenantId],
    );
    return rows[0] ?? null;
  }

  /** The caller's own presence, with the reason when they were put Offline; null before a first shift. */
  async myPresence(actor: Actor): Promise<PresenceView | null> {
    if (!actor.userId) return null;
    const [row]: PresenceView[] = await this.db.query(`SELECT ${PRESENCE_COLUMNS} FROM agent_presences p WHERE p.user_id = $1`, [actor.userId]);
    return row ?? null;
  }

  /**
   * A supervisor ("Monitoring - Agents" Edit, within scope) or an integration (see isIntegration)
   * sets an agent's status. Supervisors are refused while the agent is In Call, In Chat or Offline.
   */
  async setAgentStatus(actor: Actor, userId: string, statusId: string, reason?: string | null): Promise<PresenceView> {
    const integration = isIntegration(actor, allows(actor.permissions, 'adapter.work'), allows(actor.permissions, 'monitoring.agents', 'EDIT'));
    // An integration taking calls for the whole tenant reaches every agent; anyone else only their scope.
    if (!(integration && allows(actor.permissions, 'adapter.work'))) await this.assertReaches(actor, userId);
    return this.change(actor, userId, async (tx, current) => {
      const status = await this.statusById(tx, actor.tenantId, statusId);
      assertMaySetAgentStatus(current, status, integration);
      if (current!.id === status.id) return null;
      return { status, reason: cleanReason(reason), offlineReason: null };
    });
  }

  /** A supervisor logs an agent out (Offline, with the reason shown to the agent); refused while In Call, In Chat or Offline. */
  async logOutAgent(actor: Actor, userId: string, reason?: string | null): Promise<PresenceView> {
    await this.assertReaches(actor, userId);
    return this.change(actor, userId, async (tx, current) => {
      assertSupervisorMayAct(current, 'log them out');
      const [who]: { name: string }[] = actor.userId
        ? await tx.query(`SELECT first_name || ' ' || last_name AS name FROM users WHERE id = $1`, [actor.userId])
        : [{ name: 'an integration' }];
      const why = cleanReason(reason) ?? `Logged out by ${who.name}`;
      return { status: await this.systemStatus(tx, actor.tenantId, 'OFFLINE'), reason: why, offlineReason: why };
    });
  }

  /**
   * One locked change: `decide` sees the agent's current status (null before a first shift) and
   * returns the new status, or null to leave it. Publishes the event after commit.
   */
  private async change(
    actor: Actor,
    userId: string,
    decide: (tx: EntityManager, current: StatusFacts | null) => Promise<{ status: StatusFacts; reason: string | null; offlineReason: string | null } | null>,
  ): Promise<PresenceView> {
    let event: PresenceChangedEvent | null = null;
    const view = await this.db.transaction(async (tx) => {
      // The tenant row first, as recordStatusChange takes it: one lock order, no deadlock.
      await tx.query(`SELECT 1 FROM tenants WHERE id = $1 FOR UPDATE`, [actor.tenantId]);
      const [agent]: { id: string }[] = await tx.query(`SELECT id FROM users WHERE id = $1 AND tenant_id = $2`, [userId, actor.tenantId]);
      if (!agent) throw notFound('Agent');
      const [current]: StatusFacts[] = await tx.query(
        `SELECT ${STATUS_COLUMNS} FROM agent_presences p JOIN agent_statuses s ON s.id = p.status_id WHERE p.user_id = $1 FOR UPDATE OF p`,
        [userId],
      );
      const next = await decide(tx, current ?? null);
      if (next) {
        event = await recordStatusChangeEvent(tx, {
          tenantId: actor.tenantId,
          userId,
          statusId: next.status.id,
          previousStatusId: current?.id ?? null,
          changedByUserId: actor.userId,
          changedByCredentialId: actor.credentialId,
          reason: next.reason,
          offlineReason: next.offlineReason,
        });
        // Any change the agent makes proves their console is alive.
        if (actor.userId === userId) await tx.query(`UPDATE agent_presences SET last_heartbeat_at = now() WHERE user_id = $1`, [userId]);
      }
      const [row]: PresenceView[] = await tx.query(`SELECT ${PRESENCE_COLUMNS} FROM agent_presences p WHERE p.user_id = $1`, [userId]);
      return row;
    });
    if (event) await this.events.publish('presence.changed', event);
    if (!view) throw badInput('userId', 'The agent has not started a shift yet');
    return view;
  }

  /** The acting agent's user id; FORBIDDEN for API credentials and people without "Take Calls & Chats". */
  private agentOf(actor: Actor): string {
    if (!actor.userId) throw forbidden('Only a signed-in agent has a shift; integrations use setAgentStatus');
    requirePermission(actor, 'adapter.work');
    return actor.userId;
  }

  private async assertReaches(actor: Actor, userId: string): Promise<void> {
    if (!isUuid(userId)) throw notFound('Agent');
    const visible = await visibleAgents(this.db.manager, actor, null, 'EDIT');
    if (visible && !visible.has(userId)) {
      const [exists]: unknown[] = await this.db.query(`SELECT 1 FROM users WHERE id = $1 AND tenant_id = $2`, [userId, actor.tenantId]);
      if (!exists) throw notFound('Agent');
      throw forbidden('Your permission "Monitoring - Agents" does not reach this agent: they are not in the teams (or queues) you supervise');
    }
  }

  private async statusById(tx: EntityManager, tenantId: string, statusId: string): Promise<StatusFacts> {
    if (!isUuid(statusId)) throw notFound('Agent status');
    const [status]: StatusFacts[] = await tx.query(`SELECT ${STATUS_COLUMNS} FROM agent_statuses s WHERE s.id = $1 AND s.tenant_id = $2`, [
      statusId,
      tenantId,
    ]);
    if (!status) throw notFound('Agent status');
    return status;
  }

  private async systemStatus(tx: EntityManager, tenantId: string, key: 'OFFLINE'): Promise<StatusFacts> {
    const [status]: StatusFacts[] = await tx.query(`SELECT ${STATUS_COLUMNS} FROM agent_statuses s WHERE s.tenant_id = $1 AND s.system_key = $2`, [
      tenantId,
      key,
    ]);
    return status;
  }
}

/** A reason trimmed to what the history column holds; null when blank. */
function cleanReason(reason: string | null | undefined): string | null {
  const trimmed = reason?.trim();
  if (!trimmed) return null;
  if (trimmed.length > 200) throw badInput('reason', 'Reason must be at most 200 characters');
  return trimmed;
}
