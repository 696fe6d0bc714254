import type { TeamsTreeQuery } from '../../gql/graphql';

export type TeamRow = TeamsTreeQuery['teams'][number];

/** A team in the tree as the viewer sees it. */
export interface TeamNode {
  team: TeamRow;
  /** 1 for a top-level team (or one whose parent is outside the viewer's reach). */
  level: number;
  /** The parent shown in the tree, or null at the top. */
  parentId: string | null;
  children: TeamNode[];
}

/**
 * The forest of teams from the API's flat list (parents come before children). A team-scoped viewer
 * sees only part of the tree: a team whose parent they cannot see is shown at the top.
 */
export function buildTeamTree(teams: readonly TeamRow[]): TeamNode[] {
  const nodes = new Map<string, TeamNode>();
  const roots: TeamNode[] = [];
  for (const team of teams) {
    const parent = team.parentId ? nodes.get(team.parentId) : undefined;
    const node: TeamNode = { team, level: parent ? parent.level + 1 : 1, parentId: parent?.team.id ?? null, children: [] };
    nodes.set(team.id, node);
    (parent ? parent.children : roots).push(node);
  }
  return roots;
}

/** The nodes on screen, top to bottom: everything except the sub-teams of collapsed teams. */
export function visibleNodes(roots: readonly TeamNode[], collapsed: ReadonlySet<string>): TeamNode[] {
  const shown: TeamNode[] = [];
  const visit = (nodes: readonly TeamNode[]) => {
    for (const node of nodes) {
      shown.push(node);
      if (!collapsed.has(node.team.id)) visit(node.children);
    }
  };
  visit(roots);
  return shown;
}

/** The ids of the teams above the team in the tree, nearest first; empty when it is not in the tree. */
export function ancestorIds(roots: readonly TeamNode[], teamId: string): string[] {
  const parentOf = new Map(visibleNodes(roots, new Set()).map((node) => [node.team.id, node.parentId]));
  const ancestors: string[] = [];
  for (let id = parentOf.get(teamId); id; id = parentOf.get(id)) ancestors.push(id);
  return ancestors;
}

/** The ids of a team and all its sub-teams: where it cannot be moved. */
export function subtreeIds(teams: readonly TeamRow[], teamId: string): Set<string> {
  const ids = new Set([teamId]);
  // Parents come first, so one pass reaches every descendant.
  for (const team of teams) if (team.parentId && ids.has(team.parentId)) ids.add(team.id);
  return ids;
}

/** Each team with the names of the teams above it ("Support › L1"), for choosing a parent. */
export function teamPaths(teams: readonly TeamRow[]): Map<string, string> {
  const paths = new Map<string, string>();
  for (const team of teams) {
    const parentPath = team.parentId ? paths.get(team.parentId) : undefined;
    paths.set(team.id, parentPath ? `${parentPath} › ${team.name}` : team.name);
  }
  return paths;
}

/** "4 direct · 12 in subtree": people assigned to the team itself, and distinct people in its whole subtree. */
export function countsLabel(team: Pick<TeamRow, 'directCount' | 'subtreeCount'>): string {
  return `${team.directCount} direct · ${team.subtreeCount} in subtree`;
}
