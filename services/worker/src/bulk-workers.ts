import { Worker } from 'bullmq';
import type { Redis } from 'ioredis';
import type { DataSource } from 'typeorm';
import { AuthService, BulkProcessingService, BulkQueue, QUEUES, bullPrefix, type Config, type EmailDispatcher, type EventBus, type Logger } from '@switchboard/domain';
import { bulkProcessor, failStalledBulkJob } from './processors/bulk.processor';

/** The validate and apply workers of bulk user jobs, and the queue they hand validated jobs on with. */
export function createBulkWorkers(deps: { db: DataSource; config: Config; connection: Redis; events: EventBus; emails: EmailDispatcher; logger: Logger }) {
  const { db, config, connection, events, emails, logger } = deps;
  const prefix = bullPrefix(config.redisPrefix);
  const auth = new AuthService(db, config, events);
  const queue = new BulkQueue(connection, config.redisPrefix);
  const bulk = new BulkProcessingService(
    db,
    { consoleUrl: config.consoleUrl, batchSize: config.bulkBatchSize },
    events,
    emails,
    (userIds, tx) => auth.revokeSessionsOf(userIds, tx),
    queue,
  );
  // A short lock lets another worker take over a killed worker's job soon; the checkpoint makes that safe.
  const options = { connection, prefix, concurrency: 1, lockDuration: config.bulkJobLockMs, stalledInterval: config.bulkJobLockMs };
  const phases = [
    ['validate', QUEUES.bulkValidate],
    ['apply', QUEUES.bulkApply],
  ] as const;
  // Marking a stalled job failed outlives the event: close() waits for it, before the database closes.
  const failing = new Set<Promise<void>>();
  const workers = phases.map(([phase, queueName]) => {
    const worker = new Worker(queueName, bulkProcessor(bulk, phase), options);
    worker.on('failed', (job) => {
      const done = failStalledBulkJob(bulk, phase, job)
        .catch((error: unknown) => logger.error({ queue: worker.name, jobId: job?.id, err: error }, 'could not mark a stalled bulk job failed'))
        .finally(() => failing.delete(done));
      failing.add(done);
    });
    return worker;
  });
  return {
    workers,
    /** Closes the hand-over queue once failed jobs are marked; close the workers first. */
    close: async () => {
      await Promise.all(failing);
      await queue.close();
    },
  };
}
