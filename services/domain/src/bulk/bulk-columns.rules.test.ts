import {
  escapeFormula,
  jsonRecordCells,
  parseHeader,
  resolveTeamColumn,
  teamColumnErrors,
  teamColumnIndex,
  teamColumnNames,
  templateHeaders,
  unescapeFormula,
} from './bulk-columns.rules';
import { BULK_ERROR_COLUMN_NAME_LENGTH } from './bulk-job-error.entity';

describe('parseHeader', () => {
  it('matches headers ignoring case and surrounding spaces, with any number of role and team columns', () => {
    const { columns, errors } = parseHeader([' EMAIL ', 'first name', 'Role:  Agent', 'team: Support Tier 1']);
    expect(errors).toEqual([]);
    expect(columns).toEqual([
      { index: 1, header: 'Email', kind: 'email' },
      { index: 2, header: 'First name', kind: 'firstName' },
      { index: 3, header: 'Role: Agent', kind: 'role', name: 'Agent' },
      { index: 4, header: 'Team: Support Tier 1', kind: 'team', name: 'Support Tier 1' },
    ]);
  });

  it('reports unknown and repeated headers and a missing Email column', () => {
    expect(parseHeader(['First name', 'Shoe', 'first name']).errors).toEqual([
      { column: null, message: 'The file must have an Email column' },
      { column: 2, message: 'Unknown column "Shoe"' },
      { column: 3, message: 'The header "first name" appears more than once' },
    ]);
  });

  it('ignores blank header cells, trailing or between columns, keeping each column\'s place', () => {
    const { columns, errors } = parseHeader(['Email', ' ', 'First name', '', '']);
    expect(errors).toEqual([]);
    expect(columns).toEqual([
      { index: 1, header: 'Email', kind: 'email' },
      { index: 3, header: 'First name', kind: 'firstName' },
    ]);
    expect(parseHeader(['', '', '']).errors).toEqual([{ column: null, message: 'The file must have an Email column' }]);
  });

  it('reports role and team headers that differ only in case or spacing as repeated', () => {
    expect(parseHeader(['Email', 'Role: Admin', 'role:admin', 'Team :  Support  Tier', 'TEAM:Support Tier', 'Role: Agent']).errors).toEqual([
      { column: 3, message: 'The header "role:admin" appears more than once' },
      { column: 5, message: 'The header "TEAM:Support Tier" appears more than once' },
    ]);
  });

  it('cuts a long role or team header to fit the error log, keeping the whole name', () => {
    const name = 'R'.repeat(150);
    const [, column] = parseHeader(['Email', `Role: ${name}`]).columns;
    expect(column).toEqual({ index: 2, header: `Role: ${name}`.slice(0, BULK_ERROR_COLUMN_NAME_LENGTH - 1) + '…', kind: 'role', name });
    expect([...column.header]).toHaveLength(BULK_ERROR_COLUMN_NAME_LENGTH);
  });
});

describe('templateHeaders', () => {
  it('keeps Email and leaves out the columns the uploader may not edit', () => {
    const canEdit = (p: string) => p === 'users.edit.name' || p === 'users.edit.roles';
    expect(templateHeaders(canEdit, ['Agent'], ['Support'])).toEqual(['Email', 'First name', 'Last name', 'Role: Agent']);
  });
});

// sales ─── tier1-sales          support ─┬─ tier1-support ── night
// billing (a name only one team has)       └─ sales-lower ("sales", under Support)
// top-support ("Support" differs from "support" below only in case)
const teams = [
  { id: 'sales', parentId: null, name: 'Sales' },
  { id: 'tier1-sales', parentId: 'sales', name: 'Tier 1' },
  { id: 'support', parentId: null, name: 'Support' },
  { id: 'tier1-support', parentId: 'support', name: 'Tier 1' },
  { id: 'night', parentId: 'tier1-support', name: 'Night' },
  { id: 'sales-lower', parentId: 'support', name: 'sales' },
  { id: 'billing', parentId: 'sales', name: 'Billing' },
];
const index = teamColumnIndex(teams);
const resolved = (name: string) => {
  const match = resolveTeamColumn(index, name);
  return match.team === null ? match.message : match.team.id;
};

describe('resolveTeamColumn', () => {
  it('finds a team by its path from the top, ignoring case and the spaces around the separators', () => {
    expect(resolved('Sales / Tier 1')).toBe('tier1-sales');
    expect(resolved(' support/TIER  1 ')).toBe('tier1-support');
    expect(resolved('Support /Tier 1/ Night')).toBe('night');
  });

  it('finds a team by a name only it has, anywhere in the tree', () => {
    expect(resolved('billing')).toBe('billing');
    expect(resolved('Night')).toBe('night');
  });

  it('prefers the path: a top-level team is named by its name even when a deeper team shares it', () => {
    expect(resolved('Sales')).toBe('sales');
    expect(resolved('Support / sales')).toBe('sales-lower');
  });

  it('names no team for a name several teams share, giving the path form, and none for an unknown one', () => {
    expect(resolved('tier 1')).toBe('Team "tier 1" is the name of 2 teams: name the column by the team\'s path, such as "Team: Sales / Tier 1"');
    expect(resolveTeamColumn(index, 'Tier 1')).toMatchObject({ team: null, ambiguous: true });
    expect(resolved('Tier 9')).toBe('Tier 9 must exist');
    expect(resolveTeamColumn(index, 'Sales / Night')).toMatchObject({ team: null, ambiguous: false, message: 'Sales / Night must exist' });
  });

  it('names no team for a path several teams have (names holding "/")', () => {
    const slashed = teamColumnIndex([...teams, { id: 'slash', parentId: null, name: 'Sales/Tier 1' }]);
    expect(resolveTeamColumn(slashed, 'Sales / Tier 1')).toMatchObject({ team: null, ambiguous: true, message: expect.stringContaining('is the path of 2 teams') });
  });
});

describe('teamColumnNames', () => {
  it('names a team by its name when no other team has it, else by its path', () => {
    expect(teamColumnNames(index).map((t) => t.name)).toEqual(['Billing', 'Night', 'Sales', 'Sales / Tier 1', 'Support', 'Support / sales', 'Support / Tier 1']);
  });

  it('gives template headers that parse without errors and upload back to the same teams, long ones too', () => {
    const long = 'L'.repeat(100);
    const deep = teamColumnIndex([
      ...teams,
      { id: 'long-a', parentId: 'tier1-sales', name: long },
      { id: 'long-b', parentId: 'tier1-support', name: long },
    ]);
    const names = teamColumnNames(deep);
    expect(names.map((t) => t.id).sort()).toEqual([...deep.byId.keys()].sort());
    const { columns, errors } = parseHeader(templateHeaders(() => true, [], names.map((t) => t.name)));
    expect(errors).toEqual([]);
    expect(teamColumnErrors(columns, deep)).toEqual([]);
    const teamColumns = columns.filter((c) => c.kind === 'team');
    // The log's column name is cut, the name the column resolves by is whole.
    expect(teamColumns.find((c) => c.name === `Sales / Tier 1 / ${long}`)?.header).toHaveLength(BULK_ERROR_COLUMN_NAME_LENGTH);
    expect(teamColumns.map((c) => resolveTeamColumn(deep, c.name!).team?.id)).toEqual(names.map((t) => t.id));
  });

  it('leaves out a team no column can name (its path is another team\'s too)', () => {
    const slashed = teamColumnIndex([...teams, { id: 'slash', parentId: null, name: 'Sales/Tier 1' }]);
    expect(teamColumnNames(slashed).map((t) => t.id)).not.toContain('tier1-sales');
    expect(teamColumnNames(slashed).map((t) => t.id)).not.toContain('slash');
  });
});

describe('teamColumnErrors', () => {
  it('reports a shared name and two columns naming one team, and leaves unknown teams to the rows', () => {
    const { columns } = parseHeader(['Email', 'Team: Tier 1', 'Team: Billing', 'Team: Tier 9', 'Team: sales / billing']);
    expect(teamColumnErrors(columns, index)).toEqual([
      { column: 2, message: 'Team "Tier 1" is the name of 2 teams: name the column by the team\'s path, such as "Team: Sales / Tier 1"' },
      { column: 5, message: 'The columns "Team: Billing" and "Team: sales / billing" are the same team ("Sales / Billing")' },
    ]);
  });
});

describe('jsonRecordCells', () => {
  it('maps the seed JSON keys to the upload columns and names unknown keys', () => {
    const { cells, unknown } = jsonRecordCells({ email: 'a@b.co', agent_number: 'A-1', max_chat_limit: 2, roles: [{ name: 'Agent', value: 1 }], shoe: 3 });
    expect(Object.fromEntries(cells)).toEqual({ Email: 'a@b.co', 'Agent Id': 'A-1', 'Chat concurrency': '2', 'Role: Agent': '1' });
    expect(unknown).toEqual(['shoe']);
  });
});

describe('escapeFormula', () => {
  it('escapes cells a spreadsheet would run', () => {
    expect(['=1+1', '+1', '-1', '@SUM(A1)', 'plain'].map(escapeFormula)).toEqual(["'=1+1", "'+1", "'-1", "'@SUM(A1)", 'plain']);
  });

  it('is undone by unescapeFormula, which leaves other apostrophes alone', () => {
    const values = ['=1+1', '+1', '-x@y.test', '@jdoe', '\tTab', 'plain', "'quoted'", "O'Neil", ''];
    expect(values.map((v) => unescapeFormula(escapeFormula(v)))).toEqual(values);
    expect(["'plain", "''@x", "'"].map(unescapeFormula)).toEqual(["'plain", "''@x", "'"]);
  });
});
