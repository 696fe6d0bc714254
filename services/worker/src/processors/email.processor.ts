import type { Job } from 'bullmq';
import type { DataSource } from 'typeorm';
import { createTransport } from 'nodemailer';
import { EMAIL_JOBS, deliverEmails, unsentEmailIds, type EmailDispatcher, type Logger, type OutboundEmail, type SendEmailJob } from '@switchboard/domain';

/** At most this many SMTP connections per worker process (nodemailer's default). */
export const SMTP_CONNECTIONS = 5;

/** Sends one outbox email; `close` ends the SMTP connections (on shutdown). */
export interface EmailSender {
  send(email: OutboundEmail): Promise<void>;
  close(): void;
}

/**
 * How an outbox email leaves: over SMTP when SMTP_URL is set, else written to the log. SMTP keeps a
 * small pool of open connections: a bulk upload's thousands of invitations would otherwise cost a
 * connection (and a TLS handshake) each.
 */
export function emailSender(smtpUrl: string | undefined, mailFrom: string, logger: Logger): EmailSender {
  if (!smtpUrl) {
    return {
      send: async (email) => {
        logger.info({ to: email.toAddress, subject: email.subject, kind: email.kind, body: email.bodyText }, 'email (logged: no SMTP_URL set)');
      },
      close: () => undefined,
    };
  }
  const transport = createTransport({ url: smtpUrl, pool: true, maxConnections: SMTP_CONNECTIONS });
  return {
    send: async (email) => {
      await transport.sendMail({ from: mailFrom, to: email.toAddress, subject: email.subject, text: email.bodyText });
    },
    close: () => transport.close(),
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
