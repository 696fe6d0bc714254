import 'reflect-metadata';
import { parseArgs } from 'node:util';
import { DEMO_TENANT, createDataSource, demoAgentEmail, ensureDemoAgents } from '@switchboard/domain';

// What `npm start` uses when nothing is configured (scripts/start.mjs): the PostgreSQL on
// localhost (EMBEDDED_POSTGRES_PORT, 5432 by default), its own embedded one included (password
// "postgres", which trust auth ignores).
const START_DATABASE_URL = `postgres://postgres:postgres@127.0.0.1:${process.env.EMBEDDED_POSTGRES_PORT ?? 5432}/switchboard`;

/**
 * `npm run simulate -- --agents 200 --rate 20`: signs that many demo agents in through the api,
 * starts their shifts, then changes their statuses at random at `rate` changes per second (and
 * keeps their heartbeats), so a supervisor's board can be watched moving. Ctrl-C ends their shifts.
 * The api is API_URL (default http://127.0.0.1:API_PORT/graphql, port 4000) and the database
 * DATABASE_URL (default: the one `npm start` uses), where missing demo agents are added.
 */
async function main(): Promise<void> {
  const { values } = parseArgs({ options: { agents: { type: 'string', default: '200' }, rate: { type: 'string', default: '20' } } });
  const agents = Number(values.agents);
  const rate = Number(values.rate);
  if (!Number.isInteger(agents) || agents < 1) throw new Error('--agents must be a positive whole number');
  if (!(rate > 0)) throw new Error('--rate must be a positive number of changes per second');
  const url = process.env.API_URL ? `${process.env.API_URL.replace(/\/$/, '')}/graphql` : `http://127.0.0.1:${process.env.API_PORT ?? 4000}/graphql`;

  const db = createDataSource({ databaseUrl: process.env.DATABASE_URL ?? START_DATABASE_URL, poolSize: 2 });
  await db.initialize();
  await ensureDemoAgents(db, agents);
  await db.destroy();

  const call = async <T>(query: string, variables: Record<string, unknown> = {}, token?: string): Promise<T> => {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify({ query, variables }),
    });
    const body = (await response.json()) as { data?: T; errors?: { message: string }[] };
    if (body.errors?.length) throw new Error(body.errors[0].message);
    return body.data!;
  };

  const tokens: string[] = [];
  let heartbeatEverySeconds = 30;
  const emails = Array.from({ length: agents }, (_, i) => demoAgentEmail(i + 1));
  // A few sign-ins at a time: each hashes a password on the api.
  for (let i = 0; i < emails.length; i += 8) {
    const batch = await Promise.all(
      emails.slice(i, i + 8).map(async (email) => {
        const { login } = await call<{ login: { token: string } }>(
          `mutation($tenant: String!, $email: String!, $password: String!) { login(tenant: $tenant, email: $email, password: $password) { token } }`,
          { tenant: DEMO_TENANT.slug, email, password: DEMO_TENANT.password },
        );
        const { startShift } = await call<{ startShift: { heartbeatEverySeconds: number } }>(`mutation { startShift { heartbeatEverySeconds } }`, {}, login.token);
        heartbeatEverySeconds = startShift.heartbeatEverySeconds;
        return login.token;
      }),
    );
    tokens.push(...batch);
  }
  const { agentStatuses } = await call<{ agentStatuses: { id: string; name: string; agentSelectable: boolean }[] }>(
    `{ agentStatuses { id name agentSelectable } }`,
    {},
    tokens[0],
  );
  const choices = agentStatuses.filter((s) => s.agentSelectable);
  console.log(`${tokens.length} agents on shift; changing ${rate} statuses per second among ${choices.map((s) => s.name).join(', ')}. Ctrl-C to stop.`);

  let changes = 0;
  let failures = 0;
  const changer = setInterval(() => {
    const token = tokens[Math.floor(Math.random() * tokens.length)];
    const status = choices[Math.floor(Math.random() * choices.length)];
    call(`mutation($s: ID!) { setMyStatus(statusId: $s) { sequence } }`, { s: status.id }, token).then(
      () => changes++,
      () => failures++,
    );
  }, 1000 / rate);
  // HTTP-only consoles must send heartbeats, or the worker puts them Offline.
  const heartbeats = setInterval(
    () => tokens.forEach((token) => void call(`mutation { heartbeat { sequence } }`, {}, token).catch(() => failures++)),
    heartbeatEverySeconds * 1000,
  );
  const report = setInterval(() => console.log(`${changes} changes, ${failures} failures`), 5000);

  const stop = async () => {
    clearInterval(changer);
    clearInterval(heartbeats);
    clearInterval(report);
    await Promise.allSettled(tokens.map((token) => call(`mutation { endShift { sequence } }`, {}, token)));
    console.log(`ended ${tokens.length} shifts after ${changes} changes`);
    process.exit(0);
  };
  process.once('SIGINT', () => void stop());
  process.once('SIGTERM', () => void stop());
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
