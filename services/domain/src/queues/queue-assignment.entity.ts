import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Queue } from './queue.entity';
import { User } from '../users/user.entity';
import { Team } from '../teams/team.entity';

/** A queue assigned to one user, or to one team (and so to its sub-teams' agents). */
@Entity('queue_assignments')
@Index(['queueId', 'userId'], { unique: true, where: '"user_id" IS NOT NULL' })
@Index(['queueId', 'teamId'], { unique: true, where: '"team_id" IS NOT NULL' })
@Index(['userId'])
@Index(['teamId'])
@Check(`("user_id" IS NULL) <> ("team_id" IS NULL)`)
export class QueueAssignment {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid')
  tenantId: string;

  @Column('uuid')
  queueId: string;

  @Column({ type: 'uuid', nullable: true })
  userId: string | null;

  @Column({ type: 'uuid', nullable: true })
  teamId: string | null;

  @ManyToOne(() => Queue, { onDelete: 'CASCADE' })
  @JoinColumn()
  queue?: Queue;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn()
  user?: User | null;

  @ManyToOne(() => Team, { onDelete: 'CASCADE' })
  @JoinColumn()
  team?: Team | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
