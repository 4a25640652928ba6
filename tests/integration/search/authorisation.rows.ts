import type { MatrixContext, MatrixRow } from '../accounts/matrix';

/**
 * Search administration: the operators' menu and the synonym dictionary. Only operators; every other
 * signed-in account (municipality, company, individual, ministry, pending) gets 403, anonymous
 * visitors are sent to log in. The POST rows never change anything: an empty group is refused (400)
 * and the group to delete does not exist (404), so each persona sees the same table.
 */
export async function rows(ctx: MatrixContext): Promise<MatrixRow[]> {
  const group = await ctx.db.selectFrom('search_synonyms').select('id').orderBy('id').executeTakeFirstOrThrow();
  const onlyOperators = (operator: number) => ({ anonymous: 302, operator, others: 403 });
  return [
    { method: 'GET', path: '/admin', expect: onlyOperators(200) },
    { method: 'GET', path: '/admin/synonyms', expect: onlyOperators(200) },
    { method: 'GET', path: `/admin/synonyms?q=${encodeURIComponent('DX')}`, expect: onlyOperators(200) },
    { method: 'GET', path: `/admin/synonyms/${group.id}`, expect: onlyOperators(200) },
    { method: 'GET', path: `/admin/synonyms/${group.id}/delete`, expect: onlyOperators(200) },
    { method: 'POST', path: '/admin/synonyms', form: { terms: '', note: '' }, expect: onlyOperators(400), note: 'adding: only operators reach the validation (400: no terms)' },
    {
      method: 'POST',
      path: `/admin/synonyms/${group.id}`,
      form: { terms: 'ひとつだけ', note: '' },
      expect: onlyOperators(400),
      note: 'editing: only operators reach the validation (400: one term)',
    },
    { method: 'POST', path: '/admin/synonyms/2147483000/delete', expect: onlyOperators(404), note: 'deleting: only operators learn the group does not exist' },
  ];
}
