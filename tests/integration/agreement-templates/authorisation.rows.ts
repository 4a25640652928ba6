import type { MatrixRow } from '../accounts/matrix';

/**
 * Clause templates: operators only. Every other account (municipality, company, individual, ministry,
 * pending) gets 403 and anonymous visitors are sent to log in; no row changes a template.
 */
export function rows(): MatrixRow[] {
  const page = '/admin/templates/dispatch/2026';
  const operatorOnly = (operator: number) => ({ anonymous: 302, operator, others: 403 });
  return [
    { method: 'GET', path: '/admin/templates', expect: operatorOnly(200), note: 'the list of templates per kind and fiscal year' },
    { method: 'GET', path: page, expect: operatorOnly(200), note: 'the editor with its history' },
    { method: 'GET', path: '/admin/templates/senior/2031', expect: operatorOnly(404), note: 'a fiscal year without a template of its own' },
    { method: 'GET', path: '/admin/templates/unknown/2026', expect: operatorOnly(404), note: 'an unknown kind' },
    { method: 'POST', path: page, form: { intent: 'preview', baseVersion: '0' }, expect: operatorOnly(200), note: 'preview (nothing is saved)' },
    { method: 'POST', path: page, form: { intent: 'save', baseVersion: '0' }, expect: operatorOnly(400), note: 'saving (400: no note, nothing changed)' },
    { method: 'POST', path: page, form: { intent: 'copy', targetFiscalYear: '2026', copyNote: '' }, expect: operatorOnly(400), note: 'next fiscal year (400: same year, no note)' },
  ];
}
