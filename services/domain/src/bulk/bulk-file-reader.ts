import { createReadStream } from 'node:fs';
import { parse } from 'csv-parse';
import ExcelJS from 'exceljs';
import unzipper from 'unzipper';
import { jsonRecordCells } from './bulk-columns.rules';
import type { BulkFileFormat } from './bulk-job.entity';

/** What a file reader yields: a header (again, with more columns, for JSON objects bringing new keys), then rows. */
export type SheetEvent = { type: 'header'; headers: string[] } | { type: 'row'; cells: string[] };

/** Thrown when the file cannot be read as its format at all (a scheme error). */
export class UnreadableFileError extends Error {}

/**
 * Streams an uploaded file as a header and rows, whatever its format; memory stays flat with file size
 * for CSV and JSON. An XLSX file must hold at most `maxSharedStringsBytes` of distinct text.
 */
export function readSheet(path: string, format: BulkFileFormat, maxSharedStringsBytes = MAX_XLSX_SHARED_STRINGS_BYTES): AsyncGenerator<SheetEvent> {
  if (format === 'CSV') return readCsv(path);
  if (format === 'XLSX') return readXlsx(path, maxSharedStringsBytes);
  return readJson(path);
}

async function* readCsv(path: string): AsyncGenerator<SheetEvent> {
  // Comma or semicolon, a BOM or none, quotes and CRLF: csv-parse handles them all as it streams.
  const parser = createReadStream(path).pipe(
    parse({ bom: true, delimiter: [',', ';'], relax_column_count: true, skip_empty_lines: true, trim: false }),
  );
  let first = true;
  try {
    for await (const record of parser as AsyncIterable<string[]>) {
      yield first ? { type: 'header', headers: record } : { type: 'row', cells: record };
      first = false;
    }
  } catch (error) {
    throw new UnreadableFileError(`The file is not valid CSV: ${(error as Error).message}`);
  }
}

/**
 * Most distinct cell text an XLSX file may hold. Rows stream, but a workbook keeps its text in one
 * shared-strings part that the reader must hold in memory to read any row (a 16 MB part, about
 * 175,000 rows of distinct emails and names, peaks at 190 MB); past this, the worker's capped heap
 * (see README) could run out. CSV has no such limit.
 */
export const MAX_XLSX_SHARED_STRINGS_BYTES = 16 * 1024 * 1024;

/** Refuses a workbook whose shared strings exceed `limit` bytes, reading only the zip's directory. */
export async function assertSharedStringsFit(path: string, limit = MAX_XLSX_SHARED_STRINGS_BYTES): Promise<void> {
  let size: number;
  try {
    const directory = await unzipper.Open.file(path);
    size = directory.files.find((file) => file.path === 'xl/sharedStrings.xml')?.uncompressedSize ?? 0;
  } catch (error) {
    throw new UnreadableFileError(`The file is not a valid XLSX workbook: ${(error as Error).message}`);
  }
  if (size > limit) {
    const mb = (bytes: number) => Math.ceil(bytes / 1024 / 1024);
    throw new UnreadableFileError(`The workbook holds ${mb(size)} MB of distinct text, more than the ${mb(limit)} MB an XLSX upload may: save it as CSV and upload that`);
  }
}

async function* readXlsx(path: string, maxSharedStringsBytes: number): AsyncGenerator<SheetEvent> {
  await assertSharedStringsFit(path, maxSharedStringsBytes);
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(path, { sharedStrings: 'cache', worksheets: 'emit', styles: 'ignore', hyperlinks: 'ignore' });
  let first = true;
  try {
    for await (const sheet of reader) {
      for await (const row of sheet) {
        const values = (row.values as unknown[]).slice(1).map(cellText);
        if (values.every((v) => v === '')) continue;
        yield first ? { type: 'header', headers: values } : { type: 'row', cells: values };
        first = false;
      }
      // Only the first sheet counts.
      break;
    }
  } catch (error) {
    if (error instanceof UnreadableFileError) throw error;
    throw new UnreadableFileError(`The file is not a valid XLSX workbook: ${(error as Error).message}`);
  }
}

function cellText(value: unknown): string {
  if (value == null) return '';
  if (typeof value === 'object') {
    const v = value as { text?: unknown; result?: unknown; richText?: { text: string }[] };
    if (v.richText) return v.richText.map((r) => r.text).join('');
    if (v.text !== undefined) return String(v.text);
    if (v.result !== undefined) return String(v.result);
    if (value instanceof Date) return value.toISOString();
  }
  return String(value);
}

async function* readJson(path: string): AsyncGenerator<SheetEvent> {
  const headers: string[] = [];
  for await (const record of jsonArrayItems(path)) {
    const { cells, unknown } = jsonRecordCells(record);
    const grown = [...cells.keys(), ...unknown].filter((h) => !headers.includes(h));
    if (grown.length > 0) {
      headers.push(...grown);
      yield { type: 'header', headers: [...headers] };
    }
    yield { type: 'row', cells: headers.map((h) => cells.get(h) ?? '') };
  }
  if (headers.length === 0) yield { type: 'header', headers: [] };
}

/**
 * Yields the items of a top-level JSON array one by one: a small scanner finds where each item
 * ends (tracking strings and nesting), so only one item is held in memory at a time.
 */
async function* jsonArrayItems(path: string): AsyncGenerator<unknown> {
  let started = false;
  let ended = false;
  let depth = 0;
  let inString = false;
  let escaped = false;
  let item = '';
  for await (const chunk of createReadStream(path, { encoding: 'utf8' }) as AsyncIterable<string>) {
    for (let i = 0; i < chunk.length; i++) {
      const ch = chunk[i];
      if (!started) {
        if (ch === '[') started = true;
        else if (!/\s|\uFEFF/.test(ch)) throw new UnreadableFileError('The file must be a JSON array of objects');
        continue;
      }
      if (ended) {
        if (!/\s/.test(ch)) throw new UnreadableFileError('The file has content after the JSON array');
        continue;
      }
      if (inString) {
        item += ch;
        if (escaped) escaped = false;
        else if (ch === '\\') escaped = true;
        else if (ch === '"') inString = false;
        continue;
      }
      if (depth === 0 && (ch === ',' || ch === ']')) {
        if (item.trim() !== '') yield parseItem(item);
        item = '';
        if (ch === ']') ended = true;
        continue;
      }
      if (ch === '"') inString = true;
      else if (ch === '{' || ch === '[') depth++;
      else if (ch === '}' || ch === ']') depth--;
      item += ch;
    }
  }
  if (!started || !ended) throw new UnreadableFileError('The file must be a JSON array of objects');
}

function parseItem(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw new UnreadableFileError('The file is not valid JSON');
  }
}
