import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SessionUser } from '../../../app/domain/accounts/types';
import { loadConfig } from '../../../app/server/config';
import { PROPOSAL_ALERT_MIN_SCORE, runAlerts } from '../../../app/services/alerts.server';
import { createListing } from '../../../app/services/listings.server';
import { proposalsForListing } from '../../../app/services/proposals.server';
import { saveSearch } from '../../../app/services/saved-searches.server';
import { createSearch, type SearchService } from '../../../search/create-search';
import { createTestDb } from '../../helpers/test-db';
import { makeUser, openingInput, solutionInput } from '../listings/fixtures';

/*
 * A digest also carries the new マッチング提案 for the recipient's organisation's listings: those at or
 * above the threshold whose other listing was published in the period, never one below it.
 */
let handle: Awaited<ReturnType<typeof createTestDb>>;
let search: SearchService;
let amacho: SessionUser;
let tokyoCo: SessionUser;
let osakaCo: SessionUser;
let opening: number;
const config = loadConfig({ NODE_ENV: 'test', DATA_DIR: mkdtempSync(path.join(os.tmpdir(), 'km-alerts-p-')), SESSION_SECRET: 'b'.repeat(40), LOG_LEVEL: 'silent' });
const at = (minutes: number) => new Date(Date.now() + minutes * 60_000);

async function publish(user: SessionUser, kind: 'opening' | 'solution', input: object) {
  const base = kind === 'opening' ? openingInput() : solutionInput();
  const r = await createListing(handle.db, user, kind, { ...base, ...input } as never, { publish: true });
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r.id;
}

beforeAll(async () => {
  handle = await createTestDb();
  search = createSearch({ db: handle.db, config: {} });
  amacho = await makeUser(handle.db, { slug: 'ap-amacho', kind: 'municipality', lgCode: '325252' });
  tokyoCo = await makeUser(handle.db, { slug: 'ap-tokyo', kind: 'company', hq: '131016', companyClass: 'A' });
  osakaCo = await makeUser(handle.db, { slug: 'ap-osaka', kind: 'company', hq: '271004', companyClass: 'A' });
  opening = await publish(amacho, 'opening', {
    title: '観光DXとデータ分析で島の宿を変える',
    skills: '観光DX、データ分析',
    categories: ['tourism', 'dx'],
    types: ['dispatch'],
    termMinMonths: 12,
    termMaxMonths: 24,
  });
}, 60_000);
afterAll(async () => {
  await search?.close();
  await handle?.close();
});

describe('proposal alerts', () => {
  it('a new solution that fits well is announced once in the municipality’s digest; a weak fit is not', async () => {
    // A saved search that finds nothing new: the digest is there for the proposals alone.
    await saveSearch(handle.db, amacho, { q: '該当する掲載のない検索語', type: [], name: '', frequency: 'immediate' }, '127.0.0.1');
    const strong = await publish(tokyoCo, 'solution', {
      title: '観光DXとデータ分析の伴走支援',
      skills: '観光DX、データ分析',
      categories: ['tourism'],
      types: ['dispatch'],
      termMinMonths: 12,
      termMaxMonths: 24,
    });
    const weak = await publish(osakaCo, 'solution', { title: '学校給食の献立づくり', skills: '栄養管理', categories: ['education'], types: ['dispatch'], termMinMonths: 6, termMaxMonths: 6 });

    const shown = await proposalsForListing(handle.db, { listingId: opening, viewer: amacho, limit: 10 });
    const score = (id: number) => shown.find((p) => p.listing.id === id)?.score ?? 0;
    expect(score(strong)).toBeGreaterThanOrEqual(PROPOSAL_ALERT_MIN_SCORE);
    expect(score(weak)).toBeLessThan(PROPOSAL_ALERT_MIN_SCORE);

    // The municipality, and the company of the strong solution (the opening is a proposal for it).
    expect(await runAlerts({ db: handle.db, search, config }, at(2))).toBe(2);
    const mails = await handle.db.selectFrom('notification_outbox').selectAll().where('to_email', '=', 'ap-amacho@test.example.jp').execute();
    expect(mails).toHaveLength(1);
    expect(mails[0].kind).toBe('proposal');
    expect(mails[0].body).toContain('■ マッチング提案');
    expect(mails[0].body).toContain(`観光DXとデータ分析の伴走支援（観光DXとデータ分析で島の宿を変えるへの提案）`);
    expect(mails[0].body).toContain(`${config.publicUrl}/solutions/${strong}`);
    expect(mails[0].body).not.toContain(`/solutions/${weak}`);

    // The next period has nothing new: no second mail for the same proposal.
    expect(await runAlerts({ db: handle.db, search, config }, at(10))).toBe(0);
  });
});
