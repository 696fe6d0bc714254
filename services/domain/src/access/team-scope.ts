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
