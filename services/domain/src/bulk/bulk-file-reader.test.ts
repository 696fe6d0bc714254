import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { assertSharedStringsFit, MAX_ROW_SIZE, readSheet, type SheetEvent } from './bulk-file-reader';
import type { BulkFileFormat } from './bulk-job.entity';

const folder = mkdtempSync(join(tmpdir(), 'sb-reader-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

let files = 0;
async function read(content: string, format: BulkFileFormat): Promise<SheetEvent[]> {
  const path = join(folder, `file${++files}.${format.toLowerCase()}`);
  writeFileSync(path, content);
  const events: SheetEvent[] = [];
  for await (const event of readSheet(path, format)) events.push(event);
  return events;
}

describe('XLSX shared strings', () => {
  const workbook = join(folder, 'users.xlsx');

  beforeAll(async () => {
    const writer = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: workbook, useSharedStrings: true });
    const sheet = writer.addWorksheet('Users');
    sheet.addRow(['Email', 'First name', 'Last name']).commit();
    for (let i = 0; i < 200; i++) sheet.addRow([`user${i}@example.test`, `First${i}`, `Last${i}`]).commit();
    await sheet.commit();
    await writer.commit();
  });

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

describe('XLSX rows', () => {
  it('numbers rows by their place below the header, past blank rows', async () => {
    const path = join(folder, 'gaps.xlsx');
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('Users');
    sheet.getRow(2).values = ['Email', 'Alias'];
    sheet.getRow(3).values = ['a@b.co', 'Ann'];
    sheet.getRow(4).values = ['', ' '];
    sheet.getRow(6).values = ['c@d.co', 'Bo'];
    await workbook.xlsx.writeFile(path);
    const events: SheetEvent[] = [];
    for await (const event of readSheet(path, 'XLSX')) events.push(event);
    expect(events).toEqual([
      { type: 'header', headers: ['Email', 'Alias'] },
      { type: 'row', row: 1, cells: ['a@b.co', 'Ann'] },
      { type: 'row', row: 4, cells: ['c@d.co', 'Bo'] },
    ]);
  });
});

describe('CSV', () => {
  it('splits a comma file on commas only, so a semicolon stays inside its value', async () => {
    expect(await read('Email,Alias,Role: Agent\r\na@b.co,Ann; the boss,1\r\n', 'CSV')).toEqual([
      { type: 'header', headers: ['Email', 'Alias', 'Role: Agent'] },
      { type: 'row', row: 1, cells: ['a@b.co', 'Ann; the boss', '1'] },
    ]);
  });

  it('splits a semicolon file, its delimiter found outside quotes on the header line, on semicolons only', async () => {
    expect(await read('\uFEFF\r\n"Role: Sales, EMEA";Email;Alias\r\n1;a@b.co;Lee, Ann\r\n', 'CSV')).toEqual([
      { type: 'header', headers: ['Role: Sales, EMEA', 'Email', 'Alias'] },
      { type: 'row', row: 1, cells: ['1', 'a@b.co', 'Lee, Ann'] },
    ]);
  });

  it('skips blank rows (empty lines or delimiters only), keeping the rows below them at their own numbers', async () => {
    expect(await read('\r\nEmail,Alias\r\n,\r\na@b.co,Ann\r\n\r\n , \r\nc@d.co,Bo\r\n,\r\n,,\r\n', 'CSV')).toEqual([
      { type: 'header', headers: ['Email', 'Alias'] },
      { type: 'row', row: 2, cells: ['a@b.co', 'Ann'] },
      { type: 'row', row: 5, cells: ['c@d.co', 'Bo'] },
    ]);
  });

  it('refuses a record longer than the limit, naming its row and the likely unclosed quote', async () => {
    const unclosed = `Email,Alias\r\na@b.co,Ann\r\n\r\nc@d.co,"Bo\r\n${'x,'.repeat(MAX_ROW_SIZE / 2)}\r\ne@f.co,Cy\r\n`;
    await expect(read(unclosed, 'CSV')).rejects.toThrow(/^Row 3 is longer than 1 MB; check for an unclosed quote$/);
    await expect(read(`"Email,Alias\r\n${'x'.repeat(MAX_ROW_SIZE)}`, 'CSV')).rejects.toThrow(/^The header row is longer than 1 MB; check for an unclosed quote$/);
    // Nothing but delimiters: no cell text grows, the record does.
    await expect(read(`Email,Alias\na@b.co,Ann\n${','.repeat(MAX_ROW_SIZE + 1)}\n`, 'CSV')).rejects.toThrow(/^Row 2 is longer than 1 MB; check for missing line breaks$/);
  });
});

describe('JSON', () => {
  it('skips objects with no value, keeping the items below them at their own numbers', async () => {
    expect(await read('[{"email":"a@b.co"},{},{"email":null,"alias":" "},{"email":"c@d.co","roles":[{"name":"Agent","value":0}]}]', 'JSON')).toEqual([
      { type: 'header', headers: ['Email'] },
      { type: 'row', row: 1, cells: ['a@b.co'] },
      { type: 'header', headers: ['Email', 'Alias'] },
      { type: 'header', headers: ['Email', 'Alias', 'Role: Agent'] },
      { type: 'row', row: 4, cells: ['c@d.co', '', '0'] },
    ]);
  });

  it('refuses an item longer than the limit, naming its row, before holding the rest of the file', async () => {
    const unclosed = `[{"email":"a@b.co"},\n{"email":"c@d.co","alias":"Bo}, ${'{"email":"x@y.z"},'.repeat(MAX_ROW_SIZE / 16)}]`;
    await expect(read(unclosed, 'JSON')).rejects.toThrow(/^Row 2 is longer than 1 MB; check for an unclosed string$/);
  });
});
