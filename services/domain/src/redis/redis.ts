import { Redis, type RedisOptions } from 'ioredis';
import type { Logger } from '../logging/logger';

export interface RedisConnectionOptions {
  /** Worker connections never give up on a command (BullMQ workers block and must survive Redis restarts). */
  forWorker?: boolean;
  name?: string;
  /** Receives connection errors; ioredis reconnects by itself, so they are warnings. */
  logger?: Logger;
}

/** A Redis connection. Non-worker connections fail fast so producers report Redis being down. */
export function createRedis(url: string, { forWorker = false, name, logger }: RedisConnectionOptions = {}): Redis {
  const options: RedisOptions = forWorker
    ? { maxRetriesPerRequest: null, connectionName: name }
    : { maxRetriesPerRequest: 2, enableOfflineQueue: false, connectionName: name };
  const redis = new Redis(url, options);
  // Without a listener ioredis prints "Unhandled error event" on every failed reconnect.
  redis.on('error', (error: Error) => logger?.warn({ connection: name, err: error.message }, 'redis connection error'));
  return redis;
}

/** Deletes every key under `prefix:` (a test run's or a benchmark's), a batch at a time. */
export async function deleteKeysWithPrefix(redis: Redis, prefix: string): Promise<void> {
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
    if (keys.length > 0) await redis.del(...keys);
    cursor = next;
  } while (cursor !== '0');
}
