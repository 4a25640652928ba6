import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { updateOrganisation } from '../../../db/queries/accounts';
import type { SessionUser } from '../../../app/domain/accounts/types';
import { applyToListing } from '../../../app/services/applications.server';
import { createListing } from '../../../app/services/listings.server';
import { actOnProposal, organisationProposalsPage } from '../../../app/services/proposal-pages.server';
import { forgetMatchCache } from '../../../app/services/match-cache.server';
import { candidateIndexFor, drainProposalRefreshes, proposalsForListing, refreshProposalsFor } from '../../../app/services/proposals.server';
import { createTestDb } from '../../helpers/test-db';
import { makeUser, openingInput, solutionInput } from '../listings/fixtures';

/*
 * The monitoring funnel counts what happened: a proposal is 'shown' once a day per organisation
 * however often the page is reloaded, 'acted' when the application or scout from it is sent (not
 * on the click that opens the form), and a change of a company's head office recomputes the
 * pairings of its listings.
 */
let handle: Awaited<ReturnType<typeof createTestDb>>;
let amacho: SessionUser;
let tokyoCo: SessionUser;
let movingCo: SessionUser;
let opening: number;
let solution: number;
let movingSolution: number;

async function publish(user: SessionUser, kind: 'opening' | 'solution', input: object) {
  const base = kind === 'opening' ? openingInput() : solutionInput();
  const r = await createListing(handle.db, user, kind, { ...base, ...input } as never, { publish: true });
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r.id;
}

const events = (kind: 'shown' | 'acted', organisationId: string) =>
  handle.db.selectFrom('proposal_events').select(['opening_id', 'solution_id']).where('kind', '=', kind).where('organisation_id', '=', organisationId).execute();

const fit = { skills: '観光DX、データ分析', categories: ['tourism'], types: ['dispatch'], termMinMonths: 12, termMaxMonths: 24 };

beforeAll(async () => {
  handle = await createTestDb();
  amacho = await makeUser(handle.db, { slug: 'fn-amacho', kind: 'municipality', lgCode: '325252' });
  tokyoCo = await makeUser(handle.db, { slug: 'fn-tokyo', kind: 'company', hq: '131016', companyClass: 'A' });
  movingCo = await makeUser(handle.db, { slug: 'fn-moving', kind: 'company', hq: '131016', companyClass: 'A' });
  opening = await publish(amacho, 'opening', { ...fit, title: '観光DXとデータ分析で島の宿を変える' });
  solution = await publish(tokyoCo, 'solution', { ...fit, title: '観光DXとデータ分析の伴走支援' });
  movingSolution = await publish(movingCo, 'solution', { ...fit, title: '観光DXとデータ分析のチーム派遣' });
}, 60_000);
afterAll(() => handle?.close());

describe('the proposal funnel', () => {
  it('counts a proposal as shown once a day per organisation, however often the page is opened', async () => {
    const first = await organisationProposalsPage(handle.db, tokyoCo);
    expect(first.map((p) => p.openingId)).toContain(opening);
    await organisationProposalsPage(handle.db, tokyoCo);
    await organisationProposalsPage(handle.db, tokyoCo);
    expect(await events('shown', tokyoCo.organisationId)).toEqual([{ opening_id: opening, solution_id: solution }]);
  });

  it('records acted when the application from the proposal is sent, in the same write, not on the click', async () => {
    const href = await actOnProposal(handle.db, tokyoCo, { openingId: opening, solutionId: solution });
    expect(href).toBe(`/openings/${opening}/apply?proposal=${solution}`);
    expect(await events('acted', tokyoCo.organisationId)).toEqual([]);

    const input = { programType: 'dispatch' as const, message: '提案を見てご連絡しました。', proposal: '', asInquiry: false };
    const sent = await applyToListing(handle.db, tokyoCo, 'opening', opening, { ...input, fromProposal: solution }, { ip: '127.0.0.1', publicUrl: 'http://localhost' });
    expect(sent.id).toBeGreaterThan(0);
    expect(await events('acted', tokyoCo.organisationId)).toEqual([{ opening_id: opening, solution_id: solution }]);
  });

  it('records nothing for a proposal id that is not the sender\'s own listing', async () => {
    const input = { programType: 'dispatch' as const, message: '別の会社の掲載から。', proposal: '', asInquiry: false };
    await applyToListing(handle.db, movingCo, 'opening', opening, { ...input, fromProposal: solution }, { ip: '127.0.0.1', publicUrl: 'http://localhost' });
    expect(await events('acted', movingCo.organisationId)).toEqual([]);
  });

  it('recomputes a company\'s pairings when its head office moves (here into the opening\'s prefecture)', async () => {
    const before = await proposalsForListing(handle.db, { listingId: opening, viewer: amacho, limit: 30 });
    expect(before.map((p) => p.solutionId)).toContain(movingSolution);
    // 松江市: a class-B company in 島根県 cannot be sent to 海士町 (same prefecture).
    await updateOrganisation(handle.db, movingCo.organisationId, { head_office_lg_code: '322016', company_class: 'B' });
    const queued = await handle.db.selectFrom('proposal_refresh_queue').select('listing_id').execute();
    expect(queued.map((q) => q.listing_id)).toContain(movingSolution);
    await drainProposalRefreshes(handle.db);
    const after = await proposalsForListing(handle.db, { listingId: opening, viewer: amacho, limit: 30 });
    expect(after.map((p) => p.solutionId)).not.toContain(movingSolution);
    expect(after.map((p) => p.solutionId)).toContain(solution);
  });

  it('leaves the queue alone when an organisation changes something that does not bear on eligibility', async () => {
    await handle.db.deleteFrom('proposal_refresh_queue').execute();
    await updateOrganisation(handle.db, tokyoCo.organisationId, { description: '紹介文を変えました。' });
    expect(await handle.db.selectFrom('proposal_refresh_queue').select('listing_id').execute()).toEqual([]);
  });
});

describe('the candidate index kept per process', () => {
  // Edits keep the number of listings, so the idf stays in force and the kept index is updated in place.
  const edit = (id: number, title: string) => handle.db.updateTable('listings').set({ title, updated_at: new Date() }).where('id', '=', id).execute();

  it('is reused by a refresh after a write of the other kind, and gives the pairings a fresh index gives', async () => {
    const solutions = await candidateIndexFor(handle.db, 'solution');
    await edit(opening, '観光DXとデータ分析で島の観光案内を変える');
    await refreshProposalsFor(handle.db, opening);
    expect(await candidateIndexFor(handle.db, 'solution')).toBe(solutions);
    await edit(solution, '観光DXとデータ分析の短期伴走支援');
    expect(await candidateIndexFor(handle.db, 'solution')).toBe(solutions);
    expect(solutions.size).toBe(await openCount('solution'));
    await refreshProposalsFor(handle.db, opening);
    const kept = await storedFor(opening);
    expect(kept.map((r) => r.solution_id)).toContain(solution);
    // Analysed afresh (a new idf, so scores move a little): the same pairings.
    forgetMatchCache(handle.db);
    await refreshProposalsFor(handle.db, opening);
    expect((await storedFor(opening)).map((r) => r.solution_id)).toEqual(kept.map((r) => r.solution_id));
  });
});

const openCount = async (kind: 'opening' | 'solution') =>
  Number((await handle.db.selectFrom('listings').select((eb) => eb.fn.countAll().as('n')).where('kind', '=', kind).where('status', '=', 'published').executeTakeFirstOrThrow()).n);

const storedFor = (openingId: number) =>
  handle.db.selectFrom('proposals').select(['solution_id']).where('opening_id', '=', openingId).orderBy('solution_id').execute();
