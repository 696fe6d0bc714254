import 'reflect-metadata';
import { createDataSource, createLogger, createRedis, loadConfigOrExit } from '@switchboard/domain';
import { createApiServer } from './server';

/** Starts one api process; SIGINT/SIGTERM drain it. */
async function main(): Promise<void> {
  const config = loadConfigOrExit();
  const logger = createLogger('api', config.logLevel);
  const db = createDataSource({ databaseUrl: config.databaseUrl, poolSize: config.databasePoolSize });
  await db.initialize();
  const redis = createRedis(config.redisUrl, { name: 'api', logger });
  const server = await createApiServer({ config, db, redis, logger });
  const port = await server.listen();
  logger.info({ port }, `api listening on http://localhost:${port}/graphql`);

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'api shutting down');
    await server.stop();
    redis.disconnect();
    await db.destroy();
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
