import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * bulk_jobs.preview_fields: what validation found the updates would change, as [{ field, count }]
 * in the file's column order (one entry a field, so it stays small whatever the row count). Jobs
 * validated before it read as changing no field.
 */
export class BulkPreviewFields1795790512384 implements MigrationInterface {
  name = 'BulkPreviewFields1795790512384';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "bulk_jobs" ADD "preview_fields" jsonb NOT NULL DEFAULT '[]'`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "bulk_jobs" DROP COLUMN "preview_fields"`);
  }
}
