import type { DataSource } from 'typeorm';
import { Tenant } from '../tenants/tenant.entity';
import { createTenant } from '../tenants/tenants.service';
import { insertUserRecord } from '../users/user-records';
import { hashPassword } from '../auth/passwords';
import { Team } from '../teams/team.entity';
import { TeamMembership } from '../teams/team-membership.entity';
import { Location } from '../locations/location.entity';
import { Queue } from '../queues/queue.entity';
import { QueueAssignment } from '../queues/queue-assignment.entity';

export const DEMO_TENANT = {
  slug: 'demo',
  name: 'Demo Contact Center',
  adminEmail: 'admin@demo.test',
  /** Every demo user signs in with this password. */
  password: 'switchboard-demo-1',
} as const;

const FIRST_NAMES = ['Ava', 'Ben', 'Chloe', 'Dev', 'Elena', 'Farid', 'Grace', 'Hiro', 'Isla', 'Jonas', 'Kemi', 'Luis'];
const LAST_NAMES = ['Nguyen', 'Okafor', 'Patel', 'Quinn', 'Rossi'];

/**
 * Seeds the demo tenant once: an admin, 2 supervisors, 60 agents, 5 teams in a two-level tree,
 * locations and queues. Returns false when it already exists (running it again changes nothing).
 */
export async function seedDemoTenant(db: DataSource): Promise<boolean> {
  if (await db.getRepository(Tenant).existsBy({ slug: DEMO_TENANT.slug })) return false;
  const created = await createTenant(db, {
    slug: DEMO_TENANT.slug,
    name: DEMO_TENANT.name,
    adminEmail: DEMO_TENANT.adminEmail,
    adminPassword: DEMO_TENANT.password,
    adminFirstName: 'Ada',
    adminLastName: 'Admin',
  });
  // One hash for all demo users keeps seeding fast; each user can change their password.
  const passwordHash = await hashPassword(DEMO_TENANT.password);
  const tenantId = created.tenantId;

  await db.transaction(async (tx) => {
    const [london, austin] = await tx.getRepository(Location).save([
      tx.getRepository(Location).create({ tenantId, name: 'London', language: 'en-GB' }),
      tx.getRepository(Location).create({ tenantId, name: 'Austin', language: 'en-US' }),
    ]);
    const teams = tx.getRepository(Team);
    const support = await teams.save(teams.create({ tenantId, name: 'Support', parentId: null }));
    const sales = await teams.save(teams.create({ tenantId, name: 'Sales', parentId: null }));
    const leafTeams = await teams.save([
      teams.create({ tenantId, name: 'Support L1', parentId: support.id }),
      teams.create({ tenantId, name: 'Support L2', parentId: support.id }),
      teams.create({ tenantId, name: 'Sales Inbound', parentId: sales.id }),
    ]);

    const memberships: Partial<TeamMembership>[] = [];
    const supervisors = [
      { email: 'sam.supervisor@demo.test', firstName: 'Sam', lastName: 'Supervisor', team: support },
      { email: 'sofia.supervisor@demo.test', firstName: 'Sofia', lastName: 'Supervisor', team: sales },
    ];
    for (const supervisor of supervisors) {
      const user = await insertUserRecord(tx, {
        tenantId,
        email: supervisor.email,
        firstName: supervisor.firstName,
        lastName: supervisor.lastName,
        locationId: london.id,
        status: 'ACTIVE',
        passwordHash,
        roleIds: [created.roleIds.MANAGER_TEAMS],
      });
      memberships.push({ tenantId, teamId: supervisor.team.id, userId: user.id, role: 'MANAGER' });
    }
    for (let i = 1; i <= 60; i++) {
      const firstName = FIRST_NAMES[i % FIRST_NAMES.length];
      const lastName = LAST_NAMES[i % LAST_NAMES.length];
      const user = await insertUserRecord(tx, {
        tenantId,
        email: `agent${String(i).padStart(2, '0')}@demo.test`,
        firstName,
        lastName,
        agentId: `A-${1000 + i}`,
        locationId: i % 2 === 0 ? london.id : austin.id,
        chatConcurrency: 3,
        status: 'ACTIVE',
        passwordHash,
        roleIds: [created.roleIds.AGENT],
      });
      memberships.push({ tenantId, teamId: leafTeams[i % leafTeams.length].id, userId: user.id, role: 'MEMBER' });
    }
    await tx.getRepository(TeamMembership).insert(memberships);

    const queues = tx.getRepository(Queue);
    const [supportCalls, salesCalls] = await queues.save([
      queues.create({ tenantId, name: 'Support Calls', channel: 'CALL', priority: 10 }),
      queues.create({ tenantId, name: 'Sales Calls', channel: 'CALL', priority: 20 }),
      queues.create({ tenantId, name: 'Web Chat', channel: 'CHAT', priority: 30 }),
    ]);
    await tx.getRepository(QueueAssignment).insert([
      { tenantId, queueId: supportCalls.id, teamId: support.id },
      { tenantId, queueId: salesCalls.id, teamId: sales.id },
    ]);
  });
  return true;
}
