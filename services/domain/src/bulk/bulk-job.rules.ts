import type { Actor } from '../access/actor';
import type { PermissionScope } from '../access/permission-catalogue';
import { badInput } from '../errors/app-error';
import type { BulkJobError } from './bulk-job-error.entity';
import type { BulkFileFormat, BulkJob, BulkJobStatus } from './bulk-job.entity';

/** The status a job ends in after apply. */
export function finalStatus(failedRows: number): BulkJobStatus {
  return failedRows > 0 ? 'COMPLETED_WITH_ERRORS' : 'COMPLETED';
}

/** The file format an upload's name says, or BAD_USER_INPUT on `file`. */
export function uploadFormat(filename: string): BulkFileFormat {
  const extension = /\.([a-z]+)$/i.exec(filename.trim())?.[1]?.toLowerCase();
  if (extension === 'csv') return 'CSV';
  if (extension === 'xlsx') return 'XLSX';
  if (extension === 'json') return 'JSON';
  throw badInput('file', 'The file must be a .csv, .xlsx or .json file');
}

/** The two steps of a bulk job, each run by a queue of its own. */
export type BulkPhase = 'validate' | 'apply';

/**
 * The statuses of a job while `phase` runs: a failure of that phase (its last attempt, or BullMQ
 * giving up on it as stalled) ends only a job still in one of them. A stale validation's failure
 * must not end a job that has moved on to apply, nor anything end a completed or cancelled job.
 */
export function statusesDuring(phase: BulkPhase): BulkJobStatus[] {
  return phase === 'validate' ? ['CREATED', 'VALIDATING'] : ['PROCESSING'];
}

/** Whether the job's validation has yet to end: a proceed asked for now waits for it (proceedsWhenValidated). */
export function awaitsValidation(job: Pick<BulkJob, 'status'>): boolean {
  return statusesDuring('validate').includes(job.status);
}

/** Throws BAD_USER_INPUT unless the job may start applying: validated, and with errors only when they are to be ignored. */
export function assertProceedable(job: Pick<BulkJob, 'status' | 'failedRows' | 'validRows'>, ignoreErrors: boolean): void {
  if (job.status !== 'VALIDATED') throw badInput('id', `Only a validated job can be processed (this one is ${job.status})`);
  if (errorsHoldBack(job, ignoreErrors)) {
    throw badInput(
      'ignoreErrors',
      `${job.failedRows} rows have errors: fix the file and upload it again, or proceed with ignoreErrors to apply only the ${job.validRows} valid rows`,
    );
  }
}

/**
 * Whether a job whose processing was asked for before validation ended (the autoProceed upload
 * option, or a proceed that came early) starts applying as it validates: under assertProceedable's
 * rule, and only when the file has rows.
 */
export function proceedsWhenValidated(job: Pick<BulkJob, 'autoProceed' | 'ignoreErrors' | 'totalRows' | 'failedRows'>): boolean {
  return job.autoProceed && job.totalRows > 0 && !errorsHoldBack(job, job.ignoreErrors);
}

function errorsHoldBack(job: Pick<BulkJob, 'failedRows'>, ignoreErrors: boolean): boolean {
  return job.failedRows > 0 && !ignoreErrors;
}

/**
 * Which of the tenant's jobs a holder of "Bulk User Management" may read, as a filter on the job:
 * with scope ALL every one; team-scoped only their own, since the rows and error log of another's
 * upload may name users of any team.
 */
export function visibleJobs(actor: Pick<Actor, 'userId' | 'credentialId'>, scope: PermissionScope): { uploadedByUserId?: string; uploadedByCredentialId?: string } {
  if (scope === 'ALL') return {};
  // An actor is a signed-in user or else an API credential.
  return actor.userId ? { uploadedByUserId: actor.userId } : { uploadedByCredentialId: actor.credentialId! };
}

/**
 * Whether a logged error is the file's own (a scheme error: row 0, severity ERROR) rather than a
 * row's error or a column warning; bulk-jobs.service filters the error log by the same test in SQL.
 */
export function isSchemeError(error: Pick<BulkJobError, 'row' | 'severity'>): boolean {
  return error.row === 0 && error.severity === 'ERROR';
}

/** Throws BAD_USER_INPUT unless the job has not started applying. */
export function assertCancellable(job: Pick<BulkJob, 'status'>): void {
  if (!['CREATED', 'VALIDATING', 'VALIDATED', 'SCHEME_INVALID'].includes(job.status)) {
    throw badInput('id', `A job can be cancelled only before processing (this one is ${job.status})`);
  }
}

/**
 * Throws BAD_USER_INPUT unless the job's file may be replaced (the seed API's PUT upload): only once
 * validation has ended and before processing, so no validation is still reading the old file.
 */
export function assertReplaceable(job: Pick<BulkJob, 'status'>): void {
  if (awaitsValidation(job)) {
    throw badInput('id', 'The job\'s file is still being validated: replace it once validation has ended');
  }
  if (job.status !== 'VALIDATED' && job.status !== 'SCHEME_INVALID') {
    throw badInput('id', `A job's file can be replaced only before processing (this one is ${job.status})`);
  }
}

/** The seed JSON API's status words. */
export function apiStatus(status: BulkJobStatus): string {
  const words: Record<BulkJobStatus, string> = {
    CREATED: 'created',
    VALIDATING: 'validating',
    VALIDATED: 'valid_scheme',
    SCHEME_INVALID: 'invalid_scheme',
    PROCESSING: 'in_progress',
    COMPLETED: 'completed',
    COMPLETED_WITH_ERRORS: 'completed_with_errors',
    FAILED: 'failed',
    CANCELLED: 'cancelled',
  };
  return words[status];
}

/**
 * The seed API's status word in a proceed answer: the job as the request found it. A validated job
 * reads "valid_scheme", as in the seed (its status reads "in_progress" from then on); one still
 * being validated reads "created" or "validating".
 */
export function proceedApiStatus(job: Pick<BulkJob, 'status'>): string {
  return apiStatus(job.status === 'PROCESSING' ? 'VALIDATED' : job.status);
}

/** The email holders of the user-list permission get after a job is applied. */
export function bulkSummaryEmail(job: Pick<BulkJob, 'filename' | 'status' | 'totalRows' | 'affectedRows' | 'failedRows' | 'previewCreates' | 'previewUpdates'>): {
  subject: string;
  bodyText: string;
} {
  return {
    subject: `Bulk user upload ${job.filename}: ${job.affectedRows} users changed`,
    bodyText: [
      `The bulk user upload "${job.filename}" has been applied (${job.status === 'COMPLETED' ? 'no errors' : 'with errors'}).`,
      `Rows in the file: ${job.totalRows}`,
      `Users created or updated: ${job.affectedRows} (validation expected ${job.previewCreates} new, ${job.previewUpdates} updated)`,
      `Rows with errors: ${job.failedRows}`,
    ].join('\n'),
  };
}
