import { spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { connect, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const root = resolve(__dirname, '../../..');

/** A TCP port nothing listens on right now. */
function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolvePort(address.port) : reject(new Error('no port'))));
    });
  });
}

/** Whether something accepts connections on the port. */
function answers(port: number): Promise<boolean> {
  return new Promise((resolveAnswer) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => (socket.destroy(), resolveAnswer(true)));
    socket.once('error', () => resolveAnswer(false));
  });
}

function waitForOutput(child: ChildProcess, text: string, output: () => string, ms: number): Promise<void> {
  return new Promise((resolveWait, reject) => {
    const timer = setTimeout(() => reject(new Error(`"${text}" not printed within ${ms} ms:\n${output()}`)), ms);
    const check = () => {
      if (output().includes(text)) {
        clearTimeout(timer);
        resolveWait();
      }
    };
    child.stdout?.on('data', check);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`npm start exited with ${code} before "${text}":\n${output()}`));
    });
  });
}

// `npm start` on a machine where nothing answers on the ports it probes: it must start an embedded
// PostgreSQL and a redis-server of its own, migrate, seed the demo tenant, and serve the API.
describe('npm start with nothing configured', () => {
  let child: ChildProcess;
  let output = '';
  let apiPort: number;
  let postgresPort: number;
  let redisPort: number;
  let webPort: number;
  const dataDir = mkdtempSync(join(tmpdir(), 'switchboard-start-'));
  // The embedded PostgreSQL runs as the postgres user when we are root: it must reach the folder.
  chmodSync(dataDir, 0o755);

  beforeAll(async () => {
    [apiPort, postgresPort, redisPort, webPort] = [await freePort(), await freePort(), await freePort(), await freePort()];
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      API_PORT: String(apiPort),
      EMBEDDED_POSTGRES_PORT: String(postgresPort),
      EMBEDDED_REDIS_PORT: String(redisPort),
      WEB_PORT: String(webPort),
      SWITCHBOARD_DATA_DIR: dataDir,
      LOG_LEVEL: 'warn',
    };
    // As in a person's shell: jest's NODE_ENV=test would switch off behaviour production has.
    delete env.NODE_ENV;
    delete env.DATABASE_URL;
    delete env.REDIS_URL;
    delete env.REDIS_PREFIX;
    child = spawn(process.execPath, ['scripts/start.mjs'], { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout!.on('data', (chunk) => (output += chunk));
    child.stderr!.on('data', (chunk) => (output += chunk));
    await waitForOutput(child, 'Switchboard is running', () => output, 150_000);
  }, 160_000);

  afterAll(() => {
    if (child.exitCode === null) child.kill('SIGKILL');
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('serves the console', async () => {
    const response = await fetch(`http://127.0.0.1:${webPort}/login`);
    expect(response.status).toBe(200);
    expect(await response.text()).toContain('Sign in');
  });

  it('starts its own PostgreSQL and Redis, seeds the demo tenant, and lets a script sign in', async () => {
    expect(output).toContain('embedded PostgreSQL running');
    expect(output).toContain('redis-server running');
    const call = async (query: string, token?: string) => {
      const response = await fetch(`http://127.0.0.1:${apiPort}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
        body: JSON.stringify({ query }),
      });
      return (await response.json()) as { data: any; errors?: unknown[] };
    };
    const login = await call(
      `mutation { login(tenant: "demo", email: "admin@demo.test", password: "switchboard-demo-1") { token } }`,
    );
    expect(login.errors).toBeUndefined();
    const token = login.data.login.token as string;
    const result = await call(`{ me { user { email } licenseType } users(first: 5) { totalCount } teams { name } }`, token);
    expect(result.data.me).toEqual({ user: { email: 'admin@demo.test' }, licenseType: 'ADMIN' });
    expect(result.data.users.totalCount).toBe(63);
    expect(result.data.teams).toHaveLength(5);
  });

  it('stops everything cleanly on Ctrl-C', async () => {
    const exited = new Promise<number | null>((resolveExit) => child.once('exit', resolveExit));
    child.kill('SIGINT');
    expect(await exited).toBe(0);
    expect(output).toContain('[start] stopped');
    await expect(fetch(`http://127.0.0.1:${apiPort}/healthz`)).rejects.toThrow();
    expect(await answers(postgresPort)).toBe(false);
    expect(await answers(redisPort)).toBe(false);
    expect(await answers(webPort)).toBe(false);
  }, 60_000);
});
