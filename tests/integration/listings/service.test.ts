import { mkdtempSync, readdirSync, existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SessionUser } from '../../../app/domain/accounts/types';
import { addAttachment, attachmentResponse, uploadDir } from '../../../app/services/listing-attachments.server';
import {
  changeListingStatus,
  createListing,
  expireListings,
  getListingForEdit,
  getListingPage,
  homeListings,
  listPublished,
  myListings,
  updateListing,
} from '../../../app/services/listings.server';
import { createTestDb } from '../../helpers/test-db';
import { makeUser, openingInput, solutionInput } from './fixtures';
import { ServiceError } from '../../../app/utils/errors';

let handle: Awaited<ReturnType<typeof createTestDb>>;
let amacho: SessionUser;
let otherTown: SessionUser;
let sapporoCo: SessionUser;
let tokyoCo: SessionUser;
let freelancer: SessionUser;
const TODAY = '2026-11-23';
const dataDir = mkdtempSync(path.join(os.tmpdir(), 'km-listings-'));

beforeAll(async () => {
  handle = await createTestDb();
  amacho = await makeUser(handle.db, { slug: 't-amacho', kind: 'municipality', lgCode: '325252' });
  otherTown = await makeUser(handle.db, { slug: 't-higashikawa', kind: 'municipality', lgCode: '014583' });
  sapporoCo = await makeUser(handle.db, { slug: 't-sapporo', kind: 'company', hq: '011002', companyClass: 'B' });
  tokyoCo = await makeUser(handle.db, { slug: 't-tokyo', kind: 'company', hq: '131016', companyClass: 'A' });
  freelancer = await makeUser(handle.db, { slug: 't-free', kind: 'individual', track: 'freelance' });
});
afterAll(() => handle?.close());

const db = () => handle.db;
const status = (e: unknown) => (e instanceof ServiceError ? e.status : e);

describe('listings: lifecycle, ownership and history', () => {
  it('keeps a draft to its organisation, then publishes it for everyone', async () => {
    const r = await createListing(db(), amacho, 'opening', openingInput(), { today: TODAY });
    expect(r.ok).toBe(true);
    const id = (r as { id: number }).id;
    await expect(getListingPage(db(), null, 'opening', id, TODAY).catch(status)).resolves.toBe(404);
    await expect(getListingPage(db(), tokyoCo, 'opening', id, TODAY).catch(status)).resolves.toBe(404);
    expect((await getListingPage(db(), amacho, 'opening', id, TODAY)).status).toBe('draft');
    expect((await listPublished(db(), 'opening', {}, TODAY)).cards.map((c) => c.id)).not.toContain(id);

    expect(await changeListingStatus(db(), amacho, id, 'publish', { today: TODAY })).toEqual({ ok: true });
    const page = await getListingPage(db(), null, 'opening', id, TODAY);
    expect(page.status).toBe('published');
    expect(page.place).toBe('島根県海士町');
    expect(page.html.duties).toContain('<li>聞き取り</li>');
    expect((await listPublished(db(), 'opening', { category: 'dx', prefCode: '32' }, TODAY)).cards.map((c) => c.id)).toContain(id);
    expect((await listPublished(db(), 'opening', { category: 'gx' }, TODAY)).cards.map((c) => c.id)).not.toContain(id);
    // The wrong kind's URL does not find it.
    await expect(getListingPage(db(), amacho, 'solution', id, TODAY).catch(status)).resolves.toBe(404);
  });

  it('lets only the owning organisation edit, and records each revision with what changed', async () => {
    const { id } = (await createListing(db(), amacho, 'opening', openingInput({ title: '編集テスト' }), { today: TODAY, publish: true })) as { id: number };
    await expect(updateListing(db(), otherTown, id, openingInput({ title: '乗っ取り' }), { today: TODAY }).catch(status)).resolves.toBe(403);
    await expect(changeListingStatus(db(), tokyoCo, id, 'close', { reason: 'withdrawn', today: TODAY }).catch(status)).resolves.toBe(403);
    await expect(getListingForEdit(db(), otherTown, 'opening', id).catch(status)).resolves.toBe(403);

    expect(await updateListing(db(), amacho, id, openingInput({ title: '編集テスト（改）', budgetMax: 590 }), { today: TODAY })).toEqual({ ok: true, id });
    const page = await getListingPage(db(), amacho, 'opening', id, TODAY);
    expect(page.listing.title).toBe('編集テスト（改）');
    expect(page.listing.budgetMaxYen).toBe(5_900_000);
    expect(page.listing.revision).toBe(2);
    expect(page.revisions.map((r) => [r.revision, r.action])).toEqual([
      [2, 'update'],
      [1, 'create'],
    ]);
    expect(page.revisions[0]!.changed.sort()).toEqual(['budget_max_yen', 'title']);
    // A visitor never sees the history.
    expect((await getListingPage(db(), null, 'opening', id, TODAY)).revisions).toEqual([]);
  });

  it('closes as filled for good, and reopens a withdrawn one', async () => {
    const { id } = (await createListing(db(), amacho, 'opening', openingInput({ title: '終了テスト' }), { today: TODAY, publish: true })) as { id: number };
    expect(await changeListingStatus(db(), amacho, id, 'close', { reason: 'withdrawn', today: TODAY })).toEqual({ ok: true });
    expect(await changeListingStatus(db(), amacho, id, 'reopen', { today: TODAY })).toEqual({ ok: true });
    expect(await changeListingStatus(db(), amacho, id, 'close', { reason: 'filled', today: TODAY })).toEqual({ ok: true });
    expect(await changeListingStatus(db(), amacho, id, 'reopen', { today: TODAY })).toMatchObject({ ok: false });
    await expect(updateListing(db(), amacho, id, openingInput(), { today: TODAY }).catch(status)).resolves.toBe(409);
    const page = await getListingPage(db(), null, 'opening', id, TODAY);
    expect(page.status).toBe('closed');
    expect(page.listing.closeReason).toBe('filled');
  });

  it('expires published listings after their deadline, once', async () => {
    const { id } = (await createListing(db(), amacho, 'opening', openingInput({ title: '締切テスト', deadline: '2026-11-30' }), { today: TODAY, publish: true })) as { id: number };
    expect((await getListingPage(db(), null, 'opening', id, '2026-12-01')).status).toBe('expired');
    expect((await listPublished(db(), 'opening', {}, '2026-12-01')).cards.map((c) => c.id)).not.toContain(id);
    expect(await expireListings(db(), '2026-11-30')).toBe(0);
    const closed = await expireListings(db(), '2026-12-01');
    expect(closed).toBeGreaterThanOrEqual(1);
    expect(await expireListings(db(), '2026-12-01')).toBe(0);
    const page = await getListingPage(db(), amacho, 'opening', id, '2026-12-01');
    expect(page.listing).toMatchObject({ status: 'closed', closeReason: 'expired' });
    expect(page.revisions[0]!.action).toBe('expire');
  });

  it('refuses posts from the wrong kind of organisation and forms they cannot offer', async () => {
    await expect(createListing(db(), tokyoCo, 'opening', openingInput()).catch(status)).resolves.toBe(403);
    await expect(createListing(db(), amacho, 'solution', solutionInput()).catch(status)).resolves.toBe(403);
    expect(await createListing(db(), tokyoCo, 'solution', solutionInput({ types: ['senior'] }))).toMatchObject({ ok: false, errors: { types: [expect.stringContaining('シニア型')] } });
    expect(await createListing(db(), freelancer, 'solution', solutionInput({ types: ['dispatch'] }))).toMatchObject({ ok: false });
    expect(await createListing(db(), amacho, 'opening', openingInput({ deadline: '2026-11-01' }), { today: TODAY, publish: true })).toMatchObject({ ok: false, errors: { deadline: [expect.any(String)] } });
  });

  it('indexes every write in search within the same transaction', async () => {
    const { id } = (await createListing(db(), tokyoCo, 'solution', solutionInput({ title: '検索に載るソリューション' }), { today: TODAY, publish: true })) as { id: number };
    const doc = await db().selectFrom('search_documents').select(['title', 'status', 'category', 'kind']).where('kind', '=', 'solution').where('id', '=', String(id)).executeTakeFirst();
    expect(doc).toEqual({ title: '検索に載るソリューション', status: 'published', category: 'DX（自治体DX・地域社会DX）', kind: 'solution' });
    await changeListingStatus(db(), tokyoCo, id, 'close', { reason: 'withdrawn', today: TODAY });
    const after = await db().selectFrom('search_documents').select('status').where('kind', '=', 'solution').where('id', '=', String(id)).executeTakeFirstOrThrow();
    expect(after.status).toBe('closed');
  });

  it('shows each reader the eligibility verdict for their organisation', async () => {
    const hk = (await createListing(db(), otherTown, 'opening', openingInput({ title: '東川町の募集' }), { today: TODAY, publish: true })) as { id: number };
    const fromSapporo = await getListingPage(db(), sapporoCo, 'opening', hk.id, TODAY);
    expect(fromSapporo.verdicts.find((v) => v.type === 'dispatch')).toMatchObject({ eligible: false, headline: 'あなたの会社（B区分）はこの自治体に派遣できません: 同一県内' });
    const fromTokyo = await getListingPage(db(), tokyoCo, 'opening', hk.id, TODAY);
    expect(fromTokyo.verdicts.find((v) => v.type === 'dispatch')!.eligible).toBe(true);
    expect((await getListingPage(db(), null, 'opening', hk.id, TODAY)).verdicts).toEqual([]);
    const sol = (await createListing(db(), sapporoCo, 'solution', solutionInput({ title: '札幌の会社' }), { today: TODAY, publish: true })) as { id: number };
    expect((await getListingPage(db(), otherTown, 'solution', sol.id, TODAY)).verdicts[0]).toMatchObject({ eligible: false, headline: expect.stringContaining('この企業（B区分）') });
  });

  it('recommends openings a B company may be sent to, never its own prefecture', async () => {
    const home = await homeListings(db(), sapporoCo, TODAY);
    expect(home.recommended?.kind).toBe('opening');
    expect(home.recommended!.cards.length).toBeGreaterThan(0);
    expect(home.recommended!.cards.every((c) => c.prefCode !== '01')).toBe(true);
    expect((await homeListings(db(), null, TODAY)).recommended).toBeNull();
    expect((await myListings(db(), amacho, TODAY)).length).toBeGreaterThanOrEqual(4);
  });
});

describe('listing attachments', () => {
  const PDF = new TextEncoder().encode('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');
  const EXE = Uint8Array.from([0x4d, 0x5a, 0x90, 0, 3, 0, 0, 0, 4, 0, 0, 0, 0xff, 0xff, ...new Array(60).fill(0)]);

  it('refuses a renamed executable and stores nothing', async () => {
    const { id } = (await createListing(db(), amacho, 'opening', openingInput({ title: '添付テスト' }), { today: TODAY })) as { id: number };
    const r = await addAttachment(db(), amacho, { kind: 'opening', id }, { name: '募集要項.pdf', bytes: EXE }, { dataDir });
    expect(r).toMatchObject({ ok: false, message: expect.stringContaining('PDF・PNG・JPEG・WebP') });
    expect(existsSync(path.join(uploadDir(dataDir), String(id))) ? readdirSync(path.join(uploadDir(dataDir), String(id))) : []).toEqual([]);
  });

  it('stores a real PDF for the owner only and serves it as a download, hidden while the listing is a draft', async () => {
    const { id } = (await createListing(db(), amacho, 'opening', openingInput({ title: '添付テスト2' }), { today: TODAY })) as { id: number };
    await expect(addAttachment(db(), otherTown, { kind: 'opening', id }, { name: 'x.pdf', bytes: PDF }, { dataDir }).catch(status)).resolves.toBe(404);
    const r = await addAttachment(db(), amacho, { kind: 'opening', id }, { name: '../募集要項.txt', bytes: PDF }, { dataDir });
    expect(r.ok).toBe(true);
    const attId = (r as { id: string }).id;
    await expect(attachmentResponse(db(), null, { kind: 'opening', id }, attId, { dataDir }).catch(status)).resolves.toBe(404);
    await changeListingStatus(db(), amacho, id, 'publish', { today: TODAY });
    const res = await attachmentResponse(db(), null, { kind: 'opening', id }, attId, { dataDir });
    expect(res.headers.get('content-type')).toBe('application/pdf');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('content-disposition')).toBe(`attachment; filename=download.pdf; filename*=UTF-8''${encodeURIComponent('募集要項.pdf')}`);
    expect(new Uint8Array(await res.arrayBuffer())).toEqual(PDF);
  });
});
