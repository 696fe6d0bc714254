import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EmailQueue, EventBus, createLogger, createRedis, type Config } from '@switchboard/domain';
import { createBulkWorkers } from '../../../worker/src/bulk-workers';
import { createTestTenant, signIn, startTestApi, type TestApi, type TestTenant } from './test-api';

export interface BulkWorkers {
  stop(): Promise<void>;
}

/** Starts the worker's real bulk Workers in this process, over the run's database, Redis and prefix. */
export async function startBulkWorkers(api: TestApi, config: Config = api.config): Promise<BulkWorkers> {
  const logger = createLogger('worker-test', 'silent');
  const connection = createRedis(config.redisUrl, { forWorker: true, name: 'bulk-worker-test', logger });
  const events = new EventBus(connection, null, config.redisPrefix);
  const emails = new EmailQueue(connection, config.redisPrefix, logger);
  const bulk = createBulkWorkers({ db: api.db, config, connection, events, emails, logger });
  await Promise.all(bulk.workers.map((w) => w.waitUntilReady()));
  return {
    async stop() {
      await Promise.all(bulk.workers.map((w) => w.close()));
      await bulk.close();
      await emails.close();
      connection.disconnect();
    },
  };
}

/** What useBulkTestApi sets up for a bulk test file; its beforeAll fills the fields in. */
export interface BulkTestApi {
  api: TestApi;
  tenant: TestTenant;
  /** The tenant admin's token. */
  token: string;
  /** The running bulk Workers: a test that stops them sets the ones it starts again here, for afterAll to stop. */
  workers: BulkWorkers;
}

/**
 * For the enclosing describe: an api with its own upload folder and queues, the bulk Workers (unless `startWorkers` is
 * false), a tenant `name` and its admin's token, set up in a beforeAll and torn down in an afterAll (registered here,
 * in that order among the file's hooks).
 */
export function useBulkTestApi(name: string, { startWorkers = true } = {}): BulkTestApi {
  const uploads = mkdtempSync(join(tmpdir(), 'sb-bulk-test-'));
  // Empty until beforeAll runs: the tests read the fields, never the describe body.
  const setup = {} as BulkTestApi;
  beforeAll(async () => {
    // Queues of its own: another file's workers must not take (or strand) this file's jobs.
    setup.api = await startTestApi({ REDIS_PREFIX: `${process.env.REDIS_PREFIX}:${name}`, BULK_UPLOAD_DIR: uploads });
    // Without: the test runs its own (a worker process it kills, say) and sets any it starts in-process here.
    setup.workers = startWorkers ? await startBulkWorkers(setup.api) : { stop: async () => undefined };
    setup.tenant = await createTestTenant(setup.api.db, name);
    setup.token = await signIn(setup.api, setup.tenant.slug, setup.tenant.adminEmail);
  });
  afterAll(async () => {
    // No email Worker runs here: unsent invitations and summaries would crowd the run's outbox sweep.
    await setup.api.db.query(`UPDATE email_outbox SET sent_at = now() WHERE tenant_id = $1 AND sent_at IS NULL`, [setup.tenant.tenantId]);
    await setup.workers.stop();
    await setup.api.stop();
    rmSync(uploads, { recursive: true, force: true });
  });
  return setup;
}

/** The HTTP origin of a test api (its GraphQL url without the path). */
export function origin(api: TestApi): string {
  return api.url.replace(/\/graphql$/, '');
}

/** Uploads a file through the real multipart endpoint; returns the HTTP status and JSON body. */
export async function uploadFile(
  api: TestApi,
  token: string,
  filename: string,
  content: string | Buffer,
  fields: Record<string, string> = {},
  method: 'POST' | 'PUT' = 'POST',
): Promise<{ status: number; body: any }> {
  const form = new FormData();
  for (const [name, value] of Object.entries(fields)) form.append(name, value);
  form.append('file', new Blob([typeof content === 'string' ? content : new Uint8Array(content)]), filename);
  const response = await fetch(`${origin(api)}/api/v1/bulk/users/upload`, { method, headers: { authorization: `Bearer ${token}` }, body: form });
  return { status: response.status, body: await response.json() };
}

/** GET on the bulk API with the token; JSON body unless `raw`. */
export async function bulkGet(api: TestApi, token: string, path: string): Promise<Response> {
  return fetch(`${origin(api)}/api/v1/bulk/users${path}`, { headers: { authorization: `Bearer ${token}` } });
}

/** POST JSON on the bulk API with the token. */
export async function bulkPost(api: TestApi, token: string, path: string, body: unknown): Promise<{ status: number; body: any }> {
  const response = await fetch(`${origin(api)}/api/v1/bulk/users${path}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: await response.json() };
}

const BULK_JOB_FIELDS = `id filename format status totalRows validRows affectedRows failedRows createdAt processRequestedAt completedAt
  progress { processed total } uploadedBy preview { creates updates unchanged }
  errors(first: 200) { totalCount edges { node { row column columnName message severity } } }`;

/** Every status a job can rest in: a test waiting for one fails on the wrong one at once instead of timing out. */
export const SETTLED = ['VALIDATED', 'SCHEME_INVALID', 'COMPLETED', 'COMPLETED_WITH_ERRORS', 'FAILED'];

/** Polls bulkJob(id) over GraphQL until its status is one of `statuses` (or the timeout passes). */
export async function waitForJob(api: TestApi, token: string, id: string, statuses: string[], timeoutMs = 20_000): Promise<any> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const result = await api.graphql(`query($id: ID!) { bulkJob(id: $id) { ${BULK_JOB_FIELDS} } }`, { token, variables: { id } });
    const job = result.data?.bulkJob;
    if (!job) throw new Error(JSON.stringify(result.errors));
    if (statuses.includes(job.status)) return job;
    if (Date.now() > deadline) throw new Error(`job stayed ${job.status}: ${JSON.stringify(job)}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** The error log of a GraphQL job as compact "row/columnName: message" lines. */
export function errorLines(job: any): string[] {
  return job.errors.edges.map(({ node }: any) => `${node.row}/${node.columnName ?? '-'}: ${node.message}`);
}

/** A CSV text from rows of cells (quoted where needed). */
export function csv(rows: (string | number)[][], delimiter = ','): string {
  const quote = (cell: string | number) => (/[",;\r\n]/.test(String(cell)) ? `"${String(cell).replace(/"/g, '""')}"` : String(cell));
  return rows.map((row) => row.map(quote).join(delimiter)).join('\r\n') + '\r\n';
}
