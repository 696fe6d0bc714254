import type { DataSource, EntityManager } from 'typeorm';
import type { Actor } from '../access/actor';
import { requirePermission } from '../access/actor';
import { badInput } from '../errors/app-error';
import { isUuid } from '../shared/ids';
import { decodeCursor, encodeCursor, pageSize, type Page, type PageRequest } from '../shared/pagination';
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
  await recordAudits(tx, actor, [entry]);
}

/** Writes many audit events in one statement inside the caller's transaction (bulk jobs). */
export async function recordAudits(tx: EntityManager, actor: Actor, entries: readonly AuditEntry[]): Promise<void> {
  if (entries.length === 0) return;
  // One array per column: a few parameters for any number of events.
  await tx.query(
    `INSERT INTO audit_events (tenant_id, actor_user_id, actor_credential_id, action, target_type, target_id, before, after, bulk_job_id)
     SELECT $1::uuid, $2::uuid, $3::uuid, e.action, e.target_type, e.target_id, e.before, e.after, e.bulk_job_id
       FROM unnest($4::text[], $5::text[], $6::uuid[], $7::jsonb[], $8::jsonb[], $9::uuid[]) AS e(action, target_type, target_id, before, after, bulk_job_id)`,
    [
      actor.tenantId,
      actor.userId,
      actor.credentialId,
      entries.map((e) => e.action),
      entries.map((e) => e.targetType),
      entries.map((e) => e.targetId),
      entries.map((e) => (e.before == null ? null : JSON.stringify(e.before))),
      entries.map((e) => (e.after == null ? null : JSON.stringify(e.after))),
      entries.map((e) => e.bulkJobId ?? null),
    ],
  );
}

export interface AuditFilter {
  /** e.g. "user", "role", "team". */
  targetType?: string | null;
  targetId?: string | null;
  /** Changes made by this user. */
  actorUserId?: string | null;
  /** Exact action ("user.update") or a prefix ending in a dot ("user."). */
  action?: string | null;
  from?: Date | null;
  to?: Date | null;
}

/** Reading the audit log: newest first, for holders of the audit permission. */
export class AuditService {
  constructor(private readonly db: DataSource) {}

  /** A page of audit events matching the filter, newest first. */
  async list(actor: Actor, filter: AuditFilter = {}, page: PageRequest = {}): Promise<Page<AuditEvent>> {
    requirePermission(actor, 'auditLog');
    const first = pageSize(page.first);
    const query = this.db.getRepository(AuditEvent).createQueryBuilder('e').where('e.tenantId = :tenantId', { tenantId: actor.tenantId });
    if (filter.targetType) query.andWhere('e.targetType = :targetType', { targetType: filter.targetType });
    if (filter.targetId) {
      if (!isUuid(filter.targetId)) throw badInput('filter.targetId', 'targetId must be an id');
      query.andWhere('e.targetId = :targetId', { targetId: filter.targetId });
    }
    if (filter.actorUserId) {
      if (!isUuid(filter.actorUserId)) throw badInput('filter.actorUserId', 'actorUserId must be an id');
      query.andWhere('e.actorUserId = :actorUserId', { actorUserId: filter.actorUserId });
    }
    if (filter.action?.endsWith('.')) query.andWhere('e.action LIKE :prefix', { prefix: `${filter.action.replace(/[\\%_]/g, '\\$&')}%` });
    else if (filter.action) query.andWhere('e.action = :action', { action: filter.action });
    if (filter.from) query.andWhere('e.createdAt >= :from', { from: filter.from });
    if (filter.to) query.andWhere('e.createdAt < :to', { to: filter.to });
    const totalCount = await query.clone().getCount();
    if (page.after) {
      const [lastId] = decodeCursor(page.after, 1);
      query.andWhere('e.id < :lastId', { lastId: String(lastId) });
    }
    const rows = await query.orderBy('e.id', 'DESC').limit(first + 1).getMany();
    const nodes = rows.slice(0, first);
    const last = nodes.at(-1);
    return { nodes, totalCount, hasNextPage: rows.length > first, endCursor: last ? encodeCursor([last.id]) : null };
  }
}
