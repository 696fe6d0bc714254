import type { EntityManager } from 'typeorm';
import { notFound } from '../errors/app-error';
import { isUuid } from '../shared/ids';
import type { PlaceableUser } from './team.rules';

/** SQL condition: the user (column given) holds the agent adapter permission through one of their roles. */
export function holdsAgentPermission(userIdColumn: string): string {
  return `EXISTS (SELECT 1 FROM user_roles agent_r JOIN role_permissions agent_p ON agent_p.role_id = agent_r.role_id
                   WHERE agent_r.user_id = ${userIdColumn} AND agent_p.permission = 'adapter.work')`;
}

/**
 * The named users of the tenant with their status and whether a role gives them the agent adapter,
 * in the order named. NOT_FOUND when any of them is not a user of this tenant.
 */
export async function loadPlaceableUsers(tx: EntityManager, tenantId: string, userIds: readonly string[]): Promise<PlaceableUser[]> {
  if (userIds.length === 0) return [];
  if (!userIds.every(isUuid)) throw notFound('User');
  const rows: PlaceableUser[] = await tx.query(
    `SELECT u.id, u.email, u.status,
            ${holdsAgentPermission('u.id')} AS "isAgent"
       FROM users u
      WHERE u.tenant_id = $1 AND u.id = ANY($2)`,
    [tenantId, userIds],
  );
  const byId = new Map(rows.map((row) => [row.id, row]));
  return userIds.map((id) => {
    const user = byId.get(id);
    if (!user) throw notFound('User');
    return user;
  });
}
