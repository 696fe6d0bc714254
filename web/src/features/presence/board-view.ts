import type { PresenceStatusFragment } from '../../gql/graphql';
import type { BoardRow } from './live-board-state';

/** The team filter's value for agents in no team. */
export const NO_TEAM = 'none';

export interface BoardFilters {
  /** A team id, NO_TEAM, or null for every team. */
  team: string | null;
  /** Statuses to show; empty shows every status. */
  statusIds: ReadonlySet<string>;
  search: string;
}

export interface TeamGroup {
  /** A team id, or NO_TEAM. */
  id: string;
  name: string;
  rows: BoardRow[];
}

export interface StatusCount {
  status: PresenceStatusFragment;
  count: number;
}

/** The agent's name as the board shows it. */
export function agentName(row: BoardRow): string {
  return `${row.user.firstName} ${row.user.lastName}`;
}

/** The teams the board's agents are directly in, by name: the choices of the team filter. */
export function teamsOnBoard(rows: readonly BoardRow[]): { id: string; name: string }[] {
  const teams = new Map(rows.flatMap((row) => row.user.teams.map(({ team }) => [team.id, team.name] as const)));
  return [...teams].map(([id, name]) => ({ id, name })).sort((a, b) => a.name.localeCompare(b.name));
}

/** The agents matching the team filter and the search (by name or email), by name. */
export function agentsInView(rows: Iterable<BoardRow>, { team, search }: Pick<BoardFilters, 'team' | 'search'>): BoardRow[] {
  const needle = search.trim().toLowerCase();
  return [...rows]
    .filter((row) => team === null || (team === NO_TEAM ? row.user.teams.length === 0 : row.user.teams.some((p) => p.team.id === team)))
    .filter((row) => !needle || `${agentName(row)}\n${row.user.email}`.toLowerCase().includes(needle))
    .sort((a, b) => agentName(a).localeCompare(agentName(b)));
}

/**
 * The agents with the statuses pressed in the status filter. With none pressed, every agent on
 * shift: Offline agents are not shown, as on the seed's Agents page, until Offline is pressed.
 */
export function agentsWithStatuses(rows: readonly BoardRow[], statusIds: ReadonlySet<string>): BoardRow[] {
  return statusIds.size ? rows.filter((row) => statusIds.has(row.status.id)) : rows.filter((row) => row.status.systemKey !== 'OFFLINE');
}

/**
 * Agents per status, in catalogue order (every status, even at zero, so the counts stay in place),
 * followed by any status an agent is in that the catalogue no longer lists (archived since).
 */
export function statusCounts(rows: readonly BoardRow[], catalogue: readonly PresenceStatusFragment[]): StatusCount[] {
  const counts = new Map(catalogue.map((status) => [status.id, { status, count: 0 }]));
  for (const row of rows) {
    const entry = counts.get(row.status.id) ?? { status: row.status, count: 0 };
    entry.count += 1;
    counts.set(row.status.id, entry);
  }
  return [...counts.values()];
}

/**
 * Groups agents by the teams they are directly in, teams by name: an agent in several teams is
 * listed under each, agents in none under "No team" (last). With a team filter, only its group.
 */
export function groupByTeam(rows: readonly BoardRow[], team: string | null): TeamGroup[] {
  const groups = new Map<string, TeamGroup>();
  const add = (id: string, name: string, row: BoardRow) => {
    if (team !== null && team !== id) return;
    const group = groups.get(id) ?? { id, name, rows: [] };
    group.rows.push(row);
    groups.set(id, group);
  };
  for (const row of rows) {
    if (row.user.teams.length === 0) add(NO_TEAM, 'No team', row);
    for (const { team: placement } of row.user.teams) add(placement.id, placement.name, row);
  }
  return [...groups.values()].sort((a, b) => Number(a.id === NO_TEAM) - Number(b.id === NO_TEAM) || a.name.localeCompare(b.name));
}
