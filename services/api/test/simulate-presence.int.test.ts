import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { DEMO_TENANT, demoAgentEmail, seedDemoTenant } from '@switchboard/domain';
import { signIn, startTestApi, type TestApi } from './support/test-api';

// `npm run simulate` against a real api (HTTP on a real port) over the run's database: the script
// signs demo agents in, starts their shifts, changes their statuses and heartbeats at the api's pace,
// and on Ctrl-C ends their shifts and exits 0.
//
// This runs the BUILT script (services/api/dist/scripts/simulate-presence.js), as `npm run simulate`
// does, not the sources: `npm test` builds with turbo before jest runs; when running jest by itself
// (`npm run test:integration`, `npx jest ...`), run `npx turbo run build` first, or this tests the
// script as it was at the last build.

const root = resolve(__dirname, '../../..');
const SCRIPT = resolve(root, 'services/api/dist/scripts/simulate-presence.js');
const SOURCE = resolve(root, 'services/api/src/scripts/simulate-presence.ts');
const AGENTS = 3;
const EMAILS = Array.from({ length: AGENTS }, (_, i) => demoAgentEmail(i + 1));

interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

interface Simulation {
  child: ChildProcess;
  stdout: string;
  stderr: string;
  /** Set once the process has exited and its output is read to the end. */
  exit?: Exit;
}

let api: TestApi;
let admin: string;
/** Demo agents agent01… by id, the ones the simulator signs in. */
let agentIds: string[];
const started: Simulation[] = [];

beforeAll(async () => {
  // A build older than the script's source would test old code and pass: refuse it instead.
  if (!existsSync(SCRIPT) || statSync(SCRIPT).mtimeMs < statSync(SOURCE).mtimeMs) {
    throw new Error(`${SCRIPT} is missing or older than ${SOURCE}: build first (npx turbo run build; npm test does)`);
  }
  // A 3 s heartbeat timeout makes the api ask for a heartbeat every second (heartbeatEverySeconds),
  // instead of every 30 s. No worker runs here, so nobody is put Offline for a missed heartbeat.
  api = await startTestApi({ PRESENCE_HEARTBEAT_TIMEOUT_SECONDS: '3' });
  // The simulator adds missing demo agents itself (ensureDemoAgents); seeding first lets the test
  // sign in as the demo admin and know the agents' ids before the script runs.
  await seedDemoTenant(api.db);
  admin = await signIn(api, DEMO_TENANT.slug, DEMO_TENANT.adminEmail, DEMO_TENANT.password);
  const rows: { id: string; email: string }[] = await api.db.query(
    `SELECT u.id, u.email FROM users u JOIN tenants t ON t.id = u.tenant_id WHERE t.slug = $1 AND u.email = ANY($2) ORDER BY u.email`,
    [DEMO_TENANT.slug, EMAILS],
  );
  expect(rows.map((r) => r.email)).toEqual(EMAILS);
  agentIds = rows.map((r) => r.id);
});

afterEach(async () => {
  // A failed test must not leave a simulator running.
  await Promise.all(
    started.splice(0).map(async (simulation) => {
      if (simulation.exit) return;
      simulation.child.kill('SIGKILL');
      await new Promise((resolveClose) => simulation.child.once('close', resolveClose));
    }),
  );
});

afterAll(() => api?.stop());

/** Starts the built simulator against the test's api and database. */
function simulate(args: string[]): Simulation {
  const child = spawn(process.execPath, [SCRIPT, ...args], {
    cwd: root,
    // Only what it is documented to read, as beside a plain `npm start`: no REDIS_URL, NODE_ENV or
    // other api configuration (needing them is how it broke before).
    env: { PATH: process.env.PATH ?? '', API_URL: api.url.replace(/\/graphql$/, ''), DATABASE_URL: api.config.databaseUrl },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const simulation: Simulation = { child, stdout: '', stderr: '' };
  child.stdout!.on('data', (chunk: Buffer) => (simulation.stdout += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (simulation.stderr += chunk.toString()));
  child.once('close', (code, signal) => (simulation.exit = { code, signal }));
  started.push(simulation);
  return simulation;
}

/** A failure `eventually` reports at once instead of retrying. */
class GaveUp extends Error {}

/** Polls until `check` passes, or throws its last failure after `ms`. */
async function eventually<T>(check: () => T | Promise<T>, ms = 15_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    try {
      return await check();
    } catch (error) {
      if (error instanceof GaveUp || Date.now() > deadline) throw error;
      await new Promise((resolveWait) => setTimeout(resolveWait, 50));
    }
  }
}

const describeRun = (s: Simulation) => `exit ${JSON.stringify(s.exit ?? 'none yet')}\n--- stdout\n${s.stdout}--- stderr\n${s.stderr}`;

/** Throws (without retrying) when the simulator has exited. */
function assertRunning(simulation: Simulation): void {
  if (simulation.exit) throw new GaveUp(`the simulator exited:\n${describeRun(simulation)}`);
}

/** Waits for the simulator to exit and returns how it did. */
function exitOf(simulation: Simulation): Promise<Exit> {
  return eventually(() => {
    if (!simulation.exit) throw new Error(`the simulator is still running:\n${describeRun(simulation)}`);
    return simulation.exit;
  });
}

interface BoardRow {
  user: { id: string; email: string };
  status: { systemKey: string | null; agentSelectable: boolean };
  offlineReason: string | null;
}

/** The demo tenant's board as its admin sees it, by email. */
async function board(): Promise<BoardRow[]> {
  const result = await api.graphql<{ agentPresences: BoardRow[] }>(
    `{ agentPresences { user { id email } status { systemKey agentSelectable } offlineReason } }`,
    { token: admin },
  );
  expect(result.errors).toBeUndefined();
  return [...result.data!.agentPresences].sort((a, b) => a.user.email.localeCompare(b.user.email));
}

describe('npm run simulate', () => {
  it('puts the agents on shift, changes their statuses, heartbeats at the pace the api asks, and ends their shifts on Ctrl-C', async () => {
    const simulation = simulate(['--agents', String(AGENTS), '--rate', '10']);

    await eventually(() => {
      assertRunning(simulation);
      expect(simulation.stdout).toContain(`${AGENTS} agents on shift; changing 10 statuses per second among `);
    }, 20_000);
    // Exactly those agents have a presence (no other demo agent started a shift), none Offline.
    const onShift = await board();
    expect(onShift.map((row) => row.user.email)).toEqual(EMAILS);
    for (const row of onShift) expect(row.status.systemKey).not.toBe('OFFLINE');

    // Each agent's own status changes (setMyStatus: by the agent, without a reason) are recorded.
    await eventually(async () => {
      assertRunning(simulation);
      const changes: { userId: string; changes: number }[] = await api.db.query(
        `SELECT u.id AS "userId", count(e.id)::int AS changes
           FROM users u LEFT JOIN agent_status_events e ON e.user_id = u.id AND e.changed_by_user_id = u.id AND e.reason IS NULL
          WHERE u.id = ANY($1) GROUP BY u.id`,
        [agentIds],
      );
      expect(changes.filter((c) => c.changes > 0).map((c) => c.userId).sort()).toEqual([...agentIds].sort());
    });

    // A heartbeat moves last_heartbeat_at past the agent's last change (which sets both to the
    // same instant). The api asks for one a second here; a script keeping to 30 s would not get there.
    const heartbeatSeen = new Set<string>();
    await eventually(async () => {
      assertRunning(simulation);
      const rows: { userId: string }[] = await api.db.query(
        `SELECT user_id AS "userId" FROM agent_presences WHERE user_id = ANY($1) AND last_heartbeat_at > since`,
        [agentIds],
      );
      for (const row of rows) heartbeatSeen.add(row.userId);
      expect([...heartbeatSeen].sort()).toEqual([...agentIds].sort());
    });

    simulation.child.kill('SIGINT');
    expect(await exitOf(simulation)).toEqual({ code: 0, signal: null });
    expect(simulation.stdout).toMatch(new RegExp(`ended ${AGENTS} shifts after \\d+ changes`));

    // Their shifts ended: Offline, by the agents themselves, not for a missed heartbeat.
    const after = await board();
    expect(after.map((row) => [row.user.email, row.status.systemKey, row.offlineReason])).toEqual(EMAILS.map((email) => [email, 'OFFLINE', null]));
    const last: { userId: string; reason: string | null; changedBy: string | null }[] = await api.db.query(
      `SELECT DISTINCT ON (user_id) user_id AS "userId", reason, changed_by_user_id AS "changedBy"
         FROM agent_status_events WHERE user_id = ANY($1) ORDER BY user_id, sequence DESC`,
      [agentIds],
    );
    expect(last.sort((a, b) => a.userId.localeCompare(b.userId))).toEqual(
      [...agentIds].sort().map((userId) => ({ userId, reason: 'Ended shift', changedBy: userId })),
    );
  }, 90_000);

  it.each([
    [['--agents', '0'], '--agents must be a positive whole number'],
    [['--rate', '0'], '--rate must be a positive number of changes per second'],
  ])('refuses %j: exits non-zero saying "%s"', async (args, message) => {
    const simulation = simulate(args);
    const exit = await exitOf(simulation);
    expect(exit.code).not.toBe(0);
    expect(exit.code).not.toBeNull();
    expect(simulation.stderr).toContain(message);
  });
});
