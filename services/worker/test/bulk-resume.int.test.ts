import { csv, startBulkWorkers, uploadFile, useBulkTestApi, waitForJob } from '../../api/test/support/bulk-test';
import { killWorker, spawnWorker } from './support/worker-process';

const ROWS = 4000;

// A worker killed (SIGKILL) in the middle of applying: another worker resumes from the checkpoint.
describe('bulk apply after a worker is killed', () => {
  // The test runs worker processes of its own, and in-process Workers only at the end.
  const setup = useBulkTestApi('bulkkill', { startWorkers: false });

  it('applies every row exactly once', async () => {
    const { api, tenant, token } = setup;
    const env = { BULK_BATCH_SIZE: '50', BULK_JOB_LOCK_MS: '1500', REDIS_PREFIX: api.config.redisPrefix, BULK_UPLOAD_DIR: api.config.bulkUploadDir };
    const child = await spawnWorker(env);
    const rows = Array.from({ length: ROWS }, (_, i) => [`user${i}@${tenant.slug}.test`, `First${i}`, `Last${i}`, '1']);
    const upload = await uploadFile(api, token, 'many.csv', csv([['Email', 'First name', 'Last name', 'Role: Agent'], ...rows]), { autoProceed: 'true' });
    expect(upload.status).toBe(201);
    const id = upload.body.id;

    let checkpoint = 0;
    while (checkpoint < 200) {
      [{ checkpoint }] = await api.db.query(`SELECT applied_through_row AS checkpoint FROM bulk_jobs WHERE id = $1`, [id]);
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    await killWorker(child);
    const [killed] = await api.db.query(
      `SELECT j.applied_through_row AS checkpoint, j.status, (SELECT count(*)::int FROM users u WHERE u.tenant_id = j.tenant_id) - 1 AS created
         FROM bulk_jobs j WHERE j.id = $1`,
      [id],
    );
    // Killed part-way: what committed is exactly what the checkpoint says.
    expect(killed.status).toBe('PROCESSING');
    expect(killed.checkpoint).toBeLessThan(ROWS);
    expect(killed.created).toBe(killed.checkpoint);

    const workers = await startBulkWorkers(api, { ...api.config, bulkBatchSize: 50, bulkJobLockMs: 1500 });
    try {
      const job = await waitForJob(api, token, id, ['COMPLETED'], 30_000);
      expect(job).toMatchObject({ affectedRows: ROWS, failedRows: 0 });
    } finally {
      await workers.stop();
    }
    const [counts] = await api.db.query(
      `SELECT count(*)::int AS users, count(DISTINCT email_key)::int AS emails, count(DISTINCT extension)::int AS extensions,
              min(extension) AS "minExtension", max(extension) AS "maxExtension",
              (SELECT count(*)::int FROM invitations i WHERE i.tenant_id = $1) AS invitations,
              (SELECT count(*)::int FROM audit_events a WHERE a.bulk_job_id = $2 AND a.action = 'user.create') AS audits,
              (SELECT count(*)::int FROM user_roles r WHERE r.tenant_id = $1) AS roles
         FROM users WHERE tenant_id = $1`,
      [tenant.tenantId, id],
    );
    // The admin plus every row once: one extension, invitation, audit event and role each.
    expect(counts).toEqual({ users: ROWS + 1, emails: ROWS + 1, extensions: ROWS + 1, minExtension: 1000, maxExtension: 1000 + ROWS, invitations: ROWS, audits: ROWS, roles: ROWS + 1 });
  }, 90_000);
});
