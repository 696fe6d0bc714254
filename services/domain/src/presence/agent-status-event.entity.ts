import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { AgentStatus } from './agent-status.entity';
import { User } from '../users/user.entity';

/** One status change of an agent: the presence history, also used to replay missed events. */
@Entity('agent_status_events')
@Index(['tenantId', 'sequence'], { unique: true })
@Index(['userId', 'changedAt'])
export class AgentStatusEvent {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id: string;

  @Column('uuid')
  tenantId: string;

  @Column('uuid')
  userId: string;

  @Column({ type: 'bigint' })
  sequence: string;

  @Column('uuid')
  statusId: string;

  @Column({ type: 'uuid', nullable: true })
  previousStatusId: string | null;

  @Column({ type: 'uuid', nullable: true })
  changedByUserId: string | null;

  @Column({ type: 'uuid', nullable: true })
  changedByCredentialId: string | null;

  @Column({ type: 'varchar', length: 200, nullable: true })
  reason: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  changedAt: Date;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn()
  user?: User;

  @ManyToOne(() => AgentStatus, { onDelete: 'RESTRICT' })
  @JoinColumn()
  status?: AgentStatus;

  @ManyToOne(() => AgentStatus, { onDelete: 'RESTRICT' })
  @JoinColumn()
  previousStatus?: AgentStatus | null;
}
