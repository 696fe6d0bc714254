import { stat } from 'node:fs/promises';
import { BulkJob } from '@switchboard/domain';
import { signIn } from '../../services/api/test/support/test-api';
import { SESSION_COOKIE } from '../src/features/auth/session-cookie';
import { startConsoleWorld, type ConsoleWorld } from './support/console-world';

// The API's file routes reached through the console's origin with the session cookie, as the
// bulk page's links and upload do.
let world: ConsoleWorld;
let bearer: string;
let cookie: string;

beforeAll(async () => {
  world = await startConsoleWorld({ label: 'files' });
  bearer = await signIn(world.api, world.tenant.slug, world.tenant.adminEmail);
  cookie = `${SESSION_COOKIE}=${bearer}`;
}, 180_000);
afterAll(() => world?.stop());

describe('the console forwarding /api/v1 to the API', () => {
  it('streams an upload larger than the proxy would buffer (10 MB) to the API whole', async () => {
    const rows = Array.from({ length: 300_000 }, (_, i) => `person${i}@files.test,First${i},Last${i}`);
    const csv = Buffer.from(`Email,First name,Last name\n${rows.join('\n')}\n`);
    expect(csv.length).toBeGreaterThan(12 * 1024 * 1024);
    const form = new FormData();
    form.append('file', new Blob([new Uint8Array(csv)]), 'big.csv');

    const response = await fetch(`${world.console.url}/api/v1/bulk/users/upload`, { method: 'POST', headers: { cookie }, body: form });
    const job = await response.json();
    expect(response.status).toBeLessThan(300);
    expect(job).toMatchObject({ filename: 'big.csv' });
    const stored = await world.api.db.getRepository(BulkJob).findOneByOrFail({ filename: 'big.csv' });
    expect((await stat(stored.storagePath)).size).toBe(csv.length);
    // No bulk workers run for this file (its queues have a Redis prefix of their own): the job is cancelled, not left pending.
    const cancelled = await world.api.graphql(`mutation($id: ID!) { cancelBulkUserJob(id: $id) { status } }`, { token: bearer, variables: { id: job.id } });
    expect(cancelled.data).toEqual({ cancelBulkUserJob: { status: 'CANCELLED' } });
  });

  it('passes downloads through with their type and file name, and refuses them without a session', async () => {
    const template = await fetch(`${world.console.url}/api/v1/bulk/users/template?format=csv`, { headers: { cookie } });
    expect(template.status).toBe(200);
    expect(template.headers.get('content-disposition')).toContain('.csv');
    expect((await template.text()).split(/\r?\n/)[0]).toMatch(/^\uFEFF?Email,/);

    const anonymous = await fetch(`${world.console.url}/api/v1/bulk/users/template?format=csv`);
    expect(anonymous.status).toBe(401);
  });
});
