import type { DataSource } from 'typeorm';
import type { Actor } from '../access/actor';
import { requirePermission } from '../access/actor';
import { Queue } from './queue.entity';

/** Reading queues. */
export class QueuesService {
  constructor(private readonly db: DataSource) {}

  /** The tenant's queues by priority and name. */
  list(actor: Actor): Promise<Queue[]> {
    requirePermission(actor, 'queues');
    return this.db.getRepository(Queue).find({ where: { tenantId: actor.tenantId }, order: { priority: 'ASC', name: 'ASC' } });
  }
}
