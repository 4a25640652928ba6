import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { DEMO_PASSWORDS } from '../../db/seed/accounts';
import { DESKTOP, launchBrowser, loginAs, newPage } from './browser';
import { startSeededServer, type TestServer } from './server';

/** The demo accounts a browser test signs in as (db/seed/accounts.ts): `<persona>@example.jp`. */
export type DemoPersona = Exclude<keyof typeof DEMO_PASSWORDS, 'other'>;

export type SeededBrowser = {
  readonly server: TestServer;
  readonly browser: Browser;
  /** A fresh context (own cookies) on the app, as `newPage` in tests/helpers/browser.ts. */
  page(viewport?: { width: number; height: number }, options?: { javaScriptEnabled?: boolean }): Promise<{ context: BrowserContext; page: Page }>;
  /** A fresh context signed in as a demo persona through the real log-in form. */
  signedIn(persona: DemoPersona, viewport?: { width: number; height: number }, options?: { javaScriptEnabled?: boolean }): Promise<{ context: BrowserContext; page: Page }>;
};

/** Signs a page in as a demo persona through the real log-in form. */
export function loginAsDemo(page: Page, persona: DemoPersona): Promise<void> {
  return loginAs(page, `${persona}@example.jp`, DEMO_PASSWORDS[persona]);
}

/**
 * A browser test file's server and browser: registers a beforeAll that starts a test server over a
 * fresh database with the demo seed (every step, or only `steps`; `env` as for `startSeededServer`)
 * and launches Chromium, and an afterAll that closes both. The returned object's `server` and
 * `browser` are read inside the tests and hooks (they exist once the beforeAll has run). A file's own
 * beforeAll, registered after this call, runs after it.
 */
export function seededBrowser(options: { env?: Record<string, string>; steps?: string[] } = {}): SeededBrowser {
  let server: TestServer | undefined;
  let browser: Browser | undefined;
  beforeAll(async () => {
    server = await startSeededServer(options.env ?? {}, options.steps);
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });
  const started = <T>(value: T | undefined, name: string): T => {
    if (value === undefined) throw new Error(`the ${name} is not started: use it inside a test or a hook`);
    return value;
  };
  const self: SeededBrowser = {
    get server() {
      return started(server, 'server');
    },
    get browser() {
      return started(browser, 'browser');
    },
    page: (viewport = DESKTOP, pageOptions = {}) => newPage(self.browser, self.server.url, viewport, pageOptions),
    signedIn: async (persona, viewport, pageOptions) => {
      const opened = await self.page(viewport, pageOptions);
      await loginAsDemo(opened.page, persona);
      return opened;
    },
  };
  return self;
}
