import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { Team } from './team.entity';
import { User } from '../users/user.entity';

export const TEAM_ROLES = ['MEMBER', 'MANAGER'] as const;
export type TeamRole = (typeof TEAM_ROLES)[number];

/** A user in a team, as member or manager (never both: the key is team + user). */
@Entity('team_memberships')
@Index(['userId'])
export class TeamMembership {
  @PrimaryColumn('uuid')
  teamId: string;

  @PrimaryColumn('uuid')
  userId: string;

  @Column('uuid')
  tenantId: string;

  @Column({ type: 'enum', enum: TEAM_ROLES, enumName: 'team_role' })
  role: TeamRole;

  @ManyToOne(() => Team, { onDelete: 'CASCADE' })
  @JoinColumn()
  team?: Team;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn()
  user?: User;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
