import type { Page } from 'playwright-core';
import { addUser, signIn, type GraphQLResponse } from '../../services/api/test/support/test-api';
import { screenshot, signedInPage, startConsoleWorld, type ConsoleWorld } from './support/console-world';

// The sections run in order on one tenant: the audit log at the end reads the changes the earlier
// tests made through the console.
let world: ConsoleWorld;
let adminToken: string;

beforeAll(async () => {
  world = await startConsoleWorld({ label: 'settings' });
  adminToken = await signIn(world.api, world.tenant.slug, world.tenant.adminEmail);
}, 180_000);
afterAll(() => world?.stop());

/** Runs an operation as the tenant admin and returns its data, failing on any error. */
async function asAdmin<T = Record<string, any>>(query: string, variables?: Record<string, unknown>): Promise<T> {
  const result = await world.api.graphql<T>(query, { token: adminToken, variables });
  if (result.errors) throw new Error(JSON.stringify(result.errors));
  return result.data!;
}

/** A user of the test tenant with the default roles, signed in to the console. */
async function signedInAs(name: string, roles: Parameters<typeof addUser>[3]) {
  const email = `${name}@${world.tenant.slug}.test`;
  await addUser(world.api.db, world.tenant, email, roles);
  return signedInPage(world, email);
}

// Each test walks a whole flow through several pages: more than Jest's default 30 s on a busy machine.
const FLOW_TIMEOUT = 90_000;

/** Opens a console page and waits for its title: a first load can take a while on a busy machine. */
async function open(page: Page, path: string): Promise<void> {
  await page.goto(`${world.console.url}${path}`);
  await page.getByRole('heading', { level: 1 }).waitFor({ timeout: 30_000 });
}

const row = (page: Page, name: string | RegExp) => page.getByRole('row', { name });
const dialog = (page: Page) => page.getByRole('dialog');

describe('agent statuses', () => {
  it('an admin creates a custom status, sees a refusal inline, edits the status and archives it once used', async () => {
    const { context, page } = await signedInPage(world, world.tenant.adminEmail);
    await open(page, '/statuses');
    await row(page, /Available/).first().waitFor();

    await page.getByRole('button', { name: 'New status' }).click();
    await dialog(page).getByLabel('Name').fill('available');
    await dialog(page).getByRole('button', { name: 'Create status' }).click();
    await dialog(page).getByText('A status named "available" already exists').waitFor();
    expect(await dialog(page).getByLabel('Name').getAttribute('aria-invalid')).toBe('true');

    await dialog(page).getByLabel('Name').fill('Coaching');
    await dialog(page).getByLabel('Color').fill('#8b5cf6');
    await dialog(page).getByRole('button', { name: 'Create status' }).click();
    await page.getByText('Status "Coaching" created.').waitFor();
    const coaching = row(page, /Coaching/);
    await coaching.waitFor();
    expect(await coaching.getByRole('cell').allInnerTexts()).toEqual(['Custom', 'Unavailable', 'Yes', expect.any(String)]);
    expect(await coaching.locator('.swatch').evaluate((swatch) => getComputedStyle(swatch).backgroundColor)).toBe('rgb(139, 92, 246)');

    await page.getByRole('button', { name: 'Edit Coaching' }).click();
    await dialog(page).getByLabel('Name').fill('Coaching session');
    await dialog(page).getByLabel(/^Available/).check();
    await dialog(page).getByLabel('Agents may choose this status themselves').uncheck();
    await dialog(page).getByRole('button', { name: 'Save' }).click();
    await page.getByText('Status "Coaching session" saved.').waitFor();
    await row(page, /Coaching session/).waitFor();
    expect(await row(page, /Coaching session/).getByRole('cell').allInnerTexts()).toEqual(['Custom', 'Available', 'No', expect.any(String)]);

    // An agent used it, so archiving keeps it for their history instead of deleting it.
    const { agentStatuses } = await asAdmin<{ agentStatuses: { id: string; name: string }[] }>(`{ agentStatuses { id name } }`);
    const statusId = agentStatuses.find((s) => s.name === 'Coaching session')!.id;
    await asAdmin(`mutation($id: ID!, $input: UpdateAgentStatusInput!) { updateAgentStatus(id: $id, input: $input) { id } }`, {
      id: statusId,
      input: { agentSelectable: true },
    });
    const agentEmail = `coached@${world.tenant.slug}.test`;
    await addUser(world.api.db, world.tenant, agentEmail, ['AGENT']);
    const agentToken = await signIn(world.api, world.tenant.slug, agentEmail);
    await world.api.graphql(`mutation { startShift { since } }`, { token: agentToken });
    const chosen = await world.api.graphql(`mutation($id: ID!) { setMyStatus(statusId: $id) { since } }`, { token: agentToken, variables: { id: statusId } });
    expect(chosen.errors).toBeUndefined();

    await page.reload();
    await page.getByRole('button', { name: 'Archive Coaching session' }).click();
    await dialog(page).getByRole('button', { name: 'Archive status' }).click();
    await page.getByText('Status "Coaching session" archived.', { exact: false }).waitFor();
    await row(page, /Coaching session/).waitFor({ state: 'detached' });

    await page.getByLabel('Show archived statuses').check();
    const archived = row(page, /Coaching session/);
    await archived.getByText(/^Archived/).waitFor();
    expect(await archived.getByRole('button').count()).toBe(0);
    await screenshot(page, 'statuses');
    await context.close();
  }, FLOW_TIMEOUT);

  it('is read-only for a viewer without Edit, and hidden from one without View', async () => {
    // Manager Admin holds "Settings - Agent Statuses" at View, and neither API credentials nor the audit log.
    const manager = await signedInAs('statuses-viewer', ['MANAGER_ADMIN']);
    await open(manager.page, '/statuses');
    await row(manager.page, /Available/).first().waitFor();
    expect(await manager.page.getByRole('button', { name: 'New status' }).count()).toBe(0);
    expect(await manager.page.getByRole('button', { name: /^(Edit|Archive) / }).count()).toBe(0);
    const menu = manager.page.getByRole('navigation', { name: 'Sections' });
    expect(await menu.getByRole('link', { name: 'API credentials' }).count()).toBe(0);
    expect(await menu.getByRole('link', { name: 'Audit log' }).count()).toBe(0);
    await open(manager.page, '/credentials');
    await manager.page.getByText('Your roles do not include access to API credentials').waitFor();
    await manager.context.close();

    const agent = await signedInAs('statuses-agent', ['AGENT']);
    await open(agent.page, '/statuses');
    await agent.page.getByText('Your roles do not include access to Agent statuses').waitFor();
    expect(await agent.page.getByRole('table').count()).toBe(0);
    await agent.context.close();
  }, FLOW_TIMEOUT);
});

describe('queues', () => {
  it('an admin creates a queue (a refusal shown inline), assigns a team and an agent, and deletes another queue', async () => {
    const { createTeam } = await asAdmin<{ createTeam: { id: string } }>(`mutation { createTeam(input: { name: "Support" }) { id } }`);
    const member = await addUser(world.api.db, world.tenant, `support-agent@${world.tenant.slug}.test`, ['AGENT']);
    await asAdmin(`mutation($team: ID!, $user: ID!) { addTeamMembers(teamId: $team, userIds: [$user], role: MEMBER) { id } }`, {
      team: createTeam.id,
      user: member.id,
    });
    const direct = await addUser(world.api.db, world.tenant, `direct-agent@${world.tenant.slug}.test`, ['AGENT']);
    await asAdmin(`mutation { createQueue(input: { name: "Old returns", channel: CALL }) { id } }`);

    const { context, page } = await signedInPage(world, world.tenant.adminEmail);
    await open(page, '/queues');
    await row(page, /Old returns/).waitFor();

    await page.getByRole('button', { name: 'New queue' }).click();
    await dialog(page).getByLabel('Name').fill('old RETURNS');
    await dialog(page).getByRole('button', { name: 'Create queue' }).click();
    await dialog(page).getByText('There is already a queue named "Old returns"').waitFor();
    await dialog(page).getByLabel('Name').fill('Sales chat');
    await dialog(page).getByLabel('Channel').selectOption('CHAT');
    await dialog(page).getByLabel(/^Priority/).fill('5000');
    await dialog(page).getByRole('button', { name: 'Create queue' }).click();
    await dialog(page).getByText('Priority must be a whole number from 1 to 1000').waitFor();
    await dialog(page).getByLabel(/^Priority/).fill('5');
    await dialog(page).getByRole('button', { name: 'Create queue' }).click();
    await page.getByText('Queue "Sales chat" created.').waitFor();
    await row(page, /Sales chat/).waitFor();
    expect(await row(page, /Sales chat/).getByRole('cell').allInnerTexts()).toEqual(['Chat', '5', 'Nobody', '0', expect.any(String)]);

    await page.getByRole('button', { name: 'Assignments of Sales chat' }).click();
    await dialog(page).getByLabel('Team to assign').selectOption({ label: 'Support' });
    await dialog(page).getByRole('button', { name: 'Assign team' }).click();
    await dialog(page).getByRole('button', { name: 'Remove team Support' }).waitFor();
    await dialog(page).getByText('Reaches 1 active agent').waitFor();
    await dialog(page).getByLabel('Find an agent to assign').fill('direct-agent');
    await dialog(page).getByRole('button', { name: `Assign ${direct.email}` }).click();
    await dialog(page).getByText('Reaches 2 active agents').waitFor();
    await dialog(page).getByRole('button', { name: 'Done' }).click();
    await row(page, /Sales chat/).getByText('Support, 1 agent directly').waitFor();
    expect(await row(page, /Sales chat/).getByRole('cell').nth(3).innerText()).toBe('2');
    await screenshot(page, 'queues');

    await page.getByRole('button', { name: 'Delete Old returns' }).click();
    await dialog(page).getByRole('button', { name: 'Delete queue' }).click();
    await page.getByText('Queue "Old returns" deleted.').waitFor();
    await row(page, /Old returns/).waitFor({ state: 'detached' });
    await context.close();
  }, FLOW_TIMEOUT);

  it('lets an editor reaching only their teams change the priority alone, and shows no changes to a viewer', async () => {
    const scoped = await signedInAs('queues-scoped', ['MANAGER_DATA']);
    await open(scoped.page, '/queues');
    await row(scoped.page, /Sales chat/).waitFor();
    expect(await scoped.page.getByRole('button', { name: 'New queue' }).count()).toBe(0);
    expect(await scoped.page.getByRole('button', { name: /^Delete / }).count()).toBe(0);
    await scoped.page.getByRole('button', { name: 'Edit Sales chat' }).click();
    expect(await dialog(scoped.page).getByLabel('Name').isDisabled()).toBe(true);
    expect(await dialog(scoped.page).getByLabel('Channel').isDisabled()).toBe(true);
    await dialog(scoped.page).getByLabel(/^Priority/).fill('7');
    await dialog(scoped.page).getByRole('button', { name: 'Save' }).click();
    await scoped.page.getByText('Queue "Sales chat" saved.').waitFor();
    await row(scoped.page, /Sales chat/).getByRole('cell', { name: '7', exact: true }).waitFor();
    await scoped.context.close();

    const viewer = await signedInAs('queues-viewer', ['MANAGER']);
    await open(viewer.page, '/queues');
    await row(viewer.page, /Sales chat/).waitFor();
    expect(await viewer.page.getByRole('main').getByRole('button').count()).toBe(0);
    await viewer.context.close();
  }, FLOW_TIMEOUT);
});

describe('API credentials', () => {
  it('shows a new secret once, with a Copy button; the secret works until it is revoked', async () => {
    const { context, page } = await signedInPage(world, world.tenant.adminEmail);
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: world.console.url });
    await open(page, '/credentials');
    await page.getByText('No API credentials yet.').waitFor();

    await page.getByRole('button', { name: 'Add API credential' }).click();
    await dialog(page).getByRole('button', { name: 'Create' }).click();
    await dialog(page).getByText('Name must be 1 to 100 characters').waitFor();
    await dialog(page).getByLabel('Name').fill('Nightly sync');
    await dialog(page).getByLabel('Agent', { exact: true }).check();
    await dialog(page).getByRole('button', { name: 'Create' }).click();

    await dialog(page).getByText('you will not see it again').waitFor();
    const secret = await dialog(page).getByLabel('Secret').inputValue();
    expect(secret).toMatch(/^sbk_/);
    await dialog(page).getByRole('button', { name: 'Copy' }).click();
    await dialog(page).getByText('Copied to the clipboard.').waitFor();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(secret);

    const callAs = (token: string) =>
      fetch(world.api.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({ query: '{ me { apiCredentialId licenseType } }' }),
      }).then((response) => response.json() as Promise<GraphQLResponse>);
    const asScript = await callAs(secret);
    expect(asScript.data!.me).toEqual({ apiCredentialId: expect.any(String), licenseType: 'AGENT' });

    await dialog(page).getByRole('button', { name: 'Done' }).click();
    const credential = row(page, /Nightly sync/);
    await credential.getByText('Active').waitFor();
    expect(await credential.getByRole('cell').first().innerText()).toBe(`${secret.slice(0, 10)}…`);
    expect(await page.getByText(secret).count()).toBe(0);
    await page.reload();
    await credential.waitFor();
    expect(await page.content()).not.toContain(secret);
    await screenshot(page, 'credentials');

    await page.getByRole('button', { name: 'Revoke Nightly sync' }).click();
    await dialog(page).getByRole('button', { name: 'Revoke credential' }).click();
    await page.getByText('"Nightly sync" revoked: its secret no longer works.').waitFor();
    await credential.getByText(/^Revoked/).waitFor();
    expect(await page.getByRole('button', { name: 'Revoke Nightly sync' }).count()).toBe(0);
    const refused = await callAs(secret);
    expect(refused.errors![0].extensions!.code).toBe('UNAUTHENTICATED');
    await context.close();
  }, FLOW_TIMEOUT);
});

describe('audit log', () => {
  it('shows the changes above newest first, filters them, and opens one to show what changed', async () => {
    const { context, page } = await signedInPage(world, world.tenant.adminEmail);
    await open(page, '/audit');
    const adminName = `Admin Tenant ${world.tenant.slug}`;
    const firstRows = page.getByRole('row').filter({ has: page.getByRole('button', { name: /^Details/ }) });
    await firstRows.first().waitFor();
    const top = (await firstRows.allInnerTexts()).slice(0, 4).map((text) => text.replace(/\s+/g, ' '));
    expect(top[0]).toContain('Revoked API credential');
    expect(top[0]).toContain(adminName);
    expect(top[0]).toContain('Nightly sync');
    expect(top[1]).toContain('Created API credential');
    expect(top[2]).toMatch(/Changed queue.*Sales chat/);
    expect(top[2]).toContain('queues-scoped Test');
    expect(top[3]).toMatch(/Deleted queue.*Old returns/);

    await page.getByLabel('What changed').selectOption({ label: 'Agent statuses' });
    await page.getByText('1–4 of 4 changes').waitFor();
    const actions = await page.getByRole('row').filter({ has: page.getByRole('button', { name: /^Details/ }) }).allInnerTexts();
    expect(actions.map((text) => text.match(/(Created|Changed|Archived) status/)?.[0])).toEqual([
      'Archived status',
      'Changed status',
      'Changed status',
      'Created status',
    ]);

    await page.getByLabel('Action').selectOption({ label: 'Changed status' });
    await page.getByText('1–2 of 2 changes').waitFor();
    const renamed = page.getByRole('row', { name: /Changed status/ }).last();
    await renamed.getByRole('button', { name: /^Details/ }).click();
    const changes = page.getByRole('table', { name: 'Fields changed' });
    expect(await changes.getByRole('row').allInnerTexts()).toEqual([
      expect.stringMatching(/Field\s+Before\s+After/i),
      expect.stringMatching(/Name\s+Coaching\s+Coaching session/),
      expect.stringMatching(/Availability\s+Unavailable\s+Available/),
      expect.stringMatching(/Agent selectable\s+Yes\s+No/),
    ]);
    await screenshot(page, 'audit');

    await page.getByRole('button', { name: 'Only changes to this agent status' }).click();
    await page.getByText('To Coaching session').waitFor();
    await page.getByRole('button', { name: 'Clear filters' }).click();
    await page.getByRole('row', { name: /Revoked API credential/ }).waitFor();
    await context.close();
  }, FLOW_TIMEOUT);
});
