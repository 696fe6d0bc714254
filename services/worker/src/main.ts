import 'reflect-metadata';
import { Queue, Worker } from 'bullmq';
import {
  EMAIL_JOBS,
  QUEUES,
  bullPrefix,
  emailJobOptions,
  createDataSource,
  createLogger,
  createRedis,
  loadConfigOrExit,
} from '@switchboard/domain';
import { emailProcessor, emailSender } from './processors/email.processor';

/** Starts the BullMQ workers; SIGINT/SIGTERM let running jobs finish before exit. */
async function main(): Promise<void> {
  const config = loadConfigOrExit();
  const logger = createLogger('worker', config.logLevel);
  const db = createDataSource({ databaseUrl: config.databaseUrl, poolSize: config.workerConcurrency + 2 });
  await db.initialize();
  const connection = createRedis(config.redisUrl, { forWorker: true, name: 'worker', logger });
  const prefix = bullPrefix(config.redisPrefix);

  const emailQueue = new Queue(QUEUES.email, { connection, prefix });
  const enqueueEmail = async (emailId: string) => {
    await emailQueue.add(EMAIL_JOBS.send, { emailId }, emailJobOptions(emailId));
  };
  await emailQueue.upsertJobScheduler('email-sweep', { every: 60_000 }, { name: EMAIL_JOBS.sweep });

  const workers = [
    new Worker(QUEUES.email, emailProcessor(db, emailSender(config.smtpUrl, config.mailFrom, logger), enqueueEmail), { connection, prefix, concurrency: config.workerConcurrency }),
  ];
  for (const worker of workers) {
    worker.on('failed', (job, error) => logger.warn({ queue: worker.name, jobId: job?.id, err: error }, 'job failed'));
  }
  logger.info({ queues: workers.map((w) => w.name) }, 'worker started');

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'worker shutting down');
    await Promise.all(workers.map((w) => w.close()));
    await emailQueue.close();
    connection.disconnect();
    await db.destroy();
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
