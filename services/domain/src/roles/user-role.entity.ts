import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { Role } from './role.entity';
import { User } from '../users/user.entity';

/** A role held by a user. */
@Entity('user_roles')
@Index(['roleId'])
export class UserRole {
  @PrimaryColumn('uuid')
  userId: string;

  @PrimaryColumn('uuid')
  roleId: string;

  @Column('uuid')
  tenantId: string;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn()
  user?: User;

  @ManyToOne(() => Role, { onDelete: 'RESTRICT' })
  @JoinColumn()
  role?: Role;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
