import type { BulkJobStatus } from '../../gql/graphql';

/** How each status reads in the console (the seeds' "Completed / Completed with Errors / Failed"). */
export const STATUS_WORDS: Record<BulkJobStatus, string> = {
  CREATED: 'Waiting for validation',
  VALIDATING: 'Validating',
  VALIDATED: 'Validated, ready to proceed',
  SCHEME_INVALID: 'Invalid file',
  PROCESSING: 'Processing',
  COMPLETED: 'Completed',
  COMPLETED_WITH_ERRORS: 'Completed with errors',
  FAILED: 'Failed',
  CANCELLED: 'Cancelled',
};

/** The colour family of a status badge; the words always say the same. */
export type StatusTone = 'pending' | 'ready' | 'working' | 'done' | 'partial' | 'failed' | 'off';

export const STATUS_TONE: Record<BulkJobStatus, StatusTone> = {
  CREATED: 'pending',
  VALIDATING: 'working',
  VALIDATED: 'ready',
  SCHEME_INVALID: 'failed',
  PROCESSING: 'working',
  COMPLETED: 'done',
  COMPLETED_WITH_ERRORS: 'partial',
  FAILED: 'failed',
  CANCELLED: 'off',
};

/** The order of the job's life (see the BulkJobStatus enum): a later stage is newer news; 4 is an end. */
const STAGE: Record<BulkJobStatus, number> = {
  CREATED: 0,
  VALIDATING: 1,
  VALIDATED: 2,
  PROCESSING: 3,
  SCHEME_INVALID: 4,
  COMPLETED: 4,
  COMPLETED_WITH_ERRORS: 4,
  FAILED: 4,
  CANCELLED: 4,
};

/** Whether the job has reached a status it never leaves. */
export function hasEnded(status: BulkJobStatus): boolean {
  return STAGE[status] === 4;
}

/** Whether the job is moving on without anyone acting: waiting for validation, validating, or applying. */
export function isUnderWay(status: BulkJobStatus): boolean {
  return status === 'CREATED' || status === 'VALIDATING' || status === 'PROCESSING';
}

/** Of two reads of one job, the one further along (the later read when they are at the same stage). */
export function furtherAlong<T extends { status: BulkJobStatus }>(earlier: T | undefined, later: T | undefined): T | undefined {
  if (!earlier || !later) return later ?? earlier;
  return STAGE[later.status] >= STAGE[earlier.status] ? later : earlier;
}
