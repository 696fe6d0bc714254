import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * record_presence_changes: records agents' status changes (presence rows, history rows, the tenant's
 * sequence) in one call. Called outside a transaction it commits inside PostgreSQL, so the tenant row
 * (the sequence's lock) is never held while waiting for a busy api process, and one commit (one wait
 * for the disk) covers every change of the call.
 *
 * Each change names the presence sequence it was decided on (NULL: no presence row yet). The agents'
 * user rows are locked first; the next statement sees what committed meanwhile, so a change decided
 * on a stale read is left out (and not returned: its caller reads again and decides again).
 */
export class RecordPresenceChanges1795665467172 implements MigrationInterface {
  name = 'RecordPresenceChanges1795665467172';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE FUNCTION record_presence_changes(
        p_tenant_id uuid, p_user_ids uuid[], p_expected_sequences bigint[], p_status_ids uuid[], p_previous_status_ids uuid[],
        p_changed_by_user_ids uuid[], p_changed_by_credential_ids uuid[], p_reasons text[], p_offline_reasons text[], p_by_the_agent boolean[]
      ) RETURNS TABLE (user_id uuid, sequence bigint, changed_at timestamptz)
      LANGUAGE plpgsql VOLATILE AS $$
      #variable_conflict use_column
      BEGIN
        PERFORM 1 FROM users u WHERE u.id = ANY(p_user_ids) AND u.tenant_id = p_tenant_id ORDER BY u.id FOR NO KEY UPDATE OF u;
        RETURN QUERY
          WITH wanted AS (
            SELECT c.*
              FROM unnest(p_user_ids, p_expected_sequences, p_status_ids, p_previous_status_ids, p_changed_by_user_ids,
                          p_changed_by_credential_ids, p_reasons, p_offline_reasons, p_by_the_agent)
                   WITH ORDINALITY AS c(user_id, expected_sequence, status_id, previous_status_id, changed_by_user_id,
                                        changed_by_credential_id, reason, offline_reason, by_the_agent, n)
              JOIN users u ON u.id = c.user_id AND u.tenant_id = p_tenant_id
              LEFT JOIN agent_presences p ON p.user_id = c.user_id
             WHERE p.sequence IS NOT DISTINCT FROM c.expected_sequence
          ), taken AS (
            UPDATE tenants t SET presence_sequence = t.presence_sequence + (SELECT count(*) FROM wanted)
             WHERE t.id = p_tenant_id AND EXISTS (SELECT 1 FROM wanted)
            RETURNING t.presence_sequence - (SELECT count(*) FROM wanted) AS base
          ), change AS (
            SELECT w.*, taken.base + row_number() OVER (ORDER BY w.n) AS sequence FROM wanted w, taken
          ), presence AS (
            INSERT INTO agent_presences AS p (user_id, tenant_id, status_id, since, sequence, offline_reason, updated_at, last_heartbeat_at)
            SELECT c.user_id, p_tenant_id, c.status_id, now(), c.sequence, c.offline_reason, now(), CASE WHEN c.by_the_agent THEN now() END FROM change c
            ON CONFLICT (user_id) DO UPDATE
              SET status_id = EXCLUDED.status_id, since = EXCLUDED.since, sequence = EXCLUDED.sequence, offline_reason = EXCLUDED.offline_reason,
                  updated_at = EXCLUDED.updated_at, last_heartbeat_at = COALESCE(EXCLUDED.last_heartbeat_at, p.last_heartbeat_at)
          )
          INSERT INTO agent_status_events AS e
            (tenant_id, user_id, sequence, status_id, previous_status_id, changed_by_user_id, changed_by_credential_id, reason, changed_at)
          SELECT p_tenant_id, c.user_id, c.sequence, c.status_id, c.previous_status_id, c.changed_by_user_id, c.changed_by_credential_id, c.reason, now()
            FROM change c
          RETURNING e.user_id, e.sequence, e.changed_at;
      END
      $$
    `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP FUNCTION record_presence_changes(uuid, uuid[], bigint[], uuid[], uuid[], uuid[], uuid[], text[], text[], boolean[])`);
  }
}
