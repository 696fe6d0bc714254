import { randomBytes } from 'node:crypto';
import {
  FIRST_EXTENSION,
  Location,
  Team,
  TeamMembership,
  User,
  UserRole,
  createDataSource,
  createTenant,
  defaultAlias,
  emailKey,
  ensureDatabase,
  hashPassword,
  withDatabaseName,
  type UserStatus,
} from '@switchboard/domain';

export const BENCH_TENANT = { slug: 'bench', adminEmail: 'admin@bench.test', password: 'bench-password-1' } as const;

export interface BenchRun {
  /** Unique per run; names the database and prefixes Redis keys. */
  runId: string;
  databaseUrl: string;
}

const FIRST_NAMES = ['Ava', 'Ben', 'Chloe', 'Dev', 'Elena', 'Farid', 'Grace', 'Hiro', 'Isla', 'Jonas', 'Kemi', 'Luis'];
const LAST_NAMES = ['Nguyen', 'Okafor', 'Patel', 'Quinn', 'Rossi', 'Schmidt', 'Tanaka'];

/** A fresh database name on `serverUrl` for one run; nothing is created yet. */
export function newBenchRun(serverUrl: string): BenchRun {
  const runId = `sb_bench_${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
  return { runId, databaseUrl: withDatabaseName(serverUrl, runId) };
}

/**
 * Creates and migrates the run's database and seeds one tenant with `userCount` users (the admin
 * included) over a few locations, teams and roles; returns the tenant id. The caller drops it.
 */
export async function seedBenchDatabase(databaseUrl: string, userCount: number): Promise<string> {
  await ensureDatabase(databaseUrl);
  const db = createDataSource({ databaseUrl, poolSize: 1 });
  await db.initialize();
  try {
    await db.runMigrations({ transaction: 'each' });
    const tenant = await createTenant(db, {
      slug: BENCH_TENANT.slug,
      name: 'Bench Contact Center',
      adminEmail: BENCH_TENANT.adminEmail,
      adminPassword: BENCH_TENANT.password,
    });
    const tenantId = tenant.tenantId;
    const roles = tenant.roleIds;
    // argon2 takes tens of milliseconds: one hash shared by every seeded user.
    const passwordHash = await hashPassword(BENCH_TENANT.password);

    await db.transaction(async (tx) => {
      const locations = await tx.getRepository(Location).save(
        [
          ['London', 'en-GB'],
          ['Austin', 'en-US'],
          ['Manila', 'en-PH'],
          ['Lisbon', 'pt-PT'],
        ].map(([name, language]) => tx.getRepository(Location).create({ tenantId, name, language })),
      );
      const teams = tx.getRepository(Team);
      const parents = await teams.save(['Support', 'Sales'].map((name) => teams.create({ tenantId, name, parentId: null })));
      const leaves = await teams.save(
        ['Tier 1', 'Tier 2', 'Billing'].flatMap((name) =>
          parents.map((parent) => teams.create({ tenantId, name: `${parent.name} ${name}`, parentId: parent.id })),
        ),
      );

      // Bulk inserts with precomputed extensions: insertUserRecord's per-user lowest-free-extension
      // search makes seeding a thousand users take most of a minute.
      const seeds = Array.from({ length: userCount - 1 }, (_, index) => seedUser(index + 1));
      const inserted = await tx.getRepository(User).insert(
        seeds.map(({ i, email, firstName, lastName, status }) => ({
          tenantId,
          email,
          emailKey: emailKey(email),
          firstName,
          lastName,
          alias: defaultAlias(firstName, lastName),
          agentId: `A-${10000 + i}`,
          // Some users without a location, so the nullable path is measured too.
          locationId: i % 5 === 0 ? null : locations[i % locations.length].id,
          chatConcurrency: i % 3 === 0 ? 3 : null,
          chatConcurrencyEnabled: i % 3 === 0,
          extension: FIRST_EXTENSION + i,
          status,
          passwordHash: status === 'INVITED' ? null : passwordHash,
        })),
      );
      const userRoles: Partial<UserRole>[] = [];
      const memberships: Partial<TeamMembership>[] = [];
      seeds.forEach(({ i }, index) => {
        const userId = String(inserted.identifiers[index].id);
        const supervisor = i % 10 === 0;
        const roleIds = supervisor ? [roles.AGENT, roles.MANAGER_TEAMS] : i % 50 === 1 ? [roles.MANAGER] : [roles.AGENT];
        for (const roleId of roleIds) userRoles.push({ tenantId, userId, roleId });
        const leaf = leaves[i % leaves.length];
        memberships.push({ tenantId, teamId: leaf.id, userId, role: 'MEMBER' });
        if (supervisor) memberships.push({ tenantId, teamId: leaf.parentId!, userId, role: 'MANAGER' });
      });
      await tx.getRepository(UserRole).insert(userRoles);
      await tx.getRepository(TeamMembership).insert(memberships);
    });
    // Fresh tables have no statistics; both contenders should get the plans a live database gets.
    await db.query('ANALYZE');
    return tenantId;
  } finally {
    await db.destroy();
  }
}

function seedUser(i: number): { i: number; email: string; firstName: string; lastName: string; status: UserStatus } {
  return {
    i,
    email: `agent${String(i).padStart(4, '0')}@bench.test`,
    firstName: FIRST_NAMES[i % FIRST_NAMES.length],
    lastName: LAST_NAMES[i % LAST_NAMES.length],
    status: i % 30 === 0 ? 'INVITED' : i % 25 === 0 ? 'DEACTIVATED' : 'ACTIVE',
  };
}
