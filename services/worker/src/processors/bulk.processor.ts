import { UnrecoverableError, type Job } from 'bullmq';
import { isUuid, type BulkJobPayload, type BulkPhase, type BulkProcessingService } from '@switchboard/domain';

/** What the uploader reads on a job that could not run to its end. */
const NOT_COMPLETED = 'The job could not be completed; upload the file again';

/** The bulk job a payload names, or null when it names none. */
function bulkJobId(job: Job<BulkJobPayload>): string | null {
  const { jobId } = job.data ?? {};
  return typeof jobId === 'string' && isUuid(jobId) ? jobId : null;
}

/** Validates or applies one bulk job: the payload names the job; the domain re-reads and checks its state. */
export function bulkProcessor(bulk: BulkProcessingService, phase: BulkPhase) {
  return async (job: Job<BulkJobPayload>) => {
    const jobId = bulkJobId(job);
    if (!jobId) throw new UnrecoverableError('The payload must carry a bulk job id');
    const report = (progress: { processed: number; failed: number }) => job.updateProgress(progress);
    try {
      await (phase === 'validate' ? bulk.validate(jobId, report) : bulk.apply(jobId, report));
    } catch (error) {
      // After the last attempt the uploader sees a failed job rather than one stuck in progress.
      if (job.attemptsMade + 1 >= (job.opts.attempts ?? 1)) await bulk.fail(jobId, phase, NOT_COMPLETED);
      throw error;
    }
  };
}

/**
 * For a bulk Worker's 'failed' event: marks FAILED (removing its file) a bulk job that BullMQ failed
 * without running the processor, so the processor's catch above never saw it: one that stalled more
 * than maxStalledCount times, as when its file kills the worker each time (out of memory). Left alone,
 * it would stay validating or processing for good. Failures the processor threw, it handled itself.
 */
export async function failStalledBulkJob(bulk: BulkProcessingService, phase: BulkPhase, job: Job<BulkJobPayload> | undefined): Promise<void> {
  // BullMQ sets deferredFailure ("job stalled more than allowable limit") and fails the job when a worker next takes it.
  if (!job?.deferredFailure) return;
  const jobId = bulkJobId(job);
  if (jobId) await bulk.fail(jobId, phase, NOT_COMPLETED);
}
