import { In, type DataSource, type Repository } from 'typeorm';
import type { Actor } from '../access/actor';
import { requirePermission } from '../access/actor';
import { recordAudit } from '../audit/audit.service';
import { badInput, notFound } from '../errors/app-error';
import { isUuid } from '../shared/ids';
import { AgentStatus, type StatusAvailability } from './agent-status.entity';
import { assertSystemStatusEdit, validateStatusFields } from './presence.rules';

export interface AgentStatusInput {
  name?: string | null;
  color?: string | null;
  availability?: StatusAvailability | null;
  agentSelectable?: boolean | null;
  position?: number | null;
}

const AUDITED: (keyof AgentStatus)[] = ['name', 'color', 'availability', 'agentSelectable', 'position', 'archivedAt'];

/** The tenant's agent status catalogue: system statuses plus custom ones ("Settings - Agent Statuses" to change). */
export class AgentStatusesService {
  constructor(private readonly db: DataSource) {}

  /** The catalogue in display order; every signed-in user may read it (agents choose from it). */
  async list(actor: Actor, includeArchived = false): Promise<AgentStatus[]> {
    const query = this.db.getRepository(AgentStatus).createQueryBuilder('s').where('s.tenantId = :tenantId', { tenantId: actor.tenantId });
    if (!includeArchived) query.andWhere('s.archivedAt IS NULL');
    return query.orderBy('s.position').addOrderBy('s.name').getMany();
  }

  /** Statuses by id within a tenant, in the order asked (null where none): the batch behind a DataLoader. */
  async byIds(tenantId: string, ids: readonly string[]): Promise<(AgentStatus | null)[]> {
    const found = await this.db.getRepository(AgentStatus).findBy({ tenantId, id: In(ids.filter(isUuid)) });
    const byId = new Map(found.map((s) => [s.id, s]));
    return ids.map((id) => byId.get(id) ?? null);
  }

  /** Creates a custom status; the name must be free among statuses not archived. */
  async create(actor: Actor, input: AgentStatusInput): Promise<AgentStatus> {
    requirePermission(actor, 'agentStatuses', 'EDIT');
    const { name, color } = validateStatusFields(input);
    if (!name) throw badInput('name', 'Name is required');
    if (!color) throw badInput('color', 'Color is required');
    if (!input.availability) throw badInput('availability', 'Say whether the status counts as AVAILABLE or UNAVAILABLE');
    return this.db.transaction(async (tx) => {
      await this.assertNameFree(tx.getRepository(AgentStatus), actor.tenantId, name, null);
      const status = await tx.getRepository(AgentStatus).save(
        tx.getRepository(AgentStatus).create({
          tenantId: actor.tenantId,
          name,
          color,
          systemKey: null,
          availability: input.availability!,
          agentSelectable: input.agentSelectable ?? true,
          position: input.position ?? 100,
          archivedAt: null,
        }),
      );
      await recordAudit(tx, actor, { action: 'agentStatus.create', targetType: 'agentStatus', targetId: status.id, after: pick(status) });
      return status;
    });
  }

  /** Renames or recolors a status; custom statuses may also change availability, selectability and position. */
  async update(actor: Actor, id: string, input: AgentStatusInput): Promise<AgentStatus> {
    requirePermission(actor, 'agentStatuses', 'EDIT');
    const fields = validateStatusFields(input);
    return this.db.transaction(async (tx) => {
      const repo = tx.getRepository(AgentStatus);
      const status = await this.lock(repo, actor.tenantId, id);
      assertSystemStatusEdit(status.systemKey, input);
      if (status.archivedAt) throw badInput('id', `The status "${status.name}" is archived`);
      if (fields.name && fields.name !== status.name) await this.assertNameFree(repo, actor.tenantId, fields.name, status.id);
      const before = pick(status);
      Object.assign(status, fields);
      if (input.availability) status.availability = input.availability;
      if (input.agentSelectable !== undefined && input.agentSelectable !== null) status.agentSelectable = input.agentSelectable;
      if (input.position !== undefined && input.position !== null) status.position = input.position;
      const saved = await repo.save(status);
      await recordAudit(tx, actor, { action: 'agentStatus.update', targetType: 'agentStatus', targetId: id, before, after: pick(saved) });
      return saved;
    });
  }

  /**
   * Removes a custom status from the catalogue. A status ever used (by a presence or the history)
   * is archived so history keeps its name; one never used is deleted. Returns the status as it was
   * left (archivedAt set), or null when deleted.
   */
  async archive(actor: Actor, id: string): Promise<AgentStatus | null> {
    requirePermission(actor, 'agentStatuses', 'EDIT');
    return this.db.transaction(async (tx) => {
      const repo = tx.getRepository(AgentStatus);
      const status = await this.lock(repo, actor.tenantId, id);
      if (status.systemKey) throw badInput('id', `"${status.name}" is a system status and cannot be archived`);
      const [tenant]: { defaultId: string | null }[] = await tx.query(`SELECT default_agent_status_id AS "defaultId" FROM tenants WHERE id = $1`, [
        actor.tenantId,
      ]);
      if (tenant.defaultId === id) throw badInput('id', `"${status.name}" is the status agents start their shift in; choose another default first`);
      if (status.archivedAt) return status;
      const [used]: unknown[] = await tx.query(
        `SELECT 1 WHERE EXISTS (SELECT 1 FROM agent_presences WHERE status_id = $1)
            OR EXISTS (SELECT 1 FROM agent_status_events WHERE status_id = $1 OR previous_status_id = $1)`,
        [id],
      );
      const before = pick(status);
      if (!used) {
        await repo.delete({ id });
        await recordAudit(tx, actor, { action: 'agentStatus.delete', targetType: 'agentStatus', targetId: id, before });
        return null;
      }
      status.archivedAt = new Date();
      const saved = await repo.save(status);
      await recordAudit(tx, actor, { action: 'agentStatus.archive', targetType: 'agentStatus', targetId: id, before, after: pick(saved) });
      return saved;
    });
  }

  private async lock(repo: Repository<AgentStatus>, tenantId: string, id: string): Promise<AgentStatus> {
    if (!isUuid(id)) throw notFound('Agent status');
    const status = await repo.findOne({ where: { id, tenantId }, lock: { mode: 'pessimistic_write' } });
    if (!status) throw notFound('Agent status');
    return status;
  }

  private async assertNameFree(repo: Repository<AgentStatus>, tenantId: string, name: string, exceptId: string | null): Promise<void> {
    const rows: { id: string }[] = await repo.query(
      `SELECT id FROM agent_statuses WHERE tenant_id = $1 AND lower(name) = lower($2) AND archived_at IS NULL`,
      [tenantId, name],
    );
    if (rows.some((r) => r.id !== exceptId)) throw badInput('name', `A status named "${name}" already exists`);
  }
}

/** The audited fields of a status. */
function pick(status: AgentStatus): Record<string, unknown> {
  return Object.fromEntries(AUDITED.map((key) => [key, status[key]]));
}
