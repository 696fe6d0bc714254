import { addUser, signIn } from '../../services/api/test/support/test-api';
import { screenshot, signedInPage, startConsoleWorld, type ConsoleWorld } from './support/console-world';
import type { BrowserContext, Locator, Page, WebSocketRoute } from 'playwright-core';

// The live board and My status against the real API: a supervisor scoped to one team sees only its
// agents, live; acts on them where the rules allow; an agent runs their own shift.

/** How soon a change made through the API must show on an open board, without a reload. */
const LIVE_WITHIN_MS = 2000;

// Each test seeds agents, signs in and drives a page through many steps: more than Jest's default
// 30 s when the machine is busy (the live assertions keep their own 2 s limit).
jest.setTimeout(90_000);

let world: ConsoleWorld;
let admin: string;
let alpha: string;
let bravo: string;
let supervisorEmail: string;
let statuses: Record<string, string>;
const contexts: BrowserContext[] = [];

interface Agent {
  id: string;
  email: string;
  /** As the board shows it (addUser names people after their email). */
  name: string;
  token: string;
}

async function graphql<T = Record<string, any>>(query: string, variables: Record<string, unknown> = {}, token = admin): Promise<T> {
  const result = await world.api.graphql<T>(query, { variables, token });
  if (result.errors) throw new Error(`${query}: ${JSON.stringify(result.errors)}`);
  return result.data!;
}

async function placeInTeam(teamId: string, userId: string, role: 'MEMBER' | 'MANAGER'): Promise<void> {
  await graphql(`mutation($t: ID!, $u: [ID!]!, $r: TeamRole!) { addTeamMembers(teamId: $t, userIds: $u, role: $r) { id } }`, { t: teamId, u: [userId], r: role });
}

/** A new agent in the team, signed in through the API, optionally with their shift started. */
async function agentIn(teamId: string, first: string, { onShift = true } = {}): Promise<Agent> {
  const email = `${first}@${world.tenant.slug}.test`;
  const user = await addUser(world.api.db, world.tenant, email, ['AGENT']);
  await placeInTeam(teamId, user.id, 'MEMBER');
  const token = await signIn(world.api, world.tenant.slug, email);
  if (onShift) await graphql(`mutation { startShift { sequence } }`, {}, token);
  return { id: user.id, email, name: `${first} Test`, token };
}

async function setMyStatus(agent: Agent, key: string): Promise<void> {
  await graphql(`mutation($s: ID!) { setMyStatus(statusId: $s) { sequence } }`, { s: statuses[key] }, agent.token);
}

/** The board's WebSocket, relayed through the test so it can drop the socket or swallow an event. */
interface Relay {
  socket?: WebSocketRoute;
  /** Keeps the next event from the page; resolves once it has. */
  swallowNextEvent(): Promise<void>;
}

interface Opened {
  page: Page;
  /** How many times the page has loaded the board (agentPresences + presenceSequence). */
  boardLoads(): number;
  relay: Relay;
}

/** Opens / signed in as the user, its WebSocket relayed through the test. */
async function open(email: string): Promise<Opened> {
  const { context, page } = await signedInPage(world, email);
  contexts.push(context);
  let loads = 0;
  page.on('request', (request) => {
    if (request.method() === 'POST' && request.url().endsWith('/graphql') && request.postDataJSON()?.operationName === 'PresenceBoard') loads++;
  });
  let swallowed: (() => void) | null = null;
  const relay: Relay = { swallowNextEvent: () => new Promise<void>((resolve) => (swallowed = resolve)) };
  await page.routeWebSocket(/\/graphql$/, (socket) => {
    relay.socket = socket;
    socket.connectToServer().onMessage((message) => {
      if (!swallowed || JSON.parse(String(message)).type !== 'next') return socket.send(message);
      swallowed();
      swallowed = null;
    });
  });
  await page.goto(`${world.console.url}/`);
  return { page, boardLoads: () => loads, relay };
}

/** Opens the live board and waits until it follows changes. */
async function openBoard(email = supervisorEmail): Promise<Opened> {
  const opened = await open(email);
  await opened.page.getByRole('heading', { name: 'Live agents' }).waitFor();
  await opened.page.getByText('Live', { exact: true }).waitFor();
  return opened;
}

function teamSection(page: Page, team: string): Locator {
  return page.getByRole('region', { name: new RegExp(`^${team} \\(`) });
}

function rowOf(page: Page, agent: Agent): Locator {
  return page.getByRole('row', { name: new RegExp(agent.name) });
}

beforeAll(async () => {
  world = await startConsoleWorld({ label: 'presence' });
  admin = await signIn(world.api, world.tenant.slug, world.tenant.adminEmail);
  alpha = (await graphql<{ createTeam: { id: string } }>(`mutation { createTeam(input: { name: "Alpha" }) { id } }`)).createTeam.id;
  bravo = (await graphql<{ createTeam: { id: string } }>(`mutation { createTeam(input: { name: "Bravo" }) { id } }`)).createTeam.id;
  // A supervisor (Manager Data: "Monitoring - Agents" Edit for the teams they manage) of Alpha only.
  supervisorEmail = `sam@${world.tenant.slug}.test`;
  const supervisor = await addUser(world.api.db, world.tenant, supervisorEmail, ['MANAGER_DATA']);
  await placeInTeam(alpha, supervisor.id, 'MANAGER');
  const list = await graphql<{ agentStatuses: { id: string; systemKey: string | null }[] }>(`{ agentStatuses { id systemKey } }`);
  statuses = Object.fromEntries(list.agentStatuses.map((s) => [s.systemKey, s.id]));
}, 180_000);
afterEach(async () => {
  for (const context of contexts.splice(0)) await context.close();
});
afterAll(() => world?.stop());

describe('the live agents board', () => {
  it("shows a team-scoped supervisor their team's agents only, and their changes live", async () => {
    const alma = await agentIn(alpha, 'alma');
    const arlo = await agentIn(alpha, 'arlo');
    const bruno = await agentIn(bravo, 'bruno');
    const { page, boardLoads } = await openBoard();

    const alphaTeam = teamSection(page, 'Alpha');
    await rowOf(page, alma).getByText('Unavailable', { exact: true }).waitFor();
    await rowOf(page, arlo).waitFor();
    expect(await page.getByText(bruno.name).count()).toBe(0);
    expect(await teamSection(page, 'Bravo').count()).toBe(0);

    // Bravo's change first: by the time Alpha's shows, Bravo's would have too.
    await setMyStatus(bruno, 'AVAILABLE');
    await setMyStatus(alma, 'AVAILABLE');
    await alphaTeam.getByRole('row', { name: new RegExp(alma.name) }).getByText('Available', { exact: true }).waitFor({ timeout: LIVE_WITHIN_MS });
    expect(await page.getByText(bruno.name).count()).toBe(0);

    // A supervisor's change made elsewhere (the admin, through the API) arrives the same way.
    await graphql(`mutation($u: ID!, $s: ID!) { setAgentStatus(userId: $u, statusId: $s) { sequence } }`, { u: arlo.id, s: statuses.SPECIAL_TASK });
    await rowOf(page, arlo).getByText('Special Task', { exact: true }).waitFor({ timeout: LIVE_WITHIN_MS });

    // Every change was applied in place: the board was loaded once. Bravo's changes skip sequence
    // numbers on this supervisor's stream without counting as missed.
    expect(boardLoads()).toBe(1);

    // An agent placed in the team (the board loads again: the agents the supervisor sees changed) joins the board.
    const ada = await agentIn(alpha, 'ada');
    await rowOf(page, ada).getByText('Unavailable', { exact: true }).waitFor({ timeout: LIVE_WITHIN_MS });

    // Counts per status, which also filter; search by name.
    const counts = page.getByRole('group', { name: /Agents per status/ });
    await counts.getByRole('button', { name: /^Available 1$/ }).click();
    await rowOf(page, alma).waitFor();
    expect(await rowOf(page, ada).count()).toBe(0);
    await page.getByRole('button', { name: 'Clear filters' }).click();
    await page.getByLabel('Search').fill('arl');
    await rowOf(page, arlo).waitFor();
    expect(await rowOf(page, alma).count()).toBe(0);
    await page.getByRole('button', { name: 'Clear filters' }).click();
    await rowOf(page, alma).waitFor();
    await screenshot(page, 'board');
  });

  it('follows team changes: an agent added to the team joins the board, one taken out leaves it, with no status change', async () => {
    const bea = await agentIn(bravo, 'bea');
    const { page, boardLoads } = await openBoard();
    await page.getByText('Live', { exact: true }).waitFor();
    expect(await rowOf(page, bea).count()).toBe(0);
    const members = (mutation: string) => graphql(`mutation($t: ID!, $u: [ID!]!) { ${mutation} { id } }`, { t: alpha, u: [bea.id] });
    await members('addTeamMembers(teamId: $t, userIds: $u, role: MEMBER)');
    // In a quiet tenant the api notices an access change within a second (it polls the access mark).
    await teamSection(page, 'Alpha').getByRole('row', { name: new RegExp(bea.name) }).waitFor({ timeout: LIVE_WITHIN_MS + 1000 });
    await members('removeTeamMembers(teamId: $t, userIds: $u)');
    await teamSection(page, 'Alpha').getByRole('row', { name: new RegExp(bea.name) }).waitFor({ state: 'detached', timeout: LIVE_WITHIN_MS + 1000 });
    // One load for each change of whom the supervisor sees, and then none: the board is live again.
    expect(boardLoads()).toBe(3);
    await new Promise((resolve) => setTimeout(resolve, 2000));
    expect(boardLoads()).toBe(3);
    expect(await page.getByText(/Live updates stopped/).count()).toBe(0);
  });

  it('lets the supervisor change a status and log an agent out, never for an Offline agent, and shows a refusal', async () => {
    const cleo = await agentIn(alpha, 'cleo');
    const cody = await agentIn(alpha, 'cody');
    const { page } = await openBoard();

    await page.getByRole('button', { name: `Change status of ${cleo.name}` }).click();
    const change = page.getByRole('dialog', { name: `Change status of ${cleo.name}` });
    await change.getByLabel('New status').selectOption({ label: 'Special Task' });
    await change.getByLabel('Reason (optional)').fill('Coaching session');
    await change.getByRole('button', { name: 'Change status', exact: true }).click();
    await change.waitFor({ state: 'detached' });
    await rowOf(page, cleo).getByText('Special Task', { exact: true }).waitFor();

    await page.getByRole('button', { name: `Log out ${cody.name}` }).click();
    const logOut = page.getByRole('dialog', { name: `Log out ${cody.name}` });
    await logOut.getByRole('button', { name: 'Log out', exact: true }).click();
    await logOut.waitFor({ state: 'detached' });
    // Offline agents leave the board, as on the seed's Agents page, until Offline is pressed.
    const codyRow = rowOf(page, cody);
    await codyRow.waitFor({ state: 'detached' });
    const counts = page.getByRole('group', { name: /Agents per status/ });
    await counts.getByRole('button', { name: /^Offline \d+$/ }).click();
    await codyRow.getByText('Offline', { exact: true }).waitFor();
    await codyRow.getByText(/No actions while Offline/).waitFor({ state: 'attached' });
    expect(await codyRow.getByRole('button').count()).toBe(0);
    await page.getByRole('button', { name: 'Clear filters' }).click();

    // The agent goes Offline while the dialog is open: the API refuses, and the dialog says why.
    await page.getByRole('button', { name: `Change status of ${cleo.name}` }).click();
    const late = page.getByRole('dialog', { name: `Change status of ${cleo.name}` });
    await graphql(`mutation { endShift { sequence } }`, {}, cleo.token);
    await late.getByText('Offline', { exact: true }).waitFor({ timeout: LIVE_WITHIN_MS });
    await late.getByLabel('New status').selectOption({ label: 'Available' });
    await late.getByRole('button', { name: 'Change status', exact: true }).click();
    await late.getByRole('alert').getByText('The agent is Offline: their status changes only when they start a shift').waitFor();
    await late.getByRole('button', { name: 'Cancel' }).click();
    await rowOf(page, cleo).waitFor({ state: 'detached' });
  });
});

describe('the live agents board when live updates falter', () => {
  it('loads the board again when a change was missed (a gap in the sequence)', async () => {
    const eve = await agentIn(alpha, 'eve');
    const finn = await agentIn(bravo, 'finn');
    // The admin sees every agent, so every change reaches them in sequence.
    const { page, relay } = await openBoard(world.tenant.adminEmail);
    await rowOf(page, eve).getByText('Unavailable', { exact: true }).waitFor();

    const swallowed = relay.swallowNextEvent();
    await setMyStatus(eve, 'AVAILABLE');
    await swallowed;
    await setMyStatus(finn, 'AVAILABLE');
    await rowOf(page, finn).getByText('Available', { exact: true }).waitFor({ timeout: LIVE_WITHIN_MS });
    // Eve's event never arrived: the gap made the board load again.
    await rowOf(page, eve).getByText('Available', { exact: true }).waitFor({ timeout: LIVE_WITHIN_MS });
  });

  it('says when the live connection is down, and loads the board again once it is back', async () => {
    const gus = await agentIn(alpha, 'gus');
    const { page, relay, boardLoads } = await openBoard();
    await rowOf(page, gus).getByText('Unavailable', { exact: true }).waitFor();
    expect(boardLoads()).toBe(1);

    await relay.socket!.close({ code: 1001, reason: 'Dropped by the test' });
    const banner = page.getByText('Live updates paused — reconnecting…');
    await banner.waitFor();
    await page.getByText('Reconnecting…', { exact: true }).waitFor();
    await setMyStatus(gus, 'AVAILABLE');

    await banner.waitFor({ state: 'detached' });
    await rowOf(page, gus).getByText('Available', { exact: true }).waitFor();
    await page.getByText('Live', { exact: true }).waitFor();
    expect(boardLoads()).toBeGreaterThan(1);
  });
});

describe('My status', () => {
  it('lets an agent start a shift, choose a status, and see why they were put Offline', async () => {
    const dana = await agentIn(alpha, 'dana', { onShift: false });
    const { page } = await open(dana.email);
    const mine = page.getByRole('region', { name: 'My status' });
    await mine.getByText('You have not started a shift yet.').waitFor();
    expect(await page.getByRole('heading', { name: 'Live agents' }).count()).toBe(0);

    await mine.getByRole('button', { name: 'Start shift' }).click();
    await mine.getByText('Unavailable', { exact: true }).waitFor();
    const choices = await mine.getByLabel('Change my status to').locator('option').allTextContents();
    expect(choices).not.toContain('Special Task');
    expect(choices).not.toContain('Offline');
    await mine.getByLabel('Change my status to').selectOption({ label: 'Available' });
    await mine.getByRole('button', { name: 'Set status' }).click();
    await mine.getByText('Available', { exact: true }).waitFor();
    await mine.getByRole('button', { name: 'End shift' }).waitFor();
    await screenshot(page, 'my-status');

    // Logged out by a supervisor: coming back, the agent sees why, and can start again.
    await graphql(`mutation($u: ID!) { logOutAgent(userId: $u, reason: "Shift handover") { sequence } }`, { u: dana.id });
    await page.reload();
    await mine.getByText('You were put Offline: Shift handover').waitFor();
    await mine.getByRole('button', { name: 'Start shift' }).click();
    await mine.getByText('Unavailable', { exact: true }).waitFor();
    expect(await mine.getByText(/You were put Offline/).count()).toBe(0);
  });

  it('welcomes someone with neither the board nor a status with the sections they may open', async () => {
    const role = await graphql<{ createRole: { id: string } }>(
      `mutation($input: RoleInput!) { createRole(input: $input) { id } }`,
      { input: { name: 'Team viewer', label: 'Teams', color: '#334155', permissions: [{ permission: 'teams', access: 'VIEW' }] } },
    );
    const email = `tess@${world.tenant.slug}.test`;
    const user = await addUser(world.api.db, world.tenant, email, []);
    await graphql(`mutation($id: ID!, $v: Int!, $r: [ID!]) { updateUser(id: $id, version: $v, input: { roleIds: $r }) { id } }`, {
      id: user.id,
      v: user.version,
      r: [role.createRole.id],
    });
    const { page } = await open(email);
    await page.getByRole('heading', { name: 'Welcome, tess' }).waitFor();
    await page.getByRole('region', { name: 'What you can open' }).getByRole('link', { name: 'Teams' }).waitFor();
    expect(await page.getByRole('region', { name: 'My status' }).count()).toBe(0);
  });
});
