import WebSocket from 'ws';
import { createClient } from 'graphql-ws';
import { Fixtures } from './fixtures';
import { createTestTenant, type GraphQLResponse, type TestApi, type TestTenant } from './test-api';

// The callers, fixtures and cell runner of the authorization matrix (authorization-matrix.int.test.ts).

export const ACTORS = ['ADMIN', 'MANAGER', 'MANAGER_DATA', 'MANAGER_TEAMS', 'MANAGER_ADMIN', 'AGENT', 'TEAM_LEAD', 'CREDENTIAL', 'ANONYMOUS'] as const;
export type ActorName = (typeof ACTORS)[number];
export type Outcome = 'ok' | 'FORBIDDEN' | 'UNAUTHENTICATED' | 'BAD_USER_INPUT';
export type Expectations = Record<ActorName, Outcome>;

/** The listed callers succeed; every other signed-in caller is FORBIDDEN and anonymous UNAUTHENTICATED. */
export function allow(...names: readonly ActorName[]): Expectations {
  const outcome = (name: ActorName): Outcome => (names.includes(name) ? 'ok' : name === 'ANONYMOUS' ? 'UNAUTHENTICATED' : 'FORBIDDEN');
  return Object.fromEntries(ACTORS.map((name) => [name, outcome(name)])) as Expectations;
}

export const SIGNED_IN = ACTORS.filter((a) => a !== 'ANONYMOUS');
export const PEOPLE = SIGNED_IN.filter((a) => a !== 'CREDENTIAL');
/** Holders of ALL-scoped grants: they act anywhere in the tenant. */
export const EVERYWHERE = ['ADMIN', 'MANAGER_ADMIN', 'CREDENTIAL'] as const;

/** Who calls: their token (null when anonymous), and for people their id, roles and place, to make twins. */
export interface Caller {
  token: string | null;
  userId: string | null;
  roleIds: string[];
  place: [string, 'MEMBER' | 'MANAGER'] | null;
}

/** One cell to run: the document and its variables; `token` when the row needs another session. */
export interface Cell {
  query: string;
  variables?: Record<string, unknown>;
  token?: string | null;
  /** Run over WebSocket: the outcome is the first result, or 'ok' when the stream opened and stayed quiet. */
  subscription?: boolean;
}

/** What a row's prepare receives: the caller, and the team its targets live in (in or out of scope). */
export interface Place {
  actor: ActorName;
  team: string;
}

export interface Row {
  /** Creates fresh targets for one cell (destructive operations act on their own) and returns the call. */
  prepare(place: Place): Promise<Cell>;
  expect: Expectations;
}

/** The tenant every row works in: teams "Support" > "Support L1" (managed by the scoped callers) and "Sales". */
export class World {
  readonly callers = {} as Record<ActorName, Caller>;
  fixtures!: Fixtures;
  tenant!: TestTenant;
  support!: string;
  supportL1!: string;
  sales!: string;
  queueId!: string;
  api!: TestApi;

  /** Creates the tenant, its teams and one signed-in caller per actor (rows read the world only when run). */
  async setUp(api: TestApi): Promise<void> {
    this.api = api;
    this.tenant = await createTestTenant(this.api.db, 'matrix');
    this.fixtures = new Fixtures(this.api, this.tenant);
    this.support = (await this.fixtures.team('Support')).id;
    this.supportL1 = (await this.fixtures.team('Support L1', this.support)).id;
    this.sales = (await this.fixtures.team('Sales')).id;
    this.queueId = (await this.fixtures.queue()).id;
    const { roleIds, adminUserId } = this.tenant;
    this.callers.ADMIN = { token: await this.fixtures.session(adminUserId), userId: adminUserId, roleIds: [roleIds.ADMIN], place: null };
    this.callers.ANONYMOUS = { token: null, userId: null, roleIds: [], place: null };
    const teamLead = await this.createRole(
      ['users.view', 'users.edit', 'users.edit.name', 'users.edit.alias', 'users.edit.teams', 'teams', 'monitoring.agents'].map((permission) => ({
        permission,
        // Permissions without levels are simply granted (stored as EDIT).
        access: permission === 'teams' || permission === 'monitoring.agents' ? 'VIEW' : 'EDIT',
        scope: 'ASSIGNED_TEAMS',
      })),
      'Team Lead',
    );
    const managers: [ActorName, string][] = [
      ['MANAGER', roleIds.MANAGER],
      ['MANAGER_DATA', roleIds.MANAGER_DATA],
      ['MANAGER_TEAMS', roleIds.MANAGER_TEAMS],
      ['MANAGER_ADMIN', roleIds.MANAGER_ADMIN],
      ['TEAM_LEAD', teamLead.id],
    ];
    for (const [name, roleId] of managers) await this.addPerson(name, [roleId], [this.support, 'MANAGER']);
    await this.addPerson('AGENT', [roleIds.AGENT], [this.supportL1, 'MEMBER']);
    // A provisioning script gets Manager Admin, not the default Admin: it manages users, teams and queues
    // everywhere (a credential manages no team, so a team-scoped role would reach nothing) but cannot
    // touch roles, credentials, statuses or the audit log, which shows a credential's own grants are enforced.
    const { createApiCredential } = await this.asAdmin(
      `mutation($roleIds: [ID!]) { createApiCredential(name: "provisioning", roleIds: $roleIds) { secret } }`,
      { roleIds: [roleIds.MANAGER_ADMIN] },
    );
    this.callers.CREDENTIAL = { token: createApiCredential.secret, userId: null, roleIds: [], place: null };
  }

  private async addPerson(name: ActorName, roleIds: string[], place: [string, 'MEMBER' | 'MANAGER']): Promise<void> {
    const user = await this.fixtures.user(roleIds, [place]);
    this.callers[name] = { token: await this.fixtures.session(user.id), userId: user.id, roleIds, place };
  }

  /** Runs an operation as the admin and returns its data, failing on any error (fixtures made through the API). */
  async asAdmin<T = Record<string, any>>(query: string, variables: Record<string, unknown> = {}): Promise<T> {
    const result = await this.api.graphql<T>(query, { variables, token: this.callers.ADMIN.token! });
    if (result.errors) throw new Error(JSON.stringify(result.errors));
    return result.data!;
  }

  /** RoleInput with a unique name. */
  roleInput(permissions: { permission: string; access: string; scope?: string }[], name = this.fixtures.unique('Role ')) {
    return { name, label: 'Fixture', color: '#334455', permissions };
  }

  /** A custom role created by the admin. */
  async createRole(permissions: { permission: string; access: string; scope?: string }[] = [], name?: string): Promise<{ id: string; version: number }> {
    const input = this.roleInput(permissions, name);
    return (await this.asAdmin(`mutation($input: RoleInput!) { createRole(input: $input) { id version } }`, { input })).createRole;
  }

  /** A new session for people (so logging out keeps the shared one); the credential's secret otherwise. */
  async newSession(actor: ActorName): Promise<string | null> {
    const { userId, token } = this.callers[actor];
    return userId ? this.fixtures.session(userId) : token;
  }

  /** A new person with the caller's roles and place, signed in: for operations that change one's own account or shift. */
  async twinSession(actor: ActorName): Promise<string | null> {
    const { userId, token, roleIds, place } = this.callers[actor];
    if (!userId) return token;
    const twin = await this.fixtures.user(roleIds, place ? [place] : []);
    return this.fixtures.session(twin.id);
  }

  /** Runs one prepared cell: the first error's code, or 'ok'. */
  async outcomeOf(row: Row, place: Place): Promise<string> {
    const cell = await row.prepare(place);
    const token = cell.token === undefined ? this.callers[place.actor].token : cell.token;
    if (cell.subscription) return subscriptionOutcome(this.api.wsUrl, token, cell);
    const result = await this.api.graphql(cell.query, { variables: cell.variables, token: token ?? undefined });
    return codeOf(result);
  }
}

function codeOf(result: GraphQLResponse): string {
  return result.errors?.length ? (result.errors[0].extensions?.code ?? 'NO_CODE') : 'ok';
}

/** How long a subscription may stay quiet and still count as accepted. */
const QUIET_MS = 300;

/** Subscribes over graphql-ws; a socket refused for want of a token counts as UNAUTHENTICATED. */
function subscriptionOutcome(wsUrl: string, token: string | null, cell: Cell): Promise<string> {
  const client = createClient({
    url: wsUrl,
    webSocketImpl: WebSocket,
    connectionParams: token ? { authorization: `Bearer ${token}` } : {},
    retryAttempts: 0,
    lazy: true,
  });
  return new Promise<string>((resolve) => {
    const timer = setTimeout(() => resolve('ok'), QUIET_MS);
    const settle = (outcome: string) => {
      clearTimeout(timer);
      resolve(outcome);
    };
    client.subscribe(
      { query: cell.query, variables: cell.variables },
      {
        next: (value) => settle(codeOf(value as GraphQLResponse)),
        // graphql-ws closes with 4403 when onConnect refuses the connection params.
        error: (error) => settle(Array.isArray(error) ? codeOf({ errors: error }) : (error as { code?: number }).code === 4403 ? 'UNAUTHENTICATED' : 'CLOSED'),
        complete: () => settle('ok'),
      },
    );
  }).finally(() => client.dispose());
}
