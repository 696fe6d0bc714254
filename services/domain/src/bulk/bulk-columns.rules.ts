import { USER_FIELD_PERMISSIONS, type PermissionKey } from '../access/permission-catalogue';
import { TEAM_PATH_SEPARATOR, teamPaths, type NamedTeam } from '../teams/team.rules';
import { BULK_ERROR_COLUMN_NAME_LENGTH } from './bulk-job-error.entity';

/** The fixed columns of a bulk user file, in the seed's order, with the JSON API's key for each. */
export const BULK_FIXED_COLUMNS = [
  { kind: 'email', header: 'Email', jsonKey: 'email' },
  { kind: 'newEmail', header: 'New email', jsonKey: 'new_email' },
  { kind: 'agentId', header: 'Agent Id', jsonKey: 'agent_number' },
  { kind: 'firstName', header: 'First name', jsonKey: 'first_name' },
  { kind: 'lastName', header: 'Last name', jsonKey: 'last_name' },
  { kind: 'alias', header: 'Alias', jsonKey: 'alias' },
  { kind: 'status', header: 'Status', jsonKey: 'status' },
  { kind: 'location', header: 'Location', jsonKey: 'location' },
  { kind: 'chatConcurrency', header: 'Chat concurrency', jsonKey: 'max_chat_limit' },
  { kind: 'chatConcurrencyStatus', header: 'Chat concurrency status', jsonKey: 'max_chat_limit_enabled' },
] as const;

export type FixedColumnKind = (typeof BULK_FIXED_COLUMNS)[number]['kind'];
export type BulkColumnKind = FixedColumnKind | 'role' | 'team';

/** A column of an uploaded file: its 1-based position, header, and meaning. */
export interface BulkColumn {
  index: number;
  /** The header as the error log names the column: canonical, and cut to fit the log's column name. */
  header: string;
  kind: BulkColumnKind;
  /** The role or team name of a `Role: <name>` / `Team: <name>` column. */
  name?: string;
}

/** A problem with the file itself (row 0): nothing is applied. */
export interface SchemeError {
  column: number | null;
  message: string;
}

/** The permission that guards changes made through a column (Email itself is the key, and changes nothing). */
export const COLUMN_PERMISSIONS: Record<BulkColumnKind, PermissionKey | null> = {
  email: null,
  newEmail: USER_FIELD_PERMISSIONS.email,
  agentId: USER_FIELD_PERMISSIONS.agentId,
  firstName: USER_FIELD_PERMISSIONS.firstName,
  lastName: USER_FIELD_PERMISSIONS.lastName,
  alias: USER_FIELD_PERMISSIONS.alias,
  status: USER_FIELD_PERMISSIONS.status,
  location: USER_FIELD_PERMISSIONS.location,
  chatConcurrency: USER_FIELD_PERMISSIONS.chatConcurrency,
  chatConcurrencyStatus: USER_FIELD_PERMISSIONS.chatConcurrencyEnabled,
  role: USER_FIELD_PERMISSIONS.roles,
  team: USER_FIELD_PERMISSIONS.teams,
};

const PREFIXED = /^(role|team)\s*:\s*(.+)$/i;
// Headers differing only in case or spacing (around a Role:/Team: colon too) are the same column.
/** Text as names compare: ignoring case, surrounding spaces and runs of spaces. */
const comparable = (text: string) => text.trim().replace(/\s+/g, ' ').toLowerCase();
const normalized = (header: string) => comparable(header).replace(/^(role|team) ?: ?/, '$1: ');

/**
 * Reads a header row: names match ignoring case and spacing; an unknown or repeated
 * header, or no Email column, is a scheme error. A blank header cell is no column (spreadsheets
 * export trailing delimiters): a value under one is its row's error (see sheetBatches).
 */
export function parseHeader(headers: readonly string[]): { columns: BulkColumn[]; errors: SchemeError[] } {
  const columns: BulkColumn[] = [];
  const errors: SchemeError[] = [];
  const seen = new Set<string>();
  headers.forEach((raw, i) => {
    const index = i + 1;
    const key = normalized(raw);
    if (key === '') return;
    if (seen.has(key)) {
      errors.push({ column: index, message: `The header "${raw.trim()}" appears more than once` });
      return;
    }
    seen.add(key);
    const fixed = BULK_FIXED_COLUMNS.find((c) => c.header.toLowerCase() === key);
    const prefixed = PREFIXED.exec(raw.trim());
    if (fixed) columns.push({ index, header: fixed.header, kind: fixed.kind });
    else if (prefixed) {
      const kind = prefixed[1].toLowerCase() as 'role' | 'team';
      const name = prefixed[2].trim();
      columns.push({ index, header: fitColumnName(`${kind === 'role' ? 'Role' : 'Team'}: ${name}`), kind, name });
    } else errors.push({ column: index, message: `Unknown column "${raw.trim()}"` });
  });
  if (!columns.some((c) => c.kind === 'email')) errors.unshift({ column: null, message: 'The file must have an Email column' });
  return { columns, errors };
}

/** A header cut to the error log's column name length, an ellipsis marking the cut (a role or team name may be longer). */
function fitColumnName(header: string): string {
  const characters = [...header];
  if (characters.length <= BULK_ERROR_COLUMN_NAME_LENGTH) return header;
  return `${characters.slice(0, BULK_ERROR_COLUMN_NAME_LENGTH - 1).join('')}…`;
}

/** The template's headers for an uploader: Email, then only the columns they may edit. */
export function templateHeaders(canEdit: (permission: PermissionKey) => boolean, roleNames: readonly string[], teamNames: readonly string[]): string[] {
  const fixed = BULK_FIXED_COLUMNS.filter((c) => c.kind === 'email' || canEdit(COLUMN_PERMISSIONS[c.kind]!)).map((c) => c.header);
  const roles = canEdit(COLUMN_PERMISSIONS.role!) ? roleNames.map((name) => `Role: ${name}`) : [];
  const teams = canEdit(COLUMN_PERMISSIONS.team!) ? teamNames.map((name) => `Team: ${name}`) : [];
  return [...fixed, ...roles, ...teams];
}

/** A team as Team columns name it: by its name, or by its path from the top of the tree (its name last). */
export interface ColumnTeam {
  id: string;
  name: string;
  path: readonly string[];
}

/** The tenant's teams as Team columns look them up; built by teamColumnIndex. */
export interface TeamColumnIndex {
  byId: ReadonlyMap<string, ColumnTeam>;
  byPath: ReadonlyMap<string, readonly ColumnTeam[]>;
  byName: ReadonlyMap<string, readonly ColumnTeam[]>;
}

/** What a Team column's name (the text after "Team:") means: one team, or why it names none. */
export type TeamColumnMatch = { team: ColumnTeam } | { team: null; ambiguous: boolean; message: string };

// Names compare ignoring case, as among siblings, and runs of spaces, as headers do; paths also
// ignore the spaces around "/". Never finer than parseHeader's key, so distinct columns stay distinct headers.
const teamKey = (text: string) => text.split('/').map(comparable).join('/');
const pathText = (team: ColumnTeam) => team.path.join(TEAM_PATH_SEPARATOR);

/** Indexes the tenant's teams (all of them, with their parents) by id, path and name. */
export function teamColumnIndex(teams: readonly NamedTeam[]): TeamColumnIndex {
  const paths = teamPaths(teams);
  const all = teams
    .map((t) => ({ id: t.id, name: t.name, path: paths.get(t.id)! }))
    .sort((a, b) => pathText(a).localeCompare(pathText(b)) || (a.id < b.id ? -1 : 1));
  const grouped = (key: (team: ColumnTeam) => string) => {
    const map = new Map<string, ColumnTeam[]>();
    for (const team of all) map.set(key(team), [...(map.get(key(team)) ?? []), team]);
    return map;
  };
  return { byId: new Map(all.map((t) => [t.id, t])), byPath: grouped((t) => teamKey(pathText(t))), byName: grouped((t) => teamKey(t.name)) };
}

/**
 * The team a `Team: <name>` column means: the team whose path from the top is `name`, else the one
 * team named `name`. A name several teams share (or a path several teams have) names none.
 */
export function resolveTeamColumn(index: TeamColumnIndex, name: string): TeamColumnMatch {
  const key = teamKey(name);
  const byPath = index.byPath.get(key) ?? [];
  if (byPath.length === 1) return { team: byPath[0] };
  if (byPath.length > 1) {
    return { team: null, ambiguous: true, message: `Team "${name}" is the path of ${byPath.length} teams: rename one of them so the column names one team` };
  }
  const named = index.byName.get(key) ?? [];
  if (named.length === 1) return { team: named[0] };
  if (named.length > 1) {
    const message = `Team "${name}" is the name of ${named.length} teams: name the column by the team's path, such as "Team: ${pathText(named[0])}"`;
    return { team: null, ambiguous: true, message };
  }
  return { team: null, ambiguous: false, message: `${name} must exist` };
}

/**
 * The name of each team's column (after "Team: "), in order: its name when that names it, else its
 * path, so an upload resolves each back to its team. A team neither names (a path two teams share
 * when names hold "/") is left out.
 */
export function teamColumnNames(index: TeamColumnIndex): { id: string; name: string }[] {
  const names: { id: string; name: string }[] = [];
  for (const team of index.byId.values()) {
    const name = [team.name, pathText(team)].find((candidate) => resolveTeamColumn(index, candidate).team?.id === team.id);
    if (name !== undefined) names.push({ id: team.id, name });
  }
  return names.sort((a, b) => a.name.localeCompare(b.name) || (a.id < b.id ? -1 : 1));
}

/**
 * Scheme errors of a file's Team columns: a name several teams share, and two columns naming the
 * same team. An unknown team is left to the rows that use the column ("must exist").
 */
export function teamColumnErrors(columns: readonly BulkColumn[], index: TeamColumnIndex): SchemeError[] {
  const errors: SchemeError[] = [];
  const seen = new Map<string, BulkColumn>();
  for (const column of columns.filter((c) => c.kind === 'team')) {
    const match = resolveTeamColumn(index, column.name!);
    if (!match.team) {
      if (match.ambiguous) errors.push({ column: column.index, message: match.message });
      continue;
    }
    const earlier = seen.get(match.team.id);
    if (earlier) {
      const message = `The columns "Team: ${earlier.name}" and "Team: ${column.name}" are the same team ("${pathText(match.team)}")`;
      errors.push({ column: column.index, message });
    } else seen.set(match.team.id, column);
  }
  return errors;
}

/**
 * One JSON API object as header → cell pairs, so the three formats share one validator. Returns
 * the unknown keys too (a scheme error).
 */
export function jsonRecordCells(record: unknown): { cells: Map<string, string>; unknown: string[] } {
  const cells = new Map<string, string>();
  const unknown: string[] = [];
  if (record === null || typeof record !== 'object' || Array.isArray(record)) return { cells, unknown: ['(not an object)'] };
  for (const [key, value] of Object.entries(record)) {
    const fixed = BULK_FIXED_COLUMNS.find((c) => c.jsonKey === key.trim().toLowerCase());
    if (fixed) cells.set(fixed.header, value == null ? '' : String(value));
    else if ((key === 'roles' || key === 'teams') && Array.isArray(value)) {
      for (const item of value as { name?: unknown; value?: unknown }[]) {
        cells.set(`${key === 'roles' ? 'Role' : 'Team'}: ${String(item?.name ?? '')}`, item?.value == null ? '' : String(item.value));
      }
    } else unknown.push(key);
  }
  return { cells, unknown };
}

const FORMULA_START = /^[=+\-@\t\r]/;

/** Escapes a cell a spreadsheet would run as a formula (=, +, -, @, and tab/CR starts). */
export function escapeFormula(value: string): string {
  return FORMULA_START.test(value) ? `'${value}` : value;
}

/** Undoes escapeFormula on an uploaded cell, so an exported file uploads back unchanged. */
export function unescapeFormula(value: string): string {
  return value.startsWith("'") && FORMULA_START.test(value.slice(1)) ? value.slice(1) : value;
}
