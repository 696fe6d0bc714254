import { findPermission, type PermissionScope } from '../access/permission-catalogue';
import type { TeamNode } from '../access/team-scope';
import { badInput, forbidden } from '../errors/app-error';
import { distinctIdsWithinLimit } from '../teams/team.rules';

export const QUEUE_NAME_MAX_LENGTH = 100;
export const QUEUE_PRIORITY_MIN = 1;
export const QUEUE_PRIORITY_MAX = 1000;

/** The trimmed queue name; BAD_USER_INPUT on "name" when empty or too long. */
export function validQueueName(name: string): string {
  const trimmed = name.trim();
  if (trimmed.length === 0) throw badInput('name', 'Queue name is required');
  if (trimmed.length > QUEUE_NAME_MAX_LENGTH) throw badInput('name', `Queue names can be at most ${QUEUE_NAME_MAX_LENGTH} characters`);
  return trimmed;
}

/** Throws BAD_USER_INPUT on "name" when another queue of the tenant has the name, ignoring case. */
export function assertUniqueQueueName(queues: readonly { id: string; name: string }[], name: string, selfId: string | null): void {
  const key = name.toLowerCase();
  const taken = queues.find((q) => q.id !== selfId && q.name.toLowerCase() === key);
  if (taken) throw badInput('name', `There is already a queue named "${taken.name}"`);
}

/** The priority when it is a whole number from 1 to 1000; BAD_USER_INPUT on "priority" otherwise. */
export function validPriority(priority: number): number {
  if (!Number.isInteger(priority) || priority < QUEUE_PRIORITY_MIN || priority > QUEUE_PRIORITY_MAX) {
    throw badInput('priority', `Priority must be a whole number from ${QUEUE_PRIORITY_MIN} to ${QUEUE_PRIORITY_MAX}`);
  }
  return priority;
}

/** A queue change, as the scope decision needs it. */
export type QueueChange = 'create' | 'delete' | 'rename' | 'changeChannel' | 'changePriority';

const CHANGE_TEXT: Record<Exclude<QueueChange, 'changePriority'>, string> = {
  create: 'creating queues',
  delete: 'deleting queues',
  rename: 'renaming queues',
  changeChannel: 'changing the channel of queues',
};

/**
 * Throws FORBIDDEN when a team-scoped holder of "Settings - Queues" attempts a change that affects
 * every team: they may set priorities and assign within their teams, the rest needs scope ALL.
 */
export function assertQueueChangeInScope(scope: PermissionScope, change: QueueChange): void {
  if (scope === 'ALL' || change === 'changePriority') return;
  throw forbidden(
    `Your permission "${findPermission('queues')!.name}" reaches only the teams you manage; ${CHANGE_TEXT[change]} needs it for all teams`,
  );
}

/** The distinct users and teams an assignment call names; at least one, at most 500 of each. */
export function assignmentTargets(userIds: readonly string[] | null | undefined, teamIds: readonly string[] | null | undefined) {
  const users = distinctIdsWithinLimit(userIds ?? [], 'userIds');
  const teams = distinctIdsWithinLimit(teamIds ?? [], 'teamIds');
  if (users.length === 0 && teams.length === 0) throw badInput('userIds', 'Name at least one user or team');
  return { userIds: users, teamIds: teams };
}

/** A queue's assignment to one user or to one team. */
export interface QueueAssignmentRow {
  queueId: string;
  userId: string | null;
  teamId: string | null;
}

/** A user with the teams they are directly in (as member or manager). */
export interface PlacedUser {
  id: string;
  teamIds: readonly string[];
}

/**
 * The queues that reach a user: assigned to them, or to a team they are in, or to any team above
 * one of those (a team's queues reach the agents of its sub-teams, managers included).
 */
export function queuesReachingUser(user: PlacedUser, teams: readonly TeamNode[], assignments: readonly QueueAssignmentRow[]): Set<string> {
  return reachOf(user, parentMap(teams), assignments);
}

/** For each queue, how many of the agents it reaches, directly or through the team tree. */
export function agentCountsByQueue(
  queueIds: readonly string[],
  agents: readonly PlacedUser[],
  teams: readonly TeamNode[],
  assignments: readonly QueueAssignmentRow[],
): number[] {
  const parents = parentMap(teams);
  const counts = new Map<string, number>(queueIds.map((id) => [id, 0]));
  for (const agent of agents) {
    for (const queueId of reachOf(agent, parents, assignments)) {
      const count = counts.get(queueId);
      if (count !== undefined) counts.set(queueId, count + 1);
    }
  }
  return queueIds.map((id) => counts.get(id)!);
}

function parentMap(teams: readonly TeamNode[]): Map<string, string | null> {
  return new Map(teams.map((t) => [t.id, t.parentId]));
}

function reachOf(user: PlacedUser, parents: ReadonlyMap<string, string | null>, assignments: readonly QueueAssignmentRow[]): Set<string> {
  const above = new Set<string>();
  for (const teamId of user.teamIds) {
    // The walk stops at a team already seen, so a (corrupt) cycle cannot loop forever.
    for (let id: string | null | undefined = teamId; id && !above.has(id); id = parents.get(id)) above.add(id);
  }
  const queues = new Set<string>();
  for (const a of assignments) {
    if (a.userId === user.id || (a.teamId !== null && above.has(a.teamId))) queues.add(a.queueId);
  }
  return queues;
}
