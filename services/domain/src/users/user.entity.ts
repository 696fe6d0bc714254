import { Check, Column, Entity, Index, JoinColumn, ManyToOne, VersionColumn } from 'typeorm';
import { TenantOwned } from '../shared/base-columns';
import { Tenant } from '../tenants/tenant.entity';
import { Location } from '../locations/location.entity';

export const USER_STATUSES = ['INVITED', 'ACTIVE', 'DEACTIVATED'] as const;
export type UserStatus = (typeof USER_STATUSES)[number];

/** A person of a tenant: agent, supervisor or admin, depending on their roles. */
@Entity('users')
@Index(['tenantId', 'emailKey'], { unique: true })
@Index(['tenantId', 'extension'], { unique: true })
@Index(['tenantId', 'lastName', 'firstName'])
@Check('"extension" >= 1000')
export class User extends TenantOwned {
  @ManyToOne(() => Tenant, { onDelete: 'CASCADE' })
  @JoinColumn()
  tenant?: Tenant;

  @Column({ type: 'varchar', length: 254 })
  email: string;

  /** Lower-cased email: emails are unique per tenant ignoring case. */
  @Column({ type: 'varchar', length: 254 })
  emailKey: string;

  @Column({ type: 'varchar', length: 100 })
  firstName: string;

  @Column({ type: 'varchar', length: 100 })
  lastName: string;

  /** Name shown to customers; defaults to first and last name. */
  @Column({ type: 'varchar', length: 100 })
  alias: string;

  /** An id in an external system (CRM, HR). */
  @Column({ type: 'varchar', length: 100, nullable: true })
  agentId: string | null;

  @Column({ type: 'uuid', nullable: true })
  locationId: string | null;

  @ManyToOne(() => Location, { onDelete: 'SET NULL' })
  @JoinColumn()
  location?: Location | null;

  @Column({ type: 'int', nullable: true })
  chatConcurrency: number | null;

  @Column({ type: 'boolean', default: false })
  chatConcurrencyEnabled: boolean;

  /** Phone extension, unique per tenant, from 1000 upward; the lowest free number is reused. */
  @Column({ type: 'int' })
  extension: number;

  @Column({ type: 'enum', enum: USER_STATUSES, enumName: 'user_status', default: 'INVITED' })
  status: UserStatus;

  @Column({ type: 'varchar', length: 255, nullable: true, select: false })
  passwordHash: string | null;

  @Column({ type: 'int', default: 0 })
  failedSignInCount: number;

  @Column({ type: 'timestamptz', nullable: true })
  lockedUntil: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  lastSignInAt: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  deactivatedAt: Date | null;

  @VersionColumn()
  version: number;
}
