import 'reflect-metadata';
import { Queue, Worker } from 'bullmq';
import {
  EMAIL_JOBS,
  EventBus,
  PRESENCE_JOBS,
  QUEUES,
  presenceSweepEveryMs,
  bullPrefix,
  createDataSource,
  createLogger,
  createRedis,
  loadConfigOrExit,
  EmailQueue,
  stopOnSignals,
} from '@switchboard/domain';
import { createBulkWorkers } from './bulk-workers';
import { emailProcessor, emailSender } from './processors/email.processor';
import { presenceProcessor } from './processors/presence.processor';

/** Starts the BullMQ workers; SIGINT/SIGTERM let running jobs finish before exit. */
async function main(): Promise<void> {
  const config = loadConfigOrExit();
  const logger = createLogger('worker', config.logLevel);
  const db = createDataSource({ databaseUrl: config.databaseUrl, poolSize: config.workerConcurrency + 2 });
  await db.initialize();
  const connection = createRedis(config.redisUrl, { forWorker: true, name: 'worker', logger });
  const prefix = bullPrefix(config.redisPrefix);

  const emailQueue = new Queue(QUEUES.email, { connection, prefix });
  await emailQueue.upsertJobScheduler('email-sweep', { every: 60_000 }, { name: EMAIL_JOBS.sweep });
  const presenceQueue = new Queue(QUEUES.presence, { connection, prefix });
  const heartbeatTimeout = config.presenceHeartbeatTimeoutSeconds;
  await presenceQueue.upsertJobScheduler('heartbeat-sweep', { every: presenceSweepEveryMs(heartbeatTimeout) }, { name: PRESENCE_JOBS.sweep });
  // Publishing only: the worker listens to no events.
  const events = new EventBus(connection, null, config.redisPrefix);

  const emails = new EmailQueue(connection, config.redisPrefix, logger);
  const sender = emailSender(config.smtpUrl, config.mailFrom, logger);
  const bulk = createBulkWorkers({ db, config, connection, events, emails, logger });

  const workers = [
    ...bulk.workers,
    new Worker(QUEUES.email, emailProcessor(db, sender.send, emails), { connection, prefix, concurrency: config.workerConcurrency }),
    // One sweep at a time per worker: sweeps of several workers skip each other's locked rows.
    new Worker(QUEUES.presence, presenceProcessor(db, events, heartbeatTimeout), { connection, prefix, concurrency: 1 }),
  ];
  for (const worker of workers) {
    worker.on('failed', (job, error) => logger.warn({ queue: worker.name, jobId: job?.id, err: error }, 'job failed'));
  }
  logger.info({ queues: workers.map((w) => w.name) }, 'worker started');

  stopOnSignals(logger, 'worker', async () => {
    await Promise.all(workers.map((w) => w.close()));
    sender.close();
    await emailQueue.close();
    await emails.close();
    await bulk.close();
    await presenceQueue.close();
    connection.disconnect();
    await db.destroy();
  });
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
