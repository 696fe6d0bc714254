import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { createTestTenant, signIn, startTestApi, type TestApi, type TestTenant } from '../../api/test/support/test-api';
import { csv, startBulkWorkers, uploadFile, waitForJob } from '../../api/test/support/bulk-test';

const ROWS = 4000;

/** Starts the real worker (src/main.ts) as a child process; resolves once it has started its Workers. */
function spawnWorker(env: Record<string, string>): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['-r', 'ts-node/register/transpile-only', join(__dirname, '../src/main.ts')], {
    cwd: join(__dirname, '..'),
    env: { ...process.env, LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return new Promise((resolve, reject) => {
    child.stdout!.on('data', (chunk: Buffer) => {
      if (chunk.toString().includes('worker started')) resolve(child);
    });
    child.once('exit', (code) => reject(new Error(`worker exited with ${code}`)));
  });
}

// A worker killed (SIGKILL) in the middle of applying: another worker resumes from the checkpoint.
describe('bulk apply after a worker is killed', () => {
  let api: TestApi;
  const uploads = mkdtempSync(join(tmpdir(), 'sb-bulk-test-'));
  let tenant: TestTenant;
  let token: string;

  beforeAll(async () => {
    // Queues of its own: another file's workers must not take (or strand) this file's jobs.
    api = await startTestApi({ REDIS_PREFIX: `${process.env.REDIS_PREFIX}:bulkkill`, BULK_UPLOAD_DIR: uploads });
    tenant = await createTestTenant(api.db, 'bulkkill');
    token = await signIn(api, tenant.slug, tenant.adminEmail);
  });
  afterAll(async () => {
    // No email Worker runs here: thousands of unsent invitations would crowd the run's outbox sweep.
    await api.db.query(`UPDATE email_outbox SET sent_at = now() WHERE tenant_id = $1 AND sent_at IS NULL`, [tenant.tenantId]);
    await api.stop();
    rmSync(uploads, { recursive: true, force: true });
  });

  it('applies every row exactly once', async () => {
    const env = { BULK_BATCH_SIZE: '50', BULK_JOB_LOCK_MS: '1500', REDIS_PREFIX: api.config.redisPrefix, BULK_UPLOAD_DIR: uploads };
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
    child.kill('SIGKILL');
    await new Promise((resolve) => child.once('exit', resolve));
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
