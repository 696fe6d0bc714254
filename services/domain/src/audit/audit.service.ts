import type { EntityManager } from 'typeorm';
import type { Actor } from '../access/actor';
import { AuditEvent } from './audit-event.entity';

export interface AuditEntry {
  action: string;
  targetType: string;
  targetId: string | null;
  before?: Record<string, unknown> | null;
  after?: Record<string, unknown> | null;
  bulkJobId?: string | null;
}

/** Writes an audit event inside the caller's transaction, so it exists exactly when the change does. */
export async function recordAudit(tx: EntityManager, actor: Actor, entry: AuditEntry): Promise<void> {
  const event = tx.getRepository(AuditEvent).create({
    tenantId: actor.tenantId,
    actorUserId: actor.userId,
    actorCredentialId: actor.credentialId,
    action: entry.action,
    targetType: entry.targetType,
    targetId: entry.targetId,
    before: entry.before ?? null,
    after: entry.after ?? null,
    bulkJobId: entry.bulkJobId ?? null,
  });
  await tx.getRepository(AuditEvent).save(event);
}
