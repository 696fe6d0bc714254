import type { Writable } from 'node:stream';
import { stringify } from 'csv-stringify';
import ExcelJS from 'exceljs';
import { escapeFormula } from './bulk-columns.rules';

/** Streams rows (chunk by chunk) to `out` as CSV, every cell formula-escaped. */
export async function writeCsv(chunks: AsyncIterable<string[][]>, out: Writable): Promise<void> {
  const csv = stringify({ record_delimiter: '\r\n' });
  const finished = new Promise<void>((resolve, reject) => {
    out.once('finish', resolve);
    out.once('error', reject);
  });
  csv.pipe(out);
  for await (const rows of chunks) {
    for (const row of rows) {
      if (!csv.write(row.map(escapeFormula))) await new Promise((resolve) => csv.once('drain', resolve));
    }
  }
  csv.end();
  await finished;
}

/** Streams rows to `out` as an XLSX workbook of one sheet, every cell formula-escaped and stored as text. */
export async function writeXlsx(chunks: AsyncIterable<string[][]>, out: Writable, sheetName = 'Users'): Promise<void> {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useSharedStrings: false, useStyles: false });
  const sheet = workbook.addWorksheet(sheetName);
  for await (const rows of chunks) {
    for (const row of rows) sheet.addRow(row.map(escapeFormula)).commit();
  }
  sheet.commit();
  await workbook.commit();
}
