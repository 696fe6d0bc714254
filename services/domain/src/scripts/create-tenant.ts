import { parseArgs } from 'node:util';
import { ConfigError, loadDatabaseUrl } from '../config/config';
import { createDataSource } from '../db/data-source';
import { createTenant } from '../tenants/tenants.service';
import { AppError } from '../errors/app-error';

const USAGE =
  'Usage: npm run tenant:create -- --slug acme --name "Acme" --admin-email admin@acme.test --admin-password \'...\'';

/** Creates a tenant with its default roles and first admin; prints their ids as JSON. */
async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      slug: { type: 'string' },
      name: { type: 'string' },
      'admin-email': { type: 'string' },
      'admin-password': { type: 'string' },
      'admin-first-name': { type: 'string' },
      'admin-last-name': { type: 'string' },
    },
  });
  const { slug, name } = values;
  const adminEmail = values['admin-email'];
  const adminPassword = values['admin-password'];
  if (!slug || !name || !adminEmail || !adminPassword) {
    console.error(USAGE);
    process.exit(2);
  }
  const db = createDataSource({ databaseUrl: loadDatabaseUrl(), poolSize: 2 });
  await db.initialize();
  try {
    const created = await createTenant(db, {
      slug,
      name,
      adminEmail,
      adminPassword,
      adminFirstName: values['admin-first-name'],
      adminLastName: values['admin-last-name'],
    });
    console.log(JSON.stringify(created));
  } finally {
    await db.destroy();
  }
}

main().catch((error: unknown) => {
  if (error instanceof AppError || error instanceof ConfigError) {
    console.error(`${error.message}${error instanceof AppError && error.field ? ` (${error.field})` : ''}`);
  } else {
    console.error(error);
  }
  process.exit(1);
});
