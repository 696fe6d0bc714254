import { Column, Entity, Index } from 'typeorm';
import { TenantOwned } from '../shared/base-columns';

/** Where a user works; sets the adapter's default language and helps monitoring. */
@Entity('locations')
@Index(['tenantId', 'name'], { unique: true })
export class Location extends TenantOwned {
  @Column({ type: 'varchar', length: 100 })
  name: string;

  /** BCP 47 language tag used by the agent adapter, e.g. en-US. */
  @Column({ type: 'varchar', length: 35, default: 'en-US' })
  language: string;
}
