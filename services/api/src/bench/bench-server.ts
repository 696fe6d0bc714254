import './production-mode';
import { QueryCounter, createDataSource, createLogger, createRedis, loadConfig } from '@switchboard/domain';
import { createApiServer } from '../server';
import { startBaselineServer } from './baseline-server';

/** What the benchmark asks a server process over IPC, and what it answers. */
export type ServerRequest = { type: 'cpu' } | { type: 'resetStatements' } | { type: 'statements' } | { type: 'stop' };
export type ServerMessage =
  | { type: 'ready'; url: string; statementsPerRequest?: number }
  | { type: 'cpu'; micros: number }
  | { type: 'statements'; count: number };

const send = (message: ServerMessage) => process.send!(message);

/**
 * A server under test in a process of its own (forked by api.bench.ts), so it has an event loop
 * and a heap to itself and autocannon's work is not counted against it.
 * BENCH_TARGET=graphql starts the real api; BENCH_TARGET=baseline the bare node:http + pg handler.
 */
async function main(): Promise<void> {
  const config = loadConfig({ ...process.env, LOG_LEVEL: 'silent' });
  const statements = new QueryCounter();
  let url: string;
  let stop: () => Promise<void>;
  let statementsPerRequest: number | undefined;
  if (process.env.BENCH_TARGET === 'baseline') {
    const baseline = await startBaselineServer(config.databaseUrl, process.env.BENCH_TENANT_ID!, config.databasePoolSize);
    ({ url, statementsPerRequest } = baseline);
    stop = () => baseline.close();
  } else {
    const db = createDataSource({ databaseUrl: config.databaseUrl, poolSize: config.databasePoolSize, logger: statements });
    await db.initialize();
    const redis = createRedis(config.redisUrl, { name: 'api-bench' });
    const api = await createApiServer({ config, db, redis, logger: createLogger('api-bench', 'silent') });
    url = `http://127.0.0.1:${await api.listen(0, '127.0.0.1')}/graphql`;
    stop = async () => {
      await api.stop();
      redis.disconnect();
      await db.destroy();
    };
  }
  process.on('message', async (request: ServerRequest) => {
    if (request.type === 'cpu') {
      const cpu = process.cpuUsage();
      send({ type: 'cpu', micros: cpu.user + cpu.system });
    } else if (request.type === 'resetStatements') {
      statements.count = 0;
      send({ type: 'statements', count: 0 });
    } else if (request.type === 'statements') {
      send({ type: 'statements', count: statements.count });
    } else {
      await stop();
      process.exit(0);
    }
  });
  send({ type: 'ready', url, statementsPerRequest });
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
