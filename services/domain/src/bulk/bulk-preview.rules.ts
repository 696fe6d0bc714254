import { USER_FIELD_PERMISSIONS } from '../access/permission-catalogue';
import type { UserField } from '../users/user.rules';
import { BULK_FIXED_COLUMNS, type BulkColumn, type BulkColumnKind } from './bulk-columns.rules';
import type { BulkPreviewField } from './bulk-job.entity';

/** Per field, how many update rows change it: at most one entry a field, whatever the row count. */
export type FieldChangeCounts = Map<UserField, number>;

const header = (kind: BulkColumnKind) => BULK_FIXED_COLUMNS.find((c) => c.kind === kind)!.header;

/**
 * How the preview names each field (the upload's column names; Roles and Teams for their many
 * columns) and the columns that can change it, the first of which places it in the file's order.
 * Chat concurrency status also changes with Chat concurrency alone (editedSnapshot).
 */
const FIELD_COLUMNS: Record<UserField, { label: string; kinds: BulkColumnKind[] }> = {
  email: { label: header('email'), kinds: ['newEmail'] },
  agentId: { label: header('agentId'), kinds: ['agentId'] },
  firstName: { label: header('firstName'), kinds: ['firstName'] },
  lastName: { label: header('lastName'), kinds: ['lastName'] },
  alias: { label: header('alias'), kinds: ['alias'] },
  status: { label: header('status'), kinds: ['status'] },
  location: { label: header('location'), kinds: ['location'] },
  chatConcurrency: { label: header('chatConcurrency'), kinds: ['chatConcurrency'] },
  chatConcurrencyEnabled: { label: header('chatConcurrencyStatus'), kinds: ['chatConcurrencyStatus', 'chatConcurrency'] },
  roles: { label: 'Roles', kinds: ['role'] },
  teams: { label: 'Teams', kinds: ['team'] },
};

// The catalogue's order of the fields (the seed's column order): ties and fields with no column of the file.
const FIELD_ORDER = Object.keys(USER_FIELD_PERMISSIONS) as UserField[];

/** Adds one update row's changed fields to `counts` (each field once a row). */
export function countChangedFields(counts: FieldChangeCounts, changed: readonly UserField[]): void {
  for (const field of new Set(changed)) counts.set(field, (counts.get(field) ?? 0) + 1);
}

/**
 * The counts as the job's preview keeps them: each changed field under its column name, in the
 * order of the file's columns (a field at the first column that can change it), fields no row changes left out.
 */
export function previewFields(counts: FieldChangeCounts, columns: readonly BulkColumn[]): BulkPreviewField[] {
  const position = (field: UserField) => {
    const indexes = columns.filter((c) => FIELD_COLUMNS[field].kinds.includes(c.kind)).map((c) => c.index);
    return indexes.length > 0 ? Math.min(...indexes) : Number.POSITIVE_INFINITY;
  };
  return [...counts]
    .filter(([, count]) => count > 0)
    .map(([field, count]) => ({ field, count, at: position(field) }))
    .sort((a, b) => a.at - b.at || FIELD_ORDER.indexOf(a.field) - FIELD_ORDER.indexOf(b.field))
    .map(({ field, count }) => ({ field: FIELD_COLUMNS[field].label, count }));
}
