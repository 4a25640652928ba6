import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedAccounts } from '../../../db/seed/accounts';
import { startTestServer } from '../../helpers/server';
import { Client } from '../accounts/client';
import type { Persona } from '../accounts/matrix';
import { insertPublishedListing } from './fixture';

/*
 * 気になる over HTTP: marking from the listing page (a plain form post, and the fetcher's post),
 * what the owner learns (counts; a name only when allowed or after applying), and that nobody else
 * learns anything.
 */
let server: Awaited<ReturnType<typeof startTestServer>>;
const clients = {} as Record<Exclude<Persona, 'anonymous' | 'pending' | 'operator'>, Client>;
let openingId: number;
let otherOpeningId: number;

beforeAll(async () => {
  server = await startTestServer();
  await seedAccounts(server.db);
  const org = async (slug: string) => (await server.db.selectFrom('organisations').select('id').where('slug', '=', slug).executeTakeFirstOrThrow()).id;
  openingId = (await insertPublishedListing(server.db, 'opening', await org('amacho'), '気になるテストの募集')).id;
  otherOpeningId = (await insertPublishedListing(server.db, 'opening', await org('higashikawa'), '東川町の別の募集')).id;
  for (const p of ['municipalityX', 'municipalityY', 'company', 'individual', 'ministry'] as const) {
    clients[p] = await Client.signedInAs(server.url, p);
  }
});
afterAll(() => server?.close());

const page = async (c: Client, path: string) => {
  const res = await c.get(path);
  expect(res.status).toBe(200);
  return res.text();
};

describe('気になる', () => {
  it('is a button for the other side only; the owner and the same side see none', async () => {
    expect(await page(clients.company, `/openings/${openingId}`)).toContain('data-testid="favourite-form"');
    for (const p of ['municipalityX', 'municipalityY', 'ministry'] as const) expect(await page(clients[p], `/openings/${openingId}`)).not.toContain('data-testid="favourite-form"');
    expect(await page(new Client(server.url), `/openings/${openingId}`)).not.toContain('data-testid="favourite-form"');
  });

  it('marks with a plain form post and comes back to the listing, then shows the mark in 気になる', async () => {
    const res = await clients.company.post(`/openings/${openingId}/favourite`, { intent: 'add' });
    expect(res.status).toBe(302);
    expect(res.headers.get('location')).toBe(`/openings/${openingId}?done=favourited`);
    const html = await page(clients.company, `/openings/${openingId}?done=favourited`);
    expect(html).toContain('「気になる」に登録しました。');
    expect(html).toContain('aria-pressed="true"');
    expect(await page(clients.company, '/my/favourites')).toContain('気になるテストの募集');
  });

  it('answers the fetcher with data instead of a redirect', async () => {
    const res = await clients.individual.post(`/openings/${openingId}/favourite`, { intent: 'add', showName: 'on', via: 'fetcher' });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ ok: true, marked: true });
  });

  it('tells the owner how many organisations marked it, naming only the one that allowed it', async () => {
    const html = await page(clients.municipalityX, `/openings/${openingId}`);
    expect(html).toContain('「気になる」登録：2団体');
    expect(html).toContain('団体名の分かる登録');
    const company = await server.db.selectFrom('organisations').select('name').where('slug', '=', 'mirai-chiiki').executeTakeFirstOrThrow();
    const individual = await server.db.selectFrom('organisations').select('name').where('slug', '=', 'ind-sato-haruka').executeTakeFirstOrThrow();
    const summary = html.slice(html.indexOf('data-testid="favourite-summary"'));
    expect(summary).toContain(individual.name);
    expect(summary.slice(0, summary.indexOf('</div>'))).not.toContain(company.name);
  });

  it('names the marker once it applied to the listing', async () => {
    const ids = await server.db.selectFrom('organisations').select(['id', 'slug']).where('slug', 'in', ['amacho', 'mirai-chiiki']).execute();
    const id = (slug: string) => ids.find((o) => o.slug === slug)!.id;
    await server.db
      .insertInto('applications')
      .values({
        listing_id: openingId, listing_kind: 'opening', kind: 'application', applicant_organisation_id: id('mirai-chiiki'), owner_organisation_id: id('amacho'),
        applicant_user_id: null, program_type: 'dispatch', eligibility: '{}', message: '応募します', state_reason: null, first_reply_at: null,
      })
      .execute();
    const company = await server.db.selectFrom('organisations').select('name').where('slug', '=', 'mirai-chiiki').executeTakeFirstOrThrow();
    const html = await page(clients.municipalityX, `/openings/${openingId}`);
    const summary = html.slice(html.indexOf('data-testid="favourite-summary"'));
    expect(summary.slice(0, summary.indexOf('</div>'))).toContain(company.name);
  });

  it('shows nobody else the counts or the marks', async () => {
    for (const p of ['municipalityY', 'company', 'individual', 'ministry'] as const) {
      const html = await page(clients[p], `/openings/${openingId}`);
      expect(html, p).not.toContain('favourite-summary');
      expect(html, p).not.toContain('団体名の分かる登録');
    }
    expect(await page(clients.municipalityY, `/openings/${otherOpeningId}`)).toContain('「気になる」登録：0団体');
    // Each list is its owner's own: the individual's mark is not in the company's list and the reverse.
    expect(await page(clients.municipalityX, '/my/favourites')).not.toContain('気になるテストの募集');
    expect(await page(clients.ministry, '/my/favourites')).toContain('まだ登録はありません');
  });

  it('removes the mark from the 気になる list, and refuses a malformed post with 400', async () => {
    const res = await clients.company.post(`/openings/${openingId}/favourite`, { intent: 'remove', back: 'favourites' });
    expect(res.headers.get('location')).toBe('/my/favourites?done=removed');
    const html = await page(clients.company, '/my/favourites?done=removed');
    expect(html).toContain('「気になる」から外しました。');
    expect(html).not.toContain('気になるテストの募集');
    const malformed = await clients.company.post(`/openings/${openingId}/favourite`, { intent: 'add', back: 'elsewhere' });
    expect(malformed.status).toBe(400);
    expect(await malformed.text()).toContain('送信内容が正しくありません。');
    const nul = await clients.company.post(`/openings/${openingId}/favourite`, { intent: 'add', back: 'listing\u0000' });
    expect(nul.status).toBe(400);
    expect(await nul.text()).toContain('送信内容が正しくありません。');
    expect((await clients.company.post('/openings/999999/favourite', { intent: 'add' })).status).toBe(404);
  });
});
