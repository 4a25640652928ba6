import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SessionUser } from '../../../app/domain/accounts/types';
import { changeListingStatus, createListing, updateListing } from '../../../app/services/listings.server';
import {
  dismissProposal,
  proposalsForListing,
  proposalsForOrganisation,
  rebuildAllProposals,
  recordProposalEvents,
  refreshProposalsFor,
} from '../../../app/services/proposals.server';
import { ServiceError } from '../../../app/utils/errors';
import { createTestDb } from '../../helpers/test-db';
import { makeUser, openingInput, solutionInput } from '../listings/fixtures';

let handle: Awaited<ReturnType<typeof createTestDb>>;
let amacho: SessionUser;
let higashikawa: SessionUser;
let sapporoCo: SessionUser;
let tokyoCo: SessionUser;
let freelancer: SessionUser;
const ids: Record<string, number> = {};

async function create(user: SessionUser, kind: 'opening' | 'solution', input: object) {
  const base = kind === 'opening' ? openingInput() : solutionInput();
  const r = await createListing(handle.db, user, kind, { ...base, ...input } as never, { publish: true });
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r.id;
}

beforeAll(async () => {
  handle = await createTestDb();
  amacho = await makeUser(handle.db, { slug: 'm-amacho', kind: 'municipality', lgCode: '325252' });
  higashikawa = await makeUser(handle.db, { slug: 'm-higashikawa', kind: 'municipality', lgCode: '014583' });
  sapporoCo = await makeUser(handle.db, { slug: 'm-sapporo', kind: 'company', hq: '011002', companyClass: 'B' });
  tokyoCo = await makeUser(handle.db, { slug: 'm-tokyo', kind: 'company', hq: '131016', companyClass: 'A' });
  freelancer = await makeUser(handle.db, { slug: 'm-free', kind: 'individual', track: 'freelance' });

  ids.amachoOpening = await create(amacho, 'opening', {
    title: '観光DXとデータ分析で島の宿を変える',
    skills: '観光DX、データ分析',
    categories: ['tourism', 'dx'],
    types: ['dispatch', 'side_job'],
    termMinMonths: 12,
    termMaxMonths: 24,
  });
  ids.higashikawaOpening = await create(higashikawa, 'opening', { title: '町のデータ分析', skills: 'データ分析', categories: ['dx'], types: ['dispatch'] });
  ids.tokyoSolution = await create(tokyoCo, 'solution', {
    title: '観光DXの伴走支援',
    skills: '観光DX、データ分析、予約システム',
    categories: ['tourism'],
    types: ['dispatch'],
    termMinMonths: 6,
    termMaxMonths: 24,
  });
  ids.sapporoSolution = await create(sapporoCo, 'solution', { title: '自治体のデータ分析', skills: 'データ分析', categories: ['dx'], types: ['dispatch'], regionAnywhere: true, regionPrefCodes: [] });
}, 60_000);
afterAll(() => handle?.close());

const solutionIds = (ps: Awaited<ReturnType<typeof proposalsForListing>>) => ps.map((p) => p.listing.id);

describe('proposals store', () => {
  it('proposes only eligible pairings, best first, with the eligible types and Japanese reasons', async () => {
    const ps = await proposalsForListing(handle.db, { listingId: ids.amachoOpening, viewer: amacho, limit: 10 });
    expect(solutionIds(ps)).toEqual([ids.tokyoSolution, ids.sapporoSolution]);
    const best = ps[0];
    expect(best.types).toEqual(['dispatch']);
    expect(best.reasons).toContain('求めるスキル『観光DX』『データ分析』が一致');
    expect(best.reasons).toContain('企業派遣型で対象');
    expect(best.reasons).toContain('期間が重なる（12〜24か月）');
    expect(best.listing.title).toBe('観光DXの伴走支援');
    expect(best.forListing).toEqual({ id: ids.amachoOpening, kind: 'opening', title: '観光DXとデータ分析で島の宿を変える' });
    expect(ps[0].score).toBeGreaterThan(ps[1].score);
  });

  it('never proposes a class-B company within its own prefecture', async () => {
    const ps = await proposalsForListing(handle.db, { listingId: ids.higashikawaOpening, viewer: higashikawa });
    expect(solutionIds(ps)).toEqual([ids.tokyoSolution]);
    const fromSapporo = await proposalsForListing(handle.db, { listingId: ids.sapporoSolution, viewer: sapporoCo });
    expect(fromSapporo.map((p) => p.listing.id)).toEqual([ids.amachoOpening]);
  });

  it('never proposes a freelancer', async () => {
    const id = await create(freelancer, 'solution', { title: '観光DXとデータ分析', skills: '観光DX、データ分析', categories: ['tourism'], types: ['side_job'] });
    const ps = await proposalsForListing(handle.db, { listingId: ids.amachoOpening, viewer: amacho });
    expect(solutionIds(ps)).not.toContain(id);
    expect(await proposalsForListing(handle.db, { listingId: id, viewer: freelancer })).toEqual([]);
  });

  it('shows a listing’s proposals to its organisation only', async () => {
    const refused = await proposalsForListing(handle.db, { listingId: ids.amachoOpening, viewer: tokyoCo }).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(ServiceError);
    expect((refused as ServiceError).status).toBe(403);
    const missing = await proposalsForListing(handle.db, { listingId: 999_999, viewer: amacho }).catch((e: unknown) => e);
    expect((missing as ServiceError).status).toBe(404);
  });

  it('drops a dismissed pairing for the dismissing organisation only, and counts the dismissal', async () => {
    const refused = await dismissProposal(handle.db, { viewer: higashikawa, openingId: ids.amachoOpening, solutionId: ids.tokyoSolution }).catch((e: unknown) => e);
    expect((refused as ServiceError).status).toBe(403);
    expect(await dismissProposal(handle.db, { viewer: amacho, openingId: ids.amachoOpening, solutionId: ids.tokyoSolution })).toEqual({ dismissed: true });
    expect(await dismissProposal(handle.db, { viewer: amacho, openingId: ids.amachoOpening, solutionId: ids.tokyoSolution })).toEqual({ dismissed: false });
    expect(solutionIds(await proposalsForListing(handle.db, { listingId: ids.amachoOpening, viewer: amacho }))).toEqual([ids.sapporoSolution]);
    const tokyoSide = await proposalsForListing(handle.db, { listingId: ids.tokyoSolution, viewer: tokyoCo });
    expect(tokyoSide.map((p) => p.listing.id)).toContain(ids.amachoOpening);
    const events = await handle.db.selectFrom('proposal_events').selectAll().where('kind', '=', 'dismissed').execute();
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ opening_id: ids.amachoOpening, solution_id: ids.tokyoSolution, organisation_id: amacho.organisationId });
  });

  it('keeps the store fresh when a listing is edited, closed and reopened', async () => {
    const before = await proposalsForListing(handle.db, { listingId: ids.higashikawaOpening, viewer: higashikawa });
    expect(before[0].reasons).not.toContain('活動分野「観光振興・観光誘客対策・DMO設立等」が共通');
    const edited = await updateListing(handle.db, higashikawa, ids.higashikawaOpening, { ...openingInput(), title: '町のデータ分析', skills: 'データ分析', categories: ['tourism'], types: ['dispatch'] });
    expect(edited.ok).toBe(true);
    const after = await proposalsForListing(handle.db, { listingId: ids.higashikawaOpening, viewer: higashikawa });
    expect(after[0].reasons).toContain('活動分野「観光振興・観光誘客対策・DMO設立等」が共通');

    expect((await changeListingStatus(handle.db, tokyoCo, ids.tokyoSolution, 'close', { reason: 'withdrawn' })).ok).toBe(true);
    expect(await proposalsForListing(handle.db, { listingId: ids.higashikawaOpening, viewer: higashikawa })).toEqual([]);
    expect(await handle.db.selectFrom('proposals').selectAll().where('solution_id', '=', ids.tokyoSolution).execute()).toEqual([]);
    expect(await handle.db.selectFrom('proposal_refresh_queue').selectAll().execute()).toEqual([]);
  });

  it('gives an organisation its best proposals across its listings, and rebuilds the same store from scratch', async () => {
    const mine = await proposalsForOrganisation(handle.db, { viewer: sapporoCo });
    expect(mine.map((p) => [p.forListing.id, p.listing.id])).toEqual([[ids.sapporoSolution, ids.amachoOpening]]);
    const stored = async () => (await handle.db.selectFrom('proposals').select(['opening_id', 'solution_id', 'types']).orderBy('opening_id').orderBy('solution_id').execute());
    const before = await stored();
    await rebuildAllProposals(handle.db);
    expect(await stored()).toEqual(before);
    expect(await refreshProposalsFor(handle.db, 999_999)).toEqual({ stored: 0 });
  });

  it('records shown and acted events for the monitoring counts', async () => {
    await recordProposalEvents(handle.db, [
      { kind: 'shown', openingId: ids.amachoOpening, solutionId: ids.sapporoSolution, organisationId: amacho.organisationId, fiscalYear: 2026 },
      { kind: 'acted', openingId: ids.amachoOpening, solutionId: ids.sapporoSolution, organisationId: amacho.organisationId, fiscalYear: 2026 },
    ]);
    const rows = await handle.db.selectFrom('proposal_events').select(['kind', 'fiscal_year']).where('kind', '<>', 'dismissed').orderBy('id').execute();
    expect(rows).toEqual([
      { kind: 'shown', fiscal_year: 2026 },
      { kind: 'acted', fiscal_year: 2026 },
    ]);
  });
});
