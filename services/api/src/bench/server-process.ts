import { fork, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import type { ServerMessage, ServerRequest } from './bench-server';

/** A server under test running in a child process. */
export interface ServerProcess {
  /** The child process id (to read its memory use). */
  pid: number;
  url: string;
  /** Hand-counted statements per request, for the baseline. */
  statementsPerRequest?: number;
  /** CPU time the process has used so far, in microseconds. */
  cpuMicros(): Promise<number>;
  resetStatements(): Promise<void>;
  /** SQL statements since the last reset (the api only). */
  statements(): Promise<number>;
  stop(): Promise<void>;
}

/** BENCH_PROFILE_DIR: a benchmarked process writes a CPU profile there when it stops (to see where its time goes). */
export function profilingArgs(env: NodeJS.ProcessEnv): string[] {
  return env.BENCH_PROFILE_DIR ? ['--cpu-prof', `--cpu-prof-dir=${env.BENCH_PROFILE_DIR}`] : [];
}

/** Forks bench-server.js with BENCH_TARGET=`target` and resolves once it listens. */
export async function startServerProcess(target: 'graphql' | 'baseline', env: NodeJS.ProcessEnv): Promise<ServerProcess> {
  // Both servers run with the young-generation size the api is deployed with (scripts/start.mjs, docker/).
  const child = fork(join(__dirname, 'bench-server.js'), [], {
    env: { ...env, BENCH_TARGET: target },
    stdio: 'inherit',
    execArgv: ['--max-semi-space-size=32', ...profilingArgs(env)],
  });
  const ready = await nextMessage(child);
  if (ready.type !== 'ready') throw new Error(`${target} server did not start`);
  const ask = async (request: ServerRequest) => {
    const reply = nextMessage(child);
    child.send(request);
    return reply;
  };
  return {
    pid: child.pid!,
    url: ready.url,
    statementsPerRequest: ready.statementsPerRequest,
    cpuMicros: async () => {
      const reply = await ask({ type: 'cpu' });
      return reply.type === 'cpu' ? reply.micros : NaN;
    },
    resetStatements: async () => void (await ask({ type: 'resetStatements' })),
    statements: async () => {
      const reply = await ask({ type: 'statements' });
      return reply.type === 'statements' ? reply.count : NaN;
    },
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.send({ type: 'stop' } satisfies ServerRequest);
      }),
  };
}

function nextMessage(child: ChildProcess): Promise<ServerMessage> {
  return new Promise((resolve, reject) => {
    const onExit = (code: number | null) => reject(new Error(`server process exited with ${code}`));
    child.once('exit', onExit);
    child.once('message', (message: ServerMessage) => {
      child.off('exit', onExit);
      resolve(message);
    });
  });
}
