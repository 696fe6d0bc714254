import { findPermission, type PermissionKey } from './permission-catalogue';

/** A team as the tree needs it. */
export interface TeamNode {
  id: string;
  parentId: string | null;
}

/** The given teams and all their descendants (the reach of a team-scoped permission). */
export function teamSubtree(teams: readonly TeamNode[], rootIds: Iterable<string>): Set<string> {
  const children = new Map<string, string[]>();
  for (const team of teams) {
    if (team.parentId === null) continue;
    const siblings = children.get(team.parentId) ?? [];
    siblings.push(team.id);
    children.set(team.parentId, siblings);
  }
  const reached = new Set<string>();
  const pending = [...rootIds];
  while (pending.length > 0) {
    const id = pending.pop()!;
    if (reached.has(id)) continue;
    reached.add(id);
    pending.push(...(children.get(id) ?? []));
  }
  return reached;
}

/** A user's place in a team, as scope checks need it. */
export interface Placement {
  userId: string;
  teamId: string;
}

/** The users (of `userIds`) who are in none of the reachable teams, in the order given. */
export function usersOutsideTeams(userIds: readonly string[], placements: readonly Placement[], reachable: ReadonlySet<string>): string[] {
  const inside = new Set(placements.filter((p) => reachable.has(p.teamId)).map((p) => p.userId));
  return userIds.filter((id) => !inside.has(id));
}

/** The FORBIDDEN text for a team-scoped permission that does not reach what was asked for. */
export function teamScopeMessage(permission: PermissionKey): string {
  return `Your permission "${findPermission(permission)?.name ?? permission}" reaches only the teams you manage and their sub-teams`;
}
