import { Queue, type JobsOptions } from 'bullmq';
import type { Redis } from 'ioredis';
import type { Logger } from '../logging/logger';
import { EMAIL_JOBS, QUEUES, bullPrefix, type SendEmailJob } from './queues';

/** Where emails written to the outbox are announced once their transaction has committed. */
export interface EmailDispatcher {
  /** Asks for prompt delivery; never fails the caller (the outbox row is the source of truth). */
  dispatch(emailIds: readonly string[]): Promise<void>;
}

/** Options of a send job: the job id makes queuing an email twice harmless; failures retry with backoff. */
export function emailJobOptions(emailId: string): JobsOptions {
  return { jobId: `email-${emailId}`, attempts: 5, backoff: { type: 'exponential', delay: 5000 } };
}

/** Puts send jobs for outbox emails on the email queue (the producer side; the worker consumes). */
export class EmailQueue implements EmailDispatcher {
  private readonly queue: Queue<SendEmailJob>;

  constructor(
    connection: Redis,
    redisPrefix: string,
    private readonly logger: Logger,
  ) {
    this.queue = new Queue<SendEmailJob>(QUEUES.email, { connection, prefix: bullPrefix(redisPrefix) });
    // Without a listener an unreachable Redis would crash the process with an unhandled 'error' event.
    this.queue.on('error', (error) => logger.warn({ err: error.message }, 'email queue error'));
  }

  /**
   * Queues one send job per email. When Redis is down the emails stay unsent in the outbox and the
   * worker's periodic sweep queues them, so the caller's committed change is not reported as failed.
   */
  async dispatch(emailIds: readonly string[]): Promise<void> {
    if (emailIds.length === 0) return;
    try {
      await this.queue.addBulk(emailIds.map((emailId) => ({ name: EMAIL_JOBS.send, data: { emailId }, opts: emailJobOptions(emailId) })));
    } catch (error) {
      this.logger.warn({ err: error, emailIds }, 'could not queue emails; the outbox sweep will send them');
    }
  }

  /** Closes the queue; the shared Redis connection stays open for its owner to close. */
  close(): Promise<void> {
    return this.queue.close();
  }
}
