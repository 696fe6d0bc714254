import { createReadStream } from 'node:fs';
import { pipeline, Transform } from 'node:stream';
import { parse } from 'csv-parse';
import ExcelJS from 'exceljs';
import unzipper from 'unzipper';
import { jsonRecordCells } from './bulk-columns.rules';
import type { BulkFileFormat } from './bulk-job.entity';

/**
 * What a file reader yields: a header (again, with more columns, for JSON objects bringing new keys),
 * then rows numbered by their place in the file (1 is the row below the header, or the first JSON
 * item). Blank rows are skipped, without renumbering the rows below them.
 */
export type SheetEvent = { type: 'header'; headers: string[] } | { type: 'row'; row: number; cells: string[] };

/** Thrown when the file cannot be read as its format at all (a scheme error). */
export class UnreadableFileError extends Error {}

/**
 * Longest CSV record or JSON item, in bytes for CSV and characters for JSON. The widest real row is
 * a header naming every role and team, far below this; a longer one is a quote left open, which
 * would pull the rest of the file into one cell and exhaust the worker's capped heap (see README).
 */
export const MAX_ROW_SIZE = 1024 * 1024;

/** The scheme error for a row past MAX_ROW_SIZE; row 0 is the header. */
function rowTooLong(row: number, cause: string): UnreadableFileError {
  const which = row === 0 ? 'The header row' : `Row ${row}`;
  return new UnreadableFileError(`${which} is longer than ${MAX_ROW_SIZE / 1024 / 1024} MB; check for ${cause}`);
}

/** A row with no value at all: an empty line, or only delimiters (spreadsheets export trailing ones). */
const isBlank = (cells: readonly string[]) => cells.every((cell) => cell.trim() === '');

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
  // A BOM or none, quotes and CRLF: csv-parse handles them as it streams. Blank records are not
  // skipped by csv-parse but below, so that the records are counted as the file's rows.
  const delimiter = await csvDelimiter(path);
  // pipeline() ends the parse with any stage's error (the cap's, a read's); the loop below throws it.
  const parser = pipeline(createReadStream(path), capCsvRecords(delimiter), parse({ bom: true, delimiter, relax_column_count: true }), () => undefined);
  let records = 0;
  let headerRecord = 0;
  try {
    for await (const record of parser as AsyncIterable<string[]>) {
      records += 1;
      if (isBlank(record)) continue;
      if (headerRecord === 0) {
        headerRecord = records;
        yield { type: 'header', headers: record };
      } else yield { type: 'row', row: records - headerRecord, cells: record };
    }
  } catch (error) {
    if (error instanceof UnreadableFileError) throw error;
    throw new UnreadableFileError(`The file is not valid CSV: ${(error as Error).message}`);
  }
}

/**
 * Stops a CSV file at a record longer than MAX_ROW_SIZE bytes, delimiters and quotes included (so
 * a line of nothing but delimiters counts too, which csv-parse's own size limit, on cell text,
 * lets grow without end). It counts records as csv-parse does (a line break outside quotes ends
 * one; blank ones count) to name the row below the header, the first non-blank record.
 */
function capCsvRecords(delimiter: ',' | ';'): Transform {
  const [QUOTE, LF, CR, SPACE, TAB, DELIMITER] = [0x22, 0x0a, 0x0d, 0x20, 0x09, delimiter.charCodeAt(0)];
  let quoted = false;
  let length = 0;
  let records = 0;
  let headerRecord = 0;
  let recordHasValue = false;
  let afterCR = false;
  return new Transform({
    transform(chunk: Buffer, _encoding, done) {
      // An index loop: a Buffer's iterator costs several times as much per byte.
      for (let i = 0; i < chunk.length; i++) {
        const byte = chunk[i];
        if (afterCR && byte === LF) {
          afterCR = false;
          continue;
        }
        afterCR = false;
        if (!quoted && (byte === LF || byte === CR)) {
          records += 1;
          if (recordHasValue && headerRecord === 0) headerRecord = records;
          [length, recordHasValue, afterCR] = [0, false, byte === CR];
          continue;
        }
        if (byte === QUOTE) quoted = !quoted;
        else if (byte !== DELIMITER && byte !== SPACE && byte !== TAB) recordHasValue = true;
        if (++length > MAX_ROW_SIZE) {
          const row = headerRecord === 0 ? 0 : records + 1 - headerRecord;
          return done(rowTooLong(row, quoted ? 'an unclosed quote' : 'missing line breaks'));
        }
      }
      done(null, chunk);
    },
  });
}

/**
 * A CSV file's one delimiter: the first comma or semicolon outside quotes on its header line, so the
 * other may appear unquoted in values. Comma when the header has neither (a single column).
 */
async function csvDelimiter(path: string): Promise<',' | ';'> {
  let quoted = false;
  // Blank lines above the header are skipped, as the reader skips them.
  let onHeader = false;
  let scanned = 0;
  for await (const chunk of createReadStream(path, { encoding: 'utf8' }) as AsyncIterable<string>) {
    for (const ch of chunk) {
      if (ch === '"') quoted = !quoted;
      if (quoted) continue;
      if (ch === ',' || ch === ';') return ch;
      if ((ch === '\n' || ch === '\r') && onHeader) return ',';
      if (ch.trim() !== '') onHeader = true;
    }
    scanned += chunk.length;
    // No header line is this long: csv-parse will say so.
    if (scanned > MAX_ROW_SIZE) break;
  }
  return ',';
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
  let headerRow = 0;
  try {
    for await (const sheet of reader) {
      for await (const row of sheet) {
        const values = (row.values as unknown[]).slice(1).map(cellText);
        if (isBlank(values)) continue;
        if (headerRow === 0) {
          headerRow = row.number;
          yield { type: 'header', headers: values };
        } else yield { type: 'row', row: row.number - headerRow, cells: values };
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
  let row = 0;
  for await (const record of jsonArrayItems(path)) {
    row += 1;
    const { cells, unknown } = jsonRecordCells(record);
    const grown = [...cells.keys(), ...unknown].filter((h) => !headers.includes(h));
    if (grown.length > 0) {
      headers.push(...grown);
      yield { type: 'header', headers: [...headers] };
    }
    const values = headers.map((h) => cells.get(h) ?? '');
    if (!isBlank(values)) yield { type: 'row', row, cells: values };
  }
  if (headers.length === 0) yield { type: 'header', headers: [] };
}

/**
 * Yields the items of a top-level JSON array one by one: a small scanner finds where each item
 * ends (tracking strings and nesting), so only one item, of at most MAX_ROW_SIZE, is held in memory.
 */
async function* jsonArrayItems(path: string): AsyncGenerator<unknown> {
  let started = false;
  let ended = false;
  let depth = 0;
  let inString = false;
  let escaped = false;
  let item = '';
  let items = 0;
  for await (const chunk of createReadStream(path, { encoding: 'utf8' }) as AsyncIterable<string>) {
    for (let i = 0; i < chunk.length; i++) {
      const ch = chunk[i];
      if (item.length > MAX_ROW_SIZE) throw rowTooLong(items + 1, 'an unclosed string');
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
        if (item.trim() !== '') {
          items += 1;
          yield parseItem(item);
        }
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
