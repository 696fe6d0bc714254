import './production-mode';
import { availableParallelism } from 'node:os';
import { isDeepStrictEqual } from 'node:util';
import { createRedis, deleteKeysWithPrefix, dropDatabase } from '@switchboard/domain';
import { BENCH_TENANT, newBenchRun, seedBenchDatabase, type BenchRun } from './bench-database';
import { startServerProcess } from './server-process';
import { measureLoad, type LoadResult, type LoadTarget } from './load-runner';

const USER_COUNT = 1000;
const PAGE_SIZE = 100;
const CONNECTIONS = 10;
const TARGET_RATIO = 0.3;

const USERS_QUERY = `query BenchUsers($first: Int!) {
  users(first: $first) {
    totalCount
    edges { node { id email firstName lastName alias extension status roles { id name } teams { role team { id name } } location { id name } } }
    pageInfo { hasNextPage endCursor }
  }
}`;
const LOGIN_MUTATION = `mutation($tenant: String!, $email: String!, $password: String!) {
  login(tenant: $tenant, email: $email, password: $password) { token }
}`;

interface GraphQLResponse {
  data?: Record<string, unknown> | null;
  errors?: { message: string }[];
}

/** `npm run bench:api`: GraphQL `users` page vs a hand-written node:http + pg baseline, on a throwaway database. */
async function main(): Promise<void> {
  const seconds = Number(process.env.BENCH_SECONDS ?? 10);
  if (!(seconds > 0)) throw new Error(`BENCH_SECONDS must be a positive number of seconds, got "${process.env.BENCH_SECONDS}"`);
  const serverUrl = process.env.BENCH_DATABASE_URL ?? process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const run = newBenchRun(serverUrl);
  try {
    const seedStart = Date.now();
    const tenantId = await seedBenchDatabase(run.databaseUrl, USER_COUNT);
    console.log(`Seeded ${USER_COUNT} users in database ${run.runId} (${((Date.now() - seedStart) / 1000).toFixed(1)} s)`);
    await benchmark(run, tenantId, seconds);
  } finally {
    await dropDatabase(run.databaseUrl);
    const redis = createRedis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379', { forWorker: true });
    await deleteKeysWithPrefix(redis, run.runId);
    redis.disconnect();
    console.log(`Dropped database ${run.runId} and its Redis keys`);
  }
}

async function benchmark(run: BenchRun, tenantId: string, seconds: number): Promise<void> {
  const env = {
    ...process.env,
    DATABASE_URL: run.databaseUrl,
    REDIS_URL: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379',
    REDIS_PREFIX: run.runId,
    BENCH_TENANT_ID: tenantId,
  };
  // Stopped in reverse order of start, whatever fails in between.
  const cleanups: (() => Promise<void>)[] = [];
  try {
    // Each server has a process (an event loop, a heap) to itself; autocannon runs here.
    const api = await startServerProcess('graphql', env);
    cleanups.push(() => api.stop());
    const baseline = await startServerProcess('baseline', env);
    cleanups.push(() => baseline.stop());

    const login = await postJson(api.url, {
      query: LOGIN_MUTATION,
      variables: { tenant: BENCH_TENANT.slug, email: BENCH_TENANT.adminEmail, password: BENCH_TENANT.password },
    });
    const token = (login.data?.login as { token?: string } | undefined)?.token;
    if (!token) throw new Error(`sign-in failed: ${JSON.stringify(login.errors)}`);

    const graphqlTarget: LoadTarget = {
      url: api.url,
      headers: { authorization: `Bearer ${token}` },
      body: JSON.stringify({ query: USERS_QUERY, variables: { first: PAGE_SIZE } }),
    };
    const baselineTarget: LoadTarget = { url: baseline.url, headers: {}, body: JSON.stringify({ first: PAGE_SIZE }) };

    // A faster baseline that answers something else would prove nothing: both must return the same JSON.
    const [viaGraphql, viaBaseline] = await Promise.all([send(graphqlTarget), send(baselineTarget)]);
    if (viaGraphql.errors?.length) throw new Error(`GraphQL errors: ${JSON.stringify(viaGraphql.errors)}`);
    if (!isDeepStrictEqual(viaGraphql, viaBaseline)) {
      const start = (response: unknown) => JSON.stringify(response).slice(0, 1500);
      throw new Error(`baseline and GraphQL answers differ:\n${start(viaGraphql)}\n${start(viaBaseline)}`);
    }

    const statementsFor = async (first: number) => {
      await api.resetStatements();
      const result = await send({ ...graphqlTarget, body: JSON.stringify({ query: USERS_QUERY, variables: { first } }) });
      if (result.errors?.length) throw new Error(`GraphQL errors: ${JSON.stringify(result.errors)}`);
      return api.statements();
    };
    const statements10 = await statementsFor(10);
    const statements100 = await statementsFor(100);

    const load = { connections: CONNECTIONS, seconds, warmupSeconds: Math.min(2, seconds) };
    console.log(`Measuring GraphQL, then baseline: ${CONNECTIONS} connections, ${load.warmupSeconds} s warm-up + ${seconds} s each...`);
    const graphqlLoad = await measureLoad(graphqlTarget, load, api.cpuMicros);
    const baselineLoad = await measureLoad(baselineTarget, load, baseline.cpuMicros);

    printReport({
      seconds,
      warmupSeconds: load.warmupSeconds,
      graphqlLoad,
      baselineLoad,
      statements10,
      statements100,
      baselineStatements: baseline.statementsPerRequest ?? NaN,
    });
  } finally {
    for (const cleanup of cleanups.reverse()) await cleanup();
  }
}

function printReport(r: {
  seconds: number;
  warmupSeconds: number;
  graphqlLoad: LoadResult;
  baselineLoad: LoadResult;
  statements10: number;
  statements100: number;
  baselineStatements: number;
}): void {
  const ratio = r.graphqlLoad.rps / r.baselineLoad.rps;
  const row = (cells: (string | number)[]) => cells.map((cell, i) => (i === 0 ? String(cell).padEnd(10) : String(cell).padStart(12))).join('');
  const line = (name: string, l: LoadResult) =>
    row([name, l.rps.toFixed(1), l.p50Ms.toFixed(1), l.p99Ms.toFixed(1), l.cpuMsPerRequest.toFixed(2), l.requests, l.failures]);
  console.log(`
users(first: ${PAGE_SIZE}) over ${USER_COUNT} users: ${CONNECTIONS} connections, ${r.seconds} s per target after ${r.warmupSeconds} s warm-up, NODE_ENV=${process.env.NODE_ENV}
Each server runs alone in its own process; autocannon and PostgreSQL share the machine's ${availableParallelism()} cores with it,
so absolute figures understate a dedicated server: the ratio is the figure to watch.

${row(['target', 'req/s', 'p50 ms', 'p99 ms', 'cpu ms/req', 'requests', 'failures'])}
${line('graphql', r.graphqlLoad)}
${line('baseline', r.baselineLoad)}

graphql/baseline req/s: ${ratio.toFixed(2)} (target >= ${TARGET_RATIO.toFixed(2)}): ${ratio >= TARGET_RATIO ? 'MET' : 'NOT MET'}
SQL statements per GraphQL request: first=10: ${r.statements10}, first=100: ${r.statements100} (${
    r.statements10 === r.statements100 ? 'equal: independent of page size' : 'DIFFERENT: something queries per row'
  }); baseline: ${r.baselineStatements}`);
  if (r.graphqlLoad.failures + r.baselineLoad.failures > 0) console.log('WARNING: some requests failed; the figures are not trustworthy');
}

async function send(target: LoadTarget): Promise<GraphQLResponse> {
  return postJson(target.url, JSON.parse(target.body), target.headers);
}

async function postJson(url: string, body: unknown, headers: Record<string, string> = {}): Promise<GraphQLResponse> {
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
  return (await response.json()) as GraphQLResponse;
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
