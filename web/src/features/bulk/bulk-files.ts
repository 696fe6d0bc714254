// The bulk file routes of the API, on the console's own origin: proxy.ts forwards /api/v1/* with the
// session cookie turned into the bearer token, so plain links and fetch calls are authenticated.
const BULK_API = '/api/v1/bulk/users';

export type SheetFormat = 'csv' | 'xlsx';

/** The empty template with the columns the viewer may edit. */
export const templateUrl = (format: SheetFormat) => `${BULK_API}/template?format=${format}`;

/** Every user the viewer may see, in the template's columns, to edit and upload back. */
export const exportUrl = (format: SheetFormat) => `${BULK_API}/export?format=${format}`;

/** A job's error log as CSV: error, column, row, column name, severity. */
export const errorLogUrl = (jobId: string) => `${BULK_API}/jobs/${encodeURIComponent(jobId)}/errors.csv`;

/** The file types the upload accepts (the API decides by the extension). */
export const ACCEPTED_FILES = '.csv,.xlsx,.json';

/**
 * Uploads a file for validation (multipart field `file`); resolves to the new job's id, or rejects
 * with the server's own message when it refuses the file.
 */
export async function uploadBulkFile(file: File): Promise<string> {
  const form = new FormData();
  form.append('file', file, file.name);
  let response: Response;
  try {
    response = await fetch(`${BULK_API}/upload`, { method: 'POST', body: form });
  } catch {
    throw new Error('Could not reach the server. Check your connection and try again.');
  }
  const body = (await response.json().catch(() => null)) as { id?: string; error?: { message?: string } } | null;
  if (response.ok && body?.id) return body.id;
  throw new Error(body?.error?.message ?? `The upload failed (HTTP ${response.status}). Try again.`);
}
