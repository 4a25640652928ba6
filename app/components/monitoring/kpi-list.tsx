import type { Kpi } from '../../services/monitoring.server';
import { formatNumber } from '../../utils/dates';

export function KpiList({ kpis, label }: { kpis: Kpi[]; label: string }) {
  return (
    <dl aria-label={label} className="grid grid-cols-2 gap-3 sm:grid-cols-3 lg:grid-cols-5">
      {kpis.map((k) => (
        <div key={k.id} className="card flex flex-col-reverse gap-1 p-4" data-kpi={k.id}>
          <dt className="text-sm text-solid-gray-700">{k.label}</dt>
          <dd className="text-2xl font-bold tabular-nums text-solid-gray-900">
            {k.suppressed ? (k.hiddenText ?? '3未満') : k.value === null ? '—' : formatNumber(k.value)}
            {k.value !== null && !k.suppressed ? <span className="ml-1 text-sm font-normal">{k.unit}</span> : null}
          </dd>
        </div>
      ))}
    </dl>
  );
}
