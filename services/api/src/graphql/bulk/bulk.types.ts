import { Field, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { BULK_ERROR_SEVERITIES, BULK_FILE_FORMATS, BULK_JOB_STATUSES, type BulkJobStatus } from '@switchboard/domain';
import { Connection } from '../common/connection.types';

const enumOf = <T extends string>(values: readonly T[]) => Object.fromEntries(values.map((v) => [v, v])) as { [K in T]: K };
export const BulkJobStatusEnum = enumOf(BULK_JOB_STATUSES);
export const BulkFileFormatEnum = enumOf(BULK_FILE_FORMATS);
export const BulkErrorSeverityEnum = enumOf(BULK_ERROR_SEVERITIES);
registerEnumType(BulkJobStatusEnum, {
  name: 'BulkJobStatus',
  description: 'CREATED → VALIDATING → VALIDATED or SCHEME_INVALID → (proceed) PROCESSING → COMPLETED, COMPLETED_WITH_ERRORS or FAILED; CANCELLED before processing',
});
registerEnumType(BulkFileFormatEnum, { name: 'BulkFileFormat' });
registerEnumType(BulkErrorSeverityEnum, { name: 'BulkErrorSeverity' });

@ObjectType('BulkJobPreviewField', { simpleResolvers: true, description: 'A field the updates change, and how many rows change it' })
export class BulkJobPreviewFieldType {
  @Field({ description: 'The field as the upload\'s columns name it: "Status", "Alias", "Roles", "Teams", ...' }) field: string;
  @Field(() => Int, { description: 'Valid update rows that change it' }) count: number;
}

@ObjectType('BulkJobPreview', { simpleResolvers: true, description: 'What validation found the valid rows would do' })
export class BulkJobPreviewType {
  @Field(() => Int) creates: number;
  @Field(() => Int) updates: number;
  @Field(() => Int) unchanged: number;
  @Field(() => [BulkJobPreviewFieldType], { description: 'Per field the updates change, how many rows change it, in the file\'s column order; empty until validation ends' })
  fields: BulkJobPreviewFieldType[];
}

@ObjectType('BulkJobProgress', { simpleResolvers: true })
export class BulkJobProgressType {
  @Field(() => Int, { description: 'Rows done in the current phase (validation or apply)' }) processed: number;
  @Field(() => Int) total: number;
}

@ObjectType('BulkJobError', { simpleResolvers: true, description: 'One line of the error log: row 0 is the file itself' })
export class BulkJobErrorType {
  @Field(() => Int) row: number;
  @Field(() => Int, { nullable: true, description: '1-based column in the file' }) column: number | null;
  @Field(() => String, { nullable: true }) columnName: string | null;
  @Field() message: string;
  @Field(() => BulkErrorSeverityEnum) severity: string;
}

@ObjectType('BulkJobErrorConnection', { simpleResolvers: true })
export class BulkJobErrorConnection extends Connection(BulkJobErrorType, 'BulkJobErrorList') {}

@ObjectType('BulkJob', { simpleResolvers: true, description: 'One bulk user upload, from validation through apply' })
export class BulkJobType {
  @Field(() => ID) id: string;
  @Field() filename: string;
  @Field(() => BulkFileFormatEnum) format: string;
  @Field(() => BulkJobStatusEnum) status: string;
  @Field(() => Int) totalRows: number;
  @Field(() => Int) validRows: number;
  @Field(() => Int) affectedRows: number;
  @Field(() => Int) failedRows: number;
  @Field() createdAt: Date;
  @Field(() => Date, { nullable: true }) processRequestedAt: Date | null;
  @Field(() => Date, { nullable: true }) completedAt: Date | null;
  @Field(() => String, { nullable: true, description: 'Why the job failed, when it did' }) failureMessage: string | null;
}

@ObjectType('BulkJobConnection', { simpleResolvers: true })
export class BulkJobConnection extends Connection(BulkJobType, 'BulkJobList') {}

@InputType('BulkJobFilter')
export class BulkJobFilterInput {
  @Field(() => Date, { nullable: true, description: 'Uploaded at or after' }) from?: Date | null;
  @Field(() => Date, { nullable: true, description: 'Uploaded before' }) to?: Date | null;
  @Field(() => BulkJobStatusEnum, { nullable: true }) status?: BulkJobStatus | null;
}
