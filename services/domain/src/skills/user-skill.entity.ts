import { Check, Column, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { Skill } from './skill.entity';
import { User } from '../users/user.entity';

/** A user's skill with a proficiency level from 1 to 10. */
@Entity('user_skills')
@Check('"level" BETWEEN 1 AND 10')
export class UserSkill {
  @PrimaryColumn('uuid')
  userId: string;

  @PrimaryColumn('uuid')
  skillId: string;

  @Column('uuid')
  tenantId: string;

  @Column({ type: 'int' })
  level: number;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn()
  user?: User;

  @ManyToOne(() => Skill, { onDelete: 'CASCADE' })
  @JoinColumn()
  skill?: Skill;
}
