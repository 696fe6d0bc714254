import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { BulkJob } from './bulk-job.entity';

export const BULK_ERROR_SEVERITIES = ['ERROR', 'WARNING'] as const;
export type BulkErrorSeverity = (typeof BULK_ERROR_SEVERITIES)[number];

/** Longest column name an error log line holds (characters). */
export const BULK_ERROR_COLUMN_NAME_LENGTH = 120;

/** One line of a bulk job's error log: row, column and reason. Row 0 is the file itself. */
@Entity('bulk_job_errors')
@Index(['jobId', 'row'])
export class BulkJobError {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id: string;

  @Column('uuid')
  jobId: string;

  @Column({ type: 'int' })
  row: number;

  /** 1-based column number in the file, when the error belongs to one column. */
  @Column({ type: 'int', nullable: true })
  column: number | null;

  @Column({ type: 'varchar', length: BULK_ERROR_COLUMN_NAME_LENGTH, nullable: true })
  columnName: string | null;

  @Column({ type: 'text' })
  message: string;

  @Column({ type: 'enum', enum: BULK_ERROR_SEVERITIES, enumName: 'bulk_error_severity', default: 'ERROR' })
  severity: BulkErrorSeverity;

  @ManyToOne(() => BulkJob, { onDelete: 'CASCADE' })
  @JoinColumn()
  job?: BulkJob;
}
