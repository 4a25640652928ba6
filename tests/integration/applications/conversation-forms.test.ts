import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer } from '../../helpers/server';
import { form, scenario, type Party } from './fixtures';

/*
 * The forms of /applications/:id posted without JavaScript: a refused submission comes back as the
 * page with the error summary, the error next to its field and everything typed in place.
 */

let server: Awaited<ReturnType<typeof startTestServer>>;
let s: Awaited<ReturnType<typeof scenario>>;
let id: number;

const get = (path: string, who: Party) => fetch(server.url + path, { redirect: 'manual', headers: { cookie: who.cookie } });
const post = (path: string, who: Party, body: URLSearchParams) => fetch(server.url + path, { method: 'POST', redirect: 'manual', headers: { cookie: who.cookie }, body });
const html = async (res: Response) => (await res.text()).replaceAll('<!-- -->', '');

beforeAll(async () => {
  server = await startTestServer();
  s = await scenario({ db: server.db, config: server.services.config });
  const res = await post(`/openings/${s.hokkaidoOpening}/apply`, s.company, form({ programType: 'dispatch', message: 'よろしくお願いします' }));
  id = Number(/\/applications\/(\d+)/.exec(res.headers.get('location') ?? '')?.[1]);
  expect((await post(`/applications/${id}`, s.hokkaido, form({ intent: 'state', to: 'in_dialogue' }))).status).toBe(302);
});
afterAll(() => server?.close());

describe('the conversation page refuses a bad form and keeps what was typed', () => {
  it('message: an over-long message', async () => {
    const body = `長い本文${'あ'.repeat(4000)}`;
    const res = await post(`/applications/${id}`, s.company, form({ intent: 'message', clientKey: 'form-key-long-1', body }));
    expect(res.status).toBe(400);
    const page = await html(res);
    expect(page).toContain('data-testid="error-summary"');
    expect(page).toMatch(/href="#message-body"[^>]*>メッセージ: メッセージは4000文字以内で入力してください/);
    expect(page).toMatch(/id="message-body-error"[^>]*>.*メッセージは4000文字以内で入力してください/);
    expect(page).toMatch(/<textarea[^>]*id="message-body"[^>]*aria-invalid="true"[^>]*>長い本文/);
  });

  it('state: an over-long reason for withdrawing', async () => {
    const reason = `辞退の理由${'い'.repeat(500)}`;
    const res = await post(`/applications/${id}`, s.company, form({ intent: 'state', to: 'withdrawn', reason }));
    expect(res.status).toBe(400);
    const page = await html(res);
    expect(page).toContain('data-testid="error-summary"');
    expect(page).toMatch(/id="state-reason-error"[^>]*>.*理由は500文字以内で入力してください/);
    expect(page).toMatch(/<textarea[^>]*id="state-reason"[^>]*>辞退の理由/);
    // the leave form is open, so the error and the text are seen
    expect(page).toMatch(/<details open="">\s*<summary/);
    expect((await server.db.selectFrom('applications').select('state').where('id', '=', id).executeTakeFirstOrThrow()).state).toBe('in_dialogue');
  });

  it('state: a move the other side owns is refused with its reason in the summary', async () => {
    const res = await post(`/applications/${id}`, s.company, form({ intent: 'state', to: 'concluded' }));
    expect([403, 409]).toContain(res.status);
    const page = await html(res);
    expect(page).toMatch(/data-testid="error-summary"[\s\S]*操作を完了できませんでした/);
  });

  it('slots: an over-long place keeps the place and the times typed', async () => {
    const start = new Date(Date.now() + 3 * 86_400_000 + 9 * 3600_000).toISOString().slice(0, 16);
    const end = new Date(Date.now() + 3 * 86_400_000 + 10 * 3600_000).toISOString().slice(0, 16);
    const location = `会議室${'う'.repeat(200)}`;
    const res = await post(`/applications/${id}`, s.hokkaido, form({ intent: 'slots', slotStart: [start, ''], slotEnd: [end, ''], location }));
    expect(res.status).toBe(400);
    const page = await html(res);
    expect(page).toContain('data-testid="error-summary"');
    expect(page).toMatch(/id="slots-location-error"[^>]*>.*場所・方法は200文字以内で入力してください/);
    expect(page).toMatch(/<input[^>]*id="slots-location"[^>]*value="会議室/);
    expect(page).toContain(`value="${start}"`);
    expect(page).toContain(`value="${end}"`);
    expect(page).toMatch(/<details open="">\s*<summary[^>]*>候補日時を提案する/);
    expect(await server.db.selectFrom('interview_slots').select('id').where('application_id', '=', id).execute()).toEqual([]);
  });

  it('accept: a slot that is not a number is refused with a message, not a bare page', async () => {
    const res = await post(`/applications/${id}`, s.company, form({ intent: 'accept', slotId: 'x' }));
    expect(res.status).toBe(400);
    expect(await html(res)).toMatch(/data-testid="error-summary"[\s\S]*候補日時を選んでください。/);
  });

  it('accept: the summary links to the slot choice on the page, not to the hidden field', async () => {
    const res = await post(`/applications/${id}`, s.company, form({ intent: 'accept', slotId: '0' }));
    expect(res.status).toBe(400);
    const page = await html(res);
    const target = /data-testid="error-summary"[\s\S]*?<a href="#([^"]+)"[^>]*>[^<]*候補日時を選んでください。/.exec(page)?.[1];
    expect(target).toBeTruthy();
    const element = new RegExp(`<(\\w+)[^>]*\\sid="${target}"[^>]*>`).exec(page);
    expect(element, `an element with id ${target}`).not.toBeNull();
    expect(element![0]).not.toMatch(/type="hidden"|\shidden[\s=>]/);
    expect(page).toMatch(new RegExp(`id="${target}-error"[^>]*>.*候補日時を選んでください。`));
  });

  it('the page without a failed form has no summary', async () => {
    expect(await (await get(`/applications/${id}`, s.company)).text()).not.toContain('data-testid="error-summary"');
  });
});
