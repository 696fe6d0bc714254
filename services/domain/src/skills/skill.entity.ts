import { Column, Entity, Index } from 'typeorm';
import { TenantOwned } from '../shared/base-columns';

/** Something an agent can do (a language, a product line) used for routing. */
@Entity('skills')
@Index(['tenantId', 'name'], { unique: true })
export class Skill extends TenantOwned {
  @Column({ type: 'varchar', length: 100 })
  name: string;
}
