import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sheetBatches, type SheetRow } from './bulk-sheet';

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

  it('keeps the file\'s row numbers past blank rows, in the rows and in their errors', async () => {
    const all = await rows('Email,Alias\r\n,\r\na@b.co,Ann\r\n,\r\nc@d.co,Bo\r\nA@b.co,Cy\r\n');
    expect(all.map((r) => r.row)).toEqual([2, 4, 5]);
    expect(all[2].errors).toEqual([{ column: expect.objectContaining({ kind: 'email' }), message: 'The email must be unique (row 2 has it too)' }]);
  });
});
