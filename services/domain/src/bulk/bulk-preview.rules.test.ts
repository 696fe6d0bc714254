import { parseHeader } from './bulk-columns.rules';
import { countChangedFields, previewFields, type FieldChangeCounts } from './bulk-preview.rules';

const columnsOf = (headers: string[]) => parseHeader(headers).columns;

describe('countChangedFields', () => {
  it('counts each changed field once a row, across rows', () => {
    const counts: FieldChangeCounts = new Map();
    countChangedFields(counts, ['status']);
    countChangedFields(counts, ['status', 'teams']);
    countChangedFields(counts, ['teams', 'teams']);
    countChangedFields(counts, []);
    expect([...counts]).toEqual([
      ['status', 2],
      ['teams', 2],
    ]);
  });
});

describe('previewFields', () => {
  it('names each field as the upload does, in the order of the file\'s columns', () => {
    const columns = columnsOf(['Email', 'Team: Support', 'Status', 'Role: Agent', 'Alias', 'New email', 'Role: Admin']);
    const counts: FieldChangeCounts = new Map([
      ['email', 3],
      ['roles', 40],
      ['alias', 1],
      ['status', 12],
      ['teams', 7],
    ]);
    expect(previewFields(counts, columns)).toEqual([
      { field: 'Teams', count: 7 },
      { field: 'Status', count: 12 },
      { field: 'Roles', count: 40 },
      { field: 'Alias', count: 1 },
      { field: 'Email', count: 3 },
    ]);
  });

  it('places a field changed through another column at that column, after the column\'s own field', () => {
    // A chat concurrency turns the override on: Chat concurrency status changes without its column.
    const columns = columnsOf(['Email', 'Chat concurrency', 'Role: Agent', 'Location']);
    const counts: FieldChangeCounts = new Map([
      ['location', 2],
      ['chatConcurrencyEnabled', 4],
      ['roles', 1],
      ['chatConcurrency', 5],
    ]);
    expect(previewFields(counts, columns)).toEqual([
      { field: 'Chat concurrency', count: 5 },
      { field: 'Chat concurrency status', count: 4 },
      { field: 'Roles', count: 1 },
      { field: 'Location', count: 2 },
    ]);
  });

  it('lists nothing when no update changes a field, whatever the columns', () => {
    expect(previewFields(new Map(), columnsOf(['Email', 'First name', 'Last name']))).toEqual([]);
    expect(previewFields(new Map([['firstName', 0]]), columnsOf(['Email', 'First name']))).toEqual([]);
  });

  it('stays one entry a field however many rows are counted', () => {
    const counts: FieldChangeCounts = new Map();
    for (let row = 0; row < 100_000; row++) countChangedFields(counts, row % 2 ? ['firstName', 'lastName'] : ['firstName']);
    expect(previewFields(counts, columnsOf(['Email', 'Last name', 'First name']))).toEqual([
      { field: 'Last name', count: 50_000 },
      { field: 'First name', count: 100_000 },
    ]);
  });
});
