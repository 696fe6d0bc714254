import type { StatusAvailability, SystemStatusKey } from './agent-status.entity';
import { badInput, forbidden } from '../errors/app-error';

/** A catalogue status as the rules need it. */
export interface StatusFacts {
  id: string;
  name: string;
  systemKey: SystemStatusKey | null;
  agentSelectable: boolean;
  archivedAt: Date | null;
}

/** Statuses only an integration (telephony or chat) sets: no person chooses them. */
const INTEGRATION_ONLY: readonly SystemStatusKey[] = ['IN_CALL', 'IN_CHAT'];
/** While an agent is in these, a supervisor may neither change their status nor log them out. */
const SUPERVISOR_LOCKED: readonly SystemStatusKey[] = ['IN_CALL', 'IN_CHAT', 'OFFLINE'];

/** Most events a reconnecting subscriber may replay from history before it must refetch the board. */
export const MAX_REPLAY_EVENTS = 1000;
/** Longest range agentStatusHistory answers in one call. */
export const MAX_HISTORY_DAYS = 31;
/** Longest custom status name, as the column allows. */
export const MAX_STATUS_NAME = 40;

/** Throws BAD_USER_INPUT on statusId unless an agent may choose the status for themself. */
export function assertAgentMayChoose(status: StatusFacts): void {
  if (status.archivedAt) throw badInput('statusId', `The status "${status.name}" is archived`);
  if (status.systemKey && INTEGRATION_ONLY.includes(status.systemKey)) {
    throw badInput('statusId', `"${status.name}" is set by the telephony or chat integration, not chosen`);
  }
  if (status.systemKey === 'OFFLINE') throw badInput('statusId', 'To go Offline, end your shift');
  if (status.systemKey === 'SPECIAL_TASK' || !status.agentSelectable) {
    throw badInput('statusId', `Agents may not choose "${status.name}"; a supervisor sets it`);
  }
}

/**
 * Whether an actor acts as an integration. Decision: an API credential (never a person) holding
 * "Agent Adapter - Take Calls & Chats" or "Monitoring - Agents" (Edit) is a telephony/chat
 * integration; only integrations may set In Call and In Chat, and they are not refused while the
 * agent is in a call (they are the ones ending it).
 */
export function isIntegration(actor: { credentialId: string | null }, holdsAdapterWork: boolean, holdsMonitoringEdit: boolean): boolean {
  return actor.credentialId !== null && (holdsAdapterWork || holdsMonitoringEdit);
}

/** Whether a supervisor may put an agent into this status: not archived, not Offline (that is logOutAgent), not In Call or In Chat. */
export function supervisorMaySet(status: Pick<StatusFacts, 'systemKey' | 'archivedAt'>): boolean {
  return !status.archivedAt && status.systemKey !== 'OFFLINE' && !(status.systemKey && INTEGRATION_ONLY.includes(status.systemKey));
}

/** Whether an agent in this status is out of supervisors' reach for now: In Call, In Chat or Offline. */
export function locksSupervisorActions(status: Pick<StatusFacts, 'systemKey'>): boolean {
  return status.systemKey !== null && SUPERVISOR_LOCKED.includes(status.systemKey);
}

/** Throws unless a supervisor (or integration) may put an agent now in `current` into `next`. */
export function assertMaySetAgentStatus(current: StatusFacts | null, next: StatusFacts, integration: boolean): void {
  if (next.archivedAt) throw badInput('statusId', `The status "${next.name}" is archived`);
  if (next.systemKey === 'OFFLINE') throw badInput('statusId', 'To put an agent Offline, log them out (logOutAgent)');
  if (!current || current.systemKey === 'OFFLINE') {
    throw forbidden('The agent is Offline: their status changes only when they start a shift');
  }
  if (integration) return;
  if (next.systemKey && INTEGRATION_ONLY.includes(next.systemKey)) {
    throw badInput('statusId', `"${next.name}" is set by the telephony or chat integration, not by a supervisor`);
  }
  assertSupervisorMayAct(current, 'change their status');
}

/** Throws FORBIDDEN saying why while the agent is In Call, In Chat or Offline (or never started a shift). */
export function assertSupervisorMayAct(current: StatusFacts | null, action: string): void {
  if (!current) throw forbidden(`The agent has not started a shift; you cannot ${action}`);
  if (locksSupervisorActions(current)) {
    const why = current.systemKey === 'OFFLINE' ? 'is Offline' : `is ${current.name}; wait until it ends`;
    throw forbidden(`The agent ${why}: you cannot ${action} now`);
  }
}

/** Whether an agent last heard from at `lastSeen` has timed out at `now`. */
export function heartbeatExpired(lastSeen: Date, now: Date, timeoutSeconds: number): boolean {
  return now.getTime() - lastSeen.getTime() > timeoutSeconds * 1000;
}

/** The offline reason recorded when the heartbeat stops. */
export function heartbeatTimeoutReason(timeoutSeconds: number): string {
  return `No heartbeat from the agent's console for ${timeoutSeconds} s`;
}

/** How a reconnecting subscriber catches up: nothing, replay from history, or refetch the board. */
export type ReplayDecision = { kind: 'none' } | { kind: 'replay'; after: number } | { kind: 'refetch'; missed: number };

/** Decides the catch-up for a subscriber that last saw `afterSequence` while the tenant is at `current`. */
export function replayDecision(afterSequence: number | null | undefined, current: number, limit = MAX_REPLAY_EVENTS): ReplayDecision {
  if (afterSequence === null || afterSequence === undefined || afterSequence >= current) return { kind: 'none' };
  if (afterSequence < 0) throw badInput('afterSequence', 'afterSequence must be zero or more');
  const missed = current - afterSequence;
  return missed > limit ? { kind: 'refetch', missed } : { kind: 'replay', after: afterSequence };
}

/** The message a client gets when too much was missed to replay. */
export function refetchMessage(missed: number, limit = MAX_REPLAY_EVENTS): string {
  return `${missed} changes were missed, more than the ${limit} that can be replayed: refetch the board (agentPresences) and subscribe without afterSequence`;
}

/** Throws BAD_USER_INPUT unless [from, to) is an ordered range of at most MAX_HISTORY_DAYS. */
export function assertHistoryRange(from: Date, to: Date): void {
  if (Number.isNaN(from.getTime())) throw badInput('from', 'from must be a date');
  if (Number.isNaN(to.getTime())) throw badInput('to', 'to must be a date');
  if (to <= from) throw badInput('to', 'to must be after from');
  if (to.getTime() - from.getTime() > MAX_HISTORY_DAYS * 86_400_000) {
    throw badInput('to', `The range may span at most ${MAX_HISTORY_DAYS} days`);
  }
}

/** One change of the history, as aggregation needs it. */
export interface HistoryChange {
  statusId: string;
  changedAt: Date;
}

/** Seconds spent in a status within a range. */
export interface TimeInStatus {
  statusId: string;
  seconds: number;
}

/**
 * Time in each status within [from, to): `before` is the status in force at `from` (the last change
 * before it, or null when the agent had none), `changes` the changes inside the range in order.
 * Time after `now` is not counted. Ordered by most time first.
 */
export function timeInStatuses(before: string | null, changes: readonly HistoryChange[], from: Date, to: Date, now: Date): TimeInStatus[] {
  const end = Math.min(to.getTime(), now.getTime());
  const totals = new Map<string, number>();
  let current = before;
  let since = from.getTime();
  const add = (statusId: string | null, until: number) => {
    if (statusId !== null && until > since) totals.set(statusId, (totals.get(statusId) ?? 0) + (until - since));
  };
  for (const change of changes) {
    const at = Math.min(Math.max(change.changedAt.getTime(), from.getTime()), end);
    add(current, at);
    current = change.statusId;
    since = Math.max(since, at);
  }
  add(current, end);
  return [...totals]
    .map(([statusId, ms]) => ({ statusId, seconds: Math.round(ms / 1000) }))
    .sort((a, b) => b.seconds - a.seconds || a.statusId.localeCompare(b.statusId));
}

/** Custom status fields as given to create or update. */
export interface StatusFields {
  name?: string | null;
  color?: string | null;
}

/** Throws BAD_USER_INPUT naming the field when a name or color is not acceptable; returns them trimmed. */
export function validateStatusFields(fields: StatusFields): { name?: string; color?: string } {
  const result: { name?: string; color?: string } = {};
  if (fields.name !== undefined && fields.name !== null) {
    const name = fields.name.trim();
    if (name.length === 0) throw badInput('name', 'Name must not be empty');
    if (name.length > MAX_STATUS_NAME) throw badInput('name', `Name must be at most ${MAX_STATUS_NAME} characters`);
    result.name = name;
  }
  if (fields.color !== undefined && fields.color !== null) {
    if (!/^#[0-9a-fA-F]{6}$/.test(fields.color)) throw badInput('color', 'Color must look like #1a2b3c');
    result.color = fields.color.toLowerCase();
  }
  return result;
}

/** Throws BAD_USER_INPUT when a change would alter what the system status means. */
export function assertSystemStatusEdit(systemKey: SystemStatusKey | null, change: { agentSelectable?: boolean | null; availability?: StatusAvailability | null }): void {
  if (!systemKey) return;
  if (change.agentSelectable !== undefined && change.agentSelectable !== null) {
    throw badInput('agentSelectable', 'Whether agents may choose a system status is fixed');
  }
  if (change.availability !== undefined && change.availability !== null) {
    throw badInput('availability', 'The availability of a system status is fixed');
  }
}
