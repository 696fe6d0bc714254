/** Queue names shared by producers (api) and processors (worker). */
export const QUEUES = {
  /** Sends (or logs, without SMTP) emails from the outbox. */
  email: 'email',
  /** Reads and checks an uploaded bulk user file (no user is changed). */
  bulkValidate: 'bulk-validate',
  /** Applies a validated bulk user file in checkpointed batches. */
  bulkApply: 'bulk-apply',
  /** Periodic presence upkeep: agents whose heartbeat stopped go Offline. */
  presence: 'presence',
} as const;

/** Job names on the presence queue. */
export const PRESENCE_JOBS = {
  /** Puts agents with no heartbeat for the configured timeout Offline; repeated by a job scheduler. */
  sweep: 'heartbeat-sweep',
} as const;

/** How often the heartbeat sweep runs: a third of the timeout, so an agent goes Offline at most a third late. */
export function presenceSweepEveryMs(timeoutSeconds: number): number {
  return Math.max(1000, Math.min(30_000, Math.floor((timeoutSeconds * 1000) / 3)));
}

/** Payload of a bulk validate or apply job: the job id only; the file stays on disk. */
export interface BulkJobPayload {
  jobId: string;
}

/** Payload of an email job: outbox ids only (a chunk of them); the processor re-reads the rows. */
export interface SendEmailJob {
  emailIds: string[];
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
