import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedAccounts } from '../../../db/seed/accounts';
import { startTestServer } from '../../helpers/server';
import { Client, lastMailTo, linkIn } from './client';

/*
 * The account forms (/settings, /settings/organisation, /invitations/:token) over HTTP: every problem
 * in one answer, next to its field (ids `<form>-<name>`), the input kept (never a password), and a
 * NUL refused on its field like any other problem.
 */

let server: Awaited<ReturnType<typeof startTestServer>>;
let owner: Client;

beforeAll(async () => {
  server = await startTestServer();
  await seedAccounts(server.db);
  owner = await Client.signedIn(server.url, 'company@example.jp', 'demo-company-2026');
});
afterAll(() => server?.close());

const read = async (res: Response) => (await res.text()).replaceAll('<!-- -->', '');

/** The text of the error list tied to a control. */
function errorsOf(html: string, id: string): string {
  const m = new RegExp(`id="${id.replace(/\./g, '\\.')}-error"[^>]*>(.*?)</ul>`, 's').exec(html);
  return m ? m[1].replace(/<[^>]+>/g, '') : '';
}

describe('account forms', () => {
  it('/settings: a NUL in the name is an error on the name field, and nothing is saved', async () => {
    const res = await owner.post('/settings', { intent: 'profile', name: '高橋\u0000美咲' });
    expect(res.status).toBe(400);
    const html = await read(res);
    expect(errorsOf(html, 'profile-name')).toContain('使用できない文字（NUL）が含まれています。');
    expect(html).toContain('data-testid="error-summary"');
    const user = await server.db.selectFrom('users').select('name').where('email', '=', 'company@example.jp').executeTakeFirstOrThrow();
    expect(user.name).not.toContain('\u0000');
  });

  it('/settings: a wrong current password and a weak new one are both reported, and no password is sent back', async () => {
    const res = await owner.post('/settings', { intent: 'password', currentPassword: '', password: 'short' });
    expect(res.status).toBe(400);
    const html = await read(res);
    expect(errorsOf(html, 'password-currentPassword')).toContain('現在のパスワードを入力してください。');
    expect(errorsOf(html, 'password-password')).not.toBe('');
    expect(html).not.toContain('value="short"');
  });

  it('/settings/organisation: a bad URL is shown next to the website field with the description kept', async () => {
    const res = await owner.post('/settings/organisation', { intent: 'profile', description: '地域の観光DXを支援します。', website: 'ftp://mirai.example.jp' });
    expect(res.status).toBe(400);
    const html = await read(res);
    expect(errorsOf(html, 'profile-website')).toContain('URLは https:// から入力してください。');
    expect(html).toContain('地域の観光DXを支援します。</textarea>');
  });

  it('/invitations/:token: the name and the password are checked in one answer, the name kept', async () => {
    expect((await owner.post('/settings/organisation', { intent: 'invite', email: 'forms-colleague@mirai.example.jp' })).status).toBe(302);
    const link = linkIn(await lastMailTo(server.services.config, 'forms-colleague@mirai.example.jp'), '/invitations/');
    const invited = new Client(server.url);
    const res = await invited.post(link, { name: '同僚\u0000次郎', password: '' });
    expect(res.status).toBe(400);
    const html = await read(res);
    expect(errorsOf(html, 'field-name')).toContain('使用できない文字（NUL）が含まれています。');
    expect(errorsOf(html, 'field-password')).toContain('パスワードを入力してください。');
    expect((await invited.post(link, { name: '同僚 次郎', password: 'team-player-2026' })).status).toBe(302);
  });

  it('/admin/users and /admin/approvals: a NUL in the reason is an error on that row\'s reason field, nothing changes', async () => {
    const operator = await Client.signedIn(server.url, 'operator@example.jp', 'demo-operator-2026');
    const target = await server.db.selectFrom('users').select('id').where('email', '=', 'individual@example.jp').executeTakeFirstOrThrow();
    const suspend = await operator.post('/admin/users', { intent: 'suspend', userId: target.id, reason: '規約\u0000違反' });
    expect(suspend.status).toBe(400);
    expect(errorsOf(await read(suspend), `user-${target.id}-reason`)).toContain('使用できない文字（NUL）が含まれています。');
    expect((await server.db.selectFrom('users').select('disabled_at').where('id', '=', target.id).executeTakeFirstOrThrow()).disabled_at).toBeNull();

    const pending = await server.db.selectFrom('organisations').select('id').where('slug', '=', 'pending-shoji').executeTakeFirstOrThrow();
    const reject = await operator.post('/admin/approvals', { organisationId: pending.id, decision: 'reject', reason: '確認\u0000できません' });
    expect(reject.status).toBe(400);
    const html = await read(reject);
    expect(errorsOf(html, `review-${pending.id}-reason`)).toContain('使用できない文字（NUL）が含まれています。');
    expect(html).toContain(`href="#review-${pending.id}-reason"`);
    const empty = await operator.post('/admin/approvals', { organisationId: pending.id, decision: 'reject', reason: '' });
    expect(errorsOf(await read(empty), `review-${pending.id}-reason`)).toContain('却下する場合は理由を入力してください');
  });

  it('/settings/notifications: saves the ticked boxes (unticked = off) and shows them ticked again', async () => {
    const res = await owner.post('/settings/notifications', { 'message.email': 'on', 'application.inApp': 'on', 'state_change.inApp': 'on', 'state_change.email': 'on', 'proposal.frequency': 'weekly' });
    expect(res.status).toBe(302);
    const html = await read(await owner.get('/settings/notifications'));
    const ticked = (name: string) => new RegExp(`<input type="checkbox" id="field-${name.replace('.', '\\.')}" name="${name.replace('.', '\\.')}"[^>]*checked`).test(html);
    expect(ticked('message.email')).toBe(true);
    expect(ticked('application.inApp')).toBe(true);
    expect(ticked('application.email')).toBe(false);
    expect(ticked('interview.inApp')).toBe(false);
    expect(ticked('state_change.email')).toBe(true);
  });
});
