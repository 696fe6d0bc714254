import type { DataSource, EntityManager } from 'typeorm';
import { In } from 'typeorm';
import type { Config } from '../config/config';
import type { Actor } from '../access/actor';
import { requirePermission } from '../access/actor';
import { assertReachesUsers } from '../access/scope.service';
import type { AuthService } from '../auth/auth.service';
import { recordAudit } from '../audit/audit.service';
import type { EventBus } from '../events/event-bus';
import type { EmailDispatcher } from '../jobs/email-queue';
import { Tenant } from '../tenants/tenant.entity';
import { TeamMembership, type TeamRole } from '../teams/team-membership.entity';
import { distinctIdsWithinLimit } from '../teams/team.rules';
import { UserRole } from '../roles/user-role.entity';
import { UserSkill } from '../skills/user-skill.entity';
import { badInput, notFound } from '../errors/app-error';
import { isUuid } from '../shared/ids';
import { assertVersion } from '../shared/versioning';
import { User } from './user.entity';
import { insertUserRecord } from './user-records';
import { issueInvitation } from './invitations.service';
import { deactivateWithin, reactivateWithin } from './user-lifecycle';
import { assertEmailFree, assertLocationExists, checkRoles, readSnapshot, teamReach, teamsByIds, type CheckedRole } from './user-checks';
import {
  addedIds,
  assertChatConcurrency,
  assertFoundingAdminKeepsAdmin,
  assertMembersAreAgents,
  assertNotFoundingAdmin,
  assertUserTeamsInReach,
  changedUserFields,
  editPermissionsFor,
  teamScopedEditPermissions,
  editedSnapshot,
  emailKey,
  pickFields,
  statusChange,
  validNewUserFields,
  type NewUserFields,
  type UserEdit,
  type UserSnapshot,
  type ValidNewUserFields,
} from './user.rules';

/** What createUser receives. */
export interface NewUserInput extends NewUserFields {
  locationId?: string | null;
  roleIds: string[];
  /** Teams the user joins as a member. */
  teamIds?: string[] | null;
  chatConcurrency?: number | null;
}

/** Everything a new invited user starts with. */
interface NewUserPlan extends ValidNewUserFields {
  locationId: string | null;
  chatConcurrency: number | null;
  chatConcurrencyEnabled: boolean;
  roleIds: string[];
  placements: { teamId: string; role: TeamRole }[];
  skills: { skillId: string; level: number }[];
}

/** Adding, editing, cloning, deactivating and reactivating users, with permission and team-scope checks. */
export class UserAdminService {
  constructor(
    private readonly db: DataSource,
    private readonly config: Pick<Config, 'consoleUrl'>,
    private readonly auth: AuthService,
    private readonly events: EventBus,
    private readonly emails: EmailDispatcher,
  ) {}

  /** Adds a user as INVITED and emails them an invitation link. */
  create(actor: Actor, input: NewUserInput): Promise<User> {
    requirePermission(actor, 'users.create', 'EDIT');
    return this.invite(actor, 'user.create', null, {
      ...validNewUserFields(input),
      locationId: input.locationId ?? null,
      chatConcurrency: input.chatConcurrency ?? null,
      chatConcurrencyEnabled: input.chatConcurrency != null,
      roleIds: [...new Set(input.roleIds)],
      placements: [...new Set(input.teamIds ?? [])].map((teamId) => ({ teamId, role: 'MEMBER' as const })),
      skills: [],
    });
  }

  /** Adds an invited user like `sourceId`: same roles, teams (and role in each), location, skills and chat settings. */
  async clone(actor: Actor, sourceId: string, input: NewUserFields): Promise<User> {
    requirePermission(actor, 'users.create', 'EDIT');
    const fields = validNewUserFields(input);
    if (!isUuid(sourceId)) throw notFound('User');
    const source = await this.db.getRepository(User).findOneBy({ id: sourceId, tenantId: actor.tenantId });
    if (!source) throw notFound('User');
    await assertReachesUsers(this.db.manager, actor, 'users.view', 'VIEW', [source.id]);
    const [{ snapshot, placements }, skills] = await Promise.all([
      readSnapshot(this.db.manager, source),
      this.db.getRepository(UserSkill).findBy({ userId: source.id }),
    ]);
    return this.invite(actor, 'user.clone', source.id, {
      ...fields,
      locationId: source.locationId,
      chatConcurrency: snapshot.chatConcurrency,
      chatConcurrencyEnabled: snapshot.chatConcurrencyEnabled,
      roleIds: snapshot.roles,
      placements,
      skills: skills.map(({ skillId, level }) => ({ skillId, level })),
    });
  }

  private async invite(actor: Actor, action: string, clonedFrom: string | null, plan: NewUserPlan): Promise<User> {
    const { user, emailId } = await this.db.transaction(async (tx) => {
      // Locked first: creations in a tenant queue up, so the email check and the extension stay true until commit.
      const tenant = await tx.getRepository(Tenant).findOneOrFail({ where: { id: actor.tenantId }, lock: { mode: 'pessimistic_write' } });
      await assertEmailFree(tx, actor.tenantId, plan.email, null);
      assertChatConcurrency(plan.chatConcurrency, tenant.maxChatConcurrency);
      const roles = await checkRoles(tx, actor, plan.roleIds, plan.roleIds);
      await assertLocationExists(tx, actor.tenantId, plan.locationId);
      const teams = await teamsByIds(tx, actor.tenantId, plan.placements.map((p) => p.teamId), 'teamIds');
      assertUserTeamsInReach(await teamReach(tx, actor, 'users.create'), teams, 'users.create', true);
      assertMembersAreAgents(plan.email, 'INVITED', roles, plan.placements, teams, 'teamIds');

      const user = await insertUserRecord(tx, { tenantId: actor.tenantId, status: 'INVITED', ...plan });
      if (plan.placements.length > 0) {
        await tx.getRepository(TeamMembership).insert(plan.placements.map((p) => ({ ...p, userId: user.id, tenantId: actor.tenantId })));
      }
      if (plan.skills.length > 0) {
        await tx.getRepository(UserSkill).insert(plan.skills.map((s) => ({ ...s, userId: user.id, tenantId: actor.tenantId })));
      }
      const emailId = await issueInvitation(tx, this.config.consoleUrl, user, tenant.name);
      const { snapshot } = await readSnapshot(tx, user);
      await recordAudit(tx, actor, {
        action,
        targetType: 'user',
        targetId: user.id,
        after: { ...snapshot, ...(clonedFrom ? { clonedFrom, skills: plan.skills } : {}) },
      });
      return { user, emailId };
    });
    await this.emails.dispatch([emailId]);
    return user;
  }

  /**
   * Edits a user. Each changed field needs Edit User plus that field's own edit permission, all
   * reaching the user; unchanged fields need nothing more. A status change deactivates or
   * reactivates exactly as deactivateUsers and reactivateUsers do. CONFLICT on a stale version.
   */
  async update(actor: Actor, id: string, edit: UserEdit, version: number): Promise<User> {
    requirePermission(actor, 'users.edit', 'EDIT');
    if (!isUuid(id)) throw notFound('User');
    const { user, deactivated, rolesChanged, presenceEvents } = await this.db.transaction(async (tx) => {
      const user = await lockUsers(tx, actor.tenantId, [id]).then((users) => users[0]);
      if (!user) throw notFound('User');
      assertVersion(user, version, 'User');
      const { snapshot: before, placements } = await readSnapshot(tx, user);
      const after = editedSnapshot(before, edit);
      const changed = changedUserFields(before, after);
      const change = statusChange(before.status, after.status);
      for (const permission of editPermissionsFor(changed)) requirePermission(actor, permission, 'EDIT');
      await assertReachesUsers(tx, actor, teamScopedEditPermissions(actor.permissions, changed)[0] ?? 'users.edit', 'EDIT', [user.id]);
      if (changed.length === 0) return { user, deactivated: false, rolesChanged: false, presenceEvents: [] };

      // A new email locks the tenant like a creation does, so two users cannot take the same address at once.
      const lock = changed.includes('email') ? { mode: 'pessimistic_write' as const } : undefined;
      const tenant = await tx.getRepository(Tenant).findOneOrFail({ where: { id: actor.tenantId }, lock });
      if (changed.includes('email')) await assertEmailFree(tx, actor.tenantId, after.email, user.id);
      if (changed.includes('chatConcurrency')) assertChatConcurrency(after.chatConcurrency, tenant.maxChatConcurrency);
      if (changed.includes('location')) await assertLocationExists(tx, actor.tenantId, after.location);
      if (changed.includes('roles') || changed.includes('teams')) {
        const roles = await checkRoles(tx, actor, after.roles, addedIds(before.roles, after.roles));
        if (user.id === tenant.foundingAdminId && changed.includes('roles')) {
          const [admin]: { id: string }[] = await tx.query(`SELECT id FROM roles WHERE tenant_id = $1 AND default_key = 'ADMIN'`, [actor.tenantId]);
          assertFoundingAdminKeepsAdmin(true, after.roles, admin?.id);
        }
        const teams = await this.checkTeams(tx, actor, before, after);
        // Teams kept keep the user's role in them; teams joined are joined as member.
        const roleIn = (teamId: string) => placements.find((p) => p.teamId === teamId)?.role ?? ('MEMBER' as const);
        const placementsAfter = teams.map((team) => ({ teamId: team.id, role: roleIn(team.id) }));
        assertMembersAreAgents(after.email, user.status, roles, placementsAfter, teams, changed.includes('teams') ? 'teamIds' : 'roleIds');
      }
      if (change === 'deactivate') assertNotFoundingAdmin([user], tenant.foundingAdminId, 'status');

      await tx.getRepository(User).update(
        { id: user.id },
        {
          email: after.email,
          emailKey: emailKey(after.email),
          agentId: after.agentId,
          firstName: after.firstName,
          lastName: after.lastName,
          alias: after.alias,
          locationId: after.location,
          chatConcurrency: after.chatConcurrency,
          chatConcurrencyEnabled: after.chatConcurrencyEnabled,
        },
      );
      await replaceRoles(tx, actor.tenantId, user.id, before.roles, after.roles);
      await replaceTeams(tx, actor.tenantId, user.id, before.teams, after.teams);
      const presenceEvents =
        change === 'deactivate' ? await deactivateWithin(tx, actor, [user], (ids, m) => this.auth.revokeSessionsOf(ids, m)) : [];
      if (change === 'reactivate') await reactivateWithin(tx, actor, [user]);
      const stored = await tx.getRepository(User).findOneByOrFail({ id: user.id });
      const final: UserSnapshot = { ...after, status: stored.status };
      await recordAudit(tx, actor, {
        action: 'user.update',
        targetType: 'user',
        targetId: user.id,
        before: pickFields(before, changed),
        after: pickFields(final, changed),
      });
      return { user: stored, deactivated: change === 'deactivate', rolesChanged: changed.includes('roles'), presenceEvents };
    });
    if (deactivated) await this.events.publish('auth.revoked', { tenantId: actor.tenantId, userIds: [user.id] });
    else if (rolesChanged) await this.events.publish('access.changed', { tenantId: actor.tenantId, userIds: [user.id] });
    for (const event of presenceEvents) await this.events.publish('presence.changed', event);
    return user;
  }

  /** Checks the teams of an edit exist and that teams joined or left are within the actor's reach; returns the teams after. */
  private async checkTeams(tx: EntityManager, actor: Actor, before: UserSnapshot, after: UserSnapshot) {
    const teams = await teamsByIds(tx, actor.tenantId, [...new Set([...before.teams, ...after.teams])], 'teamIds');
    const touched = [...addedIds(before.teams, after.teams), ...addedIds(after.teams, before.teams)];
    if (touched.length > 0) {
      assertUserTeamsInReach(await teamReach(tx, actor, 'users.edit.teams'), teams.filter((t) => touched.includes(t.id)), 'users.edit.teams', false);
    }
    return teams.filter((team) => after.teams.includes(team.id));
  }

  /**
   * Deactivates users in one transaction: no sign-in, sessions and open sockets end, removed from
   * teams and individually assigned queues, presence Offline. The founding admin is refused.
   */
  async deactivate(actor: Actor, ids: readonly string[]): Promise<User[]> {
    requirePermission(actor, 'users.deactivate', 'EDIT');
    const wanted = distinctIdsWithinLimit(ids, 'ids');
    if (wanted.length === 0) return [];
    const { users, presenceEvents } = await this.db.transaction(async (tx) => {
      const users = await this.lockNamedUsers(tx, actor, wanted);
      const tenant = await tx.getRepository(Tenant).findOneByOrFail({ id: actor.tenantId });
      assertNotFoundingAdmin(users, tenant.foundingAdminId, 'ids');
      const presenceEvents = await deactivateWithin(tx, actor, users, (userIds, m) => this.auth.revokeSessionsOf(userIds, m));
      return { users: inOrder(wanted, await tx.getRepository(User).findBy({ id: In(wanted) })), presenceEvents };
    });
    await this.events.publish('auth.revoked', { tenantId: actor.tenantId, userIds: wanted });
    for (const event of presenceEvents) await this.events.publish('presence.changed', event);
    return users;
  }

  /** Reactivates users: ACTIVE with their old password (INVITED if they never set one); no email, no teams. */
  async reactivate(actor: Actor, ids: readonly string[]): Promise<User[]> {
    requirePermission(actor, 'users.deactivate', 'EDIT');
    const wanted = distinctIdsWithinLimit(ids, 'ids');
    if (wanted.length === 0) return [];
    return this.db.transaction(async (tx) => {
      const users = await this.lockNamedUsers(tx, actor, wanted);
      await reactivateWithin(tx, actor, users);
      return inOrder(wanted, await tx.getRepository(User).findBy({ id: In(wanted) }));
    });
  }

  private async lockNamedUsers(tx: EntityManager, actor: Actor, ids: string[]): Promise<User[]> {
    if (ids.some((id) => !isUuid(id))) throw notFound('User');
    const users = await lockUsers(tx, actor.tenantId, ids);
    if (users.length !== ids.length) throw notFound('User');
    await assertReachesUsers(tx, actor, 'users.deactivate', 'EDIT', ids);
    return users;
  }
}

/** Locks the tenant's users by id (in id order, so concurrent calls never deadlock), with password hashes. */
function lockUsers(tx: EntityManager, tenantId: string, ids: string[]): Promise<User[]> {
  if (ids.length === 0) return Promise.resolve([]);
  return tx
    .getRepository(User)
    .createQueryBuilder('user')
    .addSelect('user.passwordHash')
    .where('user.tenantId = :tenantId AND user.id IN (:...ids)', { tenantId, ids })
    .orderBy('user.id')
    .setLock('pessimistic_write')
    .getMany();
}

function inOrder(ids: readonly string[], users: User[]): User[] {
  const byId = new Map(users.map((u) => [u.id, u]));
  return ids.map((id) => byId.get(id)!);
}

async function replaceRoles(tx: EntityManager, tenantId: string, userId: string, before: string[], after: string[]): Promise<void> {
  const removed = addedIds(after, before);
  const added = addedIds(before, after);
  if (removed.length > 0) await tx.getRepository(UserRole).delete({ userId, roleId: In(removed) });
  if (added.length > 0) await tx.getRepository(UserRole).insert(added.map((roleId) => ({ userId, roleId, tenantId })));
}

async function replaceTeams(tx: EntityManager, tenantId: string, userId: string, before: string[], after: string[]): Promise<void> {
  const left = addedIds(after, before);
  const joined = addedIds(before, after);
  if (left.length > 0) await tx.getRepository(TeamMembership).delete({ userId, teamId: In(left) });
  if (joined.length > 0) {
    await tx.getRepository(TeamMembership).insert(joined.map((teamId) => ({ teamId, userId, tenantId, role: 'MEMBER' as const })));
  }
}
