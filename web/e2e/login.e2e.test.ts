import { OutboundEmail, Role, User } from '@switchboard/domain';
import { TEST_PASSWORD, signIn } from '../../services/api/test/support/test-api';
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

  it('accepts an invitation from the emailed link: the new user sets a password and is signed in', async () => {
    const adminToken = await signIn(world.api, world.tenant.slug, world.tenant.adminEmail);
    const agentRole = await world.api.db.getRepository(Role).findOneByOrFail({ tenantId: world.tenant.tenantId, name: 'Agent' });
    const created = await world.api.graphql(`mutation($input: CreateUserInput!) { createUser(input: $input) { id } }`, {
      token: adminToken,
      variables: { input: { email: 'nova@invited.test', firstName: 'Nova', lastName: 'Invited', roleIds: [agentRole.id] } },
    });
    expect(created.errors).toBeUndefined();
    // The link exactly as the invitation email brings it.
    const email = await world.api.db.getRepository(OutboundEmail).findOneByOrFail({ toAddress: 'nova@invited.test', kind: 'invitation' });
    const link = /https?:\/\/\S+\/accept-invitation\?token=\S+/.exec(email.bodyText)![0];

    await page.goto(`${world.console.url}${new URL(link).pathname}${new URL(link).search}`);
    await page.getByLabel('Password', { exact: true }).fill('new-agent-pass-9');
    await page.getByLabel('Repeat password').fill('not-the-same-9');
    await page.getByRole('button', { name: 'Activate account' }).click();
    await page.getByText('The two passwords are not the same.').waitFor();
    await page.getByLabel('Repeat password').fill('new-agent-pass-9');
    await page.getByRole('button', { name: 'Activate account' }).click();

    await page.waitForURL(`${world.console.url}/`);
    await page.getByRole('navigation', { name: 'Sections' }).getByText('nova@invited.test').waitFor();
    expect(await world.api.db.getRepository(User).findOneByOrFail({ email: 'nova@invited.test' })).toMatchObject({ status: 'ACTIVE' });

    // The link works once.
    await context.clearCookies();
    await page.goto(`${world.console.url}${new URL(link).pathname}${new URL(link).search}`);
    await page.getByLabel('Password', { exact: true }).fill('another-pass-9');
    await page.getByLabel('Repeat password').fill('another-pass-9');
    await page.getByRole('button', { name: 'Activate account' }).click();
    // Next's route announcer is an (empty) alert too: look for the message itself.
    await page.getByRole('alert').getByText('This invitation link is no longer valid').waitFor();
    expect(new URL(page.url()).pathname).toBe('/accept-invitation');
  });
});
