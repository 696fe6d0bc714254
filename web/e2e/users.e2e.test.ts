import { addUser, signIn } from '../../services/api/test/support/test-api';
import { screenshot, signedInPage, startConsoleWorld, type ConsoleWorld } from './support/console-world';
import type { BrowserContext, Locator, Page } from 'playwright-core';

let world: ConsoleWorld;
let context: BrowserContext;
let page: Page;
let adminToken: string;
let miaId: string;

/** Emails of the people this file sets up, in the tenant's own domain. */
const email = (name: string) => `${name}@${world.tenant.slug}.test`;

/** Runs an operation as the tenant admin and fails the setup on any error. */
async function asAdmin<T = Record<string, any>>(query: string, variables: Record<string, unknown>): Promise<T> {
  const result = await world.api.graphql<T>(query, { token: adminToken, variables });
  if (result.errors) throw new Error(JSON.stringify(result.errors));
  return result.data!;
}

beforeAll(async () => {
  world = await startConsoleWorld({ label: 'users' });
  adminToken = await signIn(world.api, world.tenant.slug, world.tenant.adminEmail);
  const { createTeam } = await asAdmin<{ createTeam: { id: string } }>(`mutation($input: CreateTeamInput!) { createTeam(input: $input) { id } }`, {
    input: { name: 'Support' },
  });
  // addUser names people after their email: "dana Test" and so on.
  const dana = await addUser(world.api.db, world.tenant, email('dana'), ['AGENT']);
  const mia = await addUser(world.api.db, world.tenant, email('mia'), ['MANAGER']);
  const tom = await addUser(world.api.db, world.tenant, email('tom'), ['MANAGER_TEAMS']);
  miaId = mia.id;
  await addUser(world.api.db, world.tenant, email('erin'), ['AGENT']);
  const addMembers = `mutation($teamId: ID!, $userIds: [ID!]!, $role: TeamRole!) { addTeamMembers(teamId: $teamId, userIds: $userIds, role: $role) { id } }`;
  await asAdmin(addMembers, { teamId: createTeam.id, userIds: [dana.id], role: 'MEMBER' });
  await asAdmin(addMembers, { teamId: createTeam.id, userIds: [mia.id, tom.id], role: 'MANAGER' });
  await asAdmin(`mutation($input: CreateUserInput!) { createUser(input: $input) { id } }`, {
    input: { email: email('ivy'), firstName: 'Ivy', lastName: 'Invited', roleIds: [world.tenant.roleIds.AGENT] },
  });
}, 180_000);
afterAll(() => world?.stop());

afterEach(() => context?.close());

/** Opens the Users page signed in as `who`; `clockAheadMs` sets the page's clock that far off, as on a PC whose clock is wrong. */
async function openUsersAs(who: string, { clockAheadMs = 0 } = {}) {
  ({ context, page } = await signedInPage(world, who));
  if (clockAheadMs) await page.clock.install({ time: Date.now() + clockAheadMs });
  await page.goto(`${world.console.url}/users`);
  // The first load signs in, loads the viewer, the choices and a page: slow on a busy machine.
  await page.getByRole('table', { name: 'Users' }).waitFor({ timeout: 30_000 });
}

/** The table row holding this text: an email, or a name like "dana Test". */
const rowOf = (text: string): Locator => page.getByRole('row').filter({ hasText: text });

describe('the users page', () => {
  it('adds a user, who is listed as invited with their invitation pending and can be sent a new one', async () => {
    await openUsersAs(world.tenant.adminEmail);
    await page.getByRole('button', { name: 'Add user' }).click();
    const dialog = page.getByRole('dialog', { name: 'Add user' });
    await dialog.getByLabel('Email').fill(email('nina'));
    await dialog.getByLabel('First name').fill('Nina');
    await dialog.getByLabel('Last name').fill('New');
    await dialog.getByRole('checkbox', { name: 'Agent', exact: true }).check();
    await dialog.getByRole('checkbox', { name: 'Support' }).check();
    await screenshot(page, 'user-dialog');
    await dialog.getByRole('button', { name: 'Add user' }).click();

    await dialog.waitFor({ state: 'detached' });
    await page.getByText(`Invited ${email('nina')}: they get an email with a link to set their password.`).waitFor();
    const row = rowOf(email('nina'));
    await row.getByText('Invited', { exact: true }).waitFor();
    await row.getByText('Invitation pending').waitFor();
    expect(await row.getByRole('rowheader').textContent()).toBe('Nina New');
    await row.getByText('Support').waitFor();

    await row.getByRole('button', { name: 'Resend invitation Nina New' }).click();
    await page.getByText(`Sent ${email('nina')} a new invitation; the previous link no longer works.`).waitFor();
  });

  it('shows a refused edit beside the field, keeps the dialog open with the values, and saves once fixed', async () => {
    await openUsersAs(world.tenant.adminEmail);
    await page.getByRole('button', { name: 'Edit dana Test' }).click();
    const dialog = page.getByRole('dialog', { name: 'Edit dana Test' });
    const emailField = dialog.getByLabel('Email');
    await emailField.waitFor();
    expect(await emailField.inputValue()).toBe(email('dana'));

    await emailField.fill(world.tenant.adminEmail);
    await dialog.getByRole('button', { name: 'Save' }).click();
    const message = `The email ${world.tenant.adminEmail} is already taken by another user`;
    await dialog.getByText(message).waitFor();
    // Beside the field and read out with it; the field is marked and has the focus.
    expect(await emailField.getAttribute('aria-invalid')).toBe('true');
    const describedBy = await emailField.getAttribute('aria-describedby');
    expect(await dialog.locator(`[id="${describedBy}"]`).textContent()).toBe(message);
    expect(await emailField.evaluate((input) => input === document.activeElement)).toBe(true);
    // Typing elsewhere keeps the focus there and the values typed.
    await dialog.getByLabel('Alias (optional)').clear();
    await dialog.getByLabel('Alias (optional)').pressSequentially('Dee');
    expect(await dialog.getByLabel('Alias (optional)').inputValue()).toBe('Dee');
    expect(await emailField.inputValue()).toBe(world.tenant.adminEmail);

    await emailField.fill(email('dana.new'));
    await dialog.getByRole('button', { name: 'Save' }).click();
    await dialog.waitFor({ state: 'detached' });
    await page.getByText(`Saved the changes to ${email('dana.new')}.`).waitFor();
    await rowOf(email('dana.new')).getByText('Alias: Dee').waitFor();
  });

  it('refuses a save over someone else’s change and reloads what they saved', async () => {
    await openUsersAs(world.tenant.adminEmail);
    await page.getByRole('button', { name: 'Edit mia Test' }).click();
    const dialog = page.getByRole('dialog', { name: 'Edit mia Test' });
    await dialog.getByLabel('Agent id (optional)').fill('A-1');
    const { user } = await asAdmin<{ user: { version: number } }>(`query($id: ID!) { user(id: $id) { version } }`, { id: miaId });
    await asAdmin(`mutation($id: ID!, $version: Int!) { updateUser(id: $id, version: $version, input: { agentId: "B-2" }) { id } }`, {
      id: miaId,
      version: user.version,
    });

    await dialog.getByRole('button', { name: 'Save' }).click();
    const conflict = dialog.getByText('User was changed by someone else; reload it and try again');
    await conflict.waitFor();
    await dialog.getByRole('button', { name: 'Reload the user' }).click();
    await conflict.waitFor({ state: 'detached' });
    expect(await dialog.getByLabel('Agent id (optional)').inputValue()).toBe('B-2');
  });

  it('deactivates and reactivates chosen users after confirming, focus going to the heading once the opener is disabled', async () => {
    await openUsersAs(world.tenant.adminEmail);
    const row = rowOf(email('erin'));
    await row.getByRole('checkbox', { name: 'Select erin Test' }).check();
    await page.getByText('1 selected').waitFor();
    expect(await row.getAttribute('aria-selected')).toBe('true');
    await screenshot(page, 'users');

    await page.getByRole('button', { name: 'Deactivate', exact: true }).click();
    const confirm = page.getByRole('dialog', { name: 'Deactivate 1 user?' });
    await confirm.getByText(email('erin')).waitFor();
    await confirm.getByRole('button', { name: 'Deactivate' }).click();
    await confirm.waitFor({ state: 'detached' });
    await page.getByText('Deactivated 1 user.').waitFor();
    // The Deactivate button it was opened from is disabled now (nothing is selected): focus goes to the page's heading, not <body>.
    await page.waitForFunction(() => document.activeElement?.matches('h1') ?? false);
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Users');
    await row.getByText('Deactivated', { exact: true }).waitFor();
    await page.getByText('0 selected').waitFor();

    await row.getByRole('checkbox', { name: 'Select erin Test' }).check();
    await page.getByRole('button', { name: 'Reactivate' }).click();
    await page.getByText('Reactivated 1 user.', { exact: false }).waitFor();
    await row.getByText('Active', { exact: true }).waitFor();
  });

  it('tells the server why a deactivation was refused', async () => {
    await openUsersAs(world.tenant.adminEmail);
    await rowOf(world.tenant.adminEmail).getByRole('checkbox').check();
    await page.getByRole('button', { name: 'Deactivate', exact: true }).click();
    const confirm = page.getByRole('dialog', { name: 'Deactivate 1 user?' });
    await confirm.getByRole('button', { name: 'Deactivate' }).click();
    await confirm.getByRole('alert').getByText(`${world.tenant.adminEmail} is the founding admin of the tenant and cannot be deactivated`).waitFor();
  });

  it('narrows the table by search text and by status', async () => {
    await openUsersAs(world.tenant.adminEmail);
    await rowOf(email('erin')).waitFor();
    await page.getByLabel('Search').fill('ERIN');
    await rowOf(email('ivy')).waitFor({ state: 'detached' });
    await rowOf(email('erin')).waitFor();
    expect(await page.getByRole('row').count()).toBe(2); // the header and erin

    await page.getByLabel('Search').fill('');
    await page.getByLabel('Status').selectOption({ label: 'Invited' });
    await rowOf(email('erin')).waitFor({ state: 'detached' });
    await rowOf(email('ivy')).getByText('Invited', { exact: true }).waitFor();
    expect(await rowOf(world.tenant.adminEmail).count()).toBe(0);

    await page.getByLabel('Search').fill('no such person');
    await page.getByText('No users match the search and filters.').waitFor();
  });

  it('clones a user: the new person is invited with the same roles and teams', async () => {
    await openUsersAs(world.tenant.adminEmail);
    await page.getByLabel('Search').fill('dana');
    await page.getByRole('button', { name: 'Clone dana Test' }).click();
    const dialog = page.getByRole('dialog', { name: 'Clone dana Test' });
    await dialog.getByLabel('Email').fill(email('otto'));
    await dialog.getByLabel('First name').fill('Otto');
    await dialog.getByLabel('Last name').fill('Clone');
    await dialog.getByRole('button', { name: 'Clone user' }).click();
    await dialog.waitFor({ state: 'detached' });

    await page.getByLabel('Search').fill('otto');
    const row = rowOf(email('otto'));
    await row.getByText('Invited', { exact: true }).waitFor();
    await row.getByText('Support').waitFor();
    await row.getByText('Agent', { exact: true }).waitFor();
  });

  it('lets a team manager with Edit User change only the fields their roles allow', async () => {
    await openUsersAs(email('tom'));
    await page.getByRole('button', { name: 'Edit dana Test' }).click();
    const dialog = page.getByRole('dialog', { name: 'Edit dana Test' });
    await dialog.getByText('Fields your roles do not let you change are read-only.').waitFor();
    expect(await dialog.getByLabel('Email').isEditable()).toBe(false);
    expect(await dialog.getByLabel('Agent id (optional)').isEditable()).toBe(false);
    expect(await dialog.getByLabel('First name').isEditable()).toBe(true);
    expect(await dialog.getByRole('checkbox', { name: 'Agent', exact: true }).isDisabled()).toBe(true);
    expect(await dialog.getByRole('checkbox', { name: 'Support' }).isEnabled()).toBe(true);
  });

  it('shows a manager without Edit User their team but no way to change anyone', async () => {
    await openUsersAs(email('mia'));
    await rowOf('dana Test').waitFor();
    expect(await rowOf(email('erin')).count()).toBe(0); // in no team mia manages
    expect(await page.getByRole('button', { name: /^(Edit|Clone|Add user|Deactivate)/ }).count()).toBe(0);
    expect(await page.getByRole('checkbox', { name: /^Select/ }).count()).toBe(0);
  });

  it('sends one invitation when Resend invitation is double-clicked', async () => {
    await openUsersAs(world.tenant.adminEmail);
    const resends: string[] = [];
    page.on('request', (request) => {
      if (request.postData()?.includes('UsersResendInvitation')) resends.push(request.url());
    });
    await rowOf(email('ivy')).getByRole('button', { name: 'Resend invitation Ivy Invited' }).dblclick();
    await page.getByText(`Sent ${email('ivy')} a new invitation; the previous link no longer works.`).waitFor();
    expect(resends).toHaveLength(1);
  });

  it("shows a sign-in lock on the server's clock, whatever the PC's says, and unlocks it", async () => {
    await addUser(world.api.db, world.tenant, email('lou'), ['AGENT']);
    await world.api.db.query(`UPDATE users SET locked_until = now() + interval '1 hour' WHERE email = $1`, [email('lou')]);
    // Two hours fast, the PC's clock would have the lock already over.
    await openUsersAs(world.tenant.adminEmail, { clockAheadMs: 2 * 60 * 60_000 });
    const row = rowOf(email('lou'));
    await row.getByText('Locked', { exact: true }).waitFor();
    await row.getByRole('button', { name: 'Unlock lou Test' }).click();
    await page.getByText('Unlocked lou Test: they can sign in again.').waitFor();
    await row.getByText('Locked', { exact: true }).waitFor({ state: 'detached' });
  });

  // Last: its 51 users would push the others of this file off the first page.
  it('goes back a page when deactivating empties the last page of active users', async () => {
    for (let n = 1; n <= 51; n++) await addUser(world.api.db, world.tenant, email(`pager${String(n).padStart(2, '0')}`), ['AGENT']);
    await openUsersAs(world.tenant.adminEmail);
    await page.getByLabel('Search').fill('pager');
    await page.getByLabel('Status').selectOption({ label: 'Active' });
    await page.getByText('1–50 of 51').waitFor();
    await page.getByRole('button', { name: 'Next' }).click();
    await page.getByText('51–51 of 51').waitFor();

    await page.getByRole('checkbox', { name: 'Select all users on this page' }).check();
    await page.getByRole('button', { name: 'Deactivate', exact: true }).click();
    const confirm = page.getByRole('dialog', { name: 'Deactivate 1 user?' });
    await confirm.getByRole('button', { name: 'Deactivate' }).click();
    await confirm.waitFor({ state: 'detached' });
    await page.getByText('1–50 of 50').waitFor();
    expect(await page.getByText('No users match the search and filters.').count()).toBe(0);
  });
});
