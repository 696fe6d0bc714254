import { Column, Entity, Index, VersionColumn } from 'typeorm';
import { TenantOwned } from '../shared/base-columns';
import type { DefaultRoleKey } from '../access/default-roles';

/** A named set of permissions; users hold 1 to 10 roles. */
@Entity('roles')
@Index(['tenantId', 'name'], { unique: true })
export class Role extends TenantOwned {
  @Column({ type: 'varchar', length: 20 })
  name: string;

  /** Short label shown on user lists. */
  @Column({ type: 'varchar', length: 16 })
  label: string;

  /** #rrggbb */
  @Column({ type: 'varchar', length: 7 })
  color: string;

  /** Order on the roles page and in the role picker. */
  @Column({ type: 'int' })
  position: number;

  /** Which default role this is (ADMIN, AGENT, ...), or null for a custom role. */
  @Column({ type: 'varchar', length: 20, nullable: true })
  defaultKey: DefaultRoleKey | null;

  @VersionColumn()
  version: number;
}
