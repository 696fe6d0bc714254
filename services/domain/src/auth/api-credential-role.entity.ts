import { Column, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { ApiCredential } from './api-credential.entity';
import { Role } from '../roles/role.entity';

/** A role whose permissions an API credential acts with. */
@Entity('api_credential_roles')
export class ApiCredentialRole {
  @PrimaryColumn('uuid')
  credentialId: string;

  @PrimaryColumn('uuid')
  roleId: string;

  @Column('uuid')
  tenantId: string;

  @ManyToOne(() => ApiCredential, { onDelete: 'CASCADE' })
  @JoinColumn()
  credential?: ApiCredential;

  @ManyToOne(() => Role, { onDelete: 'RESTRICT' })
  @JoinColumn()
  role?: Role;
}
