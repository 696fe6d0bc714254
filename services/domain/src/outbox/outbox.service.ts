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
 * Delivers an email from the outbox; a delivered email is never sent twice. A failed delivery is
 * recorded on the row and rethrown, so the job retries with backoff.
 */
export async function deliverEmail(
  db: DataSource,
  emailId: string,
  send: (email: OutboundEmail) => Promise<void>,
): Promise<'sent' | 'already-sent' | 'missing'> {
  const outcome = await db.transaction(async (tx) => {
    const repository = tx.getRepository(OutboundEmail);
    // Lock the row so two workers never deliver the same email.
    const email = await repository.findOne({ where: { id: emailId }, lock: { mode: 'pessimistic_write' } });
    if (!email) return 'missing' as const;
    if (email.sentAt) return 'already-sent' as const;
    try {
      await send(email);
    } catch (error) {
      // Committed, not rolled back: the attempt and its error stay visible on the row.
      await repository.update({ id: emailId }, { attempts: email.attempts + 1, lastError: String(error).slice(0, 1000) });
      return { failed: error };
    }
    await repository.update({ id: emailId }, { attempts: email.attempts + 1, sentAt: new Date(), lastError: null });
    return 'sent' as const;
  });
  if (typeof outcome === 'object') throw outcome.failed;
  return outcome;
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
