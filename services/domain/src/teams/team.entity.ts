import { Check, Column, Entity, Index, JoinColumn, ManyToOne, VersionColumn } from 'typeorm';
import { TenantOwned } from '../shared/base-columns';

/** A node of the tenant's team tree. */
@Entity('teams')
// Names are unique among siblings; top-level teams are siblings too.
@Index(['tenantId', 'parentId', 'name'], { unique: true, where: '"parent_id" IS NOT NULL' })
@Index(['tenantId', 'name'], { unique: true, where: '"parent_id" IS NULL' })
@Check(`position(':' in "name") = 0`)
export class Team extends TenantOwned {
  @Column({ type: 'varchar', length: 100 })
  name: string;

  @Column({ type: 'uuid', nullable: true })
  parentId: string | null;

  @ManyToOne(() => Team, { onDelete: 'RESTRICT' })
  @JoinColumn()
  parent?: Team | null;

  @VersionColumn()
  version: number;
}
