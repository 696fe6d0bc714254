import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

/** One contact center; every other row belongs to exactly one tenant. */
@Entity('tenants')
export class Tenant {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'varchar', length: 63, unique: true })
  slug: string;

  @Column({ type: 'varchar', length: 120 })
  name: string;

  /** The first admin: can be neither deactivated nor stripped of the Admin role. */
  @Column({ type: 'uuid', nullable: true })
  foundingAdminId: string | null;

  /** Upper bound of a user's chat concurrency (the bulk template's "1 to X range"). */
  @Column({ type: 'int', default: 10 })
  maxChatConcurrency: number;

  /** Status an agent gets on `startShift`; null means the system Unavailable status. */
  @Column({ type: 'uuid', nullable: true })
  defaultAgentStatusId: string | null;

  /** Last presence sequence number handed out; increases by one per status change. */
  @Column({ type: 'bigint', default: 0 })
  presenceSequence: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
