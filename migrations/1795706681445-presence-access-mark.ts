import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * presence_access_mark: the tenant's access mark (its latest audit event's time, in microseconds).
 * A function, and VOLATILE, so that it reads with a snapshot of its own: called in the statement
 * that records presence changes, it sees an access change (a team move, a role change) committed
 * while the recording waited for the agents' rows, which a subquery of that statement, reading with
 * the statement's first snapshot, would miss.
 */
export class PresenceAccessMark1795706681445 implements MigrationInterface {
  name = 'PresenceAccessMark1795706681445';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE FUNCTION presence_access_mark(p_tenant_id uuid) RETURNS float8
      LANGUAGE sql VOLATILE AS $$
        SELECT COALESCE(extract(epoch FROM max(created_at)) * 1000000, 0)::float8 FROM audit_events WHERE tenant_id = p_tenant_id
      $$`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP FUNCTION presence_access_mark(uuid)`);
  }
}
