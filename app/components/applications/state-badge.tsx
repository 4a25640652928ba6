import { PROGRESS, STATE_LABELS, stateLabel, type ApplicationState } from '../../domain/applications/states';

const TONE: Record<ApplicationState, string> = {
  applied: 'badge-blue',
  in_dialogue: 'badge-blue',
  interview: 'badge-yellow',
  agreed: 'badge-green',
  preparing: 'badge-green',
  concluded: 'badge-green',
  withdrawn: 'badge-gray',
  declined: 'badge-gray',
};

export function StateBadge({ state, kind }: { state: ApplicationState; kind?: 'application' | 'scout' }) {
  return (
    <span className={`badge ${TONE[state]}`} data-testid="application-state">
      {stateLabel(state, kind)}
    </span>
  );
}

export function InquiryBadge() {
  return <span className="badge badge-red">問い合わせ（対象外の組み合わせ）</span>;
}

/** The main line with the current step marked; leaving states show on their own. */
export function Progress({ state }: { state: ApplicationState }) {
  const at = PROGRESS.indexOf(state);
  return (
    <ol className="flex flex-wrap gap-2 text-sm" aria-label="進み具合">
      {PROGRESS.map((s, i) => (
        <li key={s} aria-current={s === state ? 'step' : undefined} className={s === state ? 'font-bold text-blue-900' : i < at ? 'text-solid-gray-800' : 'text-solid-gray-600'}>
          {i > 0 ? <span aria-hidden="true">→ </span> : null}
          {STATE_LABELS[s]}
        </li>
      ))}
    </ol>
  );
}
