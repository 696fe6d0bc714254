/** Each team's name with its parents', e.g. "Support › L1", so sub-teams of the same name are told apart. */
export function teamPaths(teams: readonly { id: string; name: string; parentId?: string | null }[]): Map<string, string> {
  const byId = new Map(teams.map((team) => [team.id, team]));
  const paths = new Map<string, string>();
  const pathOf = (id: string, seen: Set<string>): string => {
    const known = paths.get(id);
    if (known) return known;
    const team = byId.get(id)!;
    // A parent the viewer cannot see (outside their teams) is left out rather than shown as an id.
    const parent = team.parentId && byId.has(team.parentId) && !seen.has(team.parentId) ? pathOf(team.parentId, seen.add(id)) : null;
    const path = parent ? `${parent} › ${team.name}` : team.name;
    paths.set(id, path);
    return path;
  };
  for (const team of teams) pathOf(team.id, new Set());
  return paths;
}
