import type { Job } from 'bullmq';
import type { DataSource } from 'typeorm';
import { EMAIL_JOBS, deliverEmail, unsentEmailIds, type Logger, type OutboundEmail, type SendEmailJob } from '@switchboard/domain';

/** Delivers outbox emails. Without SMTP configured, an email is logged instead of sent. */
export function emailProcessor(db: DataSource, logger: Logger, enqueue: (emailId: string) => Promise<void>) {
  const send = async (email: OutboundEmail) => {
    logger.info({ to: email.toAddress, subject: email.subject, kind: email.kind, body: email.bodyText }, 'email (logged: no SMTP configured)');
  };
  return async (job: Job) => {
    if (job.name === EMAIL_JOBS.sweep) {
      // Re-queues anything a crashed producer never enqueued; job ids dedupe the rest.
      for (const emailId of await unsentEmailIds(db)) await enqueue(emailId);
      return;
    }
    const { emailId } = job.data as SendEmailJob;
    return deliverEmail(db, emailId, send);
  };
}
