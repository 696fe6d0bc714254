import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

export const BULK_JOB_STATUSES = [
  'CREATED',
  'VALIDATING',
  'VALIDATED',
  'SCHEME_INVALID',
  'PROCESSING',
  'COMPLETED',
  'COMPLETED_WITH_ERRORS',
  'FAILED',
  'CANCELLED',
] as const;
export type BulkJobStatus = (typeof BULK_JOB_STATUSES)[number];
export const BULK_FILE_FORMATS = ['CSV', 'XLSX', 'JSON'] as const;
export type BulkFileFormat = (typeof BULK_FILE_FORMATS)[number];

/** How many valid update rows change one field, the field named as the upload's columns name it ("Status", "Roles"). */
export interface BulkPreviewField {
  field: string;
  count: number;
}

/** One bulk user upload, from validation through apply. */
@Entity('bulk_jobs')
@Index(['tenantId', 'createdAt'])
export class BulkJob {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid')
  tenantId: string;

  @Column({ type: 'uuid', nullable: true })
  uploadedByUserId: string | null;

  @Column({ type: 'uuid', nullable: true })
  uploadedByCredentialId: string | null;

  @Column({ type: 'varchar', length: 255 })
  filename: string;

  @Column({ type: 'enum', enum: BULK_FILE_FORMATS, enumName: 'bulk_file_format' })
  format: BulkFileFormat;

  /** Where the uploaded file is kept until the job ends. */
  @Column({ type: 'varchar', length: 500 })
  storagePath: string;

  @Column({ type: 'enum', enum: BULK_JOB_STATUSES, enumName: 'bulk_job_status', default: 'CREATED' })
  status: BulkJobStatus;

  @Column({ type: 'boolean', default: false })
  autoProceed: boolean;

  @Column({ type: 'boolean', default: false })
  ignoreErrors: boolean;

  @Column({ type: 'int', default: 0 })
  totalRows: number;

  @Column({ type: 'int', default: 0 })
  validRows: number;

  @Column({ type: 'int', default: 0 })
  affectedRows: number;

  @Column({ type: 'int', default: 0 })
  failedRows: number;

  @Column({ type: 'int', default: 0 })
  previewCreates: number;

  @Column({ type: 'int', default: 0 })
  previewUpdates: number;

  @Column({ type: 'int', default: 0 })
  previewUnchanged: number;

  /** Per field the updates change, how many rows change it, in the file's column order: one entry a field, whatever the row count. */
  @Column({ type: 'jsonb', default: () => "'[]'" })
  previewFields: BulkPreviewField[];

  /** Rows processed so far in the current phase, for progress. */
  @Column({ type: 'int', default: 0 })
  processedRows: number;

  /** Apply checkpoint: the last row applied by a committed batch. */
  @Column({ type: 'int', default: 0 })
  appliedThroughRow: number;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @Column({ type: 'timestamptz', nullable: true })
  validatedAt: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  processRequestedAt: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  completedAt: Date | null;

  /** A job-level failure shown to the uploader (never a stack trace). */
  @Column({ type: 'text', nullable: true })
  failureMessage: string | null;
}
