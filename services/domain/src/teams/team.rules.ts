import { findPermission } from '../access/permission-catalogue';
import { teamScopeMessage, teamSubtree, type TeamNode } from '../access/team-scope';
import { badInput, forbidden } from '../errors/app-error';
import type { UserStatus } from '../users/user.entity';
import type { TeamRole } from './team-membership.entity';

export const TEAM_NAME_MAX_LENGTH = 100;
/** The most users (or teams) one membership or assignment call may name. */
export const MAX_IDS_PER_CALL = 500;

/** A team as name and tree checks need it. */
export interface NamedTeam extends TeamNode {
  name: string;
}

/** The trimmed team name; BAD_USER_INPUT on "name" when empty, too long or containing a colon. */
export function validTeamName(name: string): string {
  const trimmed = name.trim();
  if (trimmed.length === 0) throw badInput('name', 'Team name is required');
  if (trimmed.length > TEAM_NAME_MAX_LENGTH) throw badInput('name', `Team names can be at most ${TEAM_NAME_MAX_LENGTH} characters`);
  if (trimmed.includes(':')) throw badInput('name', 'Team names cannot contain ":"');
  return trimmed;
}

/** Joins the names of a team's path for people to read: "Sales / Tier 1". */
export const TEAM_PATH_SEPARATOR = ' / ';

/**
 * Each team's path: the names from the top of the tree down to the team, its own name last. A team
 * whose parent is not among `teams` starts its path; a cycle (never stored) stops where it repeats.
 */
export function teamPaths(teams: readonly NamedTeam[]): Map<string, string[]> {
  const byId = new Map(teams.map((t) => [t.id, t]));
  const paths = new Map<string, string[]>();
  for (const team of teams) {
    const names: string[] = [];
    const seen = new Set<string>();
    for (let at: NamedTeam | undefined = team; at && !seen.has(at.id); at = at.parentId === null ? undefined : byId.get(at.parentId)) {
      seen.add(at.id);
      names.unshift(at.name);
    }
    paths.set(team.id, names);
  }
  return paths;
}

/** Throws BAD_USER_INPUT on "name" when another team under the same parent has the name, ignoring case. */
export function assertUniqueAmongSiblings(teams: readonly NamedTeam[], name: string, parentId: string | null, selfId: string | null): void {
  const key = name.toLowerCase();
  const taken = teams.find((t) => t.parentId === parentId && t.id !== selfId && t.name.toLowerCase() === key);
  if (!taken) return;
  const parent = parentId === null ? undefined : teams.find((t) => t.id === parentId);
  throw badInput(
    'name',
    parent ? `"${parent.name}" already has a sub-team named "${taken.name}"` : `There is already a top-level team named "${taken.name}"`,
  );
}

/**
 * Where an update puts the team: a parent id, null for the top level, or undefined when it stays.
 * Naming a parent and asking for the top level at once is refused.
 */
export function teamMoveTarget(input: { parentId?: string | null; moveToTop?: boolean | null }): string | null | undefined {
  if (input.moveToTop && input.parentId) throw badInput('parentId', 'Give either a new parent or moveToTop, not both');
  if (input.moveToTop) return null;
  return input.parentId ?? undefined;
}

/** Throws BAD_USER_INPUT on "parentId" when putting the team under `parentId` would make a cycle. */
export function assertNoCycle(teams: readonly NamedTeam[], teamId: string, parentId: string | null): void {
  if (parentId === null || !teamSubtree(teams, [teamId]).has(parentId)) return;
  const team = teams.find((t) => t.id === teamId);
  throw badInput('parentId', `"${team?.name}" cannot be moved under itself or one of its own sub-teams`);
}

/** Throws BAD_USER_INPUT on "id" while the team still has sub-teams or users, saying how many. */
export function assertTeamDeletable(teamName: string, subTeamCount: number, userCount: number): void {
  if (subTeamCount === 0 && userCount === 0) return;
  const parts = [
    subTeamCount > 0 ? plural(subTeamCount, 'sub-team') : null,
    userCount > 0 ? plural(userCount, 'user') : null,
  ].filter((p) => p !== null);
  throw badInput('id', `Team "${teamName}" still has ${parts.join(' and ')}; move or remove them first`);
}

/**
 * Throws FORBIDDEN unless a team-scoped reach covers every team a tree change touches: the team and
 * its new parent, where null is the top level (only a holder for all teams may create or move there).
 * A null reach means the permission reaches all teams.
 */
export function assertTreeChangeInReach(reach: ReadonlySet<string> | null, touched: readonly (string | null)[]): void {
  if (reach === null) return;
  if (touched.includes(null)) {
    throw forbidden(`${teamScopeMessage('teams')}; only a holder for all teams can create or move top-level teams`);
  }
  if (touched.some((id) => !reach.has(id!))) throw forbidden(teamScopeMessage('teams'));
}

/** At most MAX_IDS_PER_CALL ids, without repeats; BAD_USER_INPUT on `field` when there are more. */
export function distinctIdsWithinLimit(ids: readonly string[], field: string): string[] {
  const distinct = [...new Set(ids)];
  if (distinct.length > MAX_IDS_PER_CALL) throw badInput(field, `Give at most ${MAX_IDS_PER_CALL} ids at a time`);
  return distinct;
}

/** A user about to be placed in a team or on a queue. */
export interface PlaceableUser {
  id: string;
  email: string;
  status: UserStatus;
  /** Holds the agent adapter permission through a role. */
  isAgent: boolean;
}

/** Why the user cannot be placed (as an agent when `asAgent`), or null when they can. */
export function placementProblem(user: PlaceableUser, asAgent: boolean, what: string): string | null {
  if (user.status === 'DEACTIVATED') return `${user.email} is deactivated; reactivate them before adding them to ${what}`;
  if (asAgent && !user.isAgent) {
    const agentPermission = findPermission('adapter.work')!.name;
    return `${user.email} has no agent permission ("${agentPermission}"); give them an agent role before adding them to ${what}`;
  }
  return null;
}

/** A user named in addTeamMembers, with their current role in the team (null when not in it). */
export interface MembershipCandidate extends PlaceableUser {
  currentRole: TeamRole | null;
}

/**
 * The ids to insert with `role`: users already in the team with that role are skipped. Throws
 * BAD_USER_INPUT on "userIds" naming the first user who is deactivated, in the team with the other
 * role (a user is member or manager of a team, never both) or, for MEMBER, holds no agent permission.
 */
export function membersToAdd(teamName: string, role: TeamRole, candidates: readonly MembershipCandidate[]): string[] {
  for (const user of candidates) {
    if (user.currentRole !== null && user.currentRole !== role) {
      throw badInput(
        'userIds',
        `${user.email} is already a ${roleWord(user.currentRole)} of "${teamName}"; ` +
          `remove them from the team first to add them as a ${roleWord(role)}`,
      );
    }
    const problem = placementProblem(user, role === 'MEMBER', `"${teamName}" as a ${roleWord(role)}`);
    if (problem) throw badInput('userIds', problem);
  }
  return candidates.filter((u) => u.currentRole === null).map((u) => u.id);
}

/** A team with the users directly in it (members and managers). */
export interface TeamWithUsers extends TeamNode {
  userIds: readonly string[];
}

/**
 * Users of each asked team: those assigned directly, or the distinct users of its whole subtree
 * (a user in two sub-teams counts once). `teams` must hold every team of the asked subtrees.
 */
export function memberCounts(teams: readonly TeamWithUsers[], asked: readonly { teamId: string; includeSubteams: boolean }[]): number[] {
  const byId = new Map(teams.map((t) => [t.id, t]));
  return asked.map(({ teamId, includeSubteams }) => {
    if (!includeSubteams) return byId.get(teamId)?.userIds.length ?? 0;
    const users = new Set<string>();
    for (const id of teamSubtree(teams, [teamId])) for (const userId of byId.get(id)?.userIds ?? []) users.add(userId);
    return users.size;
  });
}

const roleWord = (role: TeamRole) => (role === 'MANAGER' ? 'manager' : 'member');
const plural = (count: number, noun: string) => `${count} ${noun}${count === 1 ? '' : 's'}`;
