import type { MatrixContext, MatrixRow } from '../accounts/matrix';

/**
 * Saved searches are their owner's alone: every signed-in account opens its own list, and another
 * account's search reads as missing (404) for changing or deleting it. The owner's row only reaches
 * the validation (400: empty name), so nothing changes. The notification settings (with the
 * proposal digest's frequency) need a session and are always the signed-in user's own. The
 * unsubscribe link needs no log-in and answers a forged token with 404 for everyone.
 */
export async function rows(ctx: MatrixContext): Promise<MatrixRow[]> {
  const owner = await ctx.db.selectFrom('users').select('id').where('email', '=', 'company@example.jp').executeTakeFirstOrThrow();
  const { id } = await ctx.db
    .insertInto('saved_searches')
    .values({ user_id: owner.id, name: '観光（会社の検索）', params: JSON.stringify({ q: '観光', type: [] }), frequency: 'daily' })
    .returning('id')
    .executeTakeFirstOrThrow();
  const forged = `${owner.id}.${'A'.repeat(43)}`;
  return [
    { method: 'GET', path: '/settings/searches', expect: { anonymous: 302, others: 200 } },
    {
      method: 'POST',
      path: '/settings/searches',
      form: { intent: 'update', id: String(id), name: '', frequency: 'daily' },
      expect: { anonymous: 302, company: 400, others: 404 },
      note: "another user's saved search is missing; the owner reaches the validation",
    },
    { method: 'POST', path: '/settings/searches', form: { intent: 'delete', id: String(id) }, expect: { anonymous: 302, company: 302, others: 404 }, note: 'only the owner deletes (last: the row goes)' },
    { method: 'POST', path: '/search', form: { name: '', frequency: 'sometimes', q: '' }, expect: { anonymous: 302, others: 400 }, note: 'saving needs an account; a bad frequency is refused' },
    {
      method: 'POST',
      path: '/settings/notifications',
      form: { 'proposal.frequency': 'hourly', userId: owner.id },
      expect: { anonymous: 302, others: 400 },
      note: 'the proposal digest setting is the signed-in user’s own; a forged frequency is refused, nothing saved',
    },
    { method: 'GET', path: `/alerts/unsubscribe/${forged}`, expect: { others: 404 }, note: 'a forged unsubscribe token' },
    { method: 'POST', path: `/alerts/unsubscribe/${forged}`, form: { 'List-Unsubscribe': 'One-Click' }, expect: { others: 404 }, note: 'a forged one-click unsubscribe' },
  ];
}
