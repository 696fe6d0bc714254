import type { Job } from 'bullmq';
import type { DataSource } from 'typeorm';
import { createTransport } from 'nodemailer';
import { EMAIL_JOBS, deliverEmail, unsentEmailIds, type Logger, type OutboundEmail, type SendEmailJob } from '@switchboard/domain';

/** How an outbox email leaves: over SMTP when SMTP_URL is set, else written to the log. */
export function emailSender(smtpUrl: string | undefined, mailFrom: string, logger: Logger) {
  if (!smtpUrl) {
    return async (email: OutboundEmail) => {
      logger.info({ to: email.toAddress, subject: email.subject, kind: email.kind, body: email.bodyText }, 'email (logged: no SMTP_URL set)');
    };
  }
  const transport = createTransport(smtpUrl);
  return async (email: OutboundEmail) => {
    await transport.sendMail({ from: mailFrom, to: email.toAddress, subject: email.subject, text: email.bodyText });
  };
}

/** Delivers outbox emails, and sweeps up any that a crashed producer never queued. */
export function emailProcessor(
  db: DataSource,
  send: (email: OutboundEmail) => Promise<void>,
  enqueue: (emailId: string) => Promise<void>,
) {
  return async (job: Job) => {
    if (job.name === EMAIL_JOBS.sweep) {
      // Job ids dedupe emails that are already queued.
      for (const emailId of await unsentEmailIds(db)) await enqueue(emailId);
      return;
    }
    const { emailId } = job.data as SendEmailJob;
    return deliverEmail(db, emailId, send);
  };
}
