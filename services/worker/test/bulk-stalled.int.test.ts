import { existsSync } from 'node:fs';
import { Queue } from 'bullmq';
import { QUEUES, bullPrefix, createRedis } from '@switchboard/domain';
import { csv, startBulkWorkers, uploadFile, useBulkTestApi, waitForJob } from '../../api/test/support/bulk-test';
import { killWorker, spawnWorker } from './support/worker-process';

const LOCK_MS = 1000;


// A file that kills every worker taking it (out of memory, say): BullMQ fails its job as stalled
// without running the processor, and the bulk job must end FAILED rather than stay in progress.
describe('a bulk job that stalls more than BullMQ allows', () => {
  // The test runs worker processes of its own, and in-process Workers only at the end.
  const setup = useBulkTestApi('bulkstall', { startWorkers: false });

  it('marks the job FAILED with a message for the uploader and removes its file', async () => {
    const { api, tenant, token } = setup;
    const env = { BULK_BATCH_SIZE: '10', BULK_JOB_LOCK_MS: String(LOCK_MS), REDIS_PREFIX: api.config.redisPrefix, BULK_UPLOAD_DIR: api.config.bulkUploadDir };
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
    await killWorker(child);
    child = await spawnWorker(env);
    await waitForCheckpointPast(id, first);
    await killWorker(child);
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
