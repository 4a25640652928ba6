import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SessionUser } from '../../../app/domain/accounts/types';
import { PROPOSAL_ALERT_MIN_SCORE } from '../../../app/domain/alerts';
import { loadConfig } from '../../../app/server/config';
import { runAlerts, unsubscribeUrl } from '../../../app/services/alerts.server';
import { createListing } from '../../../app/services/listings.server';
import { getPreferences, savePreferences } from '../../../app/services/notifications.server';
import { proposalsForListing, rebuildAllProposals } from '../../../app/services/proposals.server';
import { saveSearch, unsubscribeAlerts } from '../../../app/services/saved-searches.server';
import { createSearch, type SearchService } from '../../../search/create-search';
import { createTestDb } from '../../helpers/test-db';
import { makeUser, openingInput, solutionInput } from '../listings/fixtures';

/*
 * The weekly proposal digest: every owner of published listings hears of the new マッチング提案 above
 * the threshold, with their reasons, by default and without any saved search; once per period, in
 * one mail with the saved-search news when there is any; off when switched off or unsubscribed.
 */
let handle: Awaited<ReturnType<typeof createTestDb>>;
let search: SearchService;
let company: SessionUser;
const config = loadConfig({ NODE_ENV: 'test', DATA_DIR: mkdtempSync(path.join(os.tmpdir(), 'km-pdigest-')), SESSION_SECRET: 'c'.repeat(40), LOG_LEVEL: 'silent' });
const services = () => ({ db: handle.db, search, config });
const DAY = 24 * 60;
const at = (minutes: number) => new Date(Date.now() + minutes * 60_000);

const OPENING = { skills: '観光DX、データ分析', categories: ['tourism', 'dx'], types: ['dispatch'], termMinMonths: 12, termMaxMonths: 24 };
const STRONG = { skills: '観光DX、データ分析', categories: ['tourism'], types: ['dispatch'], termMinMonths: 12, termMaxMonths: 24 };

async function publish(user: SessionUser, kind: 'opening' | 'solution', input: object) {
  const base = kind === 'opening' ? openingInput() : solutionInput();
  const r = await createListing(handle.db, user, kind, { ...base, ...input } as never, { publish: true });
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r.id;
}

/** The runs below pretend to be later than the database clock: a listing published "later" is dated so. */
async function dateAppearance(solutionId: number, when: Date) {
  await handle.db.updateTable('listings').set({ published_at: when }).where('id', '=', solutionId).execute();
  await handle.db.updateTable('proposals').set({ appeared_at: when }).where('solution_id', '=', solutionId).where('appeared_at', 'is not', null).execute();
}

const mailsTo = (u: SessionUser) => handle.db.selectFrom('notification_outbox').selectAll().where('user_id', '=', u.id).orderBy('id').execute();
const notesOf = (u: SessionUser) => handle.db.selectFrom('notifications').selectAll().where('user_id', '=', u.id).orderBy('id').execute();

/** A municipality with one published opening about 観光DX. */
async function owner(slug: string, lgCode: string) {
  const user = await makeUser(handle.db, { slug, kind: 'municipality', lgCode });
  const opening = await publish(user, 'opening', { ...OPENING, title: `${slug}：観光DXとデータ分析で宿を変える` });
  return { user, opening };
}

beforeAll(async () => {
  handle = await createTestDb();
  search = createSearch({ db: handle.db, config: {} });
  company = await makeUser(handle.db, { slug: 'pd-tokyo', kind: 'company', hq: '131016', companyClass: 'A' });
}, 60_000);
afterAll(async () => {
  await search?.close();
  await handle?.close();
});

describe('the proposal digest', () => {
  it('an owner without a saved search gets one weekly mail with the new proposal and its reasons, once per period even with two processes at once', async () => {
    const { user, opening } = await owner('pd-amacho', '325252');
    const weakCo = await makeUser(handle.db, { slug: 'pd-osaka', kind: 'company', hq: '271004', companyClass: 'A' });
    const strong = await publish(company, 'solution', { ...STRONG, title: '観光DXとデータ分析の伴走支援' });
    const weak = await publish(weakCo, 'solution', { title: '学校給食の献立づくり', skills: '栄養管理', categories: ['education'], types: ['dispatch'], termMinMonths: 6, termMaxMonths: 6 });
    const shown = await proposalsForListing(handle.db, { listingId: opening, viewer: user, limit: 10 });
    const found = shown.find((p) => p.listing.id === strong)!;
    expect(found.score).toBeGreaterThanOrEqual(PROPOSAL_ALERT_MIN_SCORE);
    expect(found.reasons.length).toBeGreaterThan(0);
    expect(shown.find((p) => p.listing.id === weak)?.score ?? 0).toBeLessThan(PROPOSAL_ALERT_MIN_SCORE);

    await Promise.all([runAlerts(services(), at(2)), runAlerts(services(), at(2))]);
    await runAlerts(services(), at(3));
    const mails = await mailsTo(user);
    expect(mails).toHaveLength(1);
    expect(mails[0].kind).toBe('proposal');
    expect(mails[0].subject).toBe('【起業人マッチ】あなたの掲載へのマッチング提案1件');
    expect(mails[0].body).toContain('■ マッチング提案');
    expect(mails[0].body).toContain('観光DXとデータ分析の伴走支援（pd-amacho：観光DXとデータ分析で宿を変えるへの提案）');
    expect(mails[0].body).toContain(`${config.publicUrl}/solutions/${strong}`);
    expect(mails[0].body).toContain(found.reasons[0]);
    expect(mails[0].body).not.toContain(`/solutions/${weak}`);
    expect(mails[0].body).toContain(`${config.publicUrl}/settings/notifications`);
    const link = unsubscribeUrl(config, user.id);
    expect(mails[0].body).toContain(link);
    expect(mails[0].headers).toEqual({ 'List-Unsubscribe': `<${link}>`, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' });
    expect((await notesOf(user)).map((n) => [n.kind, n.title, n.url])).toEqual([['proposal', 'あなたの掲載へのマッチング提案1件', '/proposals']]);

    // Rebuilding the whole store keeps when each pairing appeared: nothing is announced again.
    const appeared = () => handle.db.selectFrom('proposals').select('appeared_at').where('opening_id', '=', opening).where('solution_id', '=', strong).executeTakeFirstOrThrow();
    const before = await appeared();
    expect(before.appeared_at).not.toBeNull();
    await rebuildAllProposals(handle.db);
    expect(await appeared()).toEqual(before);

    // The next week has nothing new: nothing is sent.
    await runAlerts(services(), at(7 * DAY + 2));
    expect(await mailsTo(user)).toHaveLength(1);
    // A solution published later is announced in the week after, without the one already sent.
    const later = await publish(company, 'solution', { ...STRONG, title: '観光DXの人材育成とデータ分析' });
    await dateAppearance(later, at(10 * DAY));
    await runAlerts(services(), at(14 * DAY + 2));
    const again = await mailsTo(user);
    expect(again).toHaveLength(2);
    expect(again[1].body).toContain(`/solutions/${later}`);
    expect(again[1].body).not.toContain(`/solutions/${strong}`);
  });

  it('nothing is sent when the digest is switched off, or its mail is off (the お知らせ line stays)', async () => {
    const off = await owner('pd-off', '014583');
    const mailOff = await owner('pd-mailoff', '012335');
    const prefs = await getPreferences(handle.db, off.user);
    expect(prefs.proposal).toEqual({ inApp: true, email: true, frequency: 'weekly' });
    await savePreferences(handle.db, off.user, { ...prefs, proposal: { ...prefs.proposal, frequency: 'none' } });
    await savePreferences(handle.db, mailOff.user, { ...prefs, proposal: { inApp: true, email: false, frequency: 'weekly' } });
    await publish(company, 'solution', { ...STRONG, title: '観光DXとデータ分析の実装支援' });
    await runAlerts(services(), at(2));
    expect(await mailsTo(off.user)).toEqual([]);
    expect(await notesOf(off.user)).toEqual([]);
    expect(await mailsTo(mailOff.user)).toEqual([]);
    expect((await notesOf(mailOff.user)).map((n) => n.kind)).toEqual(['proposal']);
  });

  it('the unsubscribe link stops the digest too', async () => {
    const { user } = await owner('pd-unsub', '205419');
    expect(await unsubscribeAlerts(handle.db, user.id, '127.0.0.1')).toMatchObject({ proposals: true });
    expect((await getPreferences(handle.db, user)).proposal.frequency).toBe('none');
    await publish(company, 'solution', { ...STRONG, title: '観光DXとデータ分析の定着支援' });
    await runAlerts(services(), at(2));
    expect(await mailsTo(user)).toEqual([]);
  });

  it('a user with a saved search gets one mail per period carrying both the new listings and the proposals', async () => {
    const { user } = await owner('pd-both', '342084');
    await saveSearch(handle.db, user, { q: '観光DX', type: [], kind: 'solution', name: '観光DXのソリューション', frequency: 'weekly' }, '127.0.0.1');
    const fresh = await publish(company, 'solution', { ...STRONG, title: '観光DXとデータ分析の立ち上げ支援' });
    await Promise.all([runAlerts(services(), at(2)), runAlerts(services(), at(2))]);
    const mails = await mailsTo(user);
    expect(mails).toHaveLength(1);
    // Its opening is new too: every well-fitting solution already published is a new proposal for it.
    expect(mails[0].subject).toMatch(/^【起業人マッチ】保存した検索条件の新着の掲載1件・マッチング提案\d+件$/);
    expect(mails[0].body).toContain('■ 観光DXのソリューション（1件）');
    expect(mails[0].body).toContain('■ マッチング提案');
    // The listing is in both sections of the one mail, each once.
    expect(mails[0].body.split(`/solutions/${fresh}`)).toHaveLength(3);
    expect(await notesOf(user)).toHaveLength(1);
  });

  it('毎日 sends a digest in each day that has something new', async () => {
    const { user } = await owner('pd-daily', '322016');
    const prefs = await getPreferences(handle.db, user);
    await savePreferences(handle.db, user, { ...prefs, proposal: { ...prefs.proposal, frequency: 'daily' } });
    const first = await publish(company, 'solution', { ...STRONG, title: '観光DXとデータ分析の初日支援' });
    await runAlerts(services(), at(2));
    const second = await publish(company, 'solution', { ...STRONG, title: '観光DXとデータ分析の翌日支援' });
    await dateAppearance(second, at(3));
    await runAlerts(services(), at(4)); // the same day: nothing more
    expect(await mailsTo(user)).toHaveLength(1);
    expect((await mailsTo(user))[0].body).toContain(`/solutions/${first}`);
    await runAlerts(services(), at(DAY + 4));
    const mails = await mailsTo(user);
    expect(mails).toHaveLength(2);
    expect(mails[1].body).toContain(`/solutions/${second}`);
    expect(mails[1].body).not.toContain(`/solutions/${first}`);
  });

  it('a suspended user or organisation gets nothing', async () => {
    const disabled = await owner('pd-disabled', '393011');
    const suspended = await owner('pd-suspended', '393029');
    await handle.db.updateTable('users').set({ disabled_at: new Date() }).where('id', '=', disabled.user.id).execute();
    await handle.db.updateTable('organisations').set({ status: 'suspended' }).where('id', '=', suspended.user.organisationId).execute();
    await publish(company, 'solution', { ...STRONG, title: '観光DXとデータ分析の休止中支援' });
    await runAlerts(services(), at(2));
    expect(await mailsTo(disabled.user)).toEqual([]);
    expect(await mailsTo(suspended.user)).toEqual([]);
  });
});
