import type { Writable } from 'node:stream';
import { finished, pipeline } from 'node:stream/promises';
import { stringify } from 'csv-stringify';
import ExcelJS from 'exceljs';
import { escapeFormula } from './bulk-columns.rules';

// A download's reader may leave at any time: each writer then stops reading `chunks` (ending the
// generator, whose finally runs) and resolves, since nobody is left to tell of the cut.

/** Streams rows (chunk by chunk) to `out` as CSV, every cell formula-escaped. */
export async function writeCsv(chunks: AsyncIterable<string[][]>, out: Writable): Promise<void> {
  const rows = await firstChunkRead(chunks);
  // pipeline keeps to `out`'s pace, and when `out` closes early it ends the rows' generator.
  await quietIfReaderLeft(out, pipeline(escapedRows(rows), stringify({ record_delimiter: '\r\n' }), out));
}

async function* escapedRows(chunks: AsyncIterable<string[][]>): AsyncGenerator<string[]> {
  for await (const rows of chunks) {
    for (const row of rows) yield row.map(escapeFormula);
  }
}

/**
 * The same chunks, the first one read now, before a writer touches `out`: a refusal or failure
 * there (a permission, a first query) still gets its answer, where a writer that had started
 * (a failing pipeline destroys `out`) could only cut the download.
 */
async function firstChunkRead(chunks: AsyncIterable<string[][]>): Promise<AsyncGenerator<string[][]>> {
  const iterator = chunks[Symbol.asyncIterator]();
  const first = await iterator.next();
  return (async function* () {
    try {
      for (let next = first; !next.done; next = await iterator.next()) yield next.value;
    } finally {
      await iterator.return?.();
    }
  })();
}

/** Streams rows to `out` as an XLSX workbook of one sheet, every cell formula-escaped and stored as text. */
export async function writeXlsx(chunks: AsyncIterable<string[][]>, out: Writable, sheetName = 'Users'): Promise<void> {
  const rows = await firstChunkRead(chunks);
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useSharedStrings: false, useStyles: false });
  const sheet = workbook.addWorksheet(sheetName);
  for await (const chunk of rows) {
    for (const row of chunk) sheet.addRow(row.map(escapeFormula)).commit();
    // exceljs takes rows whatever `out` can take, and reads on for a closed `out`: wait for `out` here.
    if (!(await whenWritable(out))) return;
  }
  sheet.commit();
  // The workbook waits for `out` to finish, which a closed `out` never does; finished() sees the close.
  await quietIfReaderLeft(out, Promise.all([workbook.commit(), finished(out)]));
}

/** Resolves once `out` can take more (at once if it can): true, or false when it closed first (its reader left). */
export function whenWritable(out: Writable): Promise<boolean> {
  if (out.destroyed || !out.writableNeedDrain) return Promise.resolve(!out.destroyed);
  return new Promise((resolve) => {
    const done = () => {
      out.off('drain', done);
      out.off('close', done);
      resolve(!out.destroyed);
    };
    out.on('drain', done);
    out.on('close', done);
  });
}

/** Awaits `writing`; its failure only because `out` closed before its end (the reader left) ends it quietly. */
async function quietIfReaderLeft(out: Writable, writing: Promise<unknown>): Promise<void> {
  try {
    await writing;
  } catch (error) {
    if (!(out.destroyed && (error as NodeJS.ErrnoException).code === 'ERR_STREAM_PREMATURE_CLOSE')) throw error;
  }
}
