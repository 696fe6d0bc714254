import { randomBytes } from 'node:crypto';
import { join, resolve } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { TEST_PASSWORD, createTestTenant, signIn, startTestApi, type TestApi, type TestTenant } from '../../../services/api/test/support/test-api';
import { startBulkWorkers, type BulkWorkers } from '../../../services/api/test/support/bulk-test';
import { SESSION_COOKIE } from '../../src/features/auth/session-cookie';
import { ensureConsoleBuild, startConsole, type ConsoleServer } from './console-server';

const SCREENSHOTS = resolve(__dirname, '../../../test-results/screenshots');

/** Everything a browser test drives: the real api (and bulk workers), a tenant, the built console and Chromium. */
export interface ConsoleWorld {
  api: TestApi;
  tenant: TestTenant;
  console: ConsoleServer;
  browser: Browser;
  /** The bulk Workers (with `bulkWorkers`): a test that stops them sets the ones it starts again here, for stop() to stop. */
  bulkWorkers?: BulkWorkers;
  stop(): Promise<void>;
}

/** Starts the world for one test file; `bulkWorkers` also runs the worker's bulk queues in this process. */
export async function startConsoleWorld(options: { bulkWorkers?: boolean; label?: string } = {}): Promise<ConsoleWorld> {
  const stops: (() => Promise<void>)[] = [];
  const stop = async () => {
    for (const next of stops.reverse()) await next().catch(() => undefined);
  };
  // Filled in as its parts start.
  const world = { stop } as ConsoleWorld;
  try {
    // One at a time, so a failure leaves only what `stop` knows to stop.
    await ensureConsoleBuild();
    // A Redis prefix of its own (within the run's, so the run's teardown still clears it): a job a
    // previous test file left running or stalled is never picked up by this file's bulk workers.
    const api = await startTestApi({ REDIS_PREFIX: `${process.env.REDIS_PREFIX}:${options.label ?? 'e2e'}-${randomBytes(3).toString('hex')}` });
    stops.push(() => api.stop());
    if (options.bulkWorkers) {
      world.bulkWorkers = await startBulkWorkers(api);
      // Whichever Workers run by then: a test may have replaced them.
      stops.push(async () => world.bulkWorkers?.stop());
    }
    // Debian's chromium, never a downloaded browser (apt-get install chromium).
    const browser = await chromium.launch({ executablePath: '/usr/bin/chromium' });
    stops.push(() => browser.close());
    const tenant = await createTestTenant(api.db, options.label ?? 'e2e');
    const consoleServer = await startConsole(new URL(api.url).origin);
    stops.push(() => consoleServer.stop());
    return Object.assign(world, { api, tenant, console: consoleServer, browser });
  } catch (error) {
    await stop();
    throw error;
  }
}

/** A fresh browser context (no cookies, no storage), with waits shorter than Jest's timeout so a failure says what it waited for. */
export async function newPage(world: ConsoleWorld): Promise<{ context: BrowserContext; page: Page }> {
  const context = await world.browser.newContext({ viewport: { width: 1360, height: 860 } });
  context.setDefaultTimeout(10_000);
  return { context, page: await context.newPage() };
}

/** A page already signed in as the user (through the API, the way the sign-in form's session cookie is made). */
export async function signedInPage(world: ConsoleWorld, email: string, password = TEST_PASSWORD): Promise<{ context: BrowserContext; page: Page }> {
  const token = await signIn(world.api, world.tenant.slug, email, password);
  const opened = await newPage(world);
  await opened.context.addCookies([{ name: SESSION_COOKIE, value: token, url: world.console.url, httpOnly: true, sameSite: 'Strict' }]);
  return opened;
}

/** Saves a screenshot under test-results/screenshots/ (for README.md and for a person checking the look). */
export async function screenshot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
}
