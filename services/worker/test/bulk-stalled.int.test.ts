import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { Queue } from 'bullmq';
import { QUEUES, bullPrefix, createRedis } from '@switchboard/domain';
import { createTestTenant, signIn, startTestApi, type TestApi, type TestTenant } from '../../api/test/support/test-api';
import { csv, startBulkWorkers, uploadFile, waitForJob } from '../../api/test/support/bulk-test';

const LOCK_MS = 1000;

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

async function kill(child: ChildProcess): Promise<void> {
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGKILL');
  await exited;
}

// A file that kills every worker taking it (out of memory, say): BullMQ fails its job as stalled
// without running the processor, and the bulk job must end FAILED rather than stay in progress.
describe('a bulk job that stalls more than BullMQ allows', () => {
  let api: TestApi;
  const uploads = mkdtempSync(join(tmpdir(), 'sb-bulk-test-'));
  let tenant: TestTenant;
  let token: string;

  beforeAll(async () => {
    // Queues of its own: another file's workers must not take (or strand) this file's jobs.
    api = await startTestApi({ REDIS_PREFIX: `${process.env.REDIS_PREFIX}:bulkstall`, BULK_UPLOAD_DIR: uploads });
    tenant = await createTestTenant(api.db, 'bulkstall');
    token = await signIn(api, tenant.slug, tenant.adminEmail);
  });
  afterAll(async () => {
    // No email Worker runs here at the end: unsent invitations would crowd the run's outbox sweep.
    await api.db.query(`UPDATE email_outbox SET sent_at = now() WHERE tenant_id = $1 AND sent_at IS NULL`, [tenant.tenantId]);
    await api.stop();
    rmSync(uploads, { recursive: true, force: true });
  });

  it('marks the job FAILED with a message for the uploader and removes its file', async () => {
    const env = { BULK_BATCH_SIZE: '10', BULK_JOB_LOCK_MS: String(LOCK_MS), REDIS_PREFIX: api.config.redisPrefix, BULK_UPLOAD_DIR: uploads };
    const rows = Array.from({ length: 2000 }, (_, i) => [`user${i}@${tenant.slug}.test`, `First${i}`, `Last${i}`, '1']);
    const checkpoint = async (id: string): Promise<number> => (await api.db.query(`SELECT applied_through_row AS c FROM bulk_jobs WHERE id = $1`, [id]))[0].c;
    const waitForCheckpointPast = async (id: string, past: number): Promise<number> => {
      const deadline = Date.now() + 20_000;
      for (;;) {
        const current = await checkpoint(id);
        if (current > past) return current;
        if (Date.now() > deadline) throw new Error(`the checkpoint stayed at ${current}`);
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
    };

    let child = await spawnWorker(env);
    const upload = await uploadFile(api, token, 'killer.csv', csv([['Email', 'First name', 'Last name', 'Role: Agent'], ...rows]), { autoProceed: 'true' });
    expect(upload.status).toBe(201);
    const id = upload.body.id;
    const [{ storagePath }] = await api.db.query(`SELECT storage_path AS "storagePath" FROM bulk_jobs WHERE id = $1`, [id]);

    // Killed while applying; a second worker takes the stalled job over from the checkpoint, and is killed too.
    const first = await waitForCheckpointPast(id, 0);
    await kill(child);
    child = await spawnWorker(env);
    await waitForCheckpointPast(id, first);
    await kill(child);
    const applied = await checkpoint(id);

    // The next worker's stalled check finds the job stalled a second time: BullMQ fails it unprocessed.
    const workers = await startBulkWorkers(api, { ...api.config, bulkBatchSize: 10, bulkJobLockMs: LOCK_MS });
    try {
      const job = await waitForJob(api, token, id, ['FAILED', 'COMPLETED'], 20_000);
      expect(job.status).toBe('FAILED');
    } finally {
      await workers.stop();
    }
    const [ended] = await api.db.query(
      `SELECT j.status, j.failure_message AS "failureMessage", j.completed_at IS NOT NULL AS ended, j.applied_through_row AS checkpoint,
              (SELECT count(*)::int FROM users u WHERE u.tenant_id = j.tenant_id) - 1 AS created
         FROM bulk_jobs j WHERE j.id = $1`,
      [id],
    );
    // Nothing more was applied: the rows the killed workers committed stay, as the checkpoint says.
    expect(ended).toEqual({ status: 'FAILED', failureMessage: 'The job could not be completed; upload the file again', ended: true, checkpoint: applied, created: applied });
    expect(existsSync(storagePath)).toBe(false);

    // It was BullMQ's stalled-job limit, not an error of the processor, that failed the job.
    const connection = createRedis(api.config.redisUrl, { name: 'bulk-stall-test' });
    const queue = new Queue(QUEUES.bulkApply, { connection, prefix: bullPrefix(api.config.redisPrefix) });
    try {
      const bullJob = await queue.getJob(`apply-${id}`);
      expect({ state: await bullJob?.getState(), reason: bullJob?.failedReason }).toEqual({ state: 'failed', reason: 'job stalled more than allowable limit' });
    } finally {
      await queue.close();
      connection.disconnect();
    }
  }, 60_000);
});
