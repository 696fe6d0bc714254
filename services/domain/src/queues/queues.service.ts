import type { DataSource, EntityManager } from 'typeorm';
import type { Actor } from '../access/actor';
import { requirePermission } from '../access/actor';
import { recordAudit } from '../audit/audit.service';
import { notFound } from '../errors/app-error';
import { isUuid } from '../shared/ids';
import { assertVersion } from '../shared/versioning';
import { Queue, type QueueChannel } from './queue.entity';
import { assertQueueChangeInScope, assertUniqueQueueName, validPriority, validQueueName, type QueueChange } from './queue.rules';

export interface NewQueue {
  name: string;
  channel: QueueChannel;
  priority?: number | null;
}

export interface QueueChanges {
  name?: string | null;
  channel?: QueueChannel | null;
  priority?: number | null;
}

const DEFAULT_PRIORITY = 100;

/** Call and chat queues: reading, creating, configuring and deleting them. */
export class QueuesService {
  constructor(private readonly db: DataSource) {}

  /** The tenant's queues by priority and name. */
  list(actor: Actor): Promise<Queue[]> {
    requirePermission(actor, 'queues');
    return this.db.getRepository(Queue).find({ where: { tenantId: actor.tenantId }, order: { priority: 'ASC', name: 'ASC' } });
  }

  /** Creates a queue; needs "Settings - Queues" (Edit) for all teams. */
  async create(actor: Actor, input: NewQueue): Promise<Queue> {
    assertQueueChangeInScope(requirePermission(actor, 'queues', 'EDIT'), 'create');
    const name = validQueueName(input.name);
    const priority = validPriority(input.priority ?? DEFAULT_PRIORITY);
    return this.db.transaction(async (tx) => {
      assertUniqueQueueName(await lockQueueNames(tx, actor.tenantId), name, null);
      const repository = tx.getRepository(Queue);
      const queue = await repository.save(repository.create({ tenantId: actor.tenantId, name, channel: input.channel, priority }));
      await recordAudit(tx, actor, {
        action: 'queue.create',
        targetType: 'queue',
        targetId: queue.id,
        after: { name, channel: queue.channel, priority },
      });
      return queue;
    });
  }

  /**
   * Renames a queue, changes its channel or its priority; CONFLICT on a stale version. A team-scoped
   * editor may only change the priority.
   */
  async update(actor: Actor, id: string, changes: QueueChanges, version: number): Promise<Queue> {
    const scope = requirePermission(actor, 'queues', 'EDIT');
    const newName = changes.name == null ? undefined : validQueueName(changes.name);
    const newPriority = changes.priority == null ? undefined : validPriority(changes.priority);
    return this.db.transaction(async (tx) => {
      const queues = await lockQueueNames(tx, actor.tenantId);
      const queue = await lockQueue(tx, actor.tenantId, id);
      const next = { name: newName ?? queue.name, channel: changes.channel ?? queue.channel, priority: newPriority ?? queue.priority };
      const made: QueueChange[] = [];
      if (next.name !== queue.name) made.push('rename');
      if (next.channel !== queue.channel) made.push('changeChannel');
      if (next.priority !== queue.priority) made.push('changePriority');
      for (const change of made) assertQueueChangeInScope(scope, change);
      assertVersion(queue, version, `Queue "${queue.name}"`);
      if (made.length === 0) return queue;
      assertUniqueQueueName(queues, next.name, queue.id);
      // update() bumps the version column and updatedAt itself.
      await tx.getRepository(Queue).update({ id: queue.id }, next);
      await recordAudit(tx, actor, {
        action: 'queue.update',
        targetType: 'queue',
        targetId: queue.id,
        before: { name: queue.name, channel: queue.channel, priority: queue.priority },
        after: next,
      });
      return tx.getRepository(Queue).findOneByOrFail({ id: queue.id });
    });
  }

  /** Deletes a queue with its assignments; needs "Settings - Queues" (Edit) for all teams. */
  async delete(actor: Actor, id: string, version: number): Promise<boolean> {
    assertQueueChangeInScope(requirePermission(actor, 'queues', 'EDIT'), 'delete');
    return this.db.transaction(async (tx) => {
      const queue = await lockQueue(tx, actor.tenantId, id);
      assertVersion(queue, version, `Queue "${queue.name}"`);
      await tx.getRepository(Queue).delete({ id: queue.id });
      await recordAudit(tx, actor, {
        action: 'queue.delete',
        targetType: 'queue',
        targetId: queue.id,
        before: { name: queue.name, channel: queue.channel, priority: queue.priority },
      });
      return true;
    });
  }
}

/** Serialises queue naming in a tenant (names are unique ignoring case), then reads the names. */
async function lockQueueNames(tx: EntityManager, tenantId: string): Promise<{ id: string; name: string }[]> {
  await tx.query(`SELECT pg_advisory_xact_lock(hashtext($1))`, [`queues:${tenantId}`]);
  return tx.getRepository(Queue).find({ select: { id: true, name: true }, where: { tenantId } });
}

/** The tenant's queue, row-locked until the transaction ends (changes to one queue run one at a time); NOT_FOUND otherwise. */
export async function lockQueue(tx: EntityManager, tenantId: string, id: string): Promise<Queue> {
  const queue = isUuid(id)
    ? await tx.getRepository(Queue).findOne({ where: { id, tenantId }, lock: { mode: 'pessimistic_write' } })
    : null;
  if (!queue) throw notFound('Queue');
  return queue;
}
