import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** Who changed what and how: written in the same transaction as the change. */
@Entity('audit_events')
@Index(['tenantId', 'createdAt'])
@Index(['tenantId', 'targetType', 'targetId'])
export class AuditEvent {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id: string;

  @Column('uuid')
  tenantId: string;

  @Column({ type: 'uuid', nullable: true })
  actorUserId: string | null;

  @Column({ type: 'uuid', nullable: true })
  actorCredentialId: string | null;

  /** e.g. user.create, role.update */
  @Column({ type: 'varchar', length: 64 })
  action: string;

  @Column({ type: 'varchar', length: 32 })
  targetType: string;

  @Column({ type: 'uuid', nullable: true })
  targetId: string | null;

  @Column({ type: 'jsonb', nullable: true })
  before: Record<string, unknown> | null;

  @Column({ type: 'jsonb', nullable: true })
  after: Record<string, unknown> | null;

  /** Set when the change was applied by a bulk upload. */
  @Column({ type: 'uuid', nullable: true })
  bulkJobId: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
