import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseHeader } from './bulk-columns.rules';
import { sheetBatches, unheadedCellErrors, type SheetRow } from './bulk-sheet';

describe('sheetBatches', () => {
  const folder = mkdtempSync(join(tmpdir(), 'sb-sheet-'));
  afterAll(() => rmSync(folder, { recursive: true, force: true }));

  async function rows(content: string): Promise<SheetRow[]> {
    const path = join(folder, 'users.csv');
    writeFileSync(path, content);
    const all: SheetRow[] = [];
    for await (const batch of sheetBatches(path, 'CSV', 2)) all.push(...batch);
    return all;
  }

  it('undoes the export\'s formula escapes in every cell', async () => {
    const [row] = await rows(`Email,Alias,Last name\r\n'-x@y.test,'@jdoe,O'Neil\r\n`);
    expect(row.cells).toEqual(['-x@y.test', '@jdoe', "O'Neil"]);
  });

  it('reads a file whose lines all end with empty cells as if they did not', async () => {
    const all = await rows('Email,First name,,\r\na@b.co,Ann,,\r\nc@d.co,Bo,,\r\n');
    expect(all.map((r) => ({ row: r.row, cells: r.cells.slice(0, 2), errors: r.errors }))).toEqual([
      { row: 1, cells: ['a@b.co', 'Ann'], errors: [] },
      { row: 2, cells: ['c@d.co', 'Bo'], errors: [] },
    ]);
  });

  it('refuses a row with a value under a blank header cell', async () => {
    const all = await rows('Email,,First name,\r\na@b.co,,Ann,\r\nc@d.co,x,Bo,\r\n');
    expect(all.map((r) => r.errors)).toEqual([[], [{ column: null, message: 'Column 2 has a value but no header' }]]);
  });

  it('keeps the file\'s row numbers past blank rows, in the rows and in their errors', async () => {
    const all = await rows('Email,Alias\r\n,\r\na@b.co,Ann\r\n,\r\nc@d.co,Bo\r\nA@b.co,Cy\r\n');
    expect(all.map((r) => r.row)).toEqual([2, 4, 5]);
    expect(all[2].errors).toEqual([{ column: expect.objectContaining({ kind: 'email' }), message: 'The email must be unique (row 2 has it too)' }]);
  });
});

describe('unheadedCellErrors', () => {
  const { columns } = parseHeader(['Email', '', 'First name', '']);

  it('accepts blank cells under blank headers and past the header, and values under every header', () => {
    expect(unheadedCellErrors(columns, ['a@b.co', ' ', 'Ann', '', '', ''])).toEqual([]);
    expect(unheadedCellErrors(columns, ['a@b.co'])).toEqual([]);
  });

  it('refuses a value under a blank header or past the header, naming the first such column', () => {
    expect(unheadedCellErrors(columns, ['a@b.co', 'x', 'Ann'])).toEqual([{ column: null, message: 'Column 2 has a value but no header' }]);
    expect(unheadedCellErrors(columns, ['a@b.co', '', 'Ann', '', 'y'])).toEqual([{ column: null, message: 'Column 5 has a value but no header' }]);
    expect(unheadedCellErrors(columns, ['a@b.co', 'x', 'Ann', 'y'])).toEqual([{ column: null, message: 'Column 2 and 1 more column have values but no header' }]);
    expect(unheadedCellErrors(columns, ['a@b.co', 'x', 'Ann', 'y', 'z'])).toEqual([{ column: null, message: 'Column 2 and 2 more columns have values but no header' }]);
  });

  it('skips the holes of a sparse (XLSX) row', () => {
    const cells: string[] = [];
    cells[0] = 'a@b.co';
    cells[2] = 'Ann';
    expect(unheadedCellErrors(columns, cells)).toEqual([]);
  });
});
