import { Column, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { Role } from './role.entity';
import { ACCESS_LEVELS, PERMISSION_SCOPES, type AccessLevel, type PermissionScope } from '../access/permission-catalogue';

/** One permission granted by a role, at a level and a scope. */
@Entity('role_permissions')
export class RolePermission {
  @PrimaryColumn('uuid')
  roleId: string;

  /** A key of the permission catalogue. */
  @PrimaryColumn({ type: 'varchar', length: 64 })
  permission: string;

  @Column('uuid')
  tenantId: string;

  @Column({ type: 'enum', enum: ACCESS_LEVELS, enumName: 'access_level' })
  access: AccessLevel;

  @Column({ type: 'enum', enum: PERMISSION_SCOPES, enumName: 'permission_scope', default: 'ALL' })
  scope: PermissionScope;

  @ManyToOne(() => Role, { onDelete: 'CASCADE' })
  @JoinColumn()
  role?: Role;
}
