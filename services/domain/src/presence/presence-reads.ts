import type { DataSource } from 'typeorm';
import { In } from 'typeorm';
import type { Actor } from '../access/actor';
import { forbidden, notFound } from '../errors/app-error';
import type { PresenceChangedEvent } from '../events/topics';
import { isUuid } from '../shared/ids';
import { User } from '../users/user.entity';
import { AgentStatus } from './agent-status.entity';
import { visibleAgents, type VisibleAgents } from './presence-visibility';
import { assertHistoryRange, timeInStatuses, type HistoryChange } from './presence.rules';

/** A status change with the agent, statuses and changer loaded, ready to show. */
export interface StatusEventView {
  sequence: number;
  user: User;
  status: AgentStatus;
  previousStatus: AgentStatus | null;
  since: Date;
  changedBy: User | null;
  changedByCredentialId: string | null;
  reason: string | null;
}

/** Users and statuses already read for describe, by id: a caller keeping one reuses them (see PresenceHub). */
export interface DescribedRows {
  users: Map<string, User>;
  statuses: Map<string, AgentStatus>;
}

export function newDescribedRows(): DescribedRows {
  return { users: new Map(), statuses: new Map() };
}

/** One row of the supervisors' board. */
export interface BoardRow {
  user: User;
  status: AgentStatus;
  since: Date;
  sequence: number;
  offlineReason: string | null;
}

/** An agent's history over a range, with the time spent in each status. */
export interface StatusHistory {
  events: StatusEventView[];
  /** The range holds more changes than `events` lists (MAX_HISTORY_EVENTS); timeInStatus counts them all. */
  truncated: boolean;
  timeInStatus: { status: AgentStatus; seconds: number }[];
}

export interface BoardFilter {
  teamId?: string | null;
  statusIds?: string[] | null;
}

const EVENT_COLUMNS = `e.tenant_id AS "tenantId", e.sequence::int AS sequence, e.user_id AS "userId", e.status_id AS "statusId",
  e.previous_status_id AS "previousStatusId", e.changed_at AS since, e.changed_by_user_id AS "changedByUserId",
  e.changed_by_credential_id AS "changedByCredentialId", e.reason`;

/** Most history events agentStatusHistory returns for one range. */
const MAX_HISTORY_EVENTS = 5000;

/** Reads of presence: the board, an agent's history, replays, and the loading of events for display. */
export class PresenceReads {
  constructor(private readonly db: DataSource) {}

  /** The current board: agents the actor may see (optionally one team and its sub-teams, some statuses), by name. */
  async board(actor: Actor, filter: BoardFilter = {}): Promise<BoardRow[]> {
    const visible = await visibleAgents(this.db.manager, actor, filter.teamId);
    const params: unknown[] = [actor.tenantId];
    let where = 'p.tenant_id = $1';
    if (visible) {
      params.push([...visible]);
      where += ` AND p.user_id = ANY($${params.length}::uuid[])`;
    }
    if (filter.statusIds?.length) {
      params.push(filter.statusIds.filter(isUuid));
      where += ` AND p.status_id = ANY($${params.length}::uuid[])`;
    }
    const rows: { userId: string; statusId: string; since: Date; sequence: number; offlineReason: string | null }[] = await this.db.query(
      `SELECT p.user_id AS "userId", p.status_id AS "statusId", p.since, p.sequence::int AS sequence, p.offline_reason AS "offlineReason"
         FROM agent_presences p JOIN users u ON u.id = p.user_id WHERE ${where} ORDER BY u.first_name, u.last_name, u.id`,
      params,
    );
    const [users, statuses] = await Promise.all([this.usersById(rows.map((r) => r.userId)), this.statusesById(actor.tenantId, rows.map((r) => r.statusId))]);
    return rows.map((r) => ({ user: users.get(r.userId)!, status: statuses.get(r.statusId)!, since: r.since, sequence: r.sequence, offlineReason: r.offlineReason }));
  }

  /** An agent's changes in [from, to) and the time in each status; the agent themself, or a viewer whose scope reaches them. */
  async history(actor: Actor, userId: string, from: Date, to: Date): Promise<StatusHistory> {
    assertHistoryRange(from, to);
    if (!isUuid(userId)) throw notFound('Agent');
    const [agent]: unknown[] = await this.db.query(`SELECT 1 FROM users WHERE id = $1 AND tenant_id = $2`, [userId, actor.tenantId]);
    if (!agent) throw notFound('Agent');
    if (actor.userId !== userId) {
      const visible = await visibleAgents(this.db.manager, actor);
      if (visible && !visible.has(userId)) throw forbidden('Your permission "Monitoring - Agents" does not reach this agent');
    }
    const [[before], changes, allChanges]: [{ statusId: string }[], PresenceChangedEvent[], HistoryChange[]] = await Promise.all([
      this.db.query(
        `SELECT status_id AS "statusId" FROM agent_status_events WHERE user_id = $1 AND changed_at < $2 ORDER BY changed_at DESC, sequence DESC LIMIT 1`,
        [userId, from],
      ),
      this.db.query(
        `SELECT ${EVENT_COLUMNS} FROM agent_status_events e WHERE e.user_id = $1 AND e.changed_at >= $2 AND e.changed_at < $3
          ORDER BY e.changed_at, e.sequence LIMIT ${MAX_HISTORY_EVENTS}`,
        [userId, from, to],
      ),
      // The totals count every change of the range, past the events listed: two columns a change.
      this.db.query(
        `SELECT status_id AS "statusId", changed_at AS "changedAt" FROM agent_status_events
          WHERE user_id = $1 AND changed_at >= $2 AND changed_at < $3 ORDER BY changed_at, sequence`,
        [userId, from, to],
      ),
    ]);
    const events = await this.describe(actor.tenantId, changes);
    const totals = timeInStatuses(before?.statusId ?? null, allChanges, from, to, new Date());
    const statuses = await this.statusesById(actor.tenantId, totals.map((t) => t.statusId));
    return {
      events,
      truncated: allChanges.length > events.length,
      timeInStatus: totals.map((t) => ({ status: statuses.get(t.statusId)!, seconds: t.seconds })),
    };
  }

  /** The tenant's last presence sequence number. */
  async currentSequence(tenantId: string): Promise<number> {
    const [row]: { sequence: number }[] = await this.db.query(`SELECT presence_sequence::int AS sequence FROM tenants WHERE id = $1`, [tenantId]);
    return row?.sequence ?? 0;
  }

  /** The changes after `afterSequence`, in order, of the agents in `visible` (null: every agent). */
  async replay(tenantId: string, afterSequence: number, visible: VisibleAgents): Promise<PresenceChangedEvent[]> {
    const rows: PresenceChangedEvent[] = await this.db.query(
      `SELECT ${EVENT_COLUMNS} FROM agent_status_events e WHERE e.tenant_id = $1 AND e.sequence > $2 ORDER BY e.sequence`,
      [tenantId, afterSequence],
    );
    return rows.filter((r) => visible === null || visible.has(r.userId)).map((r) => ({ ...r, since: new Date(r.since).toISOString() }));
  }

  /**
   * Loads agents, statuses and changers of events, keeping the events' order: two queries at most,
   * none for the rows `known` already holds (it gets the ones read).
   */
  async describe(tenantId: string, events: readonly PresenceChangedEvent[], known: DescribedRows = newDescribedRows()): Promise<StatusEventView[]> {
    const userIds = events.flatMap((e) => (e.changedByUserId ? [e.userId, e.changedByUserId] : [e.userId]));
    const statusIds = events.flatMap((e) => (e.previousStatusId ? [e.statusId, e.previousStatusId] : [e.statusId]));
    await Promise.all([this.loadUsers(userIds, known.users), this.loadStatuses(tenantId, statusIds, known.statuses)]);
    const { users, statuses } = known;
    return events.map((e) => ({
      sequence: Number(e.sequence),
      user: users.get(e.userId)!,
      status: statuses.get(e.statusId)!,
      previousStatus: e.previousStatusId ? (statuses.get(e.previousStatusId) ?? null) : null,
      since: new Date(e.since),
      changedBy: e.changedByUserId ? (users.get(e.changedByUserId) ?? null) : null,
      changedByCredentialId: e.changedByCredentialId,
      reason: e.reason,
    }));
  }

  private async usersById(ids: string[]): Promise<Map<string, User>> {
    const users = new Map<string, User>();
    await this.loadUsers(ids, users);
    return users;
  }

  private async statusesById(tenantId: string, ids: string[]): Promise<Map<string, AgentStatus>> {
    const statuses = new Map<string, AgentStatus>();
    await this.loadStatuses(tenantId, ids, statuses);
    return statuses;
  }

  /** Reads into `into` the users it does not hold yet. */
  private async loadUsers(ids: string[], into: Map<string, User>): Promise<void> {
    const missing = [...new Set(ids)].filter((id) => !into.has(id));
    const users = missing.length ? await this.db.getRepository(User).findBy({ id: In(missing) }) : [];
    for (const user of users) into.set(user.id, user);
  }

  /** Reads into `into` the statuses it does not hold yet. */
  private async loadStatuses(tenantId: string, ids: string[], into: Map<string, AgentStatus>): Promise<void> {
    const missing = [...new Set(ids)].filter((id) => !into.has(id));
    const statuses = missing.length ? await this.db.getRepository(AgentStatus).findBy({ tenantId, id: In(missing) }) : [];
    for (const status of statuses) into.set(status.id, status);
  }
}
