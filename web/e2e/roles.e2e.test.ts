import { OutboundEmail } from '@switchboard/domain';
import { TEST_PASSWORD, signIn } from '../../services/api/test/support/test-api';
import { screenshot, signedInPage, startConsoleWorld, type ConsoleWorld } from './support/console-world';
import type { BrowserContext, Page } from 'playwright-core';

let world: ConsoleWorld;
let adminToken: string;
const contexts: BrowserContext[] = [];

beforeAll(async () => {
  world = await startConsoleWorld({ label: 'roles' });
  adminToken = await signIn(world.api, world.tenant.slug, world.tenant.adminEmail);
}, 180_000);
afterAll(() => world?.stop());
afterEach(async () => {
  for (const context of contexts.splice(0)) await context.close();
});

async function pageAs(email: string, path: string): Promise<Page> {
  const { context, page } = await signedInPage(world, email);
  contexts.push(context);
  await page.goto(`${world.console.url}${path}`);
  return page;
}

/** Runs an operation as the tenant admin through the API and returns its data, failing on any error. */
async function asAdmin<T = Record<string, any>>(query: string, variables: Record<string, unknown> = {}): Promise<T> {
  const result = await world.api.graphql<T>(query, { token: adminToken, variables });
  if (result.errors) throw new Error(JSON.stringify(result.errors));
  return result.data!;
}

interface RoleRow {
  id: string;
  name: string;
  licenseType: string;
  permissions: { permission: string; access: string; scope: string }[];
}

const rolesThroughApi = async () =>
  (await asAdmin<{ roles: RoleRow[] }>(`{ roles { id name licenseType permissions { permission access scope } } }`)).roles;

/** A custom role made through the API, for tests about something else than making roles. */
async function createRole(name: string, permissions: { permission: string; access: string; scope?: string }[]): Promise<string> {
  const data = await asAdmin<{ createRole: { id: string } }>(`mutation($input: RoleInput!) { createRole(input: $input) { id } }`, {
    input: { name, label: name.slice(0, 16), color: '#336699', permissions },
  });
  return data.createRole.id;
}

/** Invites a user with exactly these roles and accepts the invitation through the API, setting TEST_PASSWORD. */
async function userWithRoles(email: string, roleIds: string[]): Promise<void> {
  await asAdmin(`mutation($input: CreateUserInput!) { createUser(input: $input) { id } }`, {
    input: { email, firstName: email.split('@')[0], lastName: 'Tester', roleIds },
  });
  // The invitation link is only in the email: read it from the outbox, as the mail would bring it.
  const invitation = await world.api.db.getRepository(OutboundEmail).findOneOrFail({
    where: { toAddress: email, kind: 'invitation' },
    order: { createdAt: 'DESC' },
  });
  const token = decodeURIComponent(/accept-invitation\?token=([\w%-]+)/.exec(invitation.bodyText)![1]);
  const accepted = await world.api.graphql(`mutation($token: String!, $password: String!) { acceptInvitation(token: $token, password: $password) { token } }`, {
    variables: { token, password: TEST_PASSWORD },
  });
  if (accepted.errors) throw new Error(JSON.stringify(accepted.errors));
}

const roleList = (page: Page) => page.getByRole('region', { name: 'Roles', exact: true });

/** Opens a role from the list and waits for its editor. */
async function openRole(page: Page, name: string): Promise<void> {
  await roleList(page).getByRole('button', { name, exact: true }).click();
  await page.getByRole('heading', { name, level: 2 }).waitFor();
}
/** The role names in the list, top to bottom. */
const listedOrder = (page: Page) => roleList(page).locator('tbody tr td:first-child button').allTextContents();

async function waitFor(condition: () => Promise<boolean>, what: string): Promise<void> {
  for (let attempt = 0; attempt < 50; attempt++) {
    if (await condition()) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`timed out waiting for ${what}`);
}

describe('roles & permissions', () => {
  it('an admin creates a custom role with a scoped permission, and a user with only that role sees only the matching sections', async () => {
    const page = await pageAs(world.tenant.adminEmail, '/roles');
    await page.getByRole('button', { name: 'Add role' }).click();
    await page.getByRole('heading', { name: 'New custom role' }).waitFor();
    await page.getByLabel('Role name', { exact: true }).fill('Team viewer');
    await page.getByLabel('Label', { exact: true }).fill('Team view');
    await page.getByLabel('Label color', { exact: true }).fill('#0f766e');
    await page.getByLabel('Access: Settings - Users & Teams - View Users').selectOption({ label: 'Granted' });
    await page.getByLabel('Scope: Settings - Users & Teams - View Users').selectOption({ label: 'Assigned teams' });
    await page.getByLabel('Access: Settings - Users & Teams - Teams').selectOption({ label: 'View' });
    // Only the scopes a permission allows are offered: "Roles & Permissions" has none to choose.
    expect(await page.getByLabel('Scope: Settings - Users & Teams - Roles & Permissions').count()).toBe(0);
    await page.getByLabel('Access: Monitoring - Agents').selectOption({ label: 'View' });
    expect(await page.getByLabel('Scope: Monitoring - Agents').locator('option').allTextContents()).toEqual(['All', 'Assigned teams', 'Assigned queues']);
    await page.getByLabel('Access: Monitoring - Agents').selectOption({ label: 'None' });
    await page.getByLabel('Scope: Monitoring - Agents').waitFor({ state: 'detached' });
    await page.getByRole('button', { name: 'Create role' }).click();

    await page.getByText('Role “Team viewer” created.').waitFor();
    await roleList(page).getByRole('button', { name: 'Team viewer', exact: true }).waitFor();
    expect((await listedOrder(page)).at(-1)).toBe('Team viewer');
    await page.getByText('License type: Manager').waitFor();
    const created = (await rolesThroughApi()).find((role) => role.name === 'Team viewer')!;
    expect(created.licenseType).toBe('MANAGER');
    expect(created.permissions.sort((a, b) => a.permission.localeCompare(b.permission))).toEqual([
      { permission: 'teams', access: 'VIEW', scope: 'ALL' },
      { permission: 'users.view', access: 'EDIT', scope: 'ASSIGNED_TEAMS' },
    ]);
    await screenshot(page, 'roles');

    const email = `team-viewer@${world.tenant.slug}.test`;
    await userWithRoles(email, [created.id]);
    const viewerPage = await pageAs(email, '/');
    const sections = viewerPage.getByRole('navigation', { name: 'Sections' });
    await sections.getByRole('link', { name: 'Users', exact: true }).waitFor();
    await sections.getByRole('link', { name: 'Teams', exact: true }).waitFor();
    for (const hidden of ['Live agents', 'Roles & permissions', 'Bulk user management', 'Agent statuses', 'Queues', 'API credentials', 'Audit log']) {
      expect(await sections.getByRole('link', { name: hidden }).count()).toBe(0);
    }

    await viewerPage.goto(`${world.console.url}/roles`);
    await viewerPage.getByRole('alert').getByText('Your roles do not include access to Roles & permissions').waitFor();
    expect(await viewerPage.getByRole('button', { name: 'Add role' }).count()).toBe(0);
  });

  it('reorders roles from the keyboard with Up and Down (focus stays on the moved role) and by dragging, saving each order', async () => {
    const page = await pageAs(world.tenant.adminEmail, '/roles');
    const down = page.getByRole('button', { name: 'Move Manager down' });
    await down.focus();
    await page.keyboard.press('Enter');

    await page.getByRole('status').getByText('Manager moved to position 3').waitFor();
    expect((await listedOrder(page)).slice(0, 3)).toEqual(['Admin', 'Manager Data', 'Manager']);
    expect(await page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe('Move Manager down');
    await waitFor(async () => (await rolesThroughApi()).map((r) => r.name)[2] === 'Manager', 'the new order to be saved');

    // Saved, not only shown: a fresh page has it too. Then Up takes it back.
    await page.reload();
    await roleList(page).getByRole('button', { name: 'Move Manager up' }).waitFor();
    expect((await listedOrder(page)).slice(0, 3)).toEqual(['Admin', 'Manager Data', 'Manager']);
    await page.getByRole('button', { name: 'Move Manager up' }).focus();
    await page.keyboard.press('Space');
    await page.getByRole('status').getByText('Manager moved to position 2').waitFor();
    expect(await page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe('Move Manager up');
    await waitFor(async () => (await rolesThroughApi()).map((r) => r.name)[1] === 'Manager', 'the order to be saved back');
    // The top role cannot go higher.
    expect(await page.getByRole('button', { name: 'Move Admin up' }).isDisabled()).toBe(true);

    // With the mouse: a role dropped on another takes its place.
    const row = (name: string) => roleList(page).getByRole('row').filter({ has: page.getByRole('button', { name, exact: true }) });
    await row('Agent').dragTo(row('Manager'));
    await page.getByRole('status').getByText('Agent moved to position 2').waitFor();
    expect((await listedOrder(page)).slice(0, 3)).toEqual(['Admin', 'Agent', 'Manager']);
    await waitFor(async () => (await rolesThroughApi()).map((r) => r.name)[1] === 'Agent', 'the dragged order to be saved');
  });

  it('shows the server refusing a too-long role name beside the name field', async () => {
    const page = await pageAs(world.tenant.adminEmail, '/roles');
    await page.getByRole('button', { name: 'Add role' }).click();
    const name = page.getByLabel('Role name', { exact: true });
    await name.fill('Weekend queue monitors');
    await page.getByLabel('Label', { exact: true }).fill('Weekend');
    await page.getByRole('button', { name: 'Create role' }).click();

    await page.getByText('Role name must be 1 to 20 characters (it has 22)').waitFor();
    expect(await name.getAttribute('aria-invalid')).toBe('true');
    expect((await rolesThroughApi()).some((role) => role.name.startsWith('Weekend'))).toBe(false);
  });

  it('takes the viewer to the refused field after a failed save, its error beside it', async () => {
    await createRole('Clearable', [{ permission: 'teams', access: 'VIEW', scope: 'ALL' }]);
    const page = await pageAs(world.tenant.adminEmail, '/roles');
    await openRole(page, 'Clearable');
    const name = page.getByLabel('Role name', { exact: true });
    await name.fill('');
    await page.getByRole('button', { name: 'Save role' }).click();

    await page.getByText('Role name must be 1 to 20 characters (it has 0)').waitFor();
    expect(await name.getAttribute('aria-invalid')).toBe('true');
    await page.waitForFunction((field) => document.activeElement === field, await name.elementHandle());
  });

  it('asks before a change of role drops unsaved edits: Keep editing keeps them, Discard moves on', async () => {
    await createRole('Weekday desk', [{ permission: 'teams', access: 'VIEW', scope: 'ALL' }]);
    const page = await pageAs(world.tenant.adminEmail, '/roles');
    // Nothing typed yet: another role opens without a question.
    await openRole(page, 'Weekday desk');
    const label = page.getByLabel('Label', { exact: true });
    await label.fill('Desk');

    const question = page.getByRole('dialog', { name: 'Discard your changes to “Weekday desk”?' });
    await roleList(page).getByRole('button', { name: 'Admin', exact: true }).click();
    await question.getByRole('button', { name: 'Keep editing' }).click();
    await question.waitFor({ state: 'detached' });
    expect(await label.inputValue()).toBe('Desk');
    expect(await page.getByRole('heading', { name: 'Weekday desk', level: 2 }).count()).toBe(1);

    await page.getByRole('button', { name: 'Add role' }).click();
    await question.getByRole('button', { name: 'Discard' }).click();
    await page.getByRole('heading', { name: 'New custom role', level: 2 }).waitFor();
    await openRole(page, 'Admin');
    expect((await rolesThroughApi()).find((role) => role.name === 'Weekday desk')).toBeDefined();
  });

  it('reloads the roles after a save refused over someone else’s change, and saves what was typed on the next try', async () => {
    const roleId = await createRole('Evening shift', [{ permission: 'teams', access: 'VIEW', scope: 'ALL' }]);
    const page = await pageAs(world.tenant.adminEmail, '/roles');
    await openRole(page, 'Evening shift');
    await page.getByLabel('Label', { exact: true }).fill('Evenings');
    // Meanwhile someone else changes the role.
    const { version } = (await asAdmin<{ roles: { id: string; version: number }[] }>(`{ roles { id version } }`)).roles.find((role) => role.id === roleId)!;
    await asAdmin(`mutation($id: ID!, $version: Int!, $input: RoleInput!) { updateRole(id: $id, version: $version, input: $input) { id } }`, {
      id: roleId,
      version,
      input: { name: 'Evening shift', label: 'Evening', color: '#aa3300', permissions: [{ permission: 'teams', access: 'VIEW', scope: 'ALL' }] },
    });

    await page.getByRole('button', { name: 'Save role' }).click();
    await page.getByRole('alert').getByText(/was changed by someone else; reload it and try again/).waitFor();
    // The list shows what they saved; the label typed here stays to be saved over it.
    await roleList(page).getByText('Evening', { exact: true }).waitFor();
    expect(await page.getByLabel('Label', { exact: true }).inputValue()).toBe('Evenings');
    await page.getByRole('button', { name: 'Save role' }).click();
    await page.getByText('Role “Evening shift” saved.').waitFor();
    const { roles } = await asAdmin<{ roles: { id: string; label: string }[] }>(`{ roles { id label } }`);
    expect(roles.find((role) => role.id === roleId)!.label).toBe('Evenings');
  });

  it('deletes a custom role held by a user after the server says who loses it and the admin confirms again', async () => {
    await createRole('Night shift', [{ permission: 'adapter.work', access: 'EDIT' }]);
    const nightShift = (await rolesThroughApi()).find((role) => role.name === 'Night shift')!;
    const agentRole = (await rolesThroughApi()).find((role) => role.name === 'Agent')!;
    await userWithRoles(`night@${world.tenant.slug}.test`, [agentRole.id, nightShift.id]);

    const page = await pageAs(world.tenant.adminEmail, '/roles');
    await roleList(page).getByRole('button', { name: 'Night shift', exact: true }).click();
    await page.getByRole('button', { name: 'Delete role' }).click();
    const dialog = page.getByRole('dialog', { name: 'Delete the role “Night shift”?' });
    await dialog.getByRole('button', { name: 'Delete role' }).click();
    await dialog.getByText('1 user holds the role "Night shift"; deleting it takes it away from them').waitFor();
    expect((await rolesThroughApi()).some((role) => role.name === 'Night shift')).toBe(true);

    await dialog.getByRole('button', { name: 'Delete anyway' }).click();
    await page.getByText('Role “Night shift” deleted.').waitFor();
    await roleList(page).getByRole('button', { name: 'Night shift', exact: true }).waitFor({ state: 'detached' });
    expect((await rolesThroughApi()).some((role) => role.name === 'Night shift')).toBe(false);
  });

  it('explains which roles give a user a permission, and shows roles read-only to those who may only view them', async () => {
    const auditorRole = await createRole('Role auditor', [
      { permission: 'roles', access: 'VIEW' },
      { permission: 'users.view', access: 'EDIT' },
    ]);
    const email = `auditor@${world.tenant.slug}.test`;
    await userWithRoles(email, [auditorRole]);

    const page = await pageAs(email, '/roles');
    await roleList(page).getByRole('button', { name: 'Admin', exact: true }).waitFor();
    expect(await page.getByRole('button', { name: 'Add role' }).count()).toBe(0);
    expect(await page.getByRole('button', { name: /^Move / }).count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Save role' }).count()).toBe(0);
    expect(await page.getByRole('combobox', { name: /^Access: / }).count()).toBe(0);

    await page.getByRole('searchbox', { name: 'Find a user' }).fill('auditor@');
    await page.getByRole('button', { name: 'Search' }).click();
    await page.getByLabel('User', { exact: true }).locator('option', { hasText: email }).waitFor({ state: 'attached' });
    await page.getByLabel('Permission', { exact: true }).selectOption('roles');
    await page.getByRole('button', { name: 'Explain access' }).click();
    await page.getByText('Granted.').waitFor();
    const grants = page.getByRole('table', { name: 'Granted by' });
    expect(await grants.getByRole('row').nth(1).getByRole('cell').allTextContents()).toEqual(['View', 'All']);
    expect(await grants.getByRole('rowheader').allTextContents()).toEqual(['Role auditor']);

    await page.getByLabel('Permission', { exact: true }).selectOption('queues');
    await page.getByRole('button', { name: 'Explain access' }).click();
    await page.getByText('none of their roles (Role auditor) grants it').waitFor();
  });
});
