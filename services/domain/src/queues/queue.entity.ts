import { Column, Entity, Index, VersionColumn } from 'typeorm';
import { TenantOwned } from '../shared/base-columns';

export const QUEUE_CHANNELS = ['CALL', 'CHAT'] as const;
export type QueueChannel = (typeof QUEUE_CHANNELS)[number];

/** A call or chat queue that users and teams are assigned to. */
@Entity('queues')
@Index(['tenantId', 'name'], { unique: true })
export class Queue extends TenantOwned {
  @Column({ type: 'varchar', length: 100 })
  name: string;

  @Column({ type: 'enum', enum: QUEUE_CHANNELS, enumName: 'queue_channel', default: 'CALL' })
  channel: QueueChannel;

  /** Routing priority; lower is served first. */
  @Column({ type: 'int', default: 100 })
  priority: number;

  @VersionColumn()
  version: number;
}
