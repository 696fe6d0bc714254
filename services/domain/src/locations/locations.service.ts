import type { DataSource } from 'typeorm';
import type { Actor } from '../access/actor';
import { Location } from './location.entity';

/** Reading locations: any signed-in caller of the tenant may list them. */
export class LocationsService {
  constructor(private readonly db: DataSource) {}

  /** The tenant's locations by name. */
  list(actor: Actor): Promise<Location[]> {
    return this.db.getRepository(Location).find({ where: { tenantId: actor.tenantId }, order: { name: 'ASC' } });
  }
}
