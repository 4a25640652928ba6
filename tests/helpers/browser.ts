import { mkdirSync } from 'node:fs';
import path from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { chromium, type Browser, type BrowserContext, type ConsoleMessage, type Page, type Request, type Response } from 'playwright-core';
import { expect } from 'vitest';

/*
 * Browser tests on Debian's chromium (no downloaded browsers): launch, log in through the real
 * /login form, check a page with axe-core and save phone and desktop screenshots for CI output.
 *
 * Every page of every context opened from `launchBrowser()` is watched: a console error, an
 * uncaught page error, a React hydration warning, a failed same-origin request or a same-origin
 * answer of 400 or more is recorded, and the test fails after it ends (tests/helpers/e2e-setup.ts,
 * which also fails on any 5xx or error line in the server's log). A test that expects one of
 * these says so first, narrowly: `expectHttpError(404, '/openings/12')`, or
 * `knownDefect('name')` for a defect listed in KNOWN_DEFECTS until it is fixed.
 */

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const SCREENSHOT_DIR = path.resolve(import.meta.dirname, '../../.cache/screenshots');
export const PHONE = { width: 360, height: 780 };
export const DESKTOP = { width: 1280, height: 900 };

/** Something a page did that a test must not leave unexplained. */
export type Finding = {
  kind: 'console' | 'pageerror' | 'hydration' | 'requestfailed' | 'http' | 'server' | 'overflow' | 'axe';
  /** The page's path (or the request's, for requests and answers). */
  path: string;
  text: string;
  status?: number;
};

type Allowance = { name: string; matches: (f: Finding) => boolean; used: boolean; known: boolean };

/**
 * Defects seen in the browser that belong to another part of the product and are not fixed yet. A
 * test that meets one calls `knownDefect(name)`; the entry is removed with the fix (a listed defect
 * that no longer occurs is reported after the test).
 */
export const KNOWN_DEFECTS: Record<string, KnownDefectEntry> = {};

type KnownDefectEntry = {
  /** The part of the product it belongs to. */
  area: string;
  what: string;
  /** The pages it shows on (path + query). */
  page: RegExp;
  matches: (f: Finding) => boolean;
};

export type KnownDefect = keyof typeof KNOWN_DEFECTS;

/** The listed defects that show on this page (for tests that visit many pages). */
export function knownDefectsOn(url: string): KnownDefect[] {
  return Object.entries(KNOWN_DEFECTS)
    .filter(([, d]) => d.page.test(url))
    .map(([name]) => name);
}

const watch = { findings: [] as Finding[], allowances: [] as Allowance[] };

const HYDRATION = /hydrat|did not match|Minified React error #(418|423|425)\b|Text content does not match|server-rendered/i;

function pathOf(url: string): string {
  try {
    const u = new URL(url);
    return u.pathname + u.search;
  } catch {
    return url;
  }
}

function record(f: Finding) {
  watch.findings.push(f);
}

function sameOrigin(page: Page, url: string): boolean {
  try {
    const pageUrl = page.url();
    const origin = new URL(pageUrl === 'about:blank' ? url : pageUrl).origin;
    return new URL(url).origin === origin;
  } catch {
    return false;
  }
}

function onConsole(page: Page, m: ConsoleMessage) {
  const text = m.text();
  // The browser's own line for an answer ≥ 400 duplicates the 'http' finding of that answer.
  if (/^Failed to load resource: the server responded with a status of \d+/.test(text)) return;
  const where = pathOf(m.location().url || page.url());
  if (HYDRATION.test(text) && (m.type() === 'error' || m.type() === 'warning')) record({ kind: 'hydration', path: where, text: `console.${m.type()}: ${text}` });
  else if (m.type() === 'error') record({ kind: 'console', path: where, text });
}

function onRequestFailed(page: Page, r: Request) {
  const error = r.failure()?.errorText ?? 'failed';
  // Requests the page itself gave up (a navigation that replaced another, a closed page, a cancelled
  // download), and scripts a page without JavaScript does not load ('csp': a real policy violation
  // with JavaScript on is also a console error, recorded there).
  if (/ERR_ABORTED|ERR_INSUFFICIENT_RESOURCES|^csp$/.test(error) || !sameOrigin(page, r.url())) return;
  record({ kind: 'requestfailed', path: pathOf(r.url()), text: `${r.method()} ${pathOf(r.url())}: ${error}` });
}

function onResponse(page: Page, r: Response) {
  if (r.status() < 400 || !sameOrigin(page, r.url())) return;
  record({ kind: 'http', path: pathOf(r.url()), status: r.status(), text: `${r.request().method()} ${pathOf(r.url())} → ${r.status()}` });
}

/** Starts watching one page (every page of a watched context gets this). */
export function watchPage(page: Page): Page {
  page.on('console', (m) => onConsole(page, m));
  page.on('pageerror', (e) => record({ kind: HYDRATION.test(e.message) ? 'hydration' : 'pageerror', path: pathOf(page.url()), text: e.stack ?? e.message }));
  page.on('requestfailed', (r) => onRequestFailed(page, r));
  page.on('response', (r) => onResponse(page, r));
  return page;
}

function watchContext(context: BrowserContext): BrowserContext {
  context.on('page', watchPage);
  return context;
}

/** Chromium, with every page of every context watched (see the top of this file). */
export async function launchBrowser(): Promise<Browser> {
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  const newContext = browser.newContext.bind(browser);
  browser.newContext = async (...args) => watchContext(await newContext(...args));
  browser.newPage = async (...args) => {
    const context = await browser.newContext(...args);
    const page = await context.newPage();
    // Closing the page closes the context it came with, as Browser.newPage does.
    page.on('close', () => void context.close().catch(() => {}));
    return page;
  };
  return browser;
}

/** A fresh context (own cookies) on the app, Japanese locale, desktop size unless told. */
export async function newPage(browser: Browser, baseURL: string, viewport = DESKTOP, options: { javaScriptEnabled?: boolean } = {}): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ baseURL, viewport, locale: 'ja-JP', timezoneId: 'Asia/Tokyo', ...options });
  const page = await context.newPage();
  return { context, page };
}

function allow(name: string, matches: (f: Finding) => boolean, known = false) {
  watch.allowances.push({ name, matches, used: false, known });
}

/**
 * This test expects an answer with this status from this path (a string is the exact path, with
 * its query if it has one; a RegExp is matched against path + query). The browser's console line
 * for it is covered too.
 */
export function expectHttpError(status: number, path: string | RegExp) {
  const test = typeof path === 'string' ? (p: string) => p === path || p.split('?')[0] === path : (p: string) => path.test(p);
  allow(`${status} ${path}`, (f) => (f.kind === 'http' || f.kind === 'server') && f.status === status && test(f.path));
}

/** A form of this page refused its input (400 with the field errors): expected when a test submits bad input. */
export function expectRefusal(path: string | RegExp) {
  expectHttpError(400, path);
}

/** A listed defect of another part of the product, still present: its findings do not fail the test. */
export function knownDefect(name: KnownDefect) {
  const defect = KNOWN_DEFECTS[name];
  if (!defect) throw new Error(`unknown defect ${name}`);
  allow(name, defect.matches, true);
}

/** Adds findings the test itself made (overflow, axe) to the ones the pages reported. */
export function addFinding(f: Finding) {
  record(f);
}

/** Findings recorded since the last call, minus the allowed ones (the watcher's per-test state is reset). */
export function takeFindings(extra: Finding[] = []): { unexpected: Finding[]; unusedKnownDefects: string[] } {
  const unexpected: Finding[] = [];
  for (const f of [...watch.findings, ...extra]) {
    const a = watch.allowances.find((x) => x.matches(f));
    if (a) a.used = true;
    else unexpected.push(f);
  }
  const unusedKnownDefects = watch.allowances.filter((a) => a.known && !a.used).map((a) => a.name);
  watch.findings = [];
  watch.allowances = [];
  return { unexpected, unusedKnownDefects };
}

/** The findings so far without ending the test's watch (for a test that checks as it goes). */
export function pendingFindings(): Finding[] {
  return watch.findings.filter((f) => !watch.allowances.some((a) => a.matches(f)));
}

/** Signs in by filling and posting the real log-in form; throws if the page is still the form. */
export async function loginAs(page: Page, email: string, password: string): Promise<void> {
  await page.goto('/login');
  await page.locator('input[name="email"]').fill(email);
  await page.locator('input[name="password"]').fill(password);
  await Promise.all([page.waitForURL((url) => !url.pathname.startsWith('/login')), page.locator('form[method="post"] button[type="submit"], form[method="post"] input[type="submit"]').first().click()]);
}

export type A11yViolation = { id: string; impact: string | null | undefined; help: string; nodes: string[] };

/** axe-core with the WCAG 2.1 A/AA rules; returns the serious and critical violations (expect none). */
export async function checkA11y(page: Page): Promise<A11yViolation[]> {
  const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.slice(0, 5).map((n) => n.target.join(' ')) }));
}

/** Full-page screenshots at 360 px and 1280 px: `<name>-360.png`, `<name>-1280.png` in .cache/screenshots. */
export async function screenshots(page: Page, name: string): Promise<string[]> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const original = page.viewportSize() ?? DESKTOP;
  const files: string[] = [];
  for (const size of [PHONE, DESKTOP]) {
    await page.setViewportSize(size);
    const file = path.join(SCREENSHOT_DIR, `${name}-${size.width}.png`);
    await page.screenshot({ path: file, fullPage: true });
    files.push(file);
  }
  await page.setViewportSize(original);
  return files;
}

/** True when the page is wider than its viewport (content cut off on a phone). */
export function overflowsHorizontally(page: Page): Promise<boolean> {
  return page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth + 1);
}

/** Resolves once Remix has hydrated the page (its router is initialised); false after the timeout. */
export function hydrated(page: Page, timeout = 15_000): Promise<boolean> {
  return page
    .waitForFunction(() => (window as unknown as { __remixRouter?: { state: { initialized: boolean } } }).__remixRouter?.state.initialized === true, null, { timeout })
    .then(
      () => true,
      () => false,
    );
}

/**
 * Console errors, warnings about hydration and uncaught page errors of one page, as they happen, for
 * a test that checks them after each visit. `ignore` names console texts the test expects (the browser
 * logs every 4xx answer as an error); /favicon.ico is never the page's own.
 */
export function consoleProblems(page: Page, ignore?: RegExp): string[] {
  const problems: string[] = [];
  page.on('console', (m) => {
    const where = m.location().url;
    if ((ignore && ignore.test(m.text())) || where.endsWith('/favicon.ico')) return;
    if (m.type() === 'error' || (m.type() === 'warning' && /hydrat/i.test(m.text()))) problems.push(`console.${m.type()}: ${m.text()} (${where})`);
  });
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  return problems;
}

/** Opens a page, waits until Remix has hydrated it, and fails with what went wrong if it did not. */
export async function visitHydrated(page: Page, path: string, problems: string[]): Promise<void> {
  const res = await page.goto(path);
  expect(res?.status(), path).toBe(200);
  const done = await hydrated(page, 10_000);
  await page.waitForLoadState('networkidle');
  expect(problems, path).toEqual([]);
  expect(done, `${path} did not hydrate`).toBe(true);
}
