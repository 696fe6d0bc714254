import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { In } from 'typeorm';
import type { Actor } from '../access/actor';
import { recordAudits } from '../audit/audit.service';
import type { PresenceChangedEvent } from '../events/topics';
import { User } from '../users/user.entity';
import { inviteNewUsers } from '../users/invitations.service';
import { deactivateWithin, reactivateWithin, type RevokeSessions } from '../users/user-lifecycle';
import { addedIds, emailKey, pickFields, type UserSnapshot } from '../users/user.rules';
import type { RowPlan } from './bulk-row.rules';

type UpdatePlan = Extract<RowPlan, { kind: 'update' }>;

/**
 * The `count` lowest free extensions of the tenant from `from` up, in one statement; `from` is
 * FIRST_EXTENSION unless the caller knows every number below it is taken. The work grows with the
 * users at or above `from`, so a job passing the number after its last batch's highest stays
 * linear. The caller holds the extension lock (lockExtensions), so no one else picks from the same
 * gaps before commit.
 */
export async function allocateExtensions(tx: EntityManager, tenantId: string, count: number, from: number): Promise<number[]> {
  if (count === 0) return [];
  // Enough candidates always exist below from + users above it + count; the anti-join keeps only free ones.
  const rows: { extension: number }[] = await tx.query(
    `SELECT g AS extension
       FROM generate_series($2::int, $2::int + (SELECT count(*) FROM users WHERE tenant_id = $1 AND extension >= $2)::int + $3::int) g
      WHERE NOT EXISTS (SELECT 1 FROM users u WHERE u.tenant_id = $1 AND u.extension >= $2 AND u.extension = g)
      ORDER BY g LIMIT $3`,
    [tenantId, from, count],
  );
  return rows.map((r) => r.extension);
}

/**
 * Creates invited users set-wise: one INSERT each for users, roles, memberships, invitations,
 * emails and audit events. Extensions are searched from `freeExtensionsFrom` (see
 * allocateExtensions). Returns the outbox email ids to dispatch after commit, and the extensions.
 */
export async function createUsers(
  tx: EntityManager,
  actor: Actor,
  bulkJobId: string,
  invite: { consoleUrl: string; tenantName: string },
  users: readonly UserSnapshot[],
  freeExtensionsFrom: number,
): Promise<{ emailIds: string[]; extensions: number[] }> {
  if (users.length === 0) return { emailIds: [], extensions: [] };
  const extensions = await allocateExtensions(tx, actor.tenantId, users.length, freeExtensionsFrom);
  // Ids made here, so the rows below need no round trip back to learn them.
  const ids = users.map(() => randomUUID());
  // unnest() takes one array per column: a few parameters for any batch size, and no ORM per-row work.
  await tx.query(
    `INSERT INTO users (id, tenant_id, email, email_key, first_name, last_name, alias, agent_id, location_id, chat_concurrency,
                        chat_concurrency_enabled, extension, status, version)
     SELECT v.id, $1, v.email, v.email_key, v.first_name, v.last_name, v.alias, v.agent_id, v.location_id, v.chat_concurrency,
            v.chat_concurrency_enabled, v.extension, 'INVITED', 1
       FROM unnest($2::uuid[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::uuid[], $10::int[], $11::boolean[], $12::int[])
            AS v(id, email, email_key, first_name, last_name, alias, agent_id, location_id, chat_concurrency, chat_concurrency_enabled, extension)`,
    [
      actor.tenantId,
      ids,
      users.map((u) => u.email),
      users.map((u) => emailKey(u.email)),
      users.map((u) => u.firstName),
      users.map((u) => u.lastName),
      users.map((u) => u.alias),
      users.map((u) => u.agentId),
      users.map((u) => u.location),
      users.map((u) => u.chatConcurrency),
      users.map((u) => u.chatConcurrencyEnabled),
      extensions,
    ],
  );
  await insertPairs(tx, 'user_roles', 'role_id', actor.tenantId, users.flatMap((u, i) => u.roles.map((roleId) => [ids[i], roleId] as const)));
  await insertPairs(tx, 'team_memberships', 'team_id', actor.tenantId, users.flatMap((u, i) => u.teams.map((teamId) => [ids[i], teamId] as const)));
  const emailIds = await inviteNewUsers(
    tx,
    invite.consoleUrl,
    users.map((u, i) => ({ id: ids[i], tenantId: actor.tenantId, email: u.email, firstName: u.firstName })),
    invite.tenantName,
  );
  await recordAudits(
    tx,
    actor,
    users.map((u, i) => ({ action: 'user.create', targetType: 'user', targetId: ids[i], after: { ...u }, bulkJobId })),
  );
  return { emailIds, extensions };
}

/**
 * Applies planned edits set-wise: one UPDATE for the fields, one DELETE and one INSERT each for
 * roles and teams, the shared deactivate/reactivate steps for status changes, one audit INSERT.
 * Returns, to publish after commit, the ids of users deactivated (their sockets must close), of
 * users whose roles changed (their sockets reconnect with the new permissions) and the presence
 * changes of deactivated agents going Offline.
 */
export async function updateUsers(
  tx: EntityManager,
  actor: Actor,
  bulkJobId: string,
  plans: readonly UpdatePlan[],
  revoke: RevokeSessions,
): Promise<{ deactivated: string[]; rolesChanged: string[]; presenceEvents: PresenceChangedEvent[] }> {
  if (plans.length === 0) return { deactivated: [], rolesChanged: [], presenceEvents: [] };
  const fields = plans.map(({ user, after }) => ({
    id: user.id,
    email: after.email,
    email_key: emailKey(after.email),
    agent_id: after.agentId,
    first_name: after.firstName,
    last_name: after.lastName,
    alias: after.alias,
    location_id: after.location,
    chat_concurrency: after.chatConcurrency,
    chat_concurrency_enabled: after.chatConcurrencyEnabled,
  }));
  await tx.query(
    `UPDATE users u
        SET email = v.email, email_key = v.email_key, agent_id = v.agent_id, first_name = v.first_name, last_name = v.last_name,
            alias = v.alias, location_id = v.location_id, chat_concurrency = v.chat_concurrency,
            chat_concurrency_enabled = v.chat_concurrency_enabled, version = u.version + 1, updated_at = now()
       FROM jsonb_to_recordset($2::jsonb) AS v(id uuid, email text, email_key text, agent_id text, first_name text, last_name text, alias text,
                                               location_id uuid, chat_concurrency int, chat_concurrency_enabled boolean)
      WHERE u.id = v.id AND u.tenant_id = $1`,
    [actor.tenantId, JSON.stringify(fields)],
  );
  await replacePairs(tx, 'user_roles', 'role_id', plans.map((p) => ({ userId: p.user.id, before: p.user.snapshot.roles, after: p.after.roles })));
  await insertPairs(tx, 'user_roles', 'role_id', actor.tenantId, plans.flatMap((p) => addedIds(p.user.snapshot.roles, p.after.roles).map((id) => [p.user.id, id] as const)));
  await replacePairs(tx, 'team_memberships', 'team_id', plans.map((p) => ({ userId: p.user.id, before: p.user.snapshot.teams, after: p.after.teams })));
  await insertPairs(tx, 'team_memberships', 'team_id', actor.tenantId, plans.flatMap((p) => addedIds(p.user.snapshot.teams, p.after.teams).map((id) => [p.user.id, id] as const)));

  const moving = plans.filter((p) => p.statusChange !== null);
  const deactivated = moving.filter((p) => p.statusChange === 'deactivate').map((p) => p.user.id);
  let presenceEvents: PresenceChangedEvent[] = [];
  if (moving.length > 0) {
    const users = await tx
      .getRepository(User)
      .createQueryBuilder('user')
      .addSelect('user.passwordHash')
      .where({ id: In(moving.map((p) => p.user.id)) })
      .getMany();
    presenceEvents = await deactivateWithin(tx, actor, users.filter((u) => deactivated.includes(u.id)), revoke, bulkJobId);
    await reactivateWithin(tx, actor, users.filter((u) => !deactivated.includes(u.id)), bulkJobId);
  }
  await recordAudits(
    tx,
    actor,
    plans.map((p) => ({
      action: 'user.update',
      targetType: 'user',
      targetId: p.user.id,
      before: pickFields(p.user.snapshot, p.changed),
      after: pickFields(p.after, p.changed),
      bulkJobId,
    })),
  );
  const rolesChanged = plans.filter((p) => p.changed.includes('roles') && !deactivated.includes(p.user.id)).map((p) => p.user.id);
  return { deactivated, rolesChanged, presenceEvents };
}

/** Deletes the (user, role|team) pairs that `after` drops, in one statement. */
async function replacePairs(
  tx: EntityManager,
  table: 'user_roles' | 'team_memberships',
  column: 'role_id' | 'team_id',
  changes: { userId: string; before: string[]; after: string[] }[],
): Promise<void> {
  const pairs = changes.flatMap((c) => addedIds(c.after, c.before).map((id) => [c.userId, id] as const));
  if (pairs.length === 0) return;
  await tx.query(`DELETE FROM ${table} t USING unnest($1::uuid[], $2::uuid[]) AS d(user_id, other_id) WHERE t.user_id = d.user_id AND t.${column} = d.other_id`, [
    pairs.map((p) => p[0]),
    pairs.map((p) => p[1]),
  ]);
}

/** Inserts (user, role|team) pairs in one statement; team placements join as MEMBER. */
async function insertPairs(
  tx: EntityManager,
  table: 'user_roles' | 'team_memberships',
  column: 'role_id' | 'team_id',
  tenantId: string,
  pairs: readonly (readonly [string, string])[],
): Promise<void> {
  if (pairs.length === 0) return;
  const role = table === 'team_memberships' ? ", role) SELECT $1, d.user_id, d.other_id, 'MEMBER'" : ') SELECT $1, d.user_id, d.other_id';
  await tx.query(`INSERT INTO ${table} (tenant_id, user_id, ${column}${role} FROM unnest($2::uuid[], $3::uuid[]) AS d(user_id, other_id)`, [
    tenantId,
    pairs.map((p) => p[0]),
    pairs.map((p) => p[1]),
  ]);
}
