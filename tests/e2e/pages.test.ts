import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fiscalYearOf } from '../../app/domain/rules/fiscal-year';
import { unsubscribeToken } from '../../app/services/alerts.server';
import { listMail } from '../../app/services/mail.server';
import { AGREED_DEMO } from '../../db/seed/agreements';
import { addFinding, checkA11y, DESKTOP, hydrated, knownDefect, knownDefectsOn, PHONE, SCREENSHOT_DIR } from '../helpers/browser';
import { loginAsDemo, seededBrowser, type DemoPersona } from '../helpers/seeded-browser';

/*
 * Every page of the route list (read from app/routes), with real ids from the demo data, as each
 * role at 360 px and 1280 px: it hydrates (a click on the header's home link navigates on the
 * client, without loading a document), nothing scrolls sideways, and axe-core finds nothing
 * serious or critical. A page a role may not open (403, 404, or a redirect to log in) is checked
 * not to fail (no 5xx) and reported as skipped for that role. Screenshots in .cache/screenshots/pages.
 */

const ROUTES_DIR = path.resolve(import.meta.dirname, '../../app/routes');

type RouteEntry = { file: string; pattern: string };

/** Remix v2 flat routes: `openings.$id_.edit.tsx` → `/openings/:id/edit`; only modules with a page (a default export). */
function pageRoutes(): RouteEntry[] {
  const out: RouteEntry[] = [];
  for (const entry of readdirSync(ROUTES_DIR, { withFileTypes: true })) {
    const file = entry.isDirectory() ? ['route.tsx', 'route.ts'].map((f) => path.join(entry.name, f)).find((f) => existsIn(f)) : entry.name;
    if (!file || entry.name.startsWith('__') || !/\.tsx?$/.test(file)) continue;
    if (!/export default/.test(readFileSync(path.join(ROUTES_DIR, file), 'utf8'))) continue;
    const name = entry.isDirectory() ? entry.name : entry.name.replace(/\.tsx?$/, '');
    // A dot in brackets (`favicon[.]ico`) is part of the segment, not a separator.
    const segments = name
      .split(/(?<!\[)\.(?!\])/)
      .map((s) => s.replace(/\[\.\]/g, '.'))
      .filter((s) => s !== '_index' && !s.startsWith('_'))
      .map((s) => s.replace(/_$/, ''))
      .map((s) => (s.startsWith('$') ? `:${s.slice(1)}` : s));
    out.push({ file, pattern: `/${segments.join('/')}` });
  }
  return out.sort((a, b) => a.pattern.localeCompare(b.pattern));
}

function existsIn(file: string): boolean {
  try {
    readFileSync(path.join(ROUTES_DIR, file));
    return true;
  } catch {
    return false;
  }
}

const ROUTES = pageRoutes();

type Role = { name: string; login?: DemoPersona };
const ROLES: Role[] = [
  { name: 'anonymous' },
  { name: 'municipality', login: 'municipality' },
  { name: 'company', login: 'company' },
  { name: 'individual', login: 'individual' },
  { name: 'operator', login: 'operator' },
  { name: 'ministry', login: 'ministry' },
];

/**
 * Pages no role can reach by a plain visit with the demo data, and why. Every other page of the
 * route list must be opened with 200 by at least one role (the last test checks it).
 */
const NOT_VISITED: Record<string, string> = {
  '/login/totp': 'only between the password and the second factor of a TOTP account (tests/integration/accounts)',
  '/signup/confirm/:token': 'a one-time link from the sign-up mail; opening it confirms the account (tests/integration/accounts)',
  '/invitations/:token': 'a one-time link from an invitation mail (tests/integration/accounts)',
};

// DEV_MAIL=1 opens the mail viewer to loopback requests (the test server listens on 127.0.0.1).
const e2e = seededBrowser({ env: { DEV_MAIL: '1' } });
/** Route pattern → the URLs to visit (some patterns have several real values, e.g. the sign-up kinds). */
let urls: Map<string, string[]>;
const opened = new Set<string>();

async function idsFromDemo(): Promise<Record<string, string[]>> {
  const db = e2e.server.db;
  const org = async (slug: string) => (await db.selectFrom('organisations').select('id').where('slug', '=', slug).executeTakeFirstOrThrow()).id;
  const amacho = await org('amacho');
  const mirai = await org('mirai-chiiki');
  const agreed = await db.selectFrom('listings').select('id').where('title', '=', AGREED_DEMO.opening).executeTakeFirstOrThrow();
  const opening = await db.selectFrom('listings').select('id').where('kind', '=', 'opening').where('status', '=', 'published').where('organisation_id', '=', amacho).where('id', '<>', agreed.id).orderBy('id').executeTakeFirstOrThrow();
  const solution = await db.selectFrom('listings').select('id').where('kind', '=', 'solution').where('status', '=', 'published').where('organisation_id', '=', mirai).orderBy('id').executeTakeFirstOrThrow();
  const application = await db.selectFrom('applications').select('id').where('listing_id', '=', agreed.id).executeTakeFirstOrThrow();
  const synonym = await db.selectFrom('search_synonyms').select('id').orderBy('id').executeTakeFirstOrThrow();
  const mails = await listMail(e2e.server.services.config);
  const resetMail = mails.find((m) => /\/password\/reset\/([\w-]+)/.test(m.text));
  const companyUser = await db.selectFrom('users').select('id').where('email', '=', 'company@example.jp').executeTakeFirstOrThrow();
  return {
    '/openings/:id': [`/openings/${opening.id}`],
    '/openings/:id/apply': [`/openings/${opening.id}/apply`],
    '/openings/:id/edit': [`/openings/${opening.id}/edit`],
    '/openings/:id/preview': [`/openings/${opening.id}/preview`],
    '/solutions/:id': [`/solutions/${solution.id}`],
    '/solutions/:id/edit': [`/solutions/${solution.id}/edit`],
    '/solutions/:id/preview': [`/solutions/${solution.id}/preview`],
    '/solutions/:id/scout': [`/solutions/${solution.id}/scout`],
    '/applications/:id': [`/applications/${application.id}`],
    '/applications/:id/agreement': [`/applications/${application.id}/agreement`],
    '/applications/:id/agreement/versions/:v': [`/applications/${application.id}/agreement/versions/1`],
    '/orgs/:id': [`/orgs/${amacho}`, `/orgs/${mirai}`],
    '/admin/synonyms/:id': [`/admin/synonyms/${synonym.id}`],
    '/admin/synonyms/:id/delete': [`/admin/synonyms/${synonym.id}/delete`],
    '/admin/templates/:kind/:fy': [`/admin/templates/dispatch/${fiscalYearOf(new Date())}`],
    '/signup/:kind': ['/signup/municipality', '/signup/company', '/signup/individual'],
    '/dev/mail/:file': mails.length ? [`/dev/mail/${mails[0].file}`] : [],
    '/alerts/unsubscribe/:token': [`/alerts/unsubscribe/${unsubscribeToken(e2e.server.services.config.sessionSecret, companyUser.id)}`],
    '/password/reset/:token': resetMail ? [resetMail.text.match(/\/password\/reset\/[\w-]+/)![0]] : [],
  };
}

beforeAll(async () => {
  // A mail (with a real reset link) for the mail viewer and the reset page.
  await fetch(`${e2e.server.url}/password/forgot`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ email: 'individual@example.jp' }),
  });
  // The worker sends queued mail every few seconds; the reset mail is sent at once.
  for (let i = 0; i < 60 && (await listMail(e2e.server.services.config)).length === 0; i++) await new Promise((r) => setTimeout(r, 250));
  // The demo agreement gets its first version, so the version page has one to show.
  const { context, page } = await e2e.signedIn('municipality');
  const ids = await idsFromDemo();
  await page.goto(ids['/applications/:id/agreement'][0]);
  await page.getByRole('button', { name: '協定書の作成を始める' }).click();
  await page.getByTestId('application-state').filter({ hasText: '協定/契約準備' }).waitFor();
  await context.close();
  urls = new Map(ROUTES.map((r) => [r.pattern, ids[r.pattern] ?? (r.pattern.includes(':') ? [] : [r.pattern])]));
});

/** Opens a URL already checked to answer 200 and checks it at both widths; the home link proves hydration. */
async function checkPage(page: Page, role: string, url: string) {
  // A defect listed for this page (tests/helpers/e2e.browser.ts, KNOWN_DEFECTS) is allowed until its fix removes it.
  for (const name of knownDefectsOn(url)) knownDefect(name);
  await page.setViewportSize(PHONE);
  const res = await page.goto(url);
  expect(res?.status(), url).toBe(200);
  expect(await hydrated(page), `${url} did not hydrate`).toBe(true);
  const name = `${role}${url.replace(/[/?=&]+/g, '_')}`.slice(0, 120);
  for (const size of [PHONE, DESKTOP]) {
    await page.setViewportSize(size);
    const width = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, inner: window.innerWidth }));
    if (width.scroll > width.inner + 1) addFinding({ kind: 'overflow', path: url, text: `${size.width} px: the page is ${width.scroll} px wide` });
    for (const v of await checkA11y(page)) addFinding({ kind: 'axe', path: url, text: `${size.width} px: ${v.id} (${v.impact}) ${v.help}: ${v.nodes.join(', ')}` });
    await page.screenshot({ path: path.join(SCREENSHOT_DIR, 'pages', `${name}-${size.width}.png`), fullPage: true });
  }
  // A client-side navigation: the header's home link loads the next page's data, not a document.
  await page.evaluate(() => ((window as unknown as { __sameDocument: boolean }).__sameDocument = true));
  const data = page.waitForResponse((r) => new URL(r.url()).searchParams.has('_data'), { timeout: 15_000 }).then(
    () => true,
    () => false,
  );
  const home = page.locator('header a[href="/"]').first();
  if (await home.isVisible()) await home.click();
  else await page.evaluate(() => (window as unknown as { __remixRouter: { navigate(to: string): Promise<void> } }).__remixRouter.navigate('/'));
  expect(await data, `${url}: the home link did not navigate on the client`).toBe(true);
  await page.waitForURL((u) => u.pathname === '/');
  expect(await page.evaluate(() => (window as unknown as { __sameDocument?: boolean }).__sameDocument === true), `${url}: the navigation loaded a document`).toBe(true);
}

describe.each(ROLES)('every page as $name', (role) => {
  let context: BrowserContext;
  let page: Page;
  beforeAll(async () => {
    ({ context, page } = await e2e.page(PHONE));
    if (role.login) await loginAsDemo(page, role.login);
  });
  afterAll(async () => {
    await context?.close();
  });

  it.for(ROUTES)('$pattern', async ({ pattern }, ctx) => {
    const targets = urls.get(pattern) ?? [];
    if (targets.length === 0) return ctx.skip(NOT_VISITED[pattern] ?? `no demo record for ${pattern}`);
    const refused: string[] = [];
    for (const url of targets) {
      // Asked first without the browser: a refusal or a redirect is this role's answer, not a page to check.
      const answer = await context.request.get(url, { maxRedirects: 0 });
      expect(answer.status(), `${url} as ${role.name}`).toBeLessThan(500);
      if (answer.status() !== 200) {
        refused.push(`${url}: ${answer.status()}${answer.headers().location ? ` → ${answer.headers().location}` : ''}`);
        continue;
      }
      await checkPage(page, role.name, url);
      opened.add(pattern);
    }
    if (refused.length === targets.length) ctx.skip(`not for ${role.name}: ${refused.join('; ')}`);
  });
});

describe('the route list', () => {
  it('every page was opened by at least one role, except the ones listed with a reason', () => {
    const missing = ROUTES.map((r) => r.pattern).filter((p) => !opened.has(p) && !(p in NOT_VISITED));
    expect(missing).toEqual([]);
    expect(ROUTES.length).toBeGreaterThan(40);
  });
});
