import { createHash } from 'node:crypto';
import { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import type { Logger } from '../logging/logger';
import { EMAIL_JOBS, QUEUES, bullPrefix, type SendEmailJob } from './queues';

/** Where emails written to the outbox are announced once their transaction has committed. */
export interface EmailDispatcher {
  /** Asks for prompt delivery; never fails the caller (the outbox row is the source of truth). */
  dispatch(emailIds: readonly string[]): Promise<void>;
}

/** Emails per send job: a bulk upload's thousands of invitations make tens of jobs, not thousands. */
export const EMAILS_PER_JOB = 100;

/**
 * The send jobs for outbox emails, a chunk of ids each. The job id (a digest of the chunk) makes
 * queuing the same chunk twice harmless; overlapping chunks are harmless too, because delivery
 * skips sent and locked rows. Failures retry with backoff.
 */
export function emailSendJobs(emailIds: readonly string[]) {
  const jobs = [];
  for (let start = 0; start < emailIds.length; start += EMAILS_PER_JOB) {
    const chunk = emailIds.slice(start, start + EMAILS_PER_JOB);
    const digest = createHash('sha1').update(chunk.join(',')).digest('hex');
    jobs.push({
      name: EMAIL_JOBS.send,
      data: { emailIds: chunk } satisfies SendEmailJob,
      opts: { jobId: `emails-${digest}`, attempts: 5, backoff: { type: 'exponential' as const, delay: 5000 } },
    });
  }
  return jobs;
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
   * Queues send jobs for the emails, a chunk per job. When Redis is down the emails stay unsent in the outbox and the
   * worker's periodic sweep queues them, so the caller's committed change is not reported as failed.
   */
  async dispatch(emailIds: readonly string[]): Promise<void> {
    if (emailIds.length === 0) return;
    try {
      await this.queue.addBulk(emailSendJobs(emailIds));
    } catch (error) {
      this.logger.warn({ err: error, emailIds }, 'could not queue emails; the outbox sweep will send them');
    }
  }

  /** Closes the queue; the shared Redis connection stays open for its owner to close. */
  close(): Promise<void> {
    return this.queue.close();
  }
}
