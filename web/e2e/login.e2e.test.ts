import { User } from '@switchboard/domain';
import { TEST_PASSWORD } from '../../services/api/test/support/test-api';
import { SESSION_COOKIE } from '../src/features/auth/session-cookie';
import { newPage, screenshot, startConsoleWorld, type ConsoleWorld } from './support/console-world';
import type { BrowserContext, Page } from 'playwright-core';

const REFUSED = 'The email or password is wrong, or the account is locked or not active';

let world: ConsoleWorld;
let context: BrowserContext;
let page: Page;

beforeAll(async () => {
  world = await startConsoleWorld({ label: 'login' });
}, 180_000);
afterAll(() => world?.stop());

beforeEach(async () => ({ context, page } = await newPage(world)));
afterEach(() => context?.close());

async function fillSignIn(password: string) {
  await page.getByLabel('Tenant').fill(world.tenant.slug);
  await page.getByLabel('Email').fill(world.tenant.adminEmail);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

describe('signing in to the console', () => {
  it('sends a visitor without a session to /login and shows the server refusing a wrong password', async () => {
    await page.goto(`${world.console.url}/users`);
    await page.waitForURL('**/login?next=%2Fusers');

    await fillSignIn('wrong-password-1');
    await page.getByText(REFUSED).waitFor();
    expect(new URL(page.url()).pathname).toBe('/login');
    await screenshot(page, 'login');
  });

  it('signs in to the page asked for, keeps the token out of page scripts, and signs out back to /login', async () => {
    await page.goto(`${world.console.url}/?team=none`);
    await fillSignIn(TEST_PASSWORD);

    await page.waitForURL(`${world.console.url}/?team=none`);
    const admin = await world.api.db.getRepository(User).findOneByOrFail({ id: world.tenant.adminUserId });
    await page.getByRole('navigation', { name: 'Sections' }).getByText(admin.email).waitFor();
    // The session cookie is HttpOnly: nothing a page runs can read or send the token elsewhere.
    const [cookie] = (await context.cookies()).filter((c) => c.name === SESSION_COOKIE);
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Strict' });
    expect(await page.evaluate(() => [document.cookie, localStorage.length, sessionStorage.length])).toEqual(['', 0, 0]);

    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL('**/login');
    expect((await context.cookies()).some((c) => c.name === SESSION_COOKIE)).toBe(false);
    await page.goto(`${world.console.url}/`);
    await page.waitForURL('**/login');
  });

  it('treats a session the API no longer accepts as signed out', async () => {
    await context.addCookies([{ name: SESSION_COOKIE, value: 'revoked-or-expired', url: world.console.url }]);
    await page.goto(`${world.console.url}/`);
    await page.waitForURL('**/login');
    await page.getByRole('button', { name: 'Sign in' }).waitFor();
    expect((await context.cookies()).some((c) => c.name === SESSION_COOKIE)).toBe(false);
  });

  it('reaches the API over graphql-ws through the console origin with the session cookie alone', async () => {
    await page.goto(`${world.console.url}/login`);
    await fillSignIn(TEST_PASSWORD);
    await page.waitForURL(`${world.console.url}/`);

    const result = await page.evaluate(
      () =>
        new Promise<unknown>((resolve, reject) => {
          const socket = new WebSocket(`ws://${location.host}/graphql`, 'graphql-transport-ws');
          socket.onopen = () => socket.send(JSON.stringify({ type: 'connection_init' }));
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
    expect(result).toEqual({ data: { me: { user: { email: world.tenant.adminEmail } } } });
  });
});
