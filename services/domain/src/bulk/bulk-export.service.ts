import type { DataSource } from 'typeorm';
import type { Actor } from '../access/actor';
import { requirePermission } from '../access/actor';
import { allows } from '../access/effective-permissions';
import type { PermissionScope } from '../access/permission-catalogue';
import { teamRestriction } from '../access/scope.service';
import { parseHeader, resolveTeamColumn, teamColumnNames, templateHeaders, type BulkColumn, type TeamColumnIndex } from './bulk-columns.rules';
import { loadTeamColumnIndex } from './bulk-context';

const EXPORT_CHUNK = 2000;

/** The template and the complete user list, in the upload's columns the caller may edit. */
export class BulkExportService {
  constructor(private readonly db: DataSource) {}

  /**
   * The headers of the caller's template: Email and the columns they may edit, one per role and
   * team (a team by its name, or by its path when other teams share the name).
   */
  async headers(actor: Actor): Promise<string[]> {
    return (await this.template(actor)).headers;
  }

  private async template(actor: Actor): Promise<{ headers: string[]; teams: TeamColumnIndex }> {
    requirePermission(actor, 'users.bulk', 'VIEW');
    const roles: { name: string }[] = await this.db.query(`SELECT name FROM roles WHERE tenant_id = $1 ORDER BY position, name`, [actor.tenantId]);
    const teams = await loadTeamColumnIndex(this.db.manager, actor.tenantId);
    const headers = templateHeaders(
      (permission) => allows(actor.permissions, permission, 'EDIT'),
      roles.map((r) => r.name),
      teamColumnNames(teams).map((t) => t.name),
    );
    return { headers, teams };
  }

  /**
   * Every user the caller may see (users.view and its team scope), in chunks of rows aligned with
   * the header (first yield): the file can be edited and uploaded back.
   */
  rows(actor: Actor): AsyncGenerator<string[][]> {
    // Checked now, not at the first read: once the file has started, a refusal can only cut it.
    const scope = requirePermission(actor, 'users.view', 'VIEW');
    return this.userRows(actor, scope);
  }

  private async *userRows(actor: Actor, scope: PermissionScope): AsyncGenerator<string[][]> {
    const { headers, teams } = await this.template(actor);
    yield [headers];
    const { columns } = parseHeader(headers);
    // Resolved as an upload resolves them, so each column reads back as the team it was written for.
    const teamIds = new Map(columns.map((c) => [c.index, c.kind === 'team' ? resolveTeamColumn(teams, c.name!).team?.id : undefined]));
    const restriction = await teamRestriction(this.db.manager, actor, scope);
    let after = '00000000-0000-0000-0000-000000000000';
    for (;;) {
      const users: ExportUser[] = await this.db.query(
        `SELECT u.id, u.email, u.agent_id AS "agentId", u.first_name AS "firstName", u.last_name AS "lastName", u.alias, u.status,
                l.name AS location, u.chat_concurrency AS "chatConcurrency", u.chat_concurrency_enabled AS "chatConcurrencyEnabled",
                ARRAY(SELECT r.name FROM user_roles ur JOIN roles r ON r.id = ur.role_id WHERE ur.user_id = u.id) AS roles,
                ARRAY(SELECT m.team_id::text FROM team_memberships m WHERE m.user_id = u.id) AS "teamIds"
           FROM users u LEFT JOIN locations l ON l.id = u.location_id
          WHERE u.tenant_id = $1 AND u.id > $2
            AND ($3::uuid[] IS NULL OR EXISTS (SELECT 1 FROM team_memberships m WHERE m.user_id = u.id AND m.team_id = ANY($3::uuid[])))
          ORDER BY u.id LIMIT $4`,
        [actor.tenantId, after, restriction, EXPORT_CHUNK],
      );
      if (users.length === 0) return;
      yield users.map((user) => columns.map((column) => exportCell(user, column, teamIds.get(column.index))));
      after = users[users.length - 1].id;
    }
  }
}

interface ExportUser {
  id: string;
  email: string;
  agentId: string | null;
  firstName: string;
  lastName: string;
  alias: string;
  status: string;
  location: string | null;
  chatConcurrency: number | null;
  chatConcurrencyEnabled: boolean;
  roles: string[];
  teamIds: string[];
}

function exportCell(user: ExportUser, column: BulkColumn, teamId: string | undefined): string {
  switch (column.kind) {
    case 'email':
      return user.email;
    case 'newEmail':
      return '';
    case 'agentId':
      return user.agentId ?? '';
    case 'firstName':
      return user.firstName;
    case 'lastName':
      return user.lastName;
    case 'alias':
      return user.alias;
    case 'status':
      return user.status === 'DEACTIVATED' ? 'Inactive' : 'Active';
    case 'location':
      return user.location ?? '';
    case 'chatConcurrency':
      return user.chatConcurrency?.toString() ?? '';
    case 'chatConcurrencyStatus':
      return user.chatConcurrencyEnabled ? '1' : '0';
    case 'role':
      return user.roles.includes(column.name!) ? '1' : '0';
    case 'team':
      return teamId !== undefined && user.teamIds.includes(teamId) ? '1' : '0';
  }
}
