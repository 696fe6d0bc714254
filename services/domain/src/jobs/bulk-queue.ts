import { basename } from 'node:path';
import { Queue, type JobsOptions } from 'bullmq';
import type { Redis } from 'ioredis';
import { QUEUES, bullPrefix, type BulkJobPayload } from './queues';

/** Starts the phases of bulk jobs on the worker. */
export interface BulkJobDispatcher {
  /** Validates the job's file; `storagePath` tells a replaced file (the seed API's PUT) from the first. */
  validate(jobId: string, storagePath: string): Promise<void>;
  apply(jobId: string): Promise<void>;
}

/** Options of a bulk job: the id (`key` names the job and, to validate, its file) makes queuing twice harmless; transient faults retry with backoff. */
export function bulkJobOptions(phase: 'validate' | 'apply', key: string): JobsOptions {
  return { jobId: `${phase}-${key}`, attempts: 3, backoff: { type: 'exponential', delay: 2000 }, removeOnComplete: 1000, removeOnFail: 1000 };
}

/** Producer side of the bulk queues; fails fast when Redis is down so the caller can report it. */
export class BulkQueue implements BulkJobDispatcher {
  private readonly validateQueue: Queue<BulkJobPayload>;
  private readonly applyQueue: Queue<BulkJobPayload>;

  constructor(connection: Redis, redisPrefix: string) {
    const options = { connection, prefix: bullPrefix(redisPrefix) };
    this.validateQueue = new Queue<BulkJobPayload>(QUEUES.bulkValidate, options);
    this.applyQueue = new Queue<BulkJobPayload>(QUEUES.bulkApply, options);
    // Errors surface on add(); without listeners an unreachable Redis would crash the process.
    this.validateQueue.on('error', () => undefined);
    this.applyQueue.on('error', () => undefined);
  }

  async validate(jobId: string, storagePath: string): Promise<void> {
    await this.validateQueue.add('validate', { jobId }, bulkJobOptions('validate', `${jobId}-${basename(storagePath)}`));
  }

  async apply(jobId: string): Promise<void> {
    await this.applyQueue.add('apply', { jobId }, bulkJobOptions('apply', jobId));
  }

  /** Closes the queues; the shared Redis connection stays open for its owner. */
  async close(): Promise<void> {
    await Promise.all([this.validateQueue.close(), this.applyQueue.close()]);
  }
}
