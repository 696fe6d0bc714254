import { signOut } from '../auth/session';

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
const ACCEPTED_EXTENSIONS = ['.csv', '.xlsx', '.json'];
export const ACCEPTED_FILES = ACCEPTED_EXTENSIONS.join(',');

/**
 * Uploads a file for validation (multipart field `file`); resolves to the new job's id, or rejects
 * with the server's own message when it refuses the file. A file of another type is refused at
 * once, in the API's words, rather than after the whole upload; an ended session signs out.
 */
export async function uploadBulkFile(file: File): Promise<string> {
  const name = file.name.trim().toLowerCase();
  if (!ACCEPTED_EXTENSIONS.some((extension) => name.endsWith(extension))) throw new Error('The file must be a .csv, .xlsx or .json file');
  const form = new FormData();
  form.append('file', file, file.name);
  let response: Response;
  try {
    response = await fetch(`${BULK_API}/upload`, { method: 'POST', body: form });
  } catch {
    throw new Error('Could not reach the server. Check your connection and try again.');
  }
  if (response.status === 401) {
    void signOut();
    throw new Error('Your session has ended. Sign in again.');
  }
  // The API answers {error: {message}}; the console's own route, when the API cannot be reached, {message}.
  const body = (await response.json().catch(() => null)) as { id?: string; message?: string; error?: { message?: string } } | null;
  if (response.ok && body?.id) return body.id;
  throw new Error(body?.error?.message ?? body?.message ?? `The upload failed (HTTP ${response.status}). Try again.`);
}
