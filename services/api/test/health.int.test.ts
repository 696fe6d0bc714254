import { createTestTenant, signIn, startTestApi, type TestApi } from './support/test-api';

let api: TestApi;
let base: string;
beforeAll(async () => {
  api = await startTestApi();
  base = api.url.replace(/\/graphql$/, '');
});
afterAll(() => api.stop());

describe('operations endpoints', () => {
  it('/healthz answers while the process runs', async () => {
    const response = await fetch(`${base}/healthz`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ok' });
  });

  it('/readyz checks that PostgreSQL and Redis answer', async () => {
    const response = await fetch(`${base}/readyz`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ postgres: 'ok', redis: 'ok' });
  });

  it('/readyz says which dependency is down', async () => {
    const down = await startTestApi({ REDIS_URL: 'redis://127.0.0.1:1' });
    try {
      const response = await fetch(`${down.url.replace(/\/graphql$/, '')}/readyz`);
      expect(response.status).toBe(503);
      expect(await response.json()).toEqual({ postgres: 'ok', redis: 'down' });
    } finally {
      await down.stop();
    }
  });

  it('/metrics counts GraphQL operations for Prometheus', async () => {
    const tenant = await createTestTenant(api.db, 'metrics');
    const token = await signIn(api, tenant.slug, tenant.adminEmail);
    await api.graphql(`query CountUsers { users { totalCount } }`, { token });
    const text = await (await fetch(`${base}/metrics`)).text();
    expect(text).toMatch(/graphql_operations_total\{operation="CountUsers",outcome="ok"\} 1/);
    expect(text).toContain('http_request_duration_seconds_bucket');
  });

  it('gives every request an id, keeping one the caller sent', async () => {
    const sent = await fetch(`${base}/healthz`, { headers: { 'x-request-id': 'trace-123' } });
    expect(sent.headers.get('x-request-id')).toBe('trace-123');
    const generated = await fetch(`${base}/healthz`);
    expect(generated.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });
});
