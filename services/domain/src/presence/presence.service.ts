import type { DataSource } from 'typeorm';
import type { Actor } from '../access/actor';
import { requirePermission } from '../access/actor';
import { allows } from '../access/effective-permissions';
import { badInput, conflict, forbidden, notFound } from '../errors/app-error';
import type { EventBus } from '../events/event-bus';
import { presenceSweepEveryMs } from '../jobs/queues';
import { isUuid } from '../shared/ids';
import { PresenceRecorder } from './presence-recorder';
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

/** The status a change moves to: one by id, the tenant's Offline, or its default (a shift's start). */
type StatusTarget = { statusId: string } | 'OFFLINE' | 'DEFAULT';

/** Which status `ts` of the tenant ($2) the target is, and the parameters after $2 that says so. */
function targetCondition(target: StatusTarget): { condition: string; params: string[] } {
  if (target === 'OFFLINE') return { condition: `ts.system_key = 'OFFLINE'`, params: [] };
  if (target === 'DEFAULT') {
    const unavailable = `(SELECT id FROM agent_statuses WHERE tenant_id = $2 AND system_key = 'UNAVAILABLE')`;
    return { condition: `ts.id = COALESCE((SELECT default_agent_status_id FROM tenants WHERE id = $2), ${unavailable})`, params: [] };
  }
  return { condition: 'ts.id = $3::uuid', params: [target.statusId] };
}

/** How often a change is decided again when the agent changed between reading and recording. */
const MAX_ATTEMPTS = 5;

/** Why the history shows an agent going Offline at the end of a shift. */
export const END_SHIFT_REASON = 'Ended shift';

/**
 * Agents' own status changes and supervisors' (or integrations') changes of agents. Each change is
 * one transaction (see change) and is published after commit.
 * The history row of each change is its audit record: who, when, previous status and reason.
 */
export class PresenceService {
  private readonly recorder: PresenceRecorder;

  constructor(
    private readonly db: DataSource,
    private readonly events: EventBus,
    private readonly heartbeatTimeoutSeconds: number,
  ) {
    this.recorder = new PresenceRecorder(db);
  }

  /** How often a console without an open WebSocket calls heartbeat: a third of the timeout (30 s at most), so one late call costs nothing. */
  heartbeatEverySeconds(): number {
    return Math.max(1, Math.floor(presenceSweepEveryMs(this.heartbeatTimeoutSeconds) / 1000));
  }

  /** Starts the agent's shift: the tenant's default status (Unavailable unless configured). Already on shift: unchanged. */
  async startShift(actor: Actor): Promise<PresenceView> {
    const userId = this.agentOf(actor);
    return this.change(actor, userId, 'DEFAULT', async (current, status) => {
      if (current && current.systemKey !== 'OFFLINE') return null;
      return { status: status!, reason: 'Started shift', offlineReason: null };
    });
  }

  /** Ends the agent's shift: Offline. Already Offline: unchanged. */
  async endShift(actor: Actor): Promise<PresenceView | null> {
    const userId = this.agentOf(actor);
    return this.change(actor, userId, 'OFFLINE', async (current, offline) => {
      if (!current || current.systemKey === 'OFFLINE') return null;
      return { status: offline!, reason: END_SHIFT_REASON, offlineReason: null };
    });
  }

  /** The agent chooses a status agents may choose; needs "Agent Adapter - Set Own Status" and a started shift. */
  async setMyStatus(actor: Actor, statusId: string): Promise<PresenceView> {
    const userId = this.agentOf(actor);
    requirePermission(actor, 'adapter.status');
    return this.change(actor, userId, { statusId }, async (current, status) => {
      if (!status) throw notFound('Agent status');
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
    return this.change(actor, userId, { statusId }, async (current, status) => {
      if (!status) throw notFound('Agent status');
      assertMaySetAgentStatus(current, status, integration);
      if (current!.id === status.id) return null;
      return { status, reason: cleanReason(reason), offlineReason: null };
    });
  }

  /** A supervisor logs an agent out (Offline, with the reason shown to the agent); refused while In Call, In Chat or Offline. */
  async logOutAgent(actor: Actor, userId: string, reason?: string | null): Promise<PresenceView> {
    await this.assertReaches(actor, userId);
    return this.change(actor, userId, 'OFFLINE', async (current, offline) => {
      assertSupervisorMayAct(current, 'log them out');
      const [who]: { name: string }[] = actor.userId
        ? await this.db.query(`SELECT first_name || ' ' || last_name AS name FROM users WHERE id = $1`, [actor.userId])
        : [{ name: 'an integration' }];
      const why = cleanReason(reason) ?? `Logged out by ${who.name}`;
      return { status: offline!, reason: why, offlineReason: why };
    });
  }

  /**
   * One change of one agent: `decide` sees the agent's current status (null before a first shift)
   * and the `target` status (null when no such status), both read in one statement, and returns the
   * new status, or null to leave it. Reading and deciding take no lock; recording
   * (grouped with other changes, see PresenceRecorder) commits only if the agent did not change
   * meanwhile, else the change is read and decided again. Publishes after commit.
   */
  private async change(
    actor: Actor,
    userId: string,
    target: StatusTarget,
    decide: (current: StatusFacts | null, target: StatusFacts | null) => Promise<{ status: StatusFacts; reason: string | null; offlineReason: string | null } | null>,
  ): Promise<PresenceView> {
    if (!isUuid(userId)) throw notFound('Agent');
    if (typeof target === 'object' && !isUuid(target.statusId)) throw notFound('Agent status');
    const { condition, params } = targetCondition(target);
    for (let attempt = 1; ; attempt++) {
      const [agent]: ({ agentId: string; target: (Omit<StatusFacts, 'archivedAt'> & { archivedAt: string | null }) | null } & Partial<StatusFacts & PresenceView>)[] =
        await this.db.query(
          `SELECT u.id AS "agentId", ${STATUS_COLUMNS}, ${PRESENCE_COLUMNS},
                  (SELECT json_build_object('id', ts.id, 'name', ts.name, 'systemKey', ts.system_key, 'agentSelectable', ts.agent_selectable,
                                            'archivedAt', ts.archived_at)
                     FROM agent_statuses ts WHERE ts.tenant_id = $2 AND ${condition}) AS target
             FROM users u LEFT JOIN agent_presences p ON p.user_id = u.id LEFT JOIN agent_statuses s ON s.id = p.status_id
            WHERE u.id = $1 AND u.tenant_id = $2`,
          [userId, actor.tenantId, ...params],
        );
      if (!agent) throw notFound('Agent');
      const current = agent.userId ? (agent as StatusFacts & PresenceView) : null;
      const to = agent.target && { ...agent.target, archivedAt: agent.target.archivedAt ? new Date(agent.target.archivedAt) : null };
      const next = await decide(current, to);
      if (!next) {
        if (!current) throw badInput('userId', 'The agent has not started a shift yet');
        return presenceOf(current);
      }
      const byTheAgent = actor.userId === userId;
      const event = await this.recorder.record({
        tenantId: actor.tenantId,
        userId,
        expectedSequence: current?.sequence ?? null,
        statusId: next.status.id,
        previousStatusId: current?.id ?? null,
        changedByUserId: actor.userId,
        changedByCredentialId: actor.credentialId,
        reason: next.reason,
        offlineReason: next.offlineReason,
        byTheAgent,
      });
      if (!event) {
        if (attempt < MAX_ATTEMPTS) continue;
        throw conflict('Agent status');
      }
      await this.events.publish('presence.changed', event);
      const since = new Date(event.since);
      return {
        userId,
        statusId: next.status.id,
        since,
        sequence: event.sequence,
        lastHeartbeatAt: byTheAgent ? since : (current?.lastHeartbeatAt ?? null),
        offlineReason: next.offlineReason,
      };
    }
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
}

/** The presence columns of a row read with the status's columns. */
function presenceOf(row: PresenceView): PresenceView {
  return {
    userId: row.userId,
    statusId: row.statusId,
    since: row.since,
    sequence: row.sequence,
    lastHeartbeatAt: row.lastHeartbeatAt,
    offlineReason: row.offlineReason,
  };
}

/** A reason trimmed to what the history column holds; null when blank. */
function cleanReason(reason: string | null | undefined): string | null {
  const trimmed = reason?.trim();
  if (!trimmed) return null;
  if (trimmed.length > 200) throw badInput('reason', 'Reason must be at most 200 characters');
  return trimmed;
}
