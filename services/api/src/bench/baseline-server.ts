import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { Pool } from 'pg';
import { encodeCursor } from '@switchboard/domain';

/** What the API is measured against: the least work that can answer the same page. */
export interface BaselineServer {
  url: string;
  /** SQL statements one request runs, whatever the page size. */
  statementsPerRequest: number;
  close(): Promise<void>;
}

interface UserRow {
  id: string;
  email: string;
  email_key: string;
  first_name: string;
  last_name: string;
  alias: string;
  extension: number;
  status: string;
  location_id: string | null;
  location_name: string | null;
  total_count: number;
}

// The count is an uncorrelated subquery, run once, so the page itself stays an index-ordered LIMIT scan.
const PAGE_SQL = `
  SELECT u.id, u.email, u.email_key, u.first_name, u.last_name, u.alias, u.extension, u.status,
         l.id AS location_id, l.name AS location_name,
         (SELECT count(*)::int FROM users c WHERE c.tenant_id = $1) AS total_count
    FROM users u LEFT JOIN locations l ON l.id = u.location_id
   WHERE u.tenant_id = $1
   ORDER BY u.email_key
   LIMIT $2`;
const ROLES_SQL = `
  SELECT ur.user_id, r.id, r.name
    FROM user_roles ur JOIN roles r ON r.id = ur.role_id
   WHERE ur.tenant_id = $1 AND ur.user_id = ANY($2::uuid[])
   ORDER BY r.position`;
const TEAMS_SQL = `
  SELECT tm.user_id, tm.role, t.id, t.name
    FROM team_memberships tm JOIN teams t ON t.id = tm.team_id
   WHERE tm.tenant_id = $1 AND tm.user_id = ANY($2::uuid[])
   ORDER BY t.name`;

/**
 * Starts a bare node:http + pg server on a free port that answers POST {"first": n} with the same
 * JSON as the benchmark's `users` query, for one fixed tenant and without any auth.
 */
export async function startBaselineServer(databaseUrl: string, tenantId: string, poolSize: number): Promise<BaselineServer> {
  const pool = new Pool({ connectionString: databaseUrl, max: poolSize });

  const usersPage = async (first: number) => {
    const { rows } = await pool.query<UserRow>(PAGE_SQL, [tenantId, first + 1]);
    const page = rows.slice(0, first);
    const ids = page.map((row) => row.id);
    // Roles and teams are independent, so they run side by side on two pooled connections.
    const [roles, teams] = await Promise.all([
      pool.query<{ user_id: string; id: string; name: string }>(ROLES_SQL, [tenantId, ids]),
      pool.query<{ user_id: string; role: string; id: string; name: string }>(TEAMS_SQL, [tenantId, ids]),
    ]);
    const rolesOf = groupByUser(roles.rows, (row) => ({ id: row.id, name: row.name }));
    const teamsOf = groupByUser(teams.rows, (row) => ({ role: row.role, team: { id: row.id, name: row.name } }));
    const last = page.at(-1);
    return {
      totalCount: rows[0]?.total_count ?? 0,
      edges: page.map((row) => ({
        node: {
          id: row.id,
          email: row.email,
          firstName: row.first_name,
          lastName: row.last_name,
          alias: row.alias,
          extension: row.extension,
          status: row.status,
          roles: rolesOf.get(row.id) ?? [],
          teams: teamsOf.get(row.id) ?? [],
          location: row.location_id ? { id: row.location_id, name: row.location_name } : null,
        },
      })),
      pageInfo: { hasNextPage: rows.length > first, endCursor: last ? encodeCursor([last.email_key]) : null },
    };
  };

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    try {
      const { first = 50 } = JSON.parse(await readBody(req)) as { first?: number };
      const body = JSON.stringify({ data: { users: await usersPage(first) } });
      res.writeHead(200, { 'content-type': 'application/json' }).end(body);
    } catch (error) {
      res.writeHead(500, { 'content-type': 'application/json' }).end(JSON.stringify({ errors: [{ message: String(error) }] }));
    }
  };

  const server = createServer((req, res) => void handle(req, res));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('baseline server has no TCP address');
  return {
    url: `http://127.0.0.1:${address.port}/`,
    statementsPerRequest: 3,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await pool.end();
    },
  };
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function groupByUser<R extends { user_id: string }, T>(rows: R[], map: (row: R) => T): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const row of rows) {
    const group = groups.get(row.user_id);
    if (group) group.push(map(row));
    else groups.set(row.user_id, [map(row)]);
  }
  return groups;
}
