/** Queue names shared by producers (api) and processors (worker). */
export const QUEUES = {
  /** Sends (or logs, without SMTP) emails from the outbox. */
  email: 'email',
} as const;

/** Payload of an email job: ids only; the processor re-reads the outbox row. */
export interface SendEmailJob {
  emailId: string;
}

/** Job names on the email queue. */
export const EMAIL_JOBS = {
  send: 'send',
  /** Periodic sweep that re-queues anything left unsent. */
  sweep: 'sweep',
} as const;

/** BullMQ key prefix for a deployment's Redis prefix. */
export function bullPrefix(redisPrefix: string): string {
  return `${redisPrefix}:bull`;
}
