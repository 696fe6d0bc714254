import { signOut } from '../auth/session';
import { attachmentName } from './content-disposition';

// The bulk file routes of the API, on the console's own origin: app/api/v1 forwards them with the
// session cookie turned into the bearer token, so fetch calls from the page are authenticated.
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
 * once, in the API's words, rather than after the whole upload.
 */
export async function uploadBulkFile(file: File): Promise<string> {
  const name = file.name.trim().toLowerCase();
  if (!ACCEPTED_EXTENSIONS.some((extension) => name.endsWith(extension))) throw new Error('The file must be a .csv, .xlsx or .json file');
  const form = new FormData();
  form.append('file', file, file.name);
  const response = await bulkRequest(`${BULK_API}/upload`, 'The upload failed', { method: 'POST', body: form });
  const body = (await response.json().catch(() => null)) as { id?: string } | null;
  if (body?.id) return body.id;
  throw new Error(`The upload failed (HTTP ${response.status}). Try again.`);
}

/**
 * Downloads a bulk file (template, export, error log) and saves it under the name the API gives.
 * Fetched rather than linked to, so that a refusal shows its message on the page instead of being
 * saved as the file. The file is held in memory until it is saved: tens of MB for an export of
 * 100,000 users, which browsers take in their stride; much larger files would call for a streamed
 * save (the File System Access API, or a service worker) instead.
 */
export async function downloadBulkFile(url: string): Promise<void> {
  const response = await bulkRequest(url, 'The download failed');
  let file: Blob;
  try {
    file = await response.blob();
  } catch {
    // The API can only cut a download that fails once under way.
    throw new Error('The download was cut short. Try again.');
  }
  const href = URL.createObjectURL(file);
  const link = document.createElement('a');
  link.href = href;
  link.download = attachmentName(response.headers.get('content-disposition')) ?? new URL(url, window.location.href).pathname.split('/').pop()!;
  link.click();
  // The browser reads the object URL after click() returns: freed once the download has surely started.
  setTimeout(() => URL.revokeObjectURL(href), 60_000);
}

/**
 * A request to a bulk file route; resolves to a successful answer, or rejects with the server's own
 * message (`failure` and the HTTP status when it gives none). An ended session signs out.
 */
async function bulkRequest(url: string, failure: string, init?: RequestInit): Promise<Response> {
  let response: Response;
  try {
    response = await fetch(url, init);
  } catch {
    throw new Error('Could not reach the server. Check your connection and try again.');
  }
  if (response.status === 401) {
    void signOut();
    throw new Error('Your session has ended. Sign in again.');
  }
  if (response.ok) return response;
  // The API answers {error: {message}}; the console's own route, when the API cannot be reached, {message}.
  const body = (await response.json().catch(() => null)) as { message?: string; error?: { message?: string } } | null;
  throw new Error(body?.error?.message ?? body?.message ?? `${failure} (HTTP ${response.status}). Try again.`);
}
