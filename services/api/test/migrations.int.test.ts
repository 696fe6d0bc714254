import { randomBytes } from 'node:crypto';
import { createDataSource, dropDatabase, ensureDatabase, withDatabaseName } from '@switchboard/domain';

// Its own empty database: migrate up, compare with the entities, migrate all the way down.
const databaseUrl = withDatabaseName(process.env.DATABASE_URL!, `sb_migrations_${randomBytes(4).toString('hex')}`);
const db = createDataSource({ databaseUrl, poolSize: 1 });

beforeAll(async () => {
  await ensureDatabase(databaseUrl);
  await db.initialize();
});
afterAll(async () => {
  await db.destroy();
  await dropDatabase(databaseUrl);
});

const tables = async () =>
  (await db.query(`SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename`)).map((r: { tablename: string }) => r.tablename);

describe('migrations', () => {
  it('migrate an empty database up, match the entities exactly, and migrate down again', async () => {
    const applied = await db.runMigrations({ transaction: 'each' });
    expect(applied.length).toBe(db.migrations.length);
    expect(await tables()).toEqual(expect.arrayContaining(['users', 'teams', 'roles', 'agent_presences', 'bulk_jobs', 'email_outbox']));

    const drift = await db.driver.createSchemaBuilder().log();
    expect(drift.upQueries.map((q) => q.query)).toEqual([]);

    for (let i = 0; i < applied.length; i++) await db.undoLastMigration({ transaction: 'each' });
    expect(await tables()).toEqual(['migrations']);
    const types = await db.query(`SELECT typname FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace WHERE n.nspname = 'public' AND t.typtype = 'e'`);
    expect(types).toEqual([]);
  });
});
