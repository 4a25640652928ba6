import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formFromDraft } from '../../../app/domain/agreements/form';
import { AGREED_DEMO } from '../../../db/seed/agreements';
import { startSeededServer, type TestServer } from '../../helpers/server';
import { Client } from '../accounts/client';
import type { PERSONA_LOGINS } from '../accounts/matrix';

/* The same agreement save and the same interview slots sent twice at once are worked on once. */

let server: TestServer;
beforeAll(async () => {
  server = await startSeededServer({}, ['accounts', 'listings', 'agreement-demo']);
});
afterAll(() => server?.close());

const login = (persona: keyof typeof PERSONA_LOGINS) => Client.signedInAs(server.url, persona);

async function keyOf(client: Client, path: string): Promise<string> {
  const res = await client.get(path);
  expect(res.status, path).toBe(200);
  const m = /name="submissionKey" value="([^"]+)"/.exec(await res.text());
  expect(m, `${path} has no submission key`).not.toBeNull();
  return m![1]!;
}

describe('agreement and interview slots', () => {
  it('「保存して新しい版にする」 clicked twice: one new version, both answered as the first', async () => {
    const listing = await server.db.selectFrom('listings').select('id').where('title', '=', AGREED_DEMO.opening).executeTakeFirstOrThrow();
    const { id } = await server.db.selectFrom('applications').select('id').where('listing_id', '=', listing.id).executeTakeFirstOrThrow();
    const path = `/applications/${id}/agreement`;
    const municipality = await login('municipalityX');
    expect((await municipality.post(path, { intent: 'open' })).status).toBe(302);
    const submissionKey = await keyOf(municipality, path);
    const draft = await server.db.selectFrom('agreement_drafts').selectAll().where('application_id', '=', id).executeTakeFirstOrThrow();
    const latest = await server.db.selectFrom('agreement_versions').select('draft').where('draft_id', '=', draft.id).where('version', '=', draft.current_version).executeTakeFirstOrThrow();
    const form = { ...formFromDraft('dispatch', latest.draft), purpose: '二重送信の確認のための目的の文言', intent: 'save', baseVersion: String(draft.current_version), submissionKey };
    const versions = async () => (await server.db.selectFrom('agreement_versions').select('version').where('draft_id', '=', draft.id).execute()).length;
    const before = await versions();
    const [a, b] = await Promise.all([municipality.post(path, form), municipality.post(path, form)]);
    expect([a.status, b.status], await b.text()).toEqual([302, 302]);
    expect(b.headers.get('location')).toBe(a.headers.get('location'));
    expect(a.headers.get('location')).toMatch(/done=saved/);
    expect(await versions()).toBe(before + 1);
  });

  it('「候補日時を送る」 clicked twice: the slots are proposed once', async () => {
    const company = await login('company');
    const owner = await server.db.selectFrom('organisations').select('id').where('slug', '=', 'higashikawa').executeTakeFirstOrThrow();
    const opening = await server.db.selectFrom('listings').select('id').where('organisation_id', '=', owner.id).where('kind', '=', 'opening').where('status', '=', 'published').orderBy('id').executeTakeFirstOrThrow();
    const applied = await company.post(`/openings/${opening.id}/apply`, { programType: 'dispatch', message: '面談の候補日時の確認です。', proposal: '' });
    expect(applied.status, await applied.text()).toBe(302);
    const id = Number(/\/applications\/(\d+)/.exec(applied.headers.get('location')!)![1]);
    const municipality = await login('municipalityY');
    expect((await municipality.post(`/applications/${id}`, { intent: 'state', to: 'in_dialogue' })).status).toBe(302);
    const submissionKey = await keyOf(municipality, `/applications/${id}`);
    const start = new Date(Date.now() + 3 * 86_400_000 + 9 * 3600_000).toISOString().slice(0, 16);
    const end = new Date(Date.now() + 3 * 86_400_000 + 10 * 3600_000).toISOString().slice(0, 16);
    const form = { intent: 'slots', slotStart: start, slotEnd: end, location: 'オンライン', submissionKey };
    const [a, b] = await Promise.all([municipality.post(`/applications/${id}`, form), municipality.post(`/applications/${id}`, form)]);
    expect([a.status, b.status], await b.text()).toEqual([302, 302]);
    expect(b.headers.get('location')).toBe(a.headers.get('location'));
    const slots = await server.db.selectFrom('interview_slots').select('id').where('application_id', '=', id).execute();
    expect(slots).toHaveLength(1);
  });
});
