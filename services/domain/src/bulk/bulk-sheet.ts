import { emailKey } from '../users/user.rules';
import { parseHeader, unescapeFormula, type BulkColumn, type SchemeError } from './bulk-columns.rules';
import { readSheet, UnreadableFileError } from './bulk-file-reader';
import type { BulkFileFormat } from './bulk-job.entity';
import type { RowError } from './bulk-row.rules';

/** A data row (numbered by its place below the header, from 1) with the columns in force when it was read. */
export interface SheetRow {
  row: number;
  columns: BulkColumn[];
  cells: string[];
  /** Errors known before the database is consulted: values under no header, an email already used above. */
  errors: RowError[];
}

/** The file is not usable as a whole; nothing may be applied. */
export class SchemeInvalidError extends Error {
  constructor(readonly errors: SchemeError[]) {
    super('The file does not have the bulk user columns');
  }
}

/**
 * Streams a file in batches of checked rows. Every email (and new email) must be unique within
 * the file: a later row using one again gets "The email must be unique". Throws SchemeInvalidError.
 */
export async function* sheetBatches(path: string, format: BulkFileFormat, batchSize: number): AsyncGenerator<SheetRow[]> {
  let columns: BulkColumn[] | null = null;
  let batch: SheetRow[] = [];
  const seen = new Map<string, number>();
  try {
    for await (const event of readSheet(path, format)) {
      if (event.type === 'header') {
        const parsed = parseHeader(event.headers);
        if (parsed.errors.length > 0) throw new SchemeInvalidError(parsed.errors);
        columns = parsed.columns;
        continue;
      }
      if (!columns) throw new SchemeInvalidError([{ column: null, message: 'The file must have a header row' }]);
      const { row } = event;
      // Cells of an exported file come back with its formula escapes: undo them for every format.
      const cells = event.cells.map(unescapeFormula);
      const errors: RowError[] = unheadedCellErrors(columns, cells);
      for (const kind of ['email', 'newEmail'] as const) {
        const column = columns.find((c) => c.kind === kind);
        const value = column ? (cells[column.index - 1] ?? '').trim() : '';
        if (!value) continue;
        const key = emailKey(value);
        const earlier = seen.get(key);
        if (earlier !== undefined && earlier !== row) errors.push({ column: column!, message: `The email must be unique (row ${earlier} has it too)` });
        else seen.set(key, row);
      }
      batch.push({ row, columns, cells, errors });
      if (batch.length >= batchSize) {
        yield batch;
        batch = [];
      }
    }
  } catch (error) {
    if (error instanceof UnreadableFileError) throw new SchemeInvalidError([{ column: null, message: error.message }]);
    throw error;
  }
  if (!columns) throw new SchemeInvalidError([{ column: null, message: 'The file is empty' }]);
  if (batch.length > 0) yield batch;
}

/**
 * The error of a row with values that no column reads, under a blank header cell or past the
 * header's last cell: the uploader meant something by them, so the row is refused rather than
 * applied without them. None when there are no such values.
 */
export function unheadedCellErrors(columns: readonly BulkColumn[], cells: readonly string[]): RowError[] {
  const unheaded: number[] = [];
  const headed = new Set(columns.map((c) => c.index));
  // forEach skips the holes of an XLSX row's sparse cells.
  cells.forEach((cell, i) => {
    if (cell.trim() !== '' && !headed.has(i + 1)) unheaded.push(i + 1);
  });
  if (unheaded.length === 0) return [];
  const [first] = unheaded;
  const more = unheaded.length - 1;
  const message =
    more === 0 ? `Column ${first} has a value but no header` : `Column ${first} and ${more} more ${more === 1 ? 'column' : 'columns'} have values but no header`;
  return [{ column: null, message }];
}

/** The email keys a batch's rows look up: their emails and new emails. */
export function batchEmailKeys(rows: readonly SheetRow[]): string[] {
  const keys: string[] = [];
  for (const { columns, cells } of rows) {
    for (const column of columns.filter((c) => c.kind === 'email' || c.kind === 'newEmail')) {
      const value = (cells[column.index - 1] ?? '').trim();
      if (value) keys.push(emailKey(value));
    }
  }
  return keys;
}
