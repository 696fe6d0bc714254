import { join, resolve } from 'node:path';
import { User } from '@switchboard/domain';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { TEST_PASSWORD, createTestTenant, startTestApi, type TestApi, type TestTenant } from '../../services/api/test/support/test-api';
import { ensureConsoleBuild, startConsole, type ConsoleServer } from './support/console-server';

const SCREENSHOTS = resolve(__dirname, '../../test-results/screenshots');
const REFUSED = 'The email or password is wrong, or the account is locked or not active';

let api: TestApi;
let tenant: TestTenant;
let consoleServer: ConsoleServer;
let browser: Browser;
let context: BrowserContext;
let page: Page;

beforeAll(async () => {
  // One at a time, so a failure leaves only what afterAll knows to stop.
  await ensureConsoleBuild();
  api = await startTestApi();
  // Debian's chromium, never a downloaded browser (apt-get install chromium).
  browser = await chromium.launch({ executablePath: '/usr/bin/chromium' });
  tenant = await createTestTenant(api.db, 'e2e');
  consoleServer = await startConsole(new URL(api.url).origin);
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await consoleServer?.stop();
  await api?.stop();
});

// A fresh context per test: its own localStorage, so no session leaks between tests.
beforeEach(async () => {
  context = await browser.newContext();
  // Below Jest's 30 s, so a wait that fails says what it was waiting for.
  context.setDefaultTimeout(10_000);
  page = await context.newPage();
});
afterEach(() => context.close());

async function fillSignIn(password: string) {
  await page.getByLabel('Tenant').fill(tenant.slug);
  await page.getByLabel('Email').fill(tenant.adminEmail);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

describe('signing in to the console', () => {
  it('sends a visitor without a session to /login and shows the server refusing a wrong password', async () => {
    await page.goto(`${consoleServer.url}/`);
    await page.waitForURL('**/login');

    await fillSignIn('wrong-password-1');
    await page.getByText(REFUSED).waitFor();
    expect(new URL(page.url()).pathname).toBe('/login');
    expect(await page.evaluate(() => localStorage.length)).toBe(0);
    // Not asserted: a picture for a person checking the look (test-results/ is not committed).
    await page.screenshot({ path: join(SCREENSHOTS, 'login.png') });
  });

  it('signs in, shows who is signed in, and signs out back to /login', async () => {
    await page.goto(`${consoleServer.url}/login`);
    await fillSignIn(TEST_PASSWORD);

    await page.waitForURL(`${consoleServer.url}/`);
    const admin = await api.db.getRepository(User).findOneByOrFail({ id: tenant.adminUserId });
    await page.getByText(`Signed in as ${admin.firstName} ${admin.lastName} (${admin.email})`).waitFor();

    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL('**/login');
    await page.getByRole('button', { name: 'Sign in' }).waitFor();
    await page.goto(`${consoleServer.url}/`);
    await page.waitForURL('**/login');
  });

  it('treats a token the API no longer accepts as signed out', async () => {
    await page.goto(`${consoleServer.url}/login`);
    await page.evaluate(() => localStorage.setItem('switchboard.token', 'revoked-or-expired'));
    await page.goto(`${consoleServer.url}/`);
    await page.waitForURL('**/login');
    await page.getByRole('button', { name: 'Sign in' }).waitFor();
    expect(await page.evaluate(() => localStorage.length)).toBe(0);
  });

  it('reaches the API over graphql-ws through the console origin with the session token', async () => {
    await page.goto(`${consoleServer.url}/login`);
    await fillSignIn(TEST_PASSWORD);
    await page.waitForURL(`${consoleServer.url}/`);

    const result = await page.evaluate(
      () =>
        new Promise<unknown>((resolve, reject) => {
          const socket = new WebSocket(`ws://${location.host}/graphql`, 'graphql-transport-ws');
          const token = localStorage.getItem('switchboard.token');
          socket.onopen = () => socket.send(JSON.stringify({ type: 'connection_init', payload: { authorization: `Bearer ${token}` } }));
          socket.onmessage = ({ data }) => {
            const message = JSON.parse(String(data));
            if (message.type === 'connection_ack') {
              socket.send(JSON.stringify({ id: '1', type: 'subscribe', payload: { query: '{ me { user { email } } }' } }));
            } else if (message.type === 'next') {
              resolve(message.payload);
              socket.close();
            }
          };
          socket.onclose = ({ code }) => reject(new Error(`closed with ${code}`));
        }),
    );
    expect(result).toEqual({ data: { me: { user: { email: tenant.adminEmail } } } });
  });
});
