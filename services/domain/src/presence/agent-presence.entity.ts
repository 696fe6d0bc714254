import { Column, Entity, Index, JoinColumn, ManyToOne, OneToOne, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import { AgentStatus } from './agent-status.entity';
import { User } from '../users/user.entity';

/** An agent's current status: one row per agent who ever started a shift. */
@Entity('agent_presences')
@Index(['tenantId', 'statusId'])
export class AgentPresence {
  @PrimaryColumn('uuid')
  userId: string;

  @Column('uuid')
  tenantId: string;

  @Column('uuid')
  statusId: string;

  @Column({ type: 'timestamptz' })
  since: Date;

  /** The tenant sequence number of the change that set this status. */
  @Column({ type: 'bigint' })
  sequence: string;

  @Column({ type: 'timestamptz', nullable: true })
  lastHeartbeatAt: Date | null;

  /** Why the agent went Offline without asking (heartbeat timeout, logged out by a supervisor). */
  @Column({ type: 'varchar', length: 200, nullable: true })
  offlineReason: string | null;

  @OneToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn()
  user?: User;

  @ManyToOne(() => AgentStatus, { onDelete: 'RESTRICT' })
  @JoinColumn()
  status?: AgentStatus;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
