import type { DataSource } from 'typeorm';
import { hashPassword } from '../auth/passwords';
import { TeamMembership } from '../teams/team-membership.entity';
import { insertUserRecord } from '../users/user-records';
import { DEMO_TENANT, seedDemoTenant } from './demo-tenant';

/** The email of demo agent `n` (1-based), as the demo seed names them. */
export function demoAgentEmail(n: number): string {
  return `agent${String(n).padStart(2, '0')}@demo.test`;
}

/**
 * Makes sure the demo tenant exists and has at least `count` agents (agent01…), adding the missing
 * ones to the teams the seeded agents are in, round robin. Returns the tenant id.
 */
export async function ensureDemoAgents(db: DataSource, count: number): Promise<string> {
  await seedDemoTenant(db);
  return db.transaction(async (tx) => {
    const [{ tenantId, agentRoleId }]: { tenantId: string; agentRoleId: string }[] = await tx.query(
      `SELECT t.id AS "tenantId", r.id AS "agentRoleId" FROM tenants t JOIN roles r ON r.tenant_id = t.id AND r.default_key = 'AGENT' WHERE t.slug = $1 FOR UPDATE OF t`,
      [DEMO_TENANT.slug],
    );
    const existing: { email: string }[] = await tx.query(`SELECT email FROM users WHERE tenant_id = $1 AND email LIKE 'agent%@demo.test'`, [tenantId]);
    const have = new Set(existing.map((u) => u.email));
    const teams: { teamId: string }[] = await tx.query(
      `SELECT DISTINCT team_id AS "teamId" FROM team_memberships WHERE tenant_id = $1 AND role = 'MEMBER' ORDER BY team_id`,
      [tenantId],
    );
    const passwordHash = await hashPassword(DEMO_TENANT.password);
    for (let n = 1; n <= count; n++) {
      const email = demoAgentEmail(n);
      if (have.has(email)) continue;
      const user = await insertUserRecord(tx, { tenantId, email, firstName: 'Demo', lastName: `Agent ${n}`, status: 'ACTIVE', passwordHash, roleIds: [agentRoleId] });
      if (teams.length) await tx.getRepository(TeamMembership).insert({ tenantId, teamId: teams[n % teams.length].teamId, userId: user.id, role: 'MEMBER' });
    }
    return tenantId;
  });
}
