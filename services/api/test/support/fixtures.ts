import { hashPassword, insertUserRecord, Queue, Team, TeamMembership, User, type TeamRole, type UserStatus } from '@switchboard/domain';
import { TEST_PASSWORD, type TestApi, type TestTenant } from './test-api';

/** A row a test refers to again: its id, and the version an update must send (a type, so it passes as GraphQL variables). */
export type FixtureRef = { id: string; version: number };

/**
 * Inserts test data straight into the database, as a bulk import would: fast enough to give every
 * test cell its own users, teams and queues. Users sign in with TEST_PASSWORD.
 */
export class Fixtures {
  private serial = 0;
  private passwordHash?: Promise<string>;

  constructor(
    private readonly api: TestApi,
    private readonly tenant: TestTenant,
  ) {}

  /** A name no other fixture of this run uses, e.g. "Team 12". */
  unique(prefix: string): string {
    return `${prefix}${++this.serial}`;
  }

  /** A user with the roles, placed in teams; returns id, version and the email to sign in with. */
  async user(roleIds: string[], teams: [string, TeamRole][] = [], status: UserStatus = 'ACTIVE'): Promise<FixtureRef & { email: string }> {
    this.passwordHash ??= hashPassword(TEST_PASSWORD);
    const passwordHash = await this.passwordHash;
    const email = `${this.unique('u')}@${this.tenant.slug}.test`;
    const tenantId = this.tenant.tenantId;
    const user = await this.api.db.transaction(async (tx) => {
      const created = await insertUserRecord(tx, { tenantId, email, firstName: 'Fixture', lastName: 'User', status, passwordHash, roleIds });
      const rows = teams.map(([teamId, role]) => ({ teamId, userId: created.id, tenantId, role }));
      if (rows.length) await tx.getRepository(TeamMembership).insert(rows);
      return created;
    });
    return { id: user.id, version: user.version, email };
  }

  /** A session token for the user, as signing in starts one, without the password hashing that makes sign-in slow. */
  session(userId: string): Promise<string> {
    return this.api.db.transaction(async (tx) => {
      const user = await tx.getRepository(User).findOneByOrFail({ id: userId });
      return (await this.api.server.services.auth.startSessionWithin(tx, user)).token;
    });
  }

  /** An agent placed as a member of the team. */
  agentIn(teamId: string, status: UserStatus = 'ACTIVE'): Promise<FixtureRef & { email: string }> {
    return this.user([this.tenant.roleIds.AGENT], [[teamId, 'MEMBER']], status);
  }

  /** A team, at the top level or under a parent. */
  async team(name: string, parentId: string | null = null): Promise<FixtureRef> {
    const team = await this.api.db.getRepository(Team).save({ tenantId: this.tenant.tenantId, name, parentId });
    return { id: team.id, version: team.version };
  }

  /** A call queue with a unique name. */
  async queue(): Promise<FixtureRef> {
    const queue = await this.api.db.getRepository(Queue).save({ tenantId: this.tenant.tenantId, name: this.unique('Queue '), channel: 'CALL' as const });
    return { id: queue.id, version: queue.version };
  }
}
