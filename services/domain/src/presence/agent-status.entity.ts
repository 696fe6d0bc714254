import { Column, Entity, Index } from 'typeorm';
import { TenantOwned } from '../shared/base-columns';

export const SYSTEM_STATUS_KEYS = ['AVAILABLE', 'UNAVAILABLE', 'IN_CALL', 'IN_CHAT', 'SPECIAL_TASK', 'OFFLINE'] as const;
export type SystemStatusKey = (typeof SYSTEM_STATUS_KEYS)[number];
export const STATUS_AVAILABILITIES = ['AVAILABLE', 'UNAVAILABLE'] as const;
export type StatusAvailability = (typeof STATUS_AVAILABILITIES)[number];

/** An entry of the tenant's agent status catalogue: a system status or a custom one. */
@Entity('agent_statuses')
@Index(['tenantId', 'systemKey'], { unique: true, where: '"system_key" IS NOT NULL' })
@Index(['tenantId', 'name'], { unique: true, where: '"archived_at" IS NULL' })
export class AgentStatus extends TenantOwned {
  @Column({ type: 'varchar', length: 40 })
  name: string;

  @Column({ type: 'varchar', length: 7 })
  color: string;

  /** Set for the six system statuses; null for custom ones. */
  @Column({ type: 'enum', enum: SYSTEM_STATUS_KEYS, enumName: 'system_status_key', nullable: true })
  systemKey: SystemStatusKey | null;

  /** Whether time in this status counts as available or unavailable. */
  @Column({ type: 'enum', enum: STATUS_AVAILABILITIES, enumName: 'status_availability' })
  availability: StatusAvailability;

  /** Whether agents may choose it themselves. */
  @Column({ type: 'boolean', default: true })
  agentSelectable: boolean;

  @Column({ type: 'int', default: 0 })
  position: number;

  /** Statuses in use are archived, never deleted, so history keeps their names. */
  @Column({ type: 'timestamptz', nullable: true })
  archivedAt: Date | null;
}
