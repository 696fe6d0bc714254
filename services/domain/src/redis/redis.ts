import { Redis, type RedisOptions } from 'ioredis';

/**
 * A Redis connection. `forWorker` connections never give up on a command (BullMQ workers block and
 * must survive Redis restarts); the others fail fast so producers report Redis being down.
 */
export function createRedis(url: string, { forWorker = false, name }: { forWorker?: boolean; name?: string } = {}): Redis {
  const options: RedisOptions = forWorker
    ? { maxRetriesPerRequest: null, connectionName: name }
    : { maxRetriesPerRequest: 2, enableOfflineQueue: false, connectionName: name };
  return new Redis(url, options);
}
