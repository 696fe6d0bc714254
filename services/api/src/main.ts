import 'reflect-metadata';
import { createDataSource, createLogger, createRedis, loadConfigOrExit, stopOnSignals } from '@switchboard/domain';
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

  stopOnSignals(logger, 'api', async () => {
    await server.stop();
    redis.disconnect();
    await db.destroy();
  });
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
