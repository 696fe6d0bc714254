import { ConfigError, loadDatabaseUrl } from '../config/config';
import { createDataSource } from '../db/data-source';
import { ensureDatabase } from '../db/database-admin';
import { seedDemoTenant } from '../demo/demo-tenant';

/** Creates the database when missing and runs pending migrations (`--seed-demo` also seeds the demo tenant). */
async function main(): Promise<void> {
  const databaseUrl = loadDatabaseUrl();
  await ensureDatabase(databaseUrl);
  const db = createDataSource({ databaseUrl, poolSize: 2 });
  await db.initialize();
  try {
    const applied = await db.runMigrations({ transaction: 'each' });
    for (const migration of applied) console.log(`migrated: ${migration.name}`);
    if (process.argv.includes('--seed-demo')) {
      console.log((await seedDemoTenant(db)) ? 'seeded the demo tenant' : 'demo tenant already present');
    }
  } finally {
    await db.destroy();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
});
