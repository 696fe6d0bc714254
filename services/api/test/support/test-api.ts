import { randomBytes } from 'node:crypto';
import WebSocket from 'ws';
import { createClient, type Client } from 'graphql-ws';
import type { DataSource } from 'typeorm';
import {
  createDataSource,
  createLogger,
  createRedis,
  createTenant,
  hashPassword,
  insertUserRecord,
  loadConfig,
  QueryCounter,
  type Config,
  type CreatedTenant,
  type DefaultRoleKey,
  type User,
} from '@switchboard/domain';
import { createApiServer, type ApiServer } from '../../src/server';


export interface GraphQLResponse<T = Record<string, any>> {
  data?: T | null;
  errors?: { message: string; extensions?: { code?: string; field?: string } }[];
}

export interface TestApi {
  url: string;
  wsUrl: string;
  db: DataSource;
  config: Config;
  queries: QueryCounter;
  server: ApiServer;
  graphql<T = Record<string, any>>(query: string, options?: { variables?: Record<string, unknown>; token?: string }): Promise<GraphQLResponse<T>>;
  stop(): Promise<void>;
}

/** Starts a real api (HTTP + WebSocket) on a free port over the run's database and Redis. */
export async function startTestApi(env: Record<string, string> = {}): Promise<TestApi> {
  const config = loadConfig({ ...process.env, NODE_ENV: 'test', LOG_LEVEL: 'silent', ...env });
  const queries = new QueryCounter();
  const db = createDataSource({ databaseUrl: config.databaseUrl, poolSize: 5, logger: queries });
  await db.initialize();
  const redis = createRedis(config.redisUrl, { name: 'api-test' });
  // Commands fail fast while connecting (no offline queue): start once connected, as in production.
  await new Promise<void>((resolve) => (redis.status === 'ready' ? resolve() : (redis.once('ready', resolve), redis.once('error', () => resolve()))));
  const server = await createApiServer({ config, db, redis, logger: createLogger('api-test', 'silent') });
  const port = await server.listen(0, '127.0.0.1');
  const url = `http://127.0.0.1:${port}/graphql`;
  return {
    url,
    wsUrl: `ws://127.0.0.1:${port}/graphql`,
    db,
    config,
    queries,
    server,
    async graphql(query, { variables, token } = {}) {
      const response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
        body: JSON.stringify({ query, variables }),
      });
      // The caller names the shape of `data` it expects (T); the body is whatever the api answered.
      return (await response.json()) as GraphQLResponse<never>;
    },
    async stop() {
      await server.stop();
      redis.disconnect();
      await db.destroy();
    },
  };
}

export const TEST_PASSWORD = 'correct-horse-7';

export interface TestTenant extends CreatedTenant {
  slug: string;
  adminEmail: string;
}

/** A fresh tenant with a unique slug, its default roles and an admin signing in with TEST_PASSWORD. */
export async function createTestTenant(db: DataSource, label = 't'): Promise<TestTenant> {
  const slug = `${label}-${randomBytes(4).toString('hex')}`;
  const adminEmail = `admin@${slug}.test`;
  const created = await createTenant(db, { slug, name: `Tenant ${slug}`, adminEmail, adminPassword: TEST_PASSWORD });
  return { ...created, slug, adminEmail };
}

// Hashing once keeps seeding hundreds of test users fast.
let testPasswordHash: Promise<string> | undefined;

/** Adds an active user holding the given default roles, signing in with TEST_PASSWORD. */
export async function addUser(db: DataSource, tenant: TestTenant, email: string, roles: DefaultRoleKey[]): Promise<User> {
  testPasswordHash ??= hashPassword(TEST_PASSWORD);
  const passwordHash = await testPasswordHash;
  return db.transaction((tx) =>
    insertUserRecord(tx, {
      tenantId: tenant.tenantId,
      email,
      firstName: email.split('@')[0],
      lastName: 'Test',
      status: 'ACTIVE',
      passwordHash,
      roleIds: roles.map((key) => tenant.roleIds[key]),
    }),
  );
}

/** Signs in through the API and returns the token. */
export async function signIn(api: TestApi, tenant: string, email: string, password = TEST_PASSWORD): Promise<string> {
  const result = await api.graphql<{ login: { token: string } }>(
    `mutation($tenant: String!, $email: String!, $password: String!) { login(tenant: $tenant, email: $email, password: $password) { token } }`,
    { variables: { tenant, email, password } },
  );
  if (!result.data?.login) throw new Error(`sign-in failed: ${JSON.stringify(result.errors)}`);
  return result.data.login.token;
}

/** Runs one operation over graphql-ws with the token as connection params; rejects with the close event when refused. */
export function wsExecute<T = Record<string, any>>(wsUrl: string, token: string, query: string): Promise<GraphQLResponse<T>> {
  const client = createClient({
    url: wsUrl,
    webSocketImpl: WebSocket,
    connectionParams: { authorization: `Bearer ${token}` },
    retryAttempts: 0,
    lazy: true,
  });
  return new Promise<GraphQLResponse<T>>((resolve, reject) => {
    let result: GraphQLResponse<T> | undefined;
    client.subscribe<T>(
      { query },
      {
        next: (value) => (result = value as GraphQLResponse<T>),
        error: reject,
        complete: () => resolve(result!),
      },
    );
  }).finally(() => client.dispose());
}

/** A graphql-ws connection the server accepted, and how it ended. */
export interface OpenSocket {
  client: Client;
  closed: Promise<{ code: number; reason: string }>;
  close(): void;
}

/** Opens a graphql-ws connection with the token and resolves once the server accepted it. */
export async function openSocket(wsUrl: string, token: string): Promise<OpenSocket> {
  let onClosed!: (event: { code: number; reason: string }) => void;
  const closed = new Promise<{ code: number; reason: string }>((resolve) => (onClosed = resolve));
  const client = createClient({
    url: wsUrl,
    webSocketImpl: WebSocket,
    connectionParams: { authorization: `Bearer ${token}` },
    retryAttempts: 0,
    lazy: false,
    // The close is the outcome a test waits for, reported through `closed`, not an error to print.
    onNonLazyError: () => {},
    on: { closed: (event) => onClosed(event as { code: number; reason: string }) },
  });
  await new Promise<void>((resolve, reject) => {
    client.on('connected', () => resolve());
    client.on('closed', (event) => reject(event));
  });
  return { client, closed, close: () => void client.dispose() };
}
