import { escapeFormula, jsonRecordCells, parseHeader, templateHeaders, unescapeFormula } from './bulk-columns.rules';
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
