import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer } from '../../helpers/server';
import { form, scenario, type Party } from './fixtures';

let server: Awaited<ReturnType<typeof startTestServer>>;
let s: Awaited<ReturnType<typeof scenario>>;

beforeAll(async () => {
  server = await startTestServer();
  s = await scenario({ db: server.db, config: server.services.config });
});
afterAll(() => server?.close());

const get = (path: string, who?: Party) => fetch(server.url + path, { redirect: 'manual', headers: who ? { cookie: who.cookie } : {} });
const post = (path: string, who: Party, body: URLSearchParams | FormData) => fetch(server.url + path, { method: 'POST', redirect: 'manual', headers: { cookie: who.cookie }, body });

async function apply(who: Party, listingPath: string, values: Record<string, string>) {
  const res = await post(`${listingPath}/apply`, who, form({ programType: 'dispatch', message: 'よろしくお願いします', ...values }));
  return res;
}

const idFrom = (res: Response) => Number(/\/applications\/(\d+)/.exec(res.headers.get('location') ?? '')?.[1]);

describe('applying', () => {
  it('shows the eligibility verdict before sending, then creates the application, its conversation, audit line and the owner’s notification', async () => {
    const page = await get(`/openings/${s.opening}/apply`, s.company);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('制度の対象判定');
    expect(html).toMatch(/data-eligible="true"/);

    const res = await apply(s.company, `/openings/${s.opening}`, { proposal: 'DX担当の社員1名' });
    expect(res.status).toBe(302);
    const id = idFrom(res);
    const app = await server.db.selectFrom('applications').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    expect(app).toMatchObject({ state: 'applied', is_inquiry: false, kind: 'application', applicant_organisation_id: s.company.organisationId, owner_organisation_id: s.municipality.organisationId });
    const conv = await server.db.selectFrom('conversations').selectAll().where('application_id', '=', id).executeTakeFirstOrThrow();
    const msgs = await server.db.selectFrom('messages').selectAll().where('conversation_id', '=', conv.id).orderBy('seq').execute();
    expect(msgs.map((m) => m.kind)).toEqual(['system', 'text']);
    expect(msgs[1].body).toContain('DX担当の社員1名');
    const auditRows = await server.db.selectFrom('audit_log').selectAll().where('target_type', '=', 'application').where('target_id', '=', String(id)).execute();
    expect(auditRows.map((a) => a.action)).toContain('application.create');
    const notes = await server.db.selectFrom('notifications').selectAll().where('user_id', '=', s.municipality.user.id).execute();
    expect(notes.some((n) => n.kind === 'application' && n.application_id === id)).toBe(true);

    // a second application to the same listing goes to the open one
    const again = await apply(s.company, `/openings/${s.opening}`, {});
    expect(again.headers.get('location')).toBe(`/applications/${id}?done=exists`);
  });

  it('warns about an ineligible pairing and sends it only as a marked inquiry that cannot reach 合意', async () => {
    const page = await (await get(`/openings/${s.hokkaidoOpening}/apply`, s.sapporo)).text();
    expect(page).toMatch(/data-eligible="false"/);
    expect(page).toContain('同一県内');

    const refused = await apply(s.sapporo, `/openings/${s.hokkaidoOpening}`, {});
    expect(refused.status).toBe(400);
    expect(await refused.text()).toContain('問い合わせとして送る');

    const res = await apply(s.sapporo, `/openings/${s.hokkaidoOpening}`, { asInquiry: 'on' });
    expect(res.status).toBe(302);
    const id = idFrom(res);
    const app = await server.db.selectFrom('applications').select(['is_inquiry', 'eligibility']).where('id', '=', id).executeTakeFirstOrThrow();
    expect(app.is_inquiry).toBe(true);
    expect(JSON.stringify(app.eligibility)).toContain('同一県内');

    await post(`/applications/${id}`, s.hokkaido, form({ intent: 'state', to: 'in_dialogue' }));
    const agree = await post(`/applications/${id}`, s.hokkaido, form({ intent: 'state', to: 'agreed' }));
    expect(agree.status).toBe(409);
    expect(await agree.text()).toContain('合意に進めません');
  });

  it('lets a municipality scout a solution', async () => {
    const res = await post(`/solutions/${s.solution}/scout`, s.municipality, form({ programType: 'dispatch', message: 'ぜひご相談させてください' }));
    expect(res.status).toBe(302);
    const app = await server.db.selectFrom('applications').selectAll().where('id', '=', idFrom(res)).executeTakeFirstOrThrow();
    expect(app).toMatchObject({ kind: 'scout', applicant_organisation_id: s.municipality.organisationId, owner_organisation_id: s.company.organisationId });
  });

  it('refuses applying to one’s own listing or from the wrong side', async () => {
    expect((await get(`/openings/${s.opening}/apply`, s.municipality)).status).toBe(403);
    expect((await get(`/solutions/${s.solution}/scout`, s.stranger)).status).toBe(403);
  });
});

describe('state changes over HTTP', () => {
  let id: number;
  beforeAll(async () => {
    const res = await apply(s.stranger, `/openings/${s.opening}`, {});
    id = idFrom(res);
  });
  const state = async () => (await server.db.selectFrom('applications').select('state').where('id', '=', id).executeTakeFirstOrThrow()).state;

  it('only the right party moves, each change leaves a system line, an event, an audit line and a notification', async () => {
    const wrong = await post(`/applications/${id}`, s.stranger, form({ intent: 'state', to: 'in_dialogue' }));
    expect(wrong.status).toBe(403);
    expect(await state()).toBe('applied');

    const ok = await post(`/applications/${id}`, s.municipality, form({ intent: 'state', to: 'in_dialogue' }));
    expect(ok.status).toBe(302);
    expect(await state()).toBe('in_dialogue');

    const page = await (await get(`/applications/${id}`, s.stranger)).text();
    expect(page).toContain('「応募済」から「対話中」に変更しました');
    const events = await server.db.selectFrom('application_events').selectAll().where('application_id', '=', id).orderBy('id').execute();
    expect(events.map((e) => e.to_state)).toEqual(['applied', 'in_dialogue']);
    const audits = await server.db.selectFrom('audit_log').select('details').where('action', '=', 'application.state').where('target_id', '=', String(id)).execute();
    expect(audits).toHaveLength(1);
    const notes = await server.db.selectFrom('notifications').select(['kind', 'title']).where('user_id', '=', s.stranger.user.id).where('kind', '=', 'state_change').execute();
    expect(notes[0].title).toContain('対話中');
  });

  it('辞退 needs a reason and is the applicant’s', async () => {
    expect((await post(`/applications/${id}`, s.stranger, form({ intent: 'state', to: 'withdrawn', reason: '' }))).status).toBe(400);
    expect((await post(`/applications/${id}`, s.municipality, form({ intent: 'state', to: 'withdrawn', reason: '都合' }))).status).toBe(403);
    expect(await state()).toBe('in_dialogue');
  });
});

describe('a third party, the ministry and anonymous visitors', () => {
  let id: number;
  let slotId: number;
  beforeAll(async () => {
    const res = await apply(s.company, `/openings/${s.hokkaidoOpening}`, {});
    id = idFrom(res);
    await post(`/applications/${id}`, s.hokkaido, form({ intent: 'state', to: 'in_dialogue' }));
    const start = new Date(Date.now() + 3 * 86_400_000 + 9 * 3600_000).toISOString().slice(0, 16);
    const end = new Date(Date.now() + 3 * 86_400_000 + 10 * 3600_000).toISOString().slice(0, 16);
    await post(`/applications/${id}`, s.hokkaido, form({ intent: 'slots', slotStart: [start], slotEnd: [end], location: 'オンライン' }));
    slotId = (await server.db.selectFrom('interview_slots').select('id').where('application_id', '=', id).executeTakeFirstOrThrow()).id;
  });

  it('cannot read the conversation, post to it, change it or download from it', async () => {
    for (const who of [s.stranger, s.ministry]) {
      expect((await get(`/applications/${id}`, who)).status).toBe(404);
      expect((await post(`/applications/${id}`, who, form({ intent: 'message', clientKey: 'k-third-party-1', body: '割り込み' }))).status).toBe(404);
      expect((await post(`/applications/${id}`, who, form({ intent: 'state', to: 'declined', reason: 'x' }))).status).toBe(404);
      expect((await get(`/applications/${id}/slots/${slotId}/ics`, who)).status).toBe(404);
      const list = await (await get('/applications', who)).text();
      expect(list).not.toContain('写真の町のブランディング');
    }
    const anon = await get(`/applications/${id}`);
    expect(anon.status).toBe(302);
    expect(anon.headers.get('location')).toContain('/login');
    const bodies = await server.db.selectFrom('messages').select('body').execute();
    expect(bodies.map((b) => b.body)).not.toContain('割り込み');
  });

  it('interview: the proposer cannot accept, the other side can, and gets an .ics', async () => {
    expect((await server.db.selectFrom('applications').select('state').where('id', '=', id).executeTakeFirstOrThrow()).state).toBe('interview');
    expect((await post(`/applications/${id}`, s.hokkaido, form({ intent: 'accept', slotId: String(slotId) }))).status).toBe(409);
    expect((await get(`/applications/${id}/slots/${slotId}/ics`, s.company)).status).toBe(404);
    expect((await post(`/applications/${id}`, s.company, form({ intent: 'accept', slotId: String(slotId) }))).status).toBe(302);
    const ics = await get(`/applications/${id}/slots/${slotId}/ics`, s.company);
    expect(ics.status).toBe(200);
    expect(ics.headers.get('content-type')).toContain('text/calendar');
    const text = await ics.text();
    expect(text).toContain('BEGIN:VEVENT');
    expect(text).toContain('LOCATION:オンライン');
  });
});

describe('messages without JavaScript', () => {
  let id: number;
  beforeAll(async () => {
    id = idFrom(await post(`/solutions/${s.solution}/scout`, s.hokkaido, form({ programType: 'dispatch', message: 'スカウトです', asInquiry: 'on' })));
  });

  it('a form post stores the message once per key, marks it 未読 until the other side opens the page', async () => {
    const first = await post(`/applications/${id}`, s.company, form({ intent: 'message', clientKey: 'form-key-0001', body: 'ご連絡ありがとうございます' }));
    expect(first.status).toBe(302);
    const again = await post(`/applications/${id}`, s.company, form({ intent: 'message', clientKey: 'form-key-0001', body: 'ご連絡ありがとうございます' }));
    expect(again.status).toBe(302);
    const count = await server.db.selectFrom('messages').select('id').where('body', '=', 'ご連絡ありがとうございます').execute();
    expect(count).toHaveLength(1);
    // time to first reply starts with the owner side's first message
    const app = await server.db.selectFrom('applications').select('first_reply_at').where('id', '=', id).executeTakeFirstOrThrow();
    expect(app.first_reply_at).not.toBeNull();

    const header = await (await get('/', s.hokkaido)).text();
    expect(header).toMatch(/data-testid="unread-messages"[^>]*>.*?1</);
    const before = await (await get(`/applications/${id}`, s.company)).text();
    expect(before).toContain('未読');
    await get(`/applications/${id}`, s.hokkaido);
    const after = await (await get(`/applications/${id}`, s.company)).text();
    expect(after).toContain('data-testid="read-receipt"');
    expect(await (await get('/', s.hokkaido)).text()).not.toContain('data-testid="unread-messages"');
  });

  it('keeps an empty message out and says why', async () => {
    const res = await post(`/applications/${id}`, s.company, form({ intent: 'message', clientKey: 'form-key-0002', body: '   ' }));
    expect(res.status).toBe(400);
    expect(await res.text()).toContain('メッセージを入力するか、ファイルを添付してください');
  });

  it('refuses a NUL in the message as an error on the message field, keeping what was typed', async () => {
    const res = await post(`/applications/${id}`, s.company, form({ intent: 'message', clientKey: 'form-key-0009', body: 'よろしく\u0000お願いします' }));
    expect(res.status).toBe(400);
    const html = (await res.text()).replaceAll('<!-- -->', '');
    expect(html).toMatch(/id="message-body-error"[^>]*>(<[^>]*>|⚠ )*使用できない文字（NUL）が含まれています。/);
    expect(await server.db.selectFrom('messages').select('id').where('client_key', '=', 'form-key-0009').execute()).toEqual([]);
  });

  it('attaches a PDF for the other party and refuses a disguised file', async () => {
    const pdf = new Blob([Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n')], { type: 'application/pdf' });
    const fd = new FormData();
    fd.set('intent', 'message');
    fd.set('clientKey', 'form-key-0003');
    fd.set('body', '資料を添付します');
    fd.append('files', pdf, '会社案内.pdf');
    expect((await post(`/applications/${id}`, s.company, fd)).status).toBe(302);
    const file = await server.db.selectFrom('message_attachments').selectAll().executeTakeFirstOrThrow();
    const dl = await get(`/applications/${id}/files/${file.id}`, s.hokkaido);
    expect(dl.status).toBe(200);
    expect(dl.headers.get('content-disposition')).toContain(encodeURIComponent('会社案内.pdf'));
    expect((await get(`/applications/${id}/files/${file.id}`, s.stranger)).status).toBe(404);

    const bad = new FormData();
    bad.set('intent', 'message');
    bad.set('clientKey', 'form-key-0004');
    bad.set('body', '');
    bad.append('files', new Blob(['<html><script>alert(1)</script></html>'], { type: 'application/pdf' }), '資料.pdf');
    const res = await post(`/applications/${id}`, s.company, bad);
    expect(res.status).toBe(400);
    expect(await res.text()).toContain('ファイルの中身で判定');
  });
});
