import { randomBytes } from 'node:crypto';
import { createDataSource } from '../../../domain/src/db/data-source';
import { ensureDatabase, withDatabaseName } from '../../../domain/src/db/database-admin';

/**
 * One database and one Redis key prefix per test run, so two runs never collide.
 * The server comes from TEST_DATABASE_URL (or DATABASE_URL), defaulting to local PostgreSQL.
 */
export default async function globalSetup(): Promise<void> {
  // Every jest project names this setup; the first one prepares the run for all of them.
  if (process.env.SWITCHBOARD_TEST_RUN) return;
  const runId = `sb_test_${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
  const server = process.env.TEST_DATABASE_URL ?? process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const databaseUrl = withDatabaseName(server, runId);
  await ensureDatabase(databaseUrl);
  const db = createDataSource({ databaseUrl, poolSize: 1 });
  await db.initialize();
  await db.runMigrations({ transaction: 'each' });
  await db.destroy();

  process.env.DATABASE_URL = databaseUrl;
  process.env.REDIS_URL = process.env.TEST_REDIS_URL ?? process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
  process.env.REDIS_PREFIX = runId;
  process.env.SWITCHBOARD_TEST_RUN = runId;
}
