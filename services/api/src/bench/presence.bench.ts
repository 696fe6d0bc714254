import './production-mode';
import { fork } from 'node:child_process';
import { readFileSync } from 'node:fs';
import http from 'node:http';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { createDataSource, createRedis, deleteKeysWithPrefix, dropDatabase, teamSubtree, type TeamNode } from '@switchboard/domain';
import { BENCH_TENANT, newBenchRun, seedBenchDatabase } from './bench-database';
import { openLeanSocket, type LeanSocket } from './lean-websocket';
import { startServerProcess, type ServerProcess } from './server-process';
import type { BaselineRequest } from './presence-baseline-server';

/** How each kind of subscriber watches: its token and teamId argument, and which agents it may see. */
interface Audience {
  name: string;
  token: string;
  teamId: string | null;
  visible: ReadonlySet<string> | null;
}

/** One open socket of the benchmark, on the api or the bare broadcaster. */
interface Sink {
  audience: Audience;
  socket: LeanSocket;
  /** Sequences delivered since the last reset and when each arrived: parallel arrays, no object per message (the client shares the two cores). */
  sequences: number[];
  arrivals: number[];
  /** Deliveries of an agent the audience may not see. */
  leaked: number;
}

interface Change {
  sequence: number;
  agent: string;
}

interface RunResult {
  rate: number;
  changes: number;
  /** Mutations that failed (not counted as lost: they changed nothing). */
  failedChanges: number;
  deliveredPerSecond: number;
  p50Ms: number;
  p95Ms: number;
  p99Ms: number;
  /** The change's own round trip (mutation sent to its response), p50 and p99. */
  changeP50Ms: number;
  changeP99Ms: number;
  lost: number;
  leaked: number;
}

/** What each change cost the two api processes together: CPU and SQL statements (delivery included). */
interface ApiCost {
  cpuMsPerChange: number;
  statementsPerChange: number;
}

const SUBSCRIPTION = `subscription($teamId: ID) { agentStatusChanged(teamId: $teamId) { sequence user { id } status { id name } since } }`;
const SETTLE_MS = 2000;

/**
 * `npm run bench:presence [-- --subscribers 2000 --rate 50 --seconds 30 --saturate]`: two api
 * processes and a bare `ws` broadcaster, the same sockets on each, the same changes; prints one JSON line.
 */
async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      subscribers: { type: 'string', default: '2000' },
      rate: { type: 'string', default: '50' },
      seconds: { type: 'string', default: '30' },
      saturate: { type: 'boolean', default: false },
    },
  });
  const subscribers = Number(values.subscribers);
  const rate = Number(values.rate);
  const seconds = Number(values.seconds);
  const run = newBenchRun(process.env.BENCH_DATABASE_URL ?? process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres');
  const cleanups: (() => Promise<void>)[] = [
    () => dropDatabase(run.databaseUrl),
    async () => {
      const redis = createRedis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379', { forWorker: true });
      await deleteKeysWithPrefix(redis, run.runId);
      redis.disconnect();
    },
  ];
  try {
    const tenantId = await seedBenchDatabase(run.databaseUrl, 400);
    const agents = await startPresences(run.databaseUrl, tenantId);
    const env = { ...process.env, DATABASE_URL: run.databaseUrl, REDIS_URL: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379', REDIS_PREFIX: run.runId };
    const apis = [await startServerProcess('graphql', env), await startServerProcess('graphql', env)];
    cleanups.push(...apis.map((api) => () => api.stop()));
    const baseline = await startBaseline();
    cleanups.push(baseline.stop);

    const admin = await signIn(apis[0].url, BENCH_TENANT.adminEmail);
    const statuses = await graphql<{ agentStatuses: { id: string; systemKey: string | null }[] }>(apis[0].url, admin, `{ agentStatuses { id systemKey } }`);
    const statusIds = ['AVAILABLE', 'UNAVAILABLE'].map((key) => statuses.agentStatuses.find((s) => s.systemKey === key)!.id);
    const audiences = await audiencesOf(run.databaseUrl, tenantId, apis[0].url, admin);
    const integration = (await graphql<{ createApiCredential: { secret: string } }>(apis[0].url, admin, `mutation { createApiCredential(name: "bench") { secret } }`))
      .createApiCredential.secret;

    const apiSinks = await openSinks(subscribers, audiences, (i, audience) => graphqlSocket(apis[i % 2].url, audience));
    const baselineSinks = await openSinks(subscribers, audiences, (_i, audience) => baselineSocket(baseline.url, audience));
    await delay(3000);

    // Each change goes to one of the two api processes in turn, so half cross Redis to reach the other's sockets.
    let turn = 0;
    const current = new Map<string, number>();
    // One change at a time per agent: two racing changes could make one a no-op that reports an old sequence.
    const busy = new Set<string>();
    const idleAgent = () => {
      for (let tries = 0; tries < 20; tries++) {
        const agent = agents[Math.floor(Math.random() * agents.length)];
        if (!busy.has(agent)) return agent;
      }
      return agents.find((agent) => !busy.has(agent));
    };
    const throughApi = async (): Promise<Change> => {
      let agent = idleAgent();
      // Every agent has a change in flight: the api is behind; wait (the wait counts as latency).
      while (!agent) {
        await delay(1);
        agent = idleAgent();
      }
      busy.add(agent);
      const next = 1 - (current.get(agent) ?? 1);
      current.set(agent, next);
      try {
        const result = await graphql<{ setAgentStatus: { sequence: number } }>(
          apis[turn++ % 2].url,
          integration,
          `mutation($u: ID!, $s: ID!) { setAgentStatus(userId: $u, statusId: $s) { sequence } }`,
          { u: agent, s: statusIds[next] },
        );
        return { sequence: result.setAgentStatus.sequence, agent };
      } finally {
        busy.delete(agent);
      }
    };
    let baselineSequence = 0;
    const throughBaseline = async (): Promise<Change> => {
      const agent = agents[Math.floor(Math.random() * agents.length)];
      const sequence = ++baselineSequence;
      const payload = { sequence, user: { id: agent }, status: { id: statusIds[sequence % 2], name: 'Available' }, since: new Date().toISOString() };
      for (const audience of audiences) {
        if (!sees(audience, agent)) continue;
        const message = JSON.stringify({ id: '1', type: 'next', payload: { data: { agentStatusChanged: payload } } });
        baseline.send({ type: 'broadcast', audience: audience.name, payload: message });
      }
      return { sequence, agent };
    };

    const driveApi = async (rateNow: number, secondsNow: number): Promise<RunResult & ApiCost> => {
      const cpuBefore = await totalCpuMicros(apis);
      await Promise.all(apis.map((api) => api.resetStatements()));
      const result = await drive(throughApi, apiSinks, rateNow, secondsNow);
      const cpu = (await totalCpuMicros(apis)) - cpuBefore;
      const statements = (await Promise.all(apis.map((api) => api.statements()))).reduce((a, b) => a + b, 0);
      return { ...result, cpuMsPerChange: round(cpu / 1000 / result.changes), statementsPerChange: round(statements / result.changes) };
    };
    // The broadcaster is driven after the api, not at the same time, so neither takes the other's CPU.
    const measure = async (rateNow: number, secondsNow: number) => ({
      api: await driveApi(rateNow, secondsNow),
      baseline: await drive(throughBaseline, baselineSinks, rateNow, secondsNow),
    });

    if (values.saturate) {
      const api = await highestSustained((r) => driveApi(r, 10), 'api', rate);
      const bare = await highestSustained((r) => drive(throughBaseline, baselineSinks, r, 10), 'baseline', rate);
      print({
        mode: 'saturate',
        subscribers,
        api: api?.deliveredPerSecond ?? 0,
        baseline: bare?.deliveredPerSecond ?? 0,
        apiRate: api?.rate ?? 0,
        baselineRate: bare?.rate ?? 0,
        ratio: api && bare ? round(api.deliveredPerSecond / bare.deliveredPerSecond) : 0,
        apiCpuMsPerChange: api?.cpuMsPerChange,
        apiStatementsPerChange: api?.statementsPerChange,
        rssMb: rss(apis),
      });
    } else {
      const { api, baseline: bare } = await measure(rate, seconds);
      print({ mode: 'steady', subscribers, audiences: audiences.length, seconds, api, baseline: bare, ratio: round(api.deliveredPerSecond / bare.deliveredPerSecond), rssMb: rss(apis) });
    }
    for (const sink of [...apiSinks, ...baselineSinks]) sink.socket.close();
    keepAlive.destroy();
  } finally {
    for (const cleanup of cleanups.reverse()) await cleanup().catch((error: unknown) => console.error(error));
  }
}

/** Drives `rate` changes per second for `seconds`, then waits for stragglers and scores the sinks. */
async function drive(change: () => Promise<Change>, sinks: Sink[], rate: number, seconds: number): Promise<RunResult> {
  for (const sink of sinks) {
    sink.sequences.length = 0;
    sink.arrivals.length = 0;
    sink.leaked = 0;
  }
  const sent = new Map<number, { at: number; agent: string }>();
  const started = Date.now();
  const pending: Promise<void>[] = [];
  const changeTimes: number[] = [];
  let due = 0;
  let failed = 0;
  while (Date.now() - started < seconds * 1000) {
    const target = Math.floor(((Date.now() - started) / 1000) * rate);
    for (; due < target; due++) {
      const at = Date.now();
      pending.push(
        change().then(
          ({ sequence, agent }) => {
            changeTimes.push(Date.now() - at);
            sent.set(sequence, { at, agent });
          },
          (error: unknown) => {
            failed++;
            if (failed === 1) console.error(error);
          },
        ),
      );
    }
    await delay(5);
  }
  await Promise.all(pending);
  await delay(SETTLE_MS);
  const latencies: number[] = [];
  let lost = 0;
  let leaked = 0;
  let delivered = 0;
  for (const sink of sinks) {
    leaked += sink.leaked;
    const got = new Set<number>();
    for (let i = 0; i < sink.sequences.length; i++) {
      const cause = sent.get(sink.sequences[i]);
      if (!cause) continue;
      got.add(sink.sequences[i]);
      delivered++;
      latencies.push(sink.arrivals[i] - cause.at);
    }
    for (const [sequence, { agent }] of sent) if (sees(sink.audience, agent) && !got.has(sequence)) lost++;
  }
  const latency = percentiles(latencies);
  const roundTrip = percentiles(changeTimes);
  return {
    rate,
    changes: sent.size,
    failedChanges: failed,
    deliveredPerSecond: round(delivered / seconds),
    p50Ms: latency(0.5),
    p95Ms: latency(0.95),
    p99Ms: latency(0.99),
    changeP50Ms: roundTrip(0.5),
    changeP99Ms: roundTrip(0.99),
    lost,
    leaked,
  };
}

/**
 * The highest rate `run` sustains: doubling from `from` until a step falls behind, then halving
 * the gap between the last sustained rate and the first fallen one three times (to within an eighth).
 * Null when even `from` falls behind.
 */
async function highestSustained<T extends RunResult>(run: (rate: number) => Promise<T>, name: string, from: number): Promise<T | null> {
  const step = async (rate: number) => {
    const result = await run(rate);
    console.error(JSON.stringify({ step: name, ...result }));
    return result;
  };
  let best: T | null = null;
  let fallen: number | null = null;
  for (let rate = from; rate <= 6400 && fallen === null; rate *= 2) {
    const result = await step(rate);
    if (sustained(result)) best = result;
    else fallen = rate;
  }
  for (let i = 0; i < 3 && best && fallen !== null; i++) {
    const result = await step(Math.round((best.rate + fallen) / 2));
    if (sustained(result)) best = result;
    else fallen = result.rate;
  }
  return best;
}

/** The p-th percentile of the values (sorted here), NaN when there are none. */
function percentiles(values: number[]): (p: number) => number {
  values.sort((a, b) => a - b);
  return (p) => values[Math.min(values.length - 1, Math.floor(values.length * p))] ?? NaN;
}

/** Delivery kept up: nothing lost and the slowest percent within a second. */
function sustained(result: RunResult): boolean {
  return result.lost === 0 && result.p99Ms < 1000;
}

/** Puts every active agent of the bench tenant on shift (Unavailable); returns their ids. */
async function startPresences(databaseUrl: string, tenantId: string): Promise<string[]> {
  const db = createDataSource({ databaseUrl, poolSize: 1 });
  await db.initialize();
  try {
    const rows: { id: string }[] = await db.query(
      `INSERT INTO agent_presences (user_id, tenant_id, status_id, since, sequence, updated_at, last_heartbeat_at)
       SELECT u.id, u.tenant_id, s.id, now(), 0, now(), now() FROM users u
         JOIN agent_statuses s ON s.tenant_id = u.tenant_id AND s.system_key = 'UNAVAILABLE'
        WHERE u.tenant_id = $1 AND u.status = 'ACTIVE' AND u.email LIKE 'agent%'
       RETURNING user_id AS id`,
      [tenantId],
    );
    return rows.map((r) => r.id);
  } finally {
    await db.destroy();
  }
}

/** Four audiences of different visibility: everyone, one top team, one leaf team, and a team supervisor's scope. */
async function audiencesOf(databaseUrl: string, tenantId: string, url: string, admin: string): Promise<Audience[]> {
  const db = createDataSource({ databaseUrl, poolSize: 1 });
  await db.initialize();
  try {
    const teams: (TeamNode & { name: string })[] = await db.query(`SELECT id, parent_id AS "parentId", name FROM teams WHERE tenant_id = $1`, [tenantId]);
    const members: { userId: string; teamId: string; role: string; email: string }[] = await db.query(
      `SELECT m.user_id AS "userId", m.team_id AS "teamId", m.role, u.email FROM team_memberships m JOIN users u ON u.id = m.user_id
        WHERE m.tenant_id = $1 AND u.status = 'ACTIVE'`,
      [tenantId],
    );
    const agentsIn = (rootIds: string[]) => {
      const reach = teamSubtree(teams, rootIds);
      return new Set(members.filter((m) => reach.has(m.teamId)).map((m) => m.userId));
    };
    const sales = teams.find((t) => t.name === 'Sales')!;
    const leaf = teams.find((t) => t.name === 'Support Tier 1')!;
    const manager = members.find((m) => m.role === 'MANAGER')!;
    const managed = members.filter((m) => m.userId === manager.userId && m.role === 'MANAGER').map((m) => m.teamId);
    return [
      { name: 'all', token: admin, teamId: null, visible: null },
      { name: 'sales', token: admin, teamId: sales.id, visible: agentsIn([sales.id]) },
      { name: 'leaf', token: admin, teamId: leaf.id, visible: agentsIn([leaf.id]) },
      { name: 'supervisor', token: await signIn(url, manager.email), teamId: null, visible: agentsIn(managed) },
    ];
  } finally {
    await db.destroy();
  }
}

/** Whether the audience may see the agent's changes. */
function sees(audience: Audience, agent: string): boolean {
  return audience.visible === null || audience.visible.has(agent);
}

/** Opens `count` sockets spread round robin over the audiences, a hundred at a time. */
async function openSinks(count: number, audiences: Audience[], open: (i: number, audience: Audience) => Promise<Sink>): Promise<Sink[]> {
  const sinks: Sink[] = [];
  for (let i = 0; i < count; i += 100) {
    const batch = Array.from({ length: Math.min(100, count - i) }, (_, j) => open(i + j, audiences[(i + j) % audiences.length]));
    sinks.push(...(await Promise.all(batch)));
  }
  return sinks;
}

/** A graphql-transport-ws message other than a recorded delivery. */
interface ProtocolMessage {
  type: string;
  payload?: { data?: { agentStatusChanged?: unknown }; errors?: unknown };
}

/** Opens a socket whose deliveries go to a new sink; any other message is parsed and handed to `onOther`. */
async function openSink(url: string, protocol: string | null, audience: Audience, onOther: (sink: Sink, message: ProtocolMessage) => void = () => undefined): Promise<Sink> {
  const sink: Sink = { audience, socket: null!, sequences: [], arrivals: [], leaked: 0 };
  sink.socket = await openLeanSocket(url, protocol, (data, start, end) => {
    if (!receive(sink, data, start, end)) onOther(sink, JSON.parse(data.toString('utf8', start, end)));
  });
  return sink;
}

/** A graphql-ws (graphql-transport-ws protocol) subscriber speaking the protocol by hand, to keep the client cheap. */
async function graphqlSocket(httpUrl: string, audience: Audience): Promise<Sink> {
  let subscribed: () => void = () => undefined;
  const sink = await openSink(httpUrl.replace(/^http/, 'ws'), 'graphql-transport-ws', audience, (sink, message) => {
    if (message.type === 'connection_ack') {
      sink.socket.send(JSON.stringify({ id: '1', type: 'subscribe', payload: { query: SUBSCRIPTION, variables: { teamId: audience.teamId } } }));
      subscribed();
    } else if (message.type === 'next') {
      if (!message.payload?.data?.agentStatusChanged) console.error(JSON.stringify(message.payload?.errors));
    } else if (message.type === 'error') console.error(JSON.stringify(message.payload));
  });
  await new Promise<void>((resolve) => {
    subscribed = resolve;
    sink.socket.send(JSON.stringify({ type: 'connection_init', payload: { authorization: `Bearer ${audience.token}` } }));
  });
  return sink;
}

function baselineSocket(url: string, audience: Audience): Promise<Sink> {
  return openSink(`${url}?audience=${audience.name}`, null, audience);
}

async function startBaseline(): Promise<{ url: string; send(request: BaselineRequest): void; stop(): Promise<void> }> {
  const child = fork(join(__dirname, 'presence-baseline-server.js'), [], { stdio: 'inherit' });
  const url = await new Promise<string>((resolve) => child.once('message', (message: { url: string }) => resolve(message.url)));
  return {
    url,
    send: (request) => child.send(request),
    stop: () => new Promise<void>((resolve) => (child.exitCode !== null ? resolve() : (child.once('exit', () => resolve()), child.send({ type: 'stop' })))),
  };
}

async function signIn(url: string, email: string): Promise<string> {
  const result = await graphql<{ login: { token: string } }>(
    url,
    null,
    `mutation($t: String!, $e: String!, $p: String!) { login(tenant: $t, email: $e, password: $p) { token } }`,
    { t: BENCH_TENANT.slug, e: email, p: BENCH_TENANT.password },
  );
  return result.login.token;
}

/** Kept-alive connections for the changes: fetch costs the client several times more CPU per request, on the same two cores. */
const keepAlive = new http.Agent({ keepAlive: true, maxSockets: 256 });

async function graphql<T>(url: string, token: string | null, query: string, variables: Record<string, unknown> = {}): Promise<T> {
  const payload = JSON.stringify({ query, variables });
  const text = await new Promise<string>((resolve, reject) => {
    const request = http.request(
      url,
      {
        method: 'POST',
        agent: keepAlive,
        headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload), ...(token ? { authorization: `Bearer ${token}` } : {}) },
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => resolve(Buffer.concat(chunks).toString()));
        response.on('error', reject);
      },
    );
    request.on('error', reject);
    request.end(payload);
  });
  const body = JSON.parse(text) as { data?: T; errors?: unknown[] };
  if (body.errors?.length) throw new Error(JSON.stringify(body.errors));
  return body.data!;
}

const SEQUENCE = Buffer.from('"sequence":');
const USER_ID = Buffer.from('"user":{"id":"');

/**
 * Records a delivered event message, bytes `start` to `end` of `data` (false for any other message).
 * Deliveries are the client's hot path: it reads the sequence and agent from the bytes without
 * decoding or parsing the message.
 */
function receive(sink: Sink, data: Buffer, start: number, end: number): boolean {
  const at = data.indexOf(SEQUENCE, start);
  if (at < 0 || at >= end) return false;
  let sequence = 0;
  let digit = at + SEQUENCE.length;
  for (; data[digit] >= 0x30 && data[digit] <= 0x39; digit++) sequence = sequence * 10 + data[digit] - 0x30;
  const user = data.indexOf(USER_ID, digit);
  if (user < 0 || user >= end) return false;
  sink.sequences.push(sequence);
  sink.arrivals.push(Date.now());
  const agent = data.toString('latin1', user + USER_ID.length, user + USER_ID.length + 36);
  if (!sees(sink.audience, agent)) sink.leaked++;
  return true;
}

async function totalCpuMicros(apis: ServerProcess[]): Promise<number> {
  return (await Promise.all(apis.map((api) => api.cpuMicros()))).reduce((a, b) => a + b, 0);
}

/** Resident memory of each api process, in MB. */
function rss(apis: ServerProcess[]): number[] {
  return apis.map((api) => {
    const line = readFileSync(`/proc/${api.pid}/status`, 'utf8').split('\n').find((l) => l.startsWith('VmRSS:'));
    return line ? Math.round(Number(line.replace(/\D+/g, '')) / 1024) : NaN;
  });
}

const delay = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const round = (n: number) => Math.round(n * 100) / 100;
const print = (result: Record<string, unknown>) => console.log(JSON.stringify(result));

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
