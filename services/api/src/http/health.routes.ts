import { Router } from 'express';
import type { DataSource } from 'typeorm';
import type { Redis } from 'ioredis';
import type { Metrics } from './metrics';

/** /healthz (the process runs), /readyz (PostgreSQL and Redis answer), /metrics (Prometheus). */
export function healthRoutes({ db, redis, metrics }: { db: DataSource; redis: Redis; metrics: Metrics }): Router {
  const router = Router();
  router.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  router.get('/readyz', async (_req, res) => {
    const [postgres, redisOk] = await Promise.all([
      db.query('SELECT 1').then(() => true, () => false),
      redis.ping().then(() => true, () => false),
    ]);
    res.status(postgres && redisOk ? 200 : 503).json({ postgres: postgres ? 'ok' : 'down', redis: redisOk ? 'ok' : 'down' });
  });
  router.get('/metrics', async (_req, res) => {
    res.type(metrics.registry.contentType).send(await metrics.registry.metrics());
  });
  return router;
}
