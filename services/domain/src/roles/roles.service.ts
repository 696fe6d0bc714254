import type { DataSource } from 'typeorm';
import type { Actor } from '../access/actor';
import { requirePermission } from '../access/actor';
import { allows } from '../access/effective-permissions';
import { Role } from './role.entity';

/** Reading roles. */
export class RolesService {
  constructor(private readonly db: DataSource) {}

  /** The tenant's roles in their display order; for role editors and for those who view users. */
  async list(actor: Actor): Promise<Role[]> {
    if (!allows(actor.permissions, 'users.view')) requirePermission(actor, 'roles');
    return this.db.getRepository(Role).find({ where: { tenantId: actor.tenantId }, order: { position: 'ASC', name: 'ASC' } });
  }
}
