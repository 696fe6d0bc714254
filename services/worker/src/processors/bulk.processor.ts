import { UnrecoverableError, type Job } from 'bullmq';
import { isUuid, type BulkJobPayload, type BulkProcessingService } from '@switchboard/domain';

/** Validates or applies one bulk job: the payload names the job; the domain re-reads and checks its state. */
export function bulkProcessor(bulk: BulkProcessingService, phase: 'validate' | 'apply') {
  return async (job: Job<BulkJobPayload>) => {
    const { jobId } = job.data ?? {};
    if (typeof jobId !== 'string' || !isUuid(jobId)) throw new UnrecoverableError('The payload must carry a bulk job id');
    const report = (progress: { processed: number; failed: number }) => job.updateProgress(progress);
    try {
      await (phase === 'validate' ? bulk.validate(jobId, report) : bulk.apply(jobId, report));
    } catch (error) {
      // After the last attempt the uploader sees a failed job rather than one stuck in progress.
      if (job.attemptsMade + 1 >= (job.opts.attempts ?? 1)) await bulk.fail(jobId, 'The job could not be completed; upload the file again');
      throw error;
    }
  };
}
