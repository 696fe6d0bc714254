import type { DataSource, EntityManager } from 'typeorm';
import { IsNull } from 'typeorm';
import { OutboundEmail } from './outbound-email.entity';

export interface NewEmail {
  tenantId: string;
  kind: string;
  toAddress: string;
  subject: string;
  bodyText: string;
}

/** Puts an email in the outbox inside the caller's transaction; the worker delivers it. */
export async function enqueueEmail(tx: EntityManager, email: NewEmail): Promise<OutboundEmail> {
  const repository = tx.getRepository(OutboundEmail);
  return repository.save(repository.create(email));
}

/** Puts many emails in the outbox in one statement inside the caller's transaction; returns their ids in order. */
export async function enqueueEmails(tx: EntityManager, emails: readonly NewEmail[]): Promise<string[]> {
  if (emails.length === 0) return [];
  // One array per column: a few parameters for any number of emails.
  const rows: { id: string }[] = await tx.query(
    `INSERT INTO email_outbox (tenant_id, kind, to_address, subject, body_text)
     SELECT e.tenant_id, e.kind, e.to_address, e.subject, e.body_text
       FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::text[]) WITH ORDINALITY AS e(tenant_id, kind, to_address, subject, body_text, n)
      ORDER BY e.n
     RETURNING id`,
    [emails.map((e) => e.tenantId), emails.map((e) => e.kind), emails.map((e) => e.toAddress), emails.map((e) => e.subject), emails.map((e) => e.bodyText)],
  );
  return rows.map((row) => row.id);
}

/**
 * Delivers the unsent ones of these outbox emails and returns the ids it sent; a delivered email is
 * never sent twice. One transaction and two UPDATEs for the whole chunk: a commit per email would
 * cost more than the sending. Failed deliveries are recorded on their rows (the others still go)
 * and then reported by throwing, so the job retries with backoff and skips what was sent.
 */
export async function deliverEmails(db: DataSource, emailIds: readonly string[], send: (email: OutboundEmail) => Promise<void>): Promise<string[]> {
  if (emailIds.length === 0) return [];
  const { sent, failures } = await db.transaction(async (tx) => {
    // A row locked by another worker is being delivered by it: skipped here, never sent twice.
    // Plain SQL: a bulk job's invitations come through here by the thousand, and entity mapping costs more than the query.
    const emails: OutboundEmail[] = await tx.query(
      `SELECT id, tenant_id AS "tenantId", kind, to_address AS "toAddress", subject, body_text AS "bodyText", created_at AS "createdAt",
              sent_at AS "sentAt", attempts, last_error AS "lastError"
         FROM email_outbox WHERE id = ANY($1::uuid[]) AND sent_at IS NULL
        ORDER BY created_at FOR UPDATE SKIP LOCKED`,
      [emailIds],
    );
    // Sent together, not one after another: a pooled SMTP sender spreads them over its connections.
    const outcomes = await Promise.allSettled(emails.map((email) => send(email)));
    const sent: string[] = [];
    const failures: { id: string; error: string }[] = [];
    outcomes.forEach((outcome, i) => {
      if (outcome.status === 'fulfilled') sent.push(emails[i].id);
      else failures.push({ id: emails[i].id, error: String(outcome.reason).slice(0, 1000) });
    });
    if (sent.length > 0) {
      await tx.query(`UPDATE email_outbox SET attempts = attempts + 1, sent_at = now(), last_error = NULL WHERE id = ANY($1::uuid[])`, [sent]);
    }
    if (failures.length > 0) {
      // Committed with the sent ones: each attempt and its error stay visible on the row.
      await tx.query(
        `UPDATE email_outbox e SET attempts = e.attempts + 1, last_error = f.error FROM unnest($1::uuid[], $2::text[]) AS f(id, error) WHERE e.id = f.id`,
        [failures.map((f) => f.id), failures.map((f) => f.error)],
      );
    }
    return { sent, failures };
  });
  if (failures.length > 0) throw new Error(`${failures.length} of ${sent.length + failures.length} emails could not be sent (retried later): ${failures[0].error}`);
  return sent;
}

/** Ids of emails still waiting, oldest first. */
export async function unsentEmailIds(db: DataSource, limit = 500): Promise<string[]> {
  const rows = await db.getRepository(OutboundEmail).find({
    select: { id: true },
    where: { sentAt: IsNull() },
    order: { createdAt: 'ASC' },
    take: limit,
  });
  return rows.map((row) => row.id);
}
