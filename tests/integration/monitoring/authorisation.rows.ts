import type { MatrixRow } from '../accounts/matrix';

/** Monitoring: the ministry and operators only; every other signed-in account gets 403. */
export function rows(): MatrixRow[] {
  const onlyMinistry = { anonymous: 302, ministry: 200, operator: 200, others: 403 };
  return [
    { method: 'GET', path: '/monitoring', expect: onlyMinistry },
    { method: 'GET', path: '/monitoring?fy=2026&type=dispatch&pref=32', expect: onlyMinistry },
    { method: 'GET', path: '/monitoring/report?month=2026-04', expect: onlyMinistry },
    { method: 'GET', path: '/monitoring/export/by-prefecture.csv', expect: onlyMinistry },
    { method: 'GET', path: '/monitoring/export/status.xlsx', expect: onlyMinistry },
    { method: 'GET', path: '/monitoring/export/proposals.csv?fy=2026&pref=36', expect: onlyMinistry },
    { method: 'POST', path: '/monitoring', expect: { anonymous: 302, ministry: 302, operator: 302, others: 403 }, note: 're-aggregation, then back to the view' },
  ];
}
