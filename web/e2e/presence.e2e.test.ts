import { addUser, signIn } from '../../services/api/test/support/test-api';
import { SESSION_COOKIE } from '../src/features/auth/session-cookie';
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
  /** Resolves with the close code when the page next closes its socket. */
  closedByPage(): Promise<number>;
  /** The afterSequence of the page's nth subscription (from 1), once the page has started it. */
  subscription(n: number): Promise<number>;
  /** Ends the page's latest subscription with the error, as the API does when it refuses one. */
  failSubscription(error: { message: string; extensions: Record<string, unknown> }): void;
}

interface Opened {
  page: Page;
  /** How many times the page has loaded the board (agentPresences + presenceSequence). */
  boardLoads(): number;
  relay: Relay;
}

/** Opens / signed in as the user, its WebSocket relayed through the test; `clockAheadMs` sets the page's clock that far off. */
async function open(email: string, { clockAheadMs = 0 } = {}): Promise<Opened> {
  const { context, page } = await signedInPage(world, email);
  contexts.push(context);
  // The clock keeps running from there, timers and all, as a PC's clock set wrong does.
  if (clockAheadMs) await page.clock.install({ time: Date.now() + clockAheadMs });
  let loads = 0;
  page.on('request', (request) => {
    if (request.method() === 'POST' && request.url().endsWith('/graphql') && request.postDataJSON()?.operationName === 'PresenceBoard') loads++;
  });
  let swallowed: (() => void) | null = null;
  let pageClosed: ((code: number) => void) | null = null;
  let latestSubscription: string | undefined;
  const subscribedAfter: number[] = [];
  let subscribed = () => {};
  const relay: Relay = {
    swallowNextEvent: () => new Promise<void>((resolve) => (swallowed = resolve)),
    closedByPage: () => new Promise<number>((resolve) => (pageClosed = resolve)),
    subscription: async (n) => {
      while (subscribedAfter.length < n) await new Promise<void>((resolve) => (subscribed = resolve));
      return subscribedAfter[n - 1];
    },
    failSubscription: (error) => relay.socket!.send(JSON.stringify({ type: 'error', id: latestSubscription, payload: [error] })),
  };
  await page.routeWebSocket(/\/graphql$/, (socket) => {
    relay.socket = socket;
    const server = socket.connectToServer();
    socket.onMessage((message) => {
      const sent = JSON.parse(String(message));
      if (sent.type === 'subscribe') {
        latestSubscription = sent.id;
        subscribedAfter.push(sent.payload.variables.afterSequence);
        subscribed();
      }
      server.send(message);
    });
    server.onMessage((message) => {
      if (!swallowed || JSON.parse(String(message)).type !== 'next') return socket.send(message);
      swallowed();
      swallowed = null;
    });
    socket.onClose((code, reason) => {
      pageClosed?.(code ?? 1005);
      void server.close({ code, reason });
    });
  });
  await page.goto(`${world.console.url}/`);
  return { page, boardLoads: () => loads, relay };
}

/** Opens the live board and waits until it follows changes. */
async function openBoard(email = supervisorEmail, options: Parameters<typeof open>[1] = {}): Promise<Opened> {
  const opened = await open(email, options);
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

/** Starts watching the page for the text; the function returned tells whether it has shown since, even briefly. */
async function watchFor(page: Page, text: string): Promise<() => Promise<boolean>> {
  const key = `shown: ${text}`;
  await page.evaluate(
    ({ text, key }) => {
      const seen = window as unknown as Record<string, boolean>;
      const check = () => (seen[key] ||= document.body.textContent?.includes(text) ?? false);
      check();
      new MutationObserver(check).observe(document.body, { childList: true, subtree: true, characterData: true });
    },
    { text, key },
  );
  return () => page.evaluate((key) => (window as unknown as Record<string, boolean>)[key], key);
}

/** A supervisor of their own (not the shared one), for a test that changes what they may see or do. */
async function newSupervisor(first: string, roles: Parameters<typeof addUser>[3], managerOf: string[]): Promise<{ id: string; email: string }> {
  const email = `${first}@${world.tenant.slug}.test`;
  const user = await addUser(world.api.db, world.tenant, email, roles);
  for (const team of managerOf) await placeInTeam(team, user.id, 'MANAGER');
  return { id: user.id, email };
}

/** The session token the page signed in with. */
async function sessionOf(page: Page): Promise<string> {
  return (await page.context().cookies()).find((cookie) => cookie.name === SESSION_COOKIE)!.value;
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

describe('the live agents board: timers and action dialogs', () => {
  it("counts time in status on the server's clock, not the PC's when it is set wrong", async () => {
    const kai = await agentIn(alpha, 'kai');
    for (const [clockAheadMs, status] of [
      [120_000, 'AVAILABLE'],
      [-120_000, 'UNAVAILABLE'],
    ] as const) {
      const { page } = await openBoard(supervisorEmail, { clockAheadMs });
      await rowOf(page, kai).waitFor();
      await setMyStatus(kai, status);
      const row = rowOf(page, kai);
      await row.getByText(status === 'AVAILABLE' ? 'Available' : 'Unavailable', { exact: true }).waitFor({ timeout: LIVE_WITHIN_MS });
      // A fresh change starts at 0:00 (not 2:00 on a fast clock) and ticks (not held at 0:00 on a slow one).
      expect(await row.locator('time').textContent()).toMatch(/^0:0\d$/);
      await row.locator('time', { hasText: /^0:0[1-9]$/ }).waitFor({ timeout: 5000 });
    }
  });

  it('gives focus back to the button that opened an action dialog', async () => {
    const lia = await agentIn(alpha, 'lia');
    const { page } = await openBoard();
    const isFocused = (button: Locator) => button.evaluate((element) => element === document.activeElement);

    const change = page.getByRole('button', { name: `Change status of ${lia.name}` });
    await change.focus();
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('dialog', { name: `Change status of ${lia.name}` });
    await dialog.waitFor();
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    expect(await isFocused(change)).toBe(true);

    const logOut = page.getByRole('button', { name: `Log out ${lia.name}` });
    await logOut.click();
    await page.getByRole('dialog').getByRole('button', { name: 'Cancel' }).click();
    await page.getByRole('dialog').waitFor({ state: 'detached' });
    expect(await isFocused(logOut)).toBe(true);
  });

  it('keeps an open action dialog when its agent leaves the board, and says so', async () => {
    const max = await agentIn(alpha, 'max');
    const { page } = await openBoard();
    await page.getByRole('button', { name: `Change status of ${max.name}` }).click();
    const dialog = page.getByRole('dialog', { name: `Change status of ${max.name}` });
    await dialog.getByLabel('New status').waitFor();

    await graphql(`mutation($t: ID!, $u: [ID!]!) { removeTeamMembers(teamId: $t, userIds: $u) { id } }`, { t: alpha, u: [max.id] });
    await dialog.getByText('This agent is no longer on your board.').waitFor({ timeout: LIVE_WITHIN_MS + 1000 });
    expect(await rowOf(page, max).count()).toBe(0);
    expect(await dialog.getByLabel('New status').count()).toBe(0);
    expect(await dialog.getByRole('button', { name: 'Change status', exact: true }).count()).toBe(0);
    const close = dialog.getByRole('button', { name: 'Close', exact: true }).last();
    expect(await close.evaluate((element) => element === document.activeElement)).toBe(true);
    await close.click();
    await dialog.waitFor({ state: 'detached' });
  });

  it('offers a status created after the board loaded', async () => {
    const ned = await agentIn(alpha, 'ned');
    const { page } = await openBoard();
    await rowOf(page, ned).waitFor();
    await graphql(`mutation { createAgentStatus(input: { name: "Team huddle", color: "#aa5500", availability: UNAVAILABLE }) { id } }`);

    await page.getByRole('button', { name: `Change status of ${ned.name}` }).click();
    const dialog = page.getByRole('dialog', { name: `Change status of ${ned.name}` });
    await dialog.getByLabel('New status').locator('option', { hasText: 'Team huddle' }).waitFor({ state: 'attached' });
    await dialog.getByLabel('New status').selectOption({ label: 'Team huddle' });
    await dialog.getByRole('button', { name: 'Change status', exact: true }).click();
    await dialog.waitFor({ state: 'detached' });
    await rowOf(page, ned).getByText('Team huddle', { exact: true }).waitFor();
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

  it('keeps the last board, its statuses and its live updates while loading it again fails', async () => {
    const hana = await agentIn(alpha, 'hana');
    const { page, relay } = await openBoard();
    await rowOf(page, hana).getByText('Unavailable', { exact: true }).waitFor();
    // The API is back for the socket, but the board's loads fail (a restart half done, a proxy's 502).
    await page.route(/\/graphql$/, (route) =>
      route.request().postDataJSON()?.operationName === 'PresenceBoard' ? route.fulfill({ status: 502, body: 'Bad gateway' }) : route.fallback(),
    );
    const loadingShown = await watchFor(page, 'Loading agents…');
    await relay.socket!.close({ code: 1001, reason: 'Dropped by the test' });
    const failed = page.getByText('Could not reach the server');
    await failed.waitFor();
    await Promise.all([page.waitForResponse((response) => response.status() === 502), page.getByRole('button', { name: 'Try again' }).click()]);

    await rowOf(page, hana).waitFor();
    expect(await loadingShown()).toBe(false);
    await setMyStatus(hana, 'AVAILABLE');
    await rowOf(page, hana).getByText('Available', { exact: true }).waitFor({ timeout: LIVE_WITHIN_MS });
    await page.getByRole('button', { name: `Change status of ${hana.name}` }).click();
    const choices = await page.getByRole('dialog').getByLabel('New status').locator('option').allTextContents();
    expect(choices).toContain('Special Task');
    await page.getByRole('dialog').getByRole('button', { name: 'Cancel' }).click();

    await page.unroute(/\/graphql$/);
    await page.getByRole('button', { name: 'Try again' }).click();
    await failed.waitFor({ state: 'detached' });
  });

  it('loads the board again at once when the API no longer replays the changes missed', async () => {
    const { page, relay, boardLoads } = await openBoard();
    await relay.subscription(1);
    const stopped = await watchFor(page, 'Live updates stopped');
    const reloaded = page.waitForRequest((request) => request.postDataJSON()?.operationName === 'PresenceBoard');
    relay.failSubscription({ message: 'More than 1000 changes were missed: load the board again', extensions: { code: 'BAD_USER_INPUT', field: 'afterSequence' } });
    await reloaded;
    await page.getByText('Live', { exact: true }).waitFor();
    expect(boardLoads()).toBe(2);
    expect(await stopped()).toBe(false);
  });

  it('resubscribes from the last change the board holds when the connection drops', async () => {
    const jo = await agentIn(alpha, 'jo');
    const { page, relay } = await openBoard();
    const changed = await graphql<{ setMyStatus: { sequence: number } }>(`mutation($s: ID!) { setMyStatus(statusId: $s) { sequence } }`, { s: statuses.AVAILABLE }, jo.token);
    await rowOf(page, jo).getByText('Available', { exact: true }).waitFor({ timeout: LIVE_WITHIN_MS });
    expect(await relay.subscription(1)).toBeLessThan(changed.setMyStatus.sequence);

    await relay.socket!.close({ code: 1001, reason: 'Dropped by the test' });
    expect(await relay.subscription(2)).toBe(changed.setMyStatus.sequence);
  });

  it('does not take the socket closing when nothing is subscribed for a lost connection', async () => {
    const { page, relay, boardLoads } = await openBoard(world.tenant.adminEmail);
    // Away from the board nothing is subscribed: the socket closes normally a few seconds later.
    const closed = relay.closedByPage();
    await page.getByRole('link', { name: 'Users' }).click();
    expect(await closed).toBe(1000);

    const paused = await watchFor(page, 'Live updates paused');
    await page.getByRole('link', { name: 'Live agents' }).click();
    await page.getByText('Live', { exact: true }).waitFor();
    expect(await paused()).toBe(false);
    expect(boardLoads()).toBe(2);
  });
});

describe('the live agents board when the session or its access changes', () => {
  it('goes to the sign-in page when the session is revoked or the user deactivated while the board is open', async () => {
    const uma = await newSupervisor('uma', ['MANAGER_DATA'], [alpha]);
    const first = await openBoard(uma.email);
    await graphql(`mutation { logout }`, {}, await sessionOf(first.page));
    await first.page.waitForURL(/\/login$/);

    const second = await openBoard(uma.email);
    await graphql(`mutation($ids: [ID!]!) { deactivateUsers(ids: $ids) { id } }`, { ids: [uma.id] });
    await second.page.waitForURL(/\/login$/);
  });

  it('goes to the sign-in page when an operation is refused for a revoked session', async () => {
    const vic = await agentIn(alpha, 'vic', { onShift: false });
    const { page } = await open(vic.email);
    const mine = page.getByRole('region', { name: 'My status' });
    await mine.getByRole('button', { name: 'Start shift' }).waitFor();
    await graphql(`mutation { logout }`, {}, await sessionOf(page));
    await mine.getByRole('button', { name: 'Start shift' }).click();
    await page.waitForURL(/\/login$/);
  });

  it("follows the viewer's permissions when they change: no actions without Edit, no reloads for agents out of scope", async () => {
    const lead = await graphql<{ createRole: { id: string; version: number } }>(`mutation($input: RoleInput!) { createRole(input: $input) { id version } }`, {
      input: { name: 'Floor lead', label: 'Lead', color: '#225588', permissions: [{ permission: 'monitoring.agents', access: 'EDIT', scope: 'ALL' }] },
    });
    const wes = await newSupervisor('wes', [], [alpha]);
    const { user } = await graphql<{ user: { version: number } }>(`query($id: ID!) { user(id: $id) { version } }`, { id: wes.id });
    await graphql(`mutation($id: ID!, $v: Int!, $r: [ID!]) { updateUser(id: $id, version: $v, input: { roleIds: $r }) { id } }`, {
      id: wes.id,
      v: user.version,
      r: [lead.createRole.id],
    });
    const iris = await agentIn(alpha, 'iris');
    const ivan = await agentIn(bravo, 'ivan');
    const { page, boardLoads } = await openBoard(wes.email);
    await rowOf(page, ivan).waitFor();
    const changeIris = page.getByRole('button', { name: `Change status of ${iris.name}` });
    await changeIris.waitFor();

    await graphql(`mutation($id: ID!, $v: Int!, $input: RoleInput!) { updateRole(id: $id, version: $v, input: $input) { id } }`, {
      id: lead.createRole.id,
      v: lead.createRole.version,
      input: { name: 'Floor lead', label: 'Lead', color: '#225588', permissions: [{ permission: 'monitoring.agents', access: 'VIEW', scope: 'ASSIGNED_TEAMS' }] },
    });
    await changeIris.waitFor({ state: 'detached' });
    await rowOf(page, ivan).waitFor({ state: 'detached' });
    await page.getByText('Live', { exact: true }).waitFor();

    // Bravo's change skips a sequence number on this stream: no longer a gap for a viewer scoped to teams.
    const loads = boardLoads();
    await setMyStatus(ivan, 'AVAILABLE');
    await setMyStatus(iris, 'AVAILABLE');
    await rowOf(page, iris).getByText('Available', { exact: true }).waitFor({ timeout: LIVE_WITHIN_MS });
    await setMyStatus(iris, 'UNAVAILABLE');
    await rowOf(page, iris).getByText('Unavailable', { exact: true }).waitFor({ timeout: LIVE_WITHIN_MS });
    expect(boardLoads()).toBe(loads);
  });

  it("shows a supervisor who is also an agent their own status changed by someone else", async () => {
    const pat = await newSupervisor('pat', ['MANAGER_DATA', 'AGENT'], [alpha]);
    await graphql(`mutation { startShift { sequence } }`, {}, await signIn(world.api, world.tenant.slug, pat.email));
    const { page } = await openBoard(pat.email);
    const mine = page.getByRole('region', { name: 'My status' });
    await mine.getByRole('button', { name: 'End shift' }).waitFor();

    await graphql(`mutation($u: ID!) { logOutAgent(userId: $u, reason: "Covering the queue") { sequence } }`, { u: pat.id });
    await mine.getByText('You were put Offline: Covering the queue').waitFor({ timeout: LIVE_WITHIN_MS });
    await mine.getByRole('button', { name: 'Start shift' }).waitFor();
  });

  it('goes back to every team when the chosen team leaves the board', async () => {
    const delta = (await graphql<{ createTeam: { id: string } }>(`mutation { createTeam(input: { name: "Delta" }) { id } }`)).createTeam.id;
    const quinn = await newSupervisor('quinn', ['MANAGER_DATA'], [alpha, delta]);
    const dex = await agentIn(delta, 'dex');
    const abe = await agentIn(alpha, 'abe');
    const { page } = await openBoard(quinn.email);
    const teamFilter = page.getByLabel('Team', { exact: true });
    await teamFilter.selectOption({ label: 'Delta' });
    await rowOf(page, abe).waitFor({ state: 'detached' });
    await rowOf(page, dex).waitFor();

    await graphql(`mutation($t: ID!, $u: [ID!]!) { removeTeamMembers(teamId: $t, userIds: $u) { id } }`, { t: delta, u: [quinn.id] });
    await rowOf(page, dex).waitFor({ state: 'detached', timeout: LIVE_WITHIN_MS + 1000 });
    await rowOf(page, abe).waitFor();
    expect(await teamFilter.inputValue()).toBe('');
    expect(await page.getByText('No agents match the filters.').count()).toBe(0);
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
