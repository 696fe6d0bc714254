import { readFile } from 'node:fs/promises';
import type { Download, Page } from 'playwright-core';
import { bulkGet, csv, SETTLED, startBulkWorkers, uploadFile, waitForJob } from '../../services/api/test/support/bulk-test';
import { Fixtures } from '../../services/api/test/support/fixtures';
import { addUser, signIn } from '../../services/api/test/support/test-api';
import { SESSION_COOKIE } from '../src/features/auth/session-cookie';
import { screenshot, signedInPage, startConsoleWorld, type ConsoleWorld } from './support/console-world';

let world: ConsoleWorld;
/** One for the file: its users' emails are numbered per instance. */
let fixtures: Fixtures;

beforeAll(async () => {
  world = await startConsoleWorld({ label: 'bulk', bulkWorkers: true });
  fixtures = new Fixtures(world.api, world.tenant);
}, 180_000);
afterAll(() => world?.stop());

/** Clicks what starts a download and returns the downloaded file's name and text. */
async function download(page: Page, click: () => Promise<void>): Promise<{ name: string; text: string }> {
  const [file]: [Download, void] = await Promise.all([page.waitForEvent('download'), click()]);
  return { name: file.suggestedFilename(), text: await readFile((await file.path())!, 'utf8') };
}

/** The cells of the table row that mentions `text`, once it shows (the error log loads after the job). */
async function rowCells(page: Page, text: string): Promise<string[]> {
  const row = page.getByRole('row', { name: text });
  await row.waitFor();
  return row.getByRole('cell').allInnerTexts();
}

/** The value under a figure's title on the job page ("New users" → "3"). */
const figure = (page: Page, term: string) => page.locator('dt', { hasText: new RegExp(`^${term}$`) }).locator('xpath=following-sibling::dd').innerText();

/** A role with the permissions given, Edit and scope All each, for a test's own user. */
async function roleWith(name: string, permissions: string[]): Promise<string> {
  const token = await signIn(world.api, world.tenant.slug, world.tenant.adminEmail);
  const role = await world.api.graphql<{ createRole: { id: string } }>(`mutation($input: RoleInput!) { createRole(input: $input) { id } }`, {
    token,
    variables: { input: { name, label: name, color: '#336699', permissions: permissions.map((permission) => ({ permission, access: 'EDIT', scope: 'ALL' })) } },
  });
  expect(role.errors).toBeUndefined();
  return role.data!.createRole.id;
}

const chooseFile = (page: Page, name: string, content: string) =>
  page.getByLabel(/browse your files/).setInputFiles({ name, mimeType: 'text/plain', buffer: Buffer.from(content) });

describe('bulk user management', () => {
  it('downloads the template and the complete list of users', async () => {
    const { context, page } = await signedInPage(world, world.tenant.adminEmail);
    await page.goto(`${world.console.url}/bulk`);

    const template = await download(page, () => page.getByRole('button', { name: 'Template (CSV)' }).click());
    expect(template.name).toBe('bulk_user_manage_template.csv');
    expect(template.text).toMatch(/^Email,New email,Agent Id,First name,Last name/);
    const list = await download(page, () => page.getByRole('button', { name: 'Complete list of users (CSV)' }).click());
    expect(list.text).toContain(world.tenant.adminEmail);
    const xlsx = await download(page, () => page.getByRole('button', { name: 'Complete list of users (XLSX)' }).click());
    expect(xlsx.name).toBe('users.xlsx');
    await context.close();
  });

  it('validates an upload with errors, proceeds with "Ignore errors" to completion, and gives the error log', async () => {
    const d = world.tenant.slug;
    await addUser(world.api.db, world.tenant, `kim@${d}.test`, ['AGENT']);
    await addUser(world.api.db, world.tenant, `lee@${d}.test`, ['AGENT']);
    const file = csv([
      ['Email', 'First name', 'Last name', 'Status', 'Role: Agent'],
      [`ava@${d}.test`, 'Ava', 'Stone', 'Active', '1'],
      [`ben@${d}.test`, 'Ben', 'Cole', '', '1'],
      [`cleo@${d}.test`, 'Cleo', 'Park', '', '1'],
      [`dana@${d}.test`, '', 'Lane', '', '1'],
      [`eli@${d}.test`, 'Eli', 'Ray', 'Maybe', '1'],
      [`kim@${d}.test`, 'Kimberly', 'Test', '', '1'],
      [`lee@${d}.test`, 'lee', 'Test', '', '1'],
    ]);
    const { context, page } = await signedInPage(world, world.tenant.adminEmail);
    await page.goto(`${world.console.url}/bulk`);
    await chooseFile(page, 'new-agents.csv', file);

    await page.waitForURL(/\/bulk\/[0-9a-f-]{36}$/);
    await page.getByRole('heading', { name: 'new-agents.csv' }).waitFor();
    await page.getByText('Validated, ready to proceed', { exact: true }).waitFor();
    expect(await figure(page, 'Rows in the file')).toBe('7');
    expect(await figure(page, 'New users')).toBe('3');
    expect(await figure(page, 'Updated users')).toBe('1');
    expect(await figure(page, 'Unchanged')).toBe('1');
    expect(await figure(page, 'Rows with errors')).toBe('2');
    // What the updates would change, field by field (kim's first name), as a list its label names.
    const changes = page.getByRole('list', { name: 'Updates change:' });
    expect(await changes.getByRole('listitem').allTextContents()).toEqual(['First name 1 row']);
    // The error log names row and column, in the seed's words.
    expect(await rowCells(page, 'First name must not be empty')).toEqual(['4', 'First name (column 2)', 'First name must not be empty', 'Error']);
    expect(await rowCells(page, 'Status must be "Active", "Inactive", or empty')).toEqual([
      '5',
      'Status (column 4)',
      'Status must be "Active", "Inactive", or empty',
      'Error',
    ]);

    // Proceeding over errors needs "Ignore errors": the server says so where the user acted.
    await page.getByRole('button', { name: 'Proceed' }).click();
    await page.getByRole('alert').getByText('2 rows have errors').waitFor();
    await screenshot(page, 'bulk-job');
    await page.getByLabel('Ignore errors: apply only the 5 valid rows').check();
    await page.getByRole('button', { name: 'Proceed' }).click();

    await page.locator('[role="progressbar"][aria-valuenow="100"]').waitFor({ timeout: 30_000 });
    await page.getByText('100%', { exact: true }).waitFor();
    await page.getByText('Completed with errors', { exact: true }).waitFor();
    expect(await figure(page, 'Users created or updated')).toBe('4');
    expect(await figure(page, 'Rows with errors')).toBe('2');
    expect(await page.getByRole('button', { name: 'Proceed' }).count()).toBe(0);

    const log = await download(page, () => page.getByRole('button', { name: 'Download error log' }).click());
    expect(log.name).toMatch(/^bulk-errors-.+\.csv$/);
    expect(log.text).toContain('First name must not be empty,2,4,First name,ERROR');
    expect(log.text).toContain('"Status must be ""Active"", ""Inactive"", or empty",4,5,Status,ERROR');
    await context.close();
  });

  it('refuses a file of another type, and shows the problems of a file that does not match the template', async () => {
    const { context, page } = await signedInPage(world, world.tenant.adminEmail);
    await page.goto(`${world.console.url}/bulk`);
    const uploads: string[] = [];
    page.on('request', (request) => request.url().endsWith('/upload') && uploads.push(request.url()));
    await chooseFile(page, 'notes.txt', 'not a user list');
    await page.getByRole('alert').getByText('The file must be a .csv, .xlsx or .json file').waitFor();
    expect(new URL(page.url()).pathname).toBe('/bulk');
    // Refused before it is sent, in the API's words.
    expect(uploads).toEqual([]);

    await chooseFile(page, 'nicknames.csv', csv([['Nickname', 'Email'], ['Al', `al@${world.tenant.slug}.test`]]));
    await page.waitForURL(/\/bulk\/[0-9a-f-]{36}$/);
    await page.getByText('Invalid file', { exact: true }).waitFor();
    await page.getByRole('heading', { name: 'The file cannot be used' }).waitFor();
    expect(await rowCells(page, 'Unknown column "Nickname"')).toEqual(['File', 'Column 1', 'Unknown column "Nickname"', 'Error']);
    await context.close();
  });

  it('lists the uploads newest first and filters them by status and upload date', async () => {
    const { context, page } = await signedInPage(world, world.tenant.adminEmail);
    await page.goto(`${world.console.url}/bulk`);
    const history = page.getByRole('region', { name: 'Upload history' });
    await history.getByRole('row', { name: /nicknames\.csv/ }).waitFor();
    const files = async () => (await history.locator('tbody th').allTextContents()).sort();
    expect(await history.locator('tbody th').allTextContents()).toEqual(['nicknames.csv', 'new-agents.csv']);
    expect(await rowCells(page, 'new-agents.csv')).toEqual([expect.any(String), expect.any(String), '7', '4', '2', 'Completed with errors', 'Error log']);
    await screenshot(page, 'bulk');

    await history.getByLabel('Status').selectOption({ label: 'Completed with errors' });
    await history.getByText('nicknames.csv').waitFor({ state: 'detached' });
    expect(await files()).toEqual(['new-agents.csv']);
    await history.getByLabel('Status').selectOption({ label: 'Completed' });
    await history.getByText('No uploads match these filters.').waitFor();

    await history.getByRole('button', { name: 'Clear filters' }).click();
    await history.getByText('nicknames.csv').waitFor();
    await history.getByLabel('Uploaded from').fill('2099-01-01');
    await history.getByText('No uploads match these filters.').waitFor();
    await history.getByLabel('Uploaded from').fill('2000-01-01');
    await history.getByText('new-agents.csv').waitFor();
    expect(await files()).toEqual(['new-agents.csv', 'nicknames.csv']);
    await context.close();
  });

  it('shows a viewer without Edit the history and downloads, but no upload, proceed or cancel', async () => {
    const token = await signIn(world.api, world.tenant.slug, world.tenant.adminEmail);
    const role = await world.api.graphql<{ createRole: { id: string } }>(`mutation($input: RoleInput!) { createRole(input: $input) { id } }`, {
      token,
      variables: { input: { name: 'Bulk viewer', label: 'Bulk view', color: '#336699', permissions: [{ permission: 'users.bulk', access: 'VIEW', scope: 'ALL' }] } },
    });
    expect(role.errors).toBeUndefined();
    const viewer = await fixtures.user([role.data!.createRole.id]);
    const { context, page } = await signedInPage(world, viewer.email);
    await page.goto(`${world.console.url}/bulk`);
    await page.getByRole('button', { name: 'Template (CSV)' }).waitFor();
    await page.getByRole('row', { name: /new-agents\.csv/ }).waitFor();
    expect(await page.getByLabel(/browse your files/).count()).toBe(0);
    // The complete list needs the user list permission, which this role lacks.
    expect(await page.getByRole('button', { name: /Complete list of users/ }).count()).toBe(0);

    await page.getByRole('link', { name: 'new-agents.csv', exact: true }).click();
    await page.waitForURL(/\/bulk\/[0-9a-f-]{36}$/);
    await page.getByText('Completed with errors', { exact: true }).waitFor();
    await page.getByRole('button', { name: 'Download error log' }).waitFor();
    expect(await page.getByRole('button', { name: /Proceed|Cancel upload/ }).count()).toBe(0);
    await context.close();
  });

  it("says why an upload failed when the API cannot be reached, and signs out when the session has ended", async () => {
    const { context, page } = await signedInPage(world, world.tenant.adminEmail);
    await page.goto(`${world.console.url}/bulk`);
    // The console's own route answers this way when the API is down.
    await page.route(/\/upload$/, (route) => route.fulfill({ status: 502, json: { message: 'The Switchboard API cannot be reached. Try again in a moment.' } }));
    await chooseFile(page, 'unreachable.csv', csv([['Email'], [`una@${world.tenant.slug}.test`]]));
    await page.getByRole('alert').getByText('The Switchboard API cannot be reached. Try again in a moment.').waitFor();
    await page.unroute(/\/upload$/);

    const session = (await context.cookies()).find((cookie) => cookie.name === SESSION_COOKIE)!.value;
    expect((await world.api.graphql(`mutation { logout }`, { token: session })).errors).toBeUndefined();
    await chooseFile(page, 'late.csv', csv([['Email'], [`lou@${world.tenant.slug}.test`]]));
    await page.waitForURL(/\/login$/);
    await context.close();
  });

  it('shows why live progress stopped, and follows the job again until it ends', async () => {
    const { context, page } = await signedInPage(world, world.tenant.adminEmail);
    // The job page's WebSocket through the test, which can end the progress subscription with an error.
    let failProgress = () => {};
    let progressSubscribed = () => {};
    const subscribed = new Promise<void>((resolve) => (progressSubscribed = resolve));
    await page.routeWebSocket(/\/graphql$/, (socket) => {
      const server = socket.connectToServer();
      socket.onMessage((message) => {
        const parsed = JSON.parse(String(message));
        server.send(message);
        if (parsed.type !== 'subscribe' || !String(parsed.payload.query).includes('bulkJobProgress')) return;
        failProgress = () => socket.send(JSON.stringify({ type: 'error', id: parsed.id, payload: [{ message: 'Progress is not available right now.' }] }));
        progressSubscribed();
      });
    });
    await page.goto(`${world.console.url}/bulk`);
    await chooseFile(page, 'resumed.csv', csv([['Email', 'First name', 'Last name', 'Role: Agent'], [`rae@${world.tenant.slug}.test`, 'Rae', 'Hill', '1']]));
    await page.getByText('Validated, ready to proceed', { exact: true }).waitFor();
    await subscribed;

    failProgress();
    const stopped = page.getByText('Live updates have stopped: Progress is not available right now. Retrying…');
    await stopped.waitFor();
    await page.getByRole('button', { name: 'Proceed' }).click();
    await page.getByText('Completed', { exact: true }).waitFor({ timeout: 30_000 });
    await stopped.waitFor({ state: 'detached' });
    await context.close();
  });
  it('moves the statuses in the upload history on their own while jobs wait, validate or apply', async () => {
    const token = await signIn(world.api, world.tenant.slug, world.tenant.adminEmail);
    const { context, page } = await signedInPage(world, world.tenant.adminEmail);
    const row = page.getByRole('region', { name: 'Upload history' }).getByRole('row', { name: /queued\.csv/ });
    // Without Workers for a moment, the upload waits for validation.
    await world.bulkWorkers!.stop();
    try {
      const file = csv([['Email', 'First name', 'Last name', 'Role: Agent'], [`wyn@${world.tenant.slug}.test`, 'Wyn', 'Hart', '1']]);
      expect((await uploadFile(world.api, token, 'queued.csv', file, { autoProceed: 'true' })).status).toBeLessThan(300);
      await page.goto(`${world.console.url}/bulk`);
      await row.getByText('Waiting for validation', { exact: true }).waitFor();
    } finally {
      // Whatever happened, the next tests have Workers.
      world.bulkWorkers = await startBulkWorkers(world.api);
    }
    await row.getByText('Completed', { exact: true }).waitFor({ timeout: 30_000 });
    expect(await row.getByRole('cell').nth(3).innerText()).toBe('1');
    await context.close();
  }, 60_000);

  it('offers the error log of an upload with warnings only', async () => {
    const d = world.tenant.slug;
    const namer = await fixtures.user([await roleWith('Bulk names', ['users.view', 'users.bulk', 'users.edit', 'users.edit.name'])]);
    const namerToken = await signIn(world.api, d, namer.email);
    await addUser(world.api.db, world.tenant, `wren@${d}.test`, ['AGENT']);
    // The Status column is one this uploader may not edit: a warning, though no row changes it.
    const upload = await uploadFile(world.api, namerToken, 'names-only.csv', csv([['Email', 'First name', 'Status'], [`wren@${d}.test`, 'Wren', '']]));
    const job = await waitForJob(world.api, namerToken, upload.body.id, SETTLED);
    expect({ status: job.status, failedRows: job.failedRows, severities: job.errors.edges.map(({ node }: any) => node.severity) }).toEqual({
      status: 'VALIDATED',
      failedRows: 0,
      severities: ['WARNING'],
    });

    const { context, page } = await signedInPage(world, world.tenant.adminEmail);
    await page.goto(`${world.console.url}/bulk`);
    const errorLog = page.getByRole('button', { name: 'Download the error log of names-only.csv' });
    const log = await download(page, () => errorLog.click());
    expect(log.text).toContain('Your roles may not edit the column ""Status""');
    await context.close();
  });

  it('says why a download was refused instead of saving the refusal, and signs out when the session has ended', async () => {
    const viewer = await fixtures.user([await roleWith('Bulk downloads', ['users.bulk'])]);
    const { context, page } = await signedInPage(world, viewer.email);
    await page.goto(`${world.console.url}/bulk`);
    const template = page.getByRole('button', { name: 'Template (CSV)' });
    await template.waitFor();
    const downloads: string[] = [];
    page.on('download', (file) => downloads.push(file.suggestedFilename()));

    // The viewer loses Bulk User Management while the page is open: the API refuses the template.
    const admin = await signIn(world.api, world.tenant.slug, world.tenant.adminEmail);
    // Signing in moved the user's version on.
    const read = await world.api.graphql<{ user: { version: number } }>(`query($id: ID!) { user(id: $id) { version } }`, { token: admin, variables: { id: viewer.id } });
    const changed = await world.api.graphql(`mutation($id: ID!, $v: Int!, $r: [ID!]) { updateUser(id: $id, version: $v, input: { roleIds: $r }) { id } }`, {
      token: admin,
      variables: { id: viewer.id, v: read.data!.user.version, r: [await roleWith('Users only', ['users.view'])] },
    });
    expect(changed.errors).toBeUndefined();
    const session = (await context.cookies()).find((cookie) => cookie.name === SESSION_COOKIE)!.value;
    const refusal = await bulkGet(world.api, session, '/template?format=csv');
    expect(refusal.status).toBe(403);
    const { error } = (await refusal.json()) as { error: { message: string } };
    await template.click();
    await page.getByRole('alert').getByText(error.message).waitFor();
    expect(downloads).toEqual([]);

    expect((await world.api.graphql(`mutation { logout }`, { token: session })).errors).toBeUndefined();
    await template.click();
    await page.waitForURL(/\/login$/);
    expect(downloads).toEqual([]);
    await context.close();
  });
});
