import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';

const webDir = join(__dirname, '..', '..');
const nextBin = require.resolve('next/dist/bin/next', { paths: [webDir] });
// What a build is made from: if any of it is newer than the build, the build is stale.
const SOURCES = ['app', 'src', 'proxy.ts', 'next.config.ts', 'codegen.ts', 'tsconfig.json', 'package.json', '../schema.graphql'];
const GENERATED = join(webDir, 'src', 'gql');
const distDir = process.env.NEXT_DIST_DIR ?? '.next';

export interface ConsoleServer {
  url: string;
  stop(): Promise<void>;
}

function newestChange(path: string): number {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  const entries = readdirSync(path).filter((entry) => join(path, entry) !== GENERATED);
  return Math.max(stat.mtimeMs, ...entries.map((entry) => newestChange(join(path, entry))));
}

/** Whether web/.next holds a production build newer than every console source file (generated types aside). */
function buildIsFresh(): boolean {
  const buildId = join(webDir, distDir, 'BUILD_ID');
  if (!existsSync(buildId)) return false;
  const sources = SOURCES.map((name) => join(webDir, name)).filter((path) => existsSync(path));
  return statSync(buildId).mtimeMs > Math.max(...sources.map(newestChange));
}

/** Runs `next` in web/ as its own process group, keeping its output for error messages. */
function runNext(args: string[], env: NodeJS.ProcessEnv): { child: ChildProcess; output: () => string } {
  // Jest sets NODE_ENV=test, which Next refuses to build or serve with as production.
  const child = spawn(process.execPath, [nextBin, ...args], {
    cwd: webDir,
    env: { ...process.env, NODE_ENV: 'production', NEXT_TELEMETRY_DISABLED: '1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  let output = '';
  child.stdout!.on('data', (chunk) => (output += chunk));
  child.stderr!.on('data', (chunk) => (output += chunk));
  return { child, output: () => output };
}

/** Generates the typed operations and builds the console (`npm run build`) unless the build is up to date. */
export async function ensureConsoleBuild(): Promise<void> {
  if (buildIsFresh()) return;
  const child = spawn('npm', ['run', 'build'], {
    cwd: webDir,
    env: { ...process.env, NODE_ENV: 'production', NEXT_TELEMETRY_DISABLED: '1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk) => (output += chunk));
  child.stderr.on('data', (chunk) => (output += chunk));
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  if (code !== 0) throw new Error(`npm run build in web/ failed (exit code ${code}):\n${output}`);
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

/** Starts the built console (`next start`) on a free port, forwarding /graphql to apiOrigin. */
export async function startConsole(apiOrigin: string): Promise<ConsoleServer> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const { child, output } = runNext(['start', '-p', String(port), '-H', '127.0.0.1'], { API_URL: apiOrigin });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async () => {
    // The whole group: whatever next start forked goes with it.
    if (child.exitCode === null && child.signalCode === null) process.kill(-child.pid!, 'SIGTERM');
    await exited;
  };
  for (let attempt = 0; attempt < 120; attempt++) {
    if (child.exitCode !== null) break;
    const response = await fetch(`${url}/login`).catch(() => null);
    if (response?.ok) return { url, stop };
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  await stop();
  throw new Error(`next start did not answer on ${url}/login:\n${output()}`);
}
