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
  // One JSON document for all the events: a few parameters for any number, parsed by PostgreSQL in one pass.
  await tx.query(
    `INSERT INTO audit_events (tenant_id, actor_user_id, actor_credential_id, action, target_type, target_id, before, after, bulk_job_id)
     SELECT $1::uuid, $2::uuid, $3::uuid, e.action, e."targetType", e."targetId", e.before, e.after, e."bulkJobId"
       FROM jsonb_to_recordset($4::jsonb) AS e(action text, "targetType" text, "targetId" uuid, before jsonb, after jsonb, "bulkJobId" uuid)`,
    [actor.tenantId, actor.userId, actor.credentialId, JSON.stringify(entries)],
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

/** An audit event with the names a reader needs besides the ids (which stay, for filtering). */
export type AuditEventView = AuditEvent & {
  /** The person ("first last") or API credential that made the change; null once they are gone. */
  actorName: string | null;
  /** What changed, by its name now, or as the event recorded it when it is gone. */
  targetName: string | null;
};

// The table holding each target type's current name; a target that is gone falls back to the name
// (or email) the event itself recorded.
const NAMES = `
SELECT e.id,
       COALESCE(NULLIF(concat_ws(' ', actor.first_name, actor.last_name), ''), credential.name) AS "actorName",
       COALESCE(
         CASE e.target_type
           WHEN 'user' THEN (SELECT NULLIF(concat_ws(' ', x.first_name, x.last_name), '') FROM users x WHERE x.id = e.target_id AND x.tenant_id = e.tenant_id)
           WHEN 'team' THEN (SELECT x.name FROM teams x WHERE x.id = e.target_id AND x.tenant_id = e.tenant_id)
           WHEN 'role' THEN (SELECT x.name FROM roles x WHERE x.id = e.target_id AND x.tenant_id = e.tenant_id)
           WHEN 'queue' THEN (SELECT x.name FROM queues x WHERE x.id = e.target_id AND x.tenant_id = e.tenant_id)
           WHEN 'agentStatus' THEN (SELECT x.name FROM agent_statuses x WHERE x.id = e.target_id AND x.tenant_id = e.tenant_id)
           WHEN 'apiCredential' THEN (SELECT x.name FROM api_credentials x WHERE x.id = e.target_id AND x.tenant_id = e.tenant_id)
           WHEN 'bulk_job' THEN (SELECT x.filename FROM bulk_jobs x WHERE x.id = e.target_id AND x.tenant_id = e.tenant_id)
         END,
         e.before->>'name', e.after->>'name', e.before->>'email', e.after->>'email') AS "targetName"
  FROM audit_events e
  LEFT JOIN users actor ON actor.id = e.actor_user_id
  LEFT JOIN api_credentials credential ON credential.id = e.actor_credential_id
 WHERE e.tenant_id = $1 AND e.id = ANY($2::bigint[])`;

/** Reading the audit log: newest first, for holders of the audit permission. */
export class AuditService {
  constructor(private readonly db: DataSource) {}

  /** A page of audit events matching the filter, newest first. */
  async list(actor: Actor, filter: AuditFilter = {}, page: PageRequest = {}): Promise<Page<AuditEventView>> {
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
    const nodes = await this.withNames(actor.tenantId, rows.slice(0, first));
    const last = nodes.at(-1);
    return { nodes, totalCount, hasNextPage: rows.length > first, endCursor: last ? encodeCursor([last.id]) : null };
  }

  /** The events with their actor's and target's names, in one query for the whole page. */
  private async withNames(tenantId: string, events: AuditEvent[]): Promise<AuditEventView[]> {
    if (events.length === 0) return [];
    const rows: { id: string; actorName: string | null; targetName: string | null }[] = await this.db.query(NAMES, [
      tenantId,
      events.map((e) => e.id),
    ]);
    const byId = new Map(rows.map((row) => [String(row.id), row]));
    return events.map((e) => {
      const names = byId.get(e.id);
      return Object.assign(e, { actorName: names?.actorName ?? null, targetName: names?.targetName ?? null });
    });
  }
}
