import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { assertSharedStringsFit, readSheet } from './bulk-file-reader';

describe('XLSX shared strings', () => {
  const folder = mkdtempSync(join(tmpdir(), 'sb-xlsx-'));
  const workbook = join(folder, 'users.xlsx');

  beforeAll(async () => {
    const writer = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: workbook, useSharedStrings: true });
    const sheet = writer.addWorksheet('Users');
    sheet.addRow(['Email', 'First name', 'Last name']).commit();
    for (let i = 0; i < 200; i++) sheet.addRow([`user${i}@example.test`, `First${i}`, `Last${i}`]).commit();
    await sheet.commit();
    await writer.commit();
  });
  afterAll(() => rmSync(folder, { recursive: true, force: true }));

  it('reads a workbook whose text fits', async () => {
    await expect(assertSharedStringsFit(workbook)).resolves.toBeUndefined();
    let rows = 0;
    for await (const event of readSheet(workbook, 'XLSX')) if (event.type === 'row') rows++;
    expect(rows).toBe(200);
  });

  it('refuses one with more distinct text than a worker holds, before reading a row, saying to use CSV', async () => {
    await expect(assertSharedStringsFit(workbook, 1024)).rejects.toThrow(/^The workbook holds 1 MB of distinct text, more than the 1 MB an XLSX upload may: save it as CSV/);
    const events = readSheet(workbook, 'XLSX', 1024);
    await expect(events.next()).rejects.toThrow(/more than the 1 MB an XLSX upload may/);
  });

  it('calls a file that is not a zip an invalid workbook', async () => {
    const notZip = join(folder, 'fake.xlsx');
    writeFileSync(notZip, 'Email\nann@example.test\n');
    await expect(assertSharedStringsFit(notZip)).rejects.toThrow(/^The file is not a valid XLSX workbook/);
  });
});
