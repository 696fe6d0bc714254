import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** A secret a script uses to call the API; acts with the permissions of its roles. */
@Entity('api_credentials')
@Index(['tenantId', 'createdAt'])
export class ApiCredential {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid')
  tenantId: string;

  @Column({ type: 'varchar', length: 100 })
  name: string;

  /** SHA-256 of the secret; the secret itself is shown once and never stored. */
  @Column({ type: 'char', length: 64, unique: true, select: false })
  secretHash: string;

  /** The first characters of the secret, so people can tell credentials apart. */
  @Column({ type: 'varchar', length: 16 })
  secretPrefix: string;

  @Column({ type: 'uuid', nullable: true })
  createdByUserId: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @Column({ type: 'timestamptz', nullable: true })
  lastUsedAt: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  revokedAt: Date | null;
}
