import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../../app/server/config';
import { runAlerts, unsubscribeUrl } from '../../../app/services/alerts.server';
import { listMail } from '../../../app/services/mail.server';
import { drainOutbox } from '../../../app/services/notifications.server';
import { saveSearch } from '../../../app/services/saved-searches.server';
import { createSearch, type SearchService } from '../../../search/create-search';
import { indexDocument } from '../../../search/indexing';
import type { SearchDocument } from '../../../search/types';
import { createTestDb } from '../../helpers/test-db';
import { makeParty, type Party } from '../applications/fixtures';

let handle: Awaited<ReturnType<typeof createTestDb>>;
let search: SearchService;
let user: Party;
const config = loadConfig({ NODE_ENV: 'test', DATA_DIR: mkdtempSync(path.join(os.tmpdir(), 'km-alerts-')), SESSION_SECRET: 'a'.repeat(40), LOG_LEVEL: 'silent' });
const services = () => ({ db: handle.db, search, config });
const at = (minutes: number) => new Date(Date.now() + minutes * 60_000);

const doc = (id: string, title: string, publishedAt: Date, extra: Partial<SearchDocument> = {}): SearchDocument => ({
  id,
  kind: 'opening',
  title,
  body: '地域の課題に取り組む起業人を募集します。',
  skills: [],
  category: '観光振興・観光誘客対策・DMO設立等',
  types: ['dispatch'],
  prefecture: '島根県',
  prefCode: '32',
  municipality: '海士町',
  lgCode: '325252',
  remoteOk: false,
  termMonths: 12,
  status: 'published',
  publishedAt,
  updatedAt: publishedAt,
  ...extra,
});

const alertMails = () => handle.db.selectFrom('notification_outbox').selectAll().where('kind', '=', 'saved_search').orderBy('id').execute();

beforeAll(async () => {
  handle = await createTestDb();
  search = createSearch({ db: handle.db, config: {} });
  user = await makeParty({ db: handle.db, config }, { kind: 'company', name: '株式会社アラート', hq: '131016', companyClass: 'A' });
  // Published before the search was saved: never alerted.
  await indexDocument(handle.db, doc('9001', '観光案内所の運営（以前から掲載）', at(-60)));
});
afterAll(async () => {
  await search?.close();
  await handle?.close();
});

describe('saved-search alerts', () => {
  it('a saved search and a new listing give exactly one digest mail with the listing, the search and the unsubscribe link; a second run sends nothing', async () => {
    await saveSearch(handle.db, user.user, { q: '観光', type: ['dispatch'], pref: '島根県', name: '', frequency: 'immediate' }, '127.0.0.1');
    await indexDocument(handle.db, doc('9002', '観光DXの推進', at(0)));
    await indexDocument(handle.db, doc('9003', '観光ガイドの育成（副業）', at(0), { types: ['side_job'] })); // another type: not matching
    await indexDocument(handle.db, doc('9004', '空き家の活用', at(0), { category: 'その他' })); // no 観光 anywhere

    expect(await runAlerts(services(), at(2))).toBe(1);
    const rows = await alertMails();
    expect(rows).toHaveLength(1);
    expect(rows[0].to_email).toBe(user.user.email);
    expect(rows[0].subject).toBe('【起業人マッチ】保存した検索条件の新着の掲載1件');
    expect(rows[0].body).toContain('観光DXの推進');
    expect(rows[0].body).toContain(`${config.publicUrl}/openings/9002`);
    expect(rows[0].body).not.toContain('/openings/9001');
    expect(rows[0].body).not.toContain('/openings/9003');
    expect(rows[0].body).not.toContain('/openings/9004');
    expect(rows[0].body).toContain(`この条件で検索する: ${config.publicUrl}/search?q=`);
    const link = unsubscribeUrl(config, user.user.id);
    expect(rows[0].body).toContain(link);
    expect(rows[0].headers).toEqual({ 'List-Unsubscribe': `<${link}>`, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' });

    // The same slot again, and a later slot with nothing new: no further mail.
    expect(await runAlerts(services(), at(2))).toBe(0);
    expect(await runAlerts(services(), at(8))).toBe(0);
    expect(await alertMails()).toHaveLength(1);

    // Shown in お知らせ too.
    const notes = await handle.db.selectFrom('notifications').selectAll().where('user_id', '=', user.user.id).execute();
    expect(notes.map((n) => [n.kind, n.title])).toEqual([['saved_search', '保存した検索条件の新着の掲載1件']]);

    // The worker sends it with the RFC 8058 headers.
    await drainOutbox(handle.db, config, at(3));
    const mail = (await listMail(config)).find((m) => m.subject.includes('保存した検索条件'));
    expect(mail?.headers['list-unsubscribe']).toBe(`<${link}>`);
    expect(mail?.headers['list-unsubscribe-post']).toBe('List-Unsubscribe=One-Click');
    expect(mail?.text).toContain('/openings/9002');
  });

  it('two processes running at once queue one digest', async () => {
    await indexDocument(handle.db, doc('9005', '観光地域づくり法人の立ち上げ', at(9)));
    // Six minutes after the last run: always another five-minute slot.
    const [a, b] = await Promise.all([runAlerts(services(), at(14)), runAlerts(services(), at(14))]);
    expect(a + b).toBe(1);
    const rows = await alertMails();
    expect(rows).toHaveLength(2);
    expect(rows[1].body).toContain('/openings/9005');
    expect(rows[1].body).not.toContain('/openings/9002');
  });

  it('a daily search is mailed once in its period, whatever is published later that day', async () => {
    const other = await makeParty({ db: handle.db, config }, { kind: 'municipality', name: '島根県海士町', lgCode: '325252' });
    await saveSearch(handle.db, other.user, { q: '', type: [], kind: 'opening', name: '募集すべて', frequency: 'daily' }, '127.0.0.1');
    // as if yesterday's period had been worked on
    await handle.db.updateTable('saved_searches').set({ alerted_period: 'd:0000-00-00' }).where('user_id', '=', other.user.id).execute();
    await indexDocument(handle.db, doc('9006', '移住促進の企画', at(15), { category: 'その他' }));
    expect(await runAlerts(services(), at(20))).toBe(1); // the daily digest; the first user's 観光 search has nothing new
    const mine = (await alertMails()).filter((r) => r.user_id === other.user.id);
    expect(mine).toHaveLength(1);
    expect(mine[0].body).toContain('■ 募集すべて');
    expect(mine[0].body).toContain('/openings/9006');
    await indexDocument(handle.db, doc('9007', '移住相談窓口', at(21), { category: 'その他' }));
    expect(await runAlerts(services(), at(25))).toBe(0);
    expect((await alertMails()).filter((r) => r.user_id === other.user.id)).toHaveLength(1);
  });
});
