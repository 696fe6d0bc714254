import type { Job } from 'bullmq';
import type { DataSource } from 'typeorm';
import { createTransport } from 'nodemailer';
import { EMAIL_JOBS, deliverEmails, unsentEmailIds, type EmailDispatcher, type Logger, type OutboundEmail, type SendEmailJob } from '@switchboard/domain';

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
export function emailProcessor(db: DataSource, send: (email: OutboundEmail) => Promise<void>, emails: EmailDispatcher) {
  return async (job: Job): Promise<string[] | undefined> => {
    if (job.name === EMAIL_JOBS.sweep) {
      // Delivery skips sent and locked rows, so queuing an email that is already queued is harmless.
      await emails.dispatch(await unsentEmailIds(db));
      return;
    }
    const { emailIds } = job.data as SendEmailJob;
    return deliverEmails(db, emailIds, send);
  };
}
