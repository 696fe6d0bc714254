import './production-mode';
import { spawn } from 'node:child_process';
import { createWriteStream, openAsBlob } from 'node:fs';
import { chmod, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { once } from 'node:events';
import { createDataSource, createLogger, createRedis, deleteKeysWithPrefix, dropDatabase, loadConfig } from '@switchboard/domain';
import { createApiServer } from '../server';
import { BENCH_TENANT, newBenchRun, seedBenchDatabase } from './bench-database';
import { profilingArgs } from './server-process';

/**
 * `npm run bench:bulk -- --rows N`: uploads a CSV of N new users (a role and a team each) through
 * the real endpoint, proceeds, and prints one JSON line: validation and apply rows per second,
 * the worker's peak RSS, and a raw COPY of the same rows into a scratch users table for scale.
 */
async function main(): Promise<void> {
  const rowsArg = process.argv.indexOf('--rows');
  const rows = rowsArg > 0 ? Number(process.argv[rowsArg + 1]) : 100_000;
  const serverUrl = process.env.BENCH_DATABASE_URL ?? process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const run = newBenchRun(serverUrl);
  const folder = await mkdtemp(join(tmpdir(), 'sb-bulk-bench-'));
  const tenantId = await seedBenchDatabase(run.databaseUrl, 1);
  const env = { ...process.env, DATABASE_URL: run.databaseUrl, REDIS_PREFIX: run.runId, BULK_UPLOAD_DIR: folder, LOG_LEVEL: 'warn', NODE_ENV: 'production' };
  const config = loadConfig(env);
  const db = createDataSource({ databaseUrl: config.databaseUrl, poolSize: 4 });
  await db.initialize();
  const redis = createRedis(config.redisUrl, { name: 'bench-api' });
  const api = await createApiServer({ config, db, redis, logger: createLogger('bench-api', 'warn') });
  const port = await api.listen(0, '127.0.0.1');
  // The worker logs at info so its "worker started" line tells when it is ready.
  // Started as deployed (scripts/start.mjs, docker/Dockerfile): with the worker's heap cap.
  const worker = spawn(process.execPath, ['--max-old-space-size=256', ...profilingArgs(env), join(__dirname, '../../../worker/dist/main.js')], {
    env: { ...env, LOG_LEVEL: 'info' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let peakKb = 0;
  const sampler = setInterval(async () => {
    const status = await readFile(`/proc/${worker.pid}/status`, 'utf8').catch(() => '');
    peakKb = Math.max(peakKb, Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0));
  }, 200);
  try {
    await new Promise<void>((resolve) => worker.stdout!.on('data', (chunk: Buffer) => chunk.toString().includes('worker started') && resolve()));
    const base = `http://127.0.0.1:${port}`;
    const token = await login(base);
    const file = join(folder, 'bench.csv');
    await writeRows(file, rows, (i) => [`bench${i}@bench.test`, `First${i}`, `Last${i}`, '1', '1']);

    const form = new FormData();
    form.append('file', await openAsBlob(file), 'bench.csv');
    const uploaded = await fetch(`${base}/api/v1/bulk/users/upload`, { method: 'POST', headers: { authorization: `Bearer ${token}` }, body: form });
    const { id } = (await uploaded.json()) as { id: string };
    const validated = await waitFor(db, id, ['VALIDATED', 'SCHEME_INVALID', 'FAILED']);
    const proceed = await fetch(`${base}/api/v1/bulk/users/proceed`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ id }),
    });
    if (!proceed.ok) throw new Error(`proceed failed: ${await proceed.text()}`);
    const done = await waitFor(db, id, ['COMPLETED', 'COMPLETED_WITH_ERRORS', 'FAILED']);
    const validateSeconds = (validated.validatedAt.getTime() - validated.createdAt.getTime()) / 1000;
    const applySeconds = (done.completedAt.getTime() - done.processRequestedAt.getTime()) / 1000;

    // The same rows through a raw COPY into a scratch copy of users, in this run's database.
    const copyFile = join(folder, 'copy.csv');
    await writeRows(copyFile, rows, (i) => [tenantId, `copy${i}@bench.test`, `copy${i}@bench.test`, `First${i}`, `Last${i}`, `First${i} Last${i}`, String(100_000_000 + i), 'INVITED', '1']);
    // A server-side COPY: the PostgreSQL server reads the file, so it must be able to.
    await chmod(folder, 0o755);
    await chmod(copyFile, 0o644);
    await db.query(`CREATE TABLE bench_users_copy (LIKE users INCLUDING DEFAULTS INCLUDING INDEXES)`);
    const copyStart = process.hrtime.bigint();
    await db.query(
      `COPY bench_users_copy (tenant_id, email, email_key, first_name, last_name, alias, extension, status, version) FROM '${copyFile}' WITH (FORMAT csv)`,
    );
    const copySeconds = Number(process.hrtime.bigint() - copyStart) / 1e9;
    const applyRate = Math.round(done.affectedRows / applySeconds);
    const copyRate = Math.round(rows / copySeconds);
    console.log(
      JSON.stringify({
        rows,
        status: done.status,
        affectedRows: done.affectedRows,
        validateSeconds,
        applySeconds,
        validateRowsPerSecond: Math.round(rows / validateSeconds),
        applyRowsPerSecond: applyRate,
        workerPeakRssMb: Math.round(peakKb / 1024),
        rawCopyRowsPerSecond: copyRate,
        applyToCopyRatio: Number((applyRate / copyRate).toFixed(3)),
      }),
    );
  } finally {
    clearInterval(sampler);
    worker.kill('SIGTERM');
    await once(worker, 'exit');
    await api.stop();
    await deleteKeysWithPrefix(redis, config.redisPrefix);
    redis.disconnect();
    await db.destroy();
    await dropDatabase(run.databaseUrl);
    await rm(folder, { recursive: true, force: true });
  }
}

async function login(base: string): Promise<string> {
  const response = await fetch(`${base}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      query: `mutation($t: String!, $e: String!, $p: String!) { login(tenant: $t, email: $e, password: $p) { token } }`,
      variables: { t: BENCH_TENANT.slug, e: BENCH_TENANT.adminEmail, p: BENCH_TENANT.password },
    }),
  });
  const body = (await response.json()) as { data: { login: { token: string } } };
  return body.data.login.token;
}

async function writeRows(path: string, count: number, row: (i: number) => string[]): Promise<void> {
  const out = createWriteStream(path);
  if (!path.endsWith('copy.csv')) out.write('Email,First name,Last name,Role: Agent,Team: Support Tier 1\n');
  for (let i = 0; i < count; i++) {
    if (!out.write(`${row(i).join(',')}\n`)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
}

async function waitFor(db: ReturnType<typeof createDataSource>, id: string, statuses: string[]) {
  for (;;) {
    const [job] = await db.query(
      `SELECT status, created_at AS "createdAt", validated_at AS "validatedAt", process_requested_at AS "processRequestedAt",
              completed_at AS "completedAt", affected_rows AS "affectedRows", failure_message AS "failureMessage" FROM bulk_jobs WHERE id = $1`,
      [id],
    );
    if (statuses.includes(job.status)) {
      if (job.status === 'FAILED' || job.status === 'SCHEME_INVALID') throw new Error(`bench job ${job.status}: ${job.failureMessage ?? ''}`);
      return job;
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
