import { Redis } from 'ioredis';
import { dropDatabase } from '../../../domain/src/db/database-admin';
import { deleteKeysWithPrefix } from '../../../domain/src/redis/redis';

/** Drops the run's database and deletes its Redis keys. */
export default async function globalTeardown(): Promise<void> {
  const { DATABASE_URL, REDIS_URL, REDIS_PREFIX, SWITCHBOARD_TEST_RUN } = process.env;
  if (!SWITCHBOARD_TEST_RUN) return;
  delete process.env.SWITCHBOARD_TEST_RUN;
  if (DATABASE_URL) await dropDatabase(DATABASE_URL);
  if (REDIS_URL && REDIS_PREFIX) {
    const redis = new Redis(REDIS_URL);
    await deleteKeysWithPrefix(redis, REDIS_PREFIX);
    redis.disconnect();
  }
}
