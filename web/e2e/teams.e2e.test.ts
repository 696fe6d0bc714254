import { addUser, signIn } from '../../services/api/test/support/test-api';
import { screenshot, signedInPage, startConsoleWorld, type ConsoleWorld } from './support/console-world';
import type { BrowserContext, Locator, Page } from 'playwright-core';

let world: ConsoleWorld;
let adminToken: string;
let context: BrowserContext | undefined;

beforeAll(async () => {
  world = await startConsoleWorld({ label: 'teams' });
  adminToken = await signIn(world.api, world.tenant.slug, world.tenant.adminEmail);
}, 180_000);
afterAll(() => world?.stop());
afterEach(() => context?.close());

/** Runs an operation as the tenant admin, failing the test on any error. */
async function asAdmin<T = Record<string, any>>(query: string, variables: Record<string, unknown> = {}): Promise<T> {
  const result = await world.api.graphql<T>(query, { variables, token: adminToken });
  if (result.errors) throw new Error(JSON.stringify(result.errors));
  return result.data!;
}

/** An invited user made through the API, as an administrator adds people. */
async function createUser(firstName: string, lastName: string, role: 'AGENT' | 'MANAGER'): Promise<{ id: string; email: string }> {
  const email = `${firstName.toLowerCase()}.${lastName.toLowerCase()}@${world.tenant.slug}.test`;
  const { createUser } = await asAdmin<{ createUser: { id: string } }>(
    `mutation($input: CreateUserInput!) { createUser(input: $input) { id } }`,
    { input: { email, firstName, lastName, roleIds: [world.tenant.roleIds[role]] } },
  );
  return { id: createUser.id, email };
}

async function openTeams(email: string): Promise<Page> {
  const opened = await signedInPage(world, email);
  context = opened.context;
  await opened.page.goto(`${world.console.url}/teams`);
  await opened.page.getByRole('heading', { name: 'Teams', level: 1 }).waitFor();
  return opened.page;
}

const tree = (page: Page) => page.getByRole('tree', { name: 'Teams' });
const treeItem = (page: Page, name: string) => tree(page).getByRole('treeitem', { name, exact: true });
const details = (page: Page) => page.getByRole('region', { name: /^Selected team:/ });

/** Waits until the team's own row in the tree (not its sub-teams') shows these counts. */
async function expectCounts(item: Locator, counts: string) {
  await item.locator(':scope > div').getByText(counts, { exact: true }).waitFor();
}

async function submitDialog(page: Page, button: string) {
  await page.getByRole('dialog').getByRole('button', { name: button }).click();
}

describe('the Teams section', () => {
  it('lets an admin build the tree, fill a team with a manager and a member, and delete it once empty', async () => {
    const agent = await createUser('Ada', 'Member', 'AGENT');
    const lead = await createUser('Lena', 'Lead', 'MANAGER');
    const page = await openTeams(world.tenant.adminEmail);
    await page.getByText('No teams yet').waitFor();

    // A top-level team, then a sub-team under it from the selected team's "Add sub-team".
    await page.getByRole('button', { name: 'New team' }).click();
    await page.getByRole('dialog').getByLabel('Team name').fill('Support');
    await submitDialog(page, 'Create team');
    await details(page).getByRole('heading', { name: 'Support' }).waitFor();
    await details(page).getByRole('button', { name: 'Add sub-team' }).click();
    expect(await page.getByRole('dialog').getByLabel('Parent team').inputValue()).toBeTruthy();
    await page.getByRole('dialog').getByLabel('Team name').fill('Tier one');
    await submitDialog(page, 'Create team');
    await details(page).getByText('Sub-team of Support').waitFor();
    expect(await treeItem(page, 'Support').getAttribute('aria-expanded')).toBe('true');
    expect(await treeItem(page, 'Tier one').getAttribute('aria-level')).toBe('2');

    // A name with a colon is refused beside the field; a good one is taken.
    await details(page).getByRole('button', { name: 'Rename' }).click();
    const name = page.getByRole('dialog').getByLabel('Team name');
    await name.fill('Tier: one');
    await submitDialog(page, 'Rename');
    await page.getByRole('dialog').getByText('Team names cannot contain ":"').waitFor();
    expect(await name.getAttribute('aria-invalid')).toBe('true');
    await name.fill('Level 1');
    await submitDialog(page, 'Rename');
    await treeItem(page, 'Level 1').waitFor();
    expect(await page.getByRole('dialog').count()).toBe(0);

    // Moved to the top level: no longer inside Support.
    await details(page).getByRole('button', { name: 'Move' }).click();
    await page.getByRole('dialog').getByLabel('New parent team').selectOption({ label: 'None (top-level team)' });
    await submitDialog(page, 'Move');
    await details(page).getByText('Top-level team').waitFor();
    expect(await treeItem(page, 'Level 1').getAttribute('aria-level')).toBe('1');
    expect(await treeItem(page, 'Support').getAttribute('aria-expanded')).toBeNull();

    // The keyboard reaches the tree: Home, then Down to the next team, Enter selects it.
    await treeItem(page, 'Level 1').focus();
    await page.keyboard.press('Home');
    await page.keyboard.press('Enter');
    await details(page).getByRole('heading', { name: 'Level 1' }).waitFor();
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    await details(page).getByRole('heading', { name: 'Support' }).waitFor();
    expect(await treeItem(page, 'Support').getAttribute('aria-selected')).toBe('true');

    // A manager and a member, found by name.
    const addPerson = async (search: string, role: 'Manager' | 'Member (agents only)', button: string) => {
      await details(page).getByRole('radio', { name: role }).check();
      await details(page).getByLabel('Find people').fill(search);
      await details(page).getByRole('button', { name: button }).click();
    };
    await addPerson('Lena', 'Manager', 'Add Lena Lead as manager');
    await details(page).getByRole('list', { name: /Managers/ }).getByText('Lena Lead').waitFor();
    await addPerson('Ada', 'Member (agents only)', 'Add Ada Member as member');
    await details(page).getByRole('list', { name: /Members/ }).getByText('Ada Member').waitFor();
    await expectCounts(treeItem(page, 'Support'), '2 direct · 2 in subtree');
    await details(page).getByText('Top-level team · 2 direct · 2 in subtree').waitFor();
    await screenshot(page, 'teams');

    // Deleting a team with people is refused in the server's words.
    await details(page).getByRole('button', { name: 'Delete' }).click();
    await submitDialog(page, 'Delete team');
    await page.getByRole('dialog').getByText('Team "Support" still has 2 users; move or remove them first').waitFor();
    await page.getByRole('dialog').getByRole('button', { name: 'Cancel' }).click();

    await details(page).getByRole('button', { name: 'Remove Ada Member' }).click();
    await details(page).getByRole('button', { name: 'Remove Lena Lead' }).click();
    await details(page).getByText('No members yet.').waitFor();
    await details(page).getByText('No managers yet.').waitFor();
    await expectCounts(treeItem(page, 'Support'), '0 direct · 0 in subtree');

    await details(page).getByRole('button', { name: 'Delete' }).click();
    await submitDialog(page, 'Delete team');
    await treeItem(page, 'Support').waitFor({ state: 'detached' });
    await page.getByText('Select a team to see its managers and members.').waitFor();
    expect(await tree(page).getByRole('treeitem').count()).toBe(1);
  });

  it('is read-only for a manager who may only view their teams', async () => {
    const { createTeam: sales } = await asAdmin<{ createTeam: { id: string } }>(
      `mutation { createTeam(input: { name: "Sales" }) { id } }`,
    );
    await asAdmin(`mutation($input: CreateTeamInput!) { createTeam(input: $input) { id } }`, { input: { name: 'Inside sales', parentId: sales.id } });
    await asAdmin(`mutation { createTeam(input: { name: "Elsewhere" }) { id } }`);
    const manager = await addUser(world.api.db, world.tenant, `viewer@${world.tenant.slug}.test`, ['MANAGER']);
    await asAdmin(`mutation($teamId: ID!, $userIds: [ID!]!) { addTeamMembers(teamId: $teamId, userIds: $userIds, role: MANAGER) { id } }`, {
      teamId: sales.id,
      userIds: [manager.id],
    });

    const page = await openTeams(manager.email);
    await treeItem(page, 'Inside sales').waitFor();
    // Only the teams they manage and their sub-teams.
    expect(await tree(page).getByRole('treeitem', { name: 'Elsewhere' }).count()).toBe(0);
    // The team's own row: the middle of its tree item is its sub-team.
    await tree(page).getByText('Sales', { exact: true }).click();
    await details(page).getByRole('list', { name: /Managers/ }).getByText(`${manager.firstName} ${manager.lastName}`).waitFor();
    expect(await page.getByRole('button', { name: 'New team' }).count()).toBe(0);
    for (const control of ['Add sub-team', 'Rename', 'Move', 'Delete', /^Remove /]) {
      expect(await details(page).getByRole('button', { name: control }).count()).toBe(0);
    }
    expect(await details(page).getByLabel('Find people').count()).toBe(0);
  });

  it('offers an editor of only their assigned teams no top-level team: no "New team", no top level to move to', async () => {
    const { createRole: role } = await asAdmin<{ createRole: { id: string } }>(`mutation($input: RoleInput!) { createRole(input: $input) { id } }`, {
      input: { name: 'Team builder', label: 'Builder', color: '#336699', permissions: [{ permission: 'teams', access: 'EDIT', scope: 'ASSIGNED_TEAMS' }] },
    });
    const editor = await addUser(world.api.db, world.tenant, `builder@${world.tenant.slug}.test`, ['MANAGER']);
    await asAdmin(`mutation($id: ID!, $version: Int!, $roleIds: [ID!]!) { updateUser(id: $id, version: $version, input: { roleIds: $roleIds }) { id } }`, {
      id: editor.id,
      version: editor.version,
      roleIds: [role.id],
    });
    const { createTeam: north } = await asAdmin<{ createTeam: { id: string } }>(`mutation { createTeam(input: { name: "North" }) { id } }`);
    await asAdmin(`mutation($input: CreateTeamInput!) { createTeam(input: $input) { id } }`, { input: { name: 'North east', parentId: north.id } });
    await asAdmin(`mutation($teamId: ID!, $userIds: [ID!]!) { addTeamMembers(teamId: $teamId, userIds: $userIds, role: MANAGER) { id } }`, {
      teamId: north.id,
      userIds: [editor.id],
    });

    const page = await openTeams(editor.email);
    await treeItem(page, 'North east').click();
    await details(page).getByRole('heading', { name: 'North east' }).waitFor();
    expect(await page.getByRole('button', { name: 'New team' }).count()).toBe(0);

    await details(page).getByRole('button', { name: 'Move' }).click();
    const newParent = page.getByRole('dialog').getByLabel('New parent team');
    expect(await newParent.locator('option').allTextContents()).not.toContain('None (top-level team)');
    await page.getByRole('dialog').getByRole('button', { name: 'Cancel' }).click();

    // A sub-team starts under the selected team, the only place such an editor may put it.
    await details(page).getByRole('button', { name: 'Add sub-team' }).click();
    const parent = page.getByRole('dialog').getByLabel('Parent team');
    expect(await parent.locator('option:checked').textContent()).toBe('North › North east');
    expect(await parent.locator('option').allTextContents()).not.toContain('None (top-level team)');
  });

  it('reloads the tree after a rename refused over someone else’s change, so saving again works', async () => {
    const { createTeam: team } = await asAdmin<{ createTeam: { id: string; version: number } }>(
      `mutation { createTeam(input: { name: "Billing" }) { id version } }`,
    );
    const page = await openTeams(world.tenant.adminEmail);
    await tree(page).getByText('Billing', { exact: true }).click();
    await details(page).getByRole('button', { name: 'Rename' }).click();
    await page.getByRole('dialog').getByLabel('Team name').fill('Billing desk');
    // Meanwhile someone else renames it.
    await asAdmin(`mutation($id: ID!, $version: Int!) { updateTeam(id: $id, version: $version, input: { name: "Invoices" }) { id } }`, team);

    await submitDialog(page, 'Rename');
    await page.getByRole('dialog').getByText(/was changed by someone else; reload it and try again/).waitFor();
    // The tree shows what they saved; the name typed here stays to be saved over it.
    await treeItem(page, 'Invoices').waitFor();
    await submitDialog(page, 'Rename');
    await page.getByRole('dialog').waitFor({ state: 'detached' });
    await treeItem(page, 'Billing desk').waitFor();
  });
});
