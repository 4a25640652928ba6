import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { proposalsForListing, proposalsForOrganisation, rebuildAllProposals } from '../../../app/services/proposals.server';
import type { SessionUser } from '../../../app/domain/accounts/types';
import { startSeededServer, type TestServer } from '../../helpers/server';
import { Client } from '../accounts/client';

/*
 * The proposal pages over HTTP on the demo data: 「あなたへの提案」, the 「マッチング提案」 section
 * of a listing's page for its owner only, the home page, 提案を非表示 (for the organisation that
 * dismissed it only) and 応募 / スカウト in one step to the prefilled form, with the events recorded.
 */
let server: TestServer;
let company: Client;
let municipality: Client;
let companyOrg: string;
let amachoOrg: string;

/** The session user of a demo account, as the services take it. */
async function sessionUser(slug: string): Promise<SessionUser> {
  const o = await server.db.selectFrom('organisations').selectAll().where('slug', '=', slug).executeTakeFirstOrThrow();
  const u = await server.db.selectFrom('users').selectAll().where('organisation_id', '=', o.id).executeTakeFirstOrThrow();
  return {
    id: u.id, email: u.email, name: u.name, role: o.kind, orgRole: 'owner', organisationId: o.id,
    organisation: { id: o.id, kind: o.kind, status: o.status, name: o.name, slug: o.slug, lgCode: o.lg_code, headOfficeLgCode: o.head_office_lg_code, companyClass: o.company_class },
    employment: null, totpEnabled: false,
  } as SessionUser;
}

const events = (kind: 'shown' | 'acted' | 'dismissed', organisationId: string) =>
  server.db.selectFrom('proposal_events').select(['opening_id', 'solution_id']).where('kind', '=', kind).where('organisation_id', '=', organisationId).execute();

beforeAll(async () => {
  server = await startSeededServer({}, ['accounts', 'listings']);
  await rebuildAllProposals(server.db);
  const org = async (slug: string) => (await server.db.selectFrom('organisations').select('id').where('slug', '=', slug).executeTakeFirstOrThrow()).id;
  companyOrg = await org('mirai-chiiki');
  amachoOrg = await org('amacho');
  company = await Client.signedInAs(server.url, 'company');
  municipality = await Client.signedInAs(server.url, 'municipalityX');
});
afterAll(() => server?.close());

describe('あなたへの提案', () => {
  it('lists the organisation\'s proposals with the eligible type and the reasons, and records them as shown', async () => {
    const expected = await proposalsForOrganisation(server.db, { viewer: await sessionUser('mirai-chiiki'), limit: 20 });
    expect(expected.length).toBeGreaterThan(0);
    const before = (await events('shown', companyOrg)).length;
    const res = await company.get('/proposals');
    expect(res.status).toBe(200);
    const html = (await res.text()).replace(/<!-- -->/g, '');
    for (const p of expected) expect(html).toContain(`href="/openings/${p.listing.id}"`);
    expect(html).toContain(expected[0].reasons[0]);
    expect(html).toMatch(/(企業派遣型|副業型|シニア型)(・(企業派遣型|副業型|シニア型))*で対象/);
    expect(html).toContain('提案を非表示');
    expect(html).toContain('応募する');
    expect((await events('shown', companyOrg)).length - before).toBe(expected.length);
  });

  it('replaces the home page\'s category picks for an organisation with listings', async () => {
    const html = await (await company.get('/')).text();
    expect(html).toContain('あなたへの提案');
    expect(html).not.toContain('あなたへのおすすめ');
    expect(html).toContain('data-testid="proposal-list"');
  });

  it('shows a listing\'s proposals on its page to its owner only', async () => {
    const solution = await server.db.selectFrom('listings').select('id').where('organisation_id', '=', companyOrg).where('kind', '=', 'solution').where('status', '=', 'published').orderBy('id').executeTakeFirstOrThrow();
    expect(await (await company.get(`/solutions/${solution.id}`)).text()).toContain('data-testid="listing-proposals"');
    const individual = await Client.signedInAs(server.url, 'individual');
    for (const c of [municipality, individual, new Client(server.url)]) expect(await (await c.get(`/solutions/${solution.id}`)).text()).not.toContain('listing-proposals');
  });

  it('acts in one step: opens the apply form with a draft naming the listing and the reasons; sending it records acted', async () => {
    const [p] = await proposalsForOrganisation(server.db, { viewer: await sessionUser('mirai-chiiki'), limit: 1 });
    const key = `${p.openingId}-${p.solutionId}`;
    const res = await company.post('/proposals', { intent: `act:${key}`, openingId: String(p.openingId), solutionId: String(p.solutionId), back: 'proposals' });
    expect(res.status).toBe(302);
    const location = res.headers.get('location')!;
    expect(location).toBe(`/openings/${p.openingId}/apply?proposal=${p.solutionId}`);
    expect(await events('acted', companyOrg)).not.toContainEqual({ opening_id: p.openingId, solution_id: p.solutionId });
    const form = await (await company.get(location)).text();
    const message = /<textarea[^>]*name="message"[^>]*>([\s\S]*?)<\/textarea>/.exec(form)?.[1] ?? '';
    expect(message).toContain(`「${p.listing.title}」`);
    expect(message).toContain(`・${p.reasons[0]}`);
    expect(form).toContain(`name="fromProposal" value="${p.solutionId}"`);
    const sent = await company.post(location, { programType: p.types[0], message: '提案を見てご連絡しました。', fromProposal: String(p.solutionId) });
    expect(sent.status).toBe(302);
    expect(sent.headers.get('location')).toMatch(/^\/applications\/\d+\?done=sent$/);
    expect(await events('acted', companyOrg)).toContainEqual({ opening_id: p.openingId, solution_id: p.solutionId });
    // Without the proposal the form starts empty.
    const plain = await (await company.get(`/openings/${p.openingId}/apply`)).text();
    expect(/<textarea[^>]*name="message"[^>]*>([\s\S]*?)<\/textarea>/.exec(plain)?.[1] ?? '').toBe('');
  });

  it('dismisses for the dismissing organisation only: the other side still has the pairing', async () => {
    const viewer = await sessionUser('mirai-chiiki');
    const owner = await sessionUser('amacho');
    const mine = await proposalsForOrganisation(server.db, { viewer, limit: 20 });
    // A pairing both sides are proposed: one of 海士町's openings.
    let pair: (typeof mine)[number] | undefined;
    for (const p of mine) {
      const listing = await server.db.selectFrom('listings').select('organisation_id').where('id', '=', p.openingId).executeTakeFirstOrThrow();
      if (listing.organisation_id !== amachoOrg) continue;
      if ((await proposalsForListing(server.db, { listingId: p.openingId, viewer: owner, limit: 30 })).some((x) => x.solutionId === p.solutionId)) pair = p;
      if (pair) break;
    }
    expect(pair, 'a pairing proposed to both sides in the demo data').toBeDefined();
    const { openingId, solutionId } = pair!;
    const res = await company.post('/proposals', { intent: `dismiss:${openingId}-${solutionId}`, openingId: String(openingId), solutionId: String(solutionId), back: 'proposals' });
    expect(res.headers.get('location')).toBe('/proposals?done=dismissed');
    const page = await (await company.get('/proposals?done=dismissed')).text();
    expect(page).toContain('提案を非表示にしました。');
    expect(page).not.toContain(`value="dismiss:${openingId}-${solutionId}"`);
    expect((await proposalsForListing(server.db, { listingId: openingId, viewer: owner, limit: 30 })).some((x) => x.solutionId === solutionId)).toBe(true);
    expect(await (await municipality.get(`/openings/${openingId}`)).text()).not.toContain('提案を非表示にしました');
  });

  it('refuses what is not the viewer\'s to act on, and malformed posts, with a clear status', async () => {
    const other = await server.db.selectFrom('listings').select('id').where('kind', '=', 'solution').where('organisation_id', '<>', companyOrg).where('status', '=', 'published').executeTakeFirstOrThrow();
    const opening = await server.db.selectFrom('listings').select('id').where('kind', '=', 'opening').where('organisation_id', '<>', amachoOrg).where('status', '=', 'published').executeTakeFirstOrThrow();
    const pair = { openingId: String(opening.id), solutionId: String(other.id) };
    expect((await company.post('/proposals', { intent: `dismiss:${opening.id}-${other.id}`, ...pair })).status).toBe(403);
    expect((await company.post('/proposals', { intent: `act:${opening.id}-${other.id}`, ...pair })).status).toBe(403);
    const malformed = await company.post('/proposals', { intent: 'dismiss', ...pair });
    expect(malformed.status).toBe(400);
    expect(await malformed.text()).toContain('送信内容が正しくありません。');
    expect((await company.post('/proposals', { intent: `dismiss:${opening.id}-${other.id}`, ...pair, back: 'home\u0000' })).status).toBe(400);
    expect((await company.post('/proposals', { intent: `act:${opening.id}-${other.id}`, openingId: 'x', solutionId: pair.solutionId })).status).toBe(400);
  });
});
