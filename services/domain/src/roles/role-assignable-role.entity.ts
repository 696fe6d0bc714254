import { Column, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { Role } from './role.entity';

/** A role that holders of `roleId` (with Edit User) may give to other users. */
@Entity('role_assignable_roles')
export class RoleAssignableRole {
  @PrimaryColumn('uuid')
  roleId: string;

  @PrimaryColumn('uuid')
  assignableRoleId: string;

  @Column('uuid')
  tenantId: string;

  @ManyToOne(() => Role, { onDelete: 'CASCADE' })
  @JoinColumn()
  role?: Role;

  @ManyToOne(() => Role, { onDelete: 'CASCADE' })
  @JoinColumn()
  assignableRole?: Role;
}
