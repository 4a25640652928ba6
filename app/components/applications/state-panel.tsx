import { Form } from '@remix-run/react';
import { STATE_LABELS, type ApplicationState } from '../../domain/applications/states';

type Move = { to: ApplicationState; label: string; needsReason: boolean };

/** The state changes this party may make now; leaving (辞退/見送り) asks for a reason. */
export function StatePanel(props: { moves: Move[]; state: ApplicationState; stateReason: string | null; values?: Record<string, string> }) {
  const forward = props.moves.filter((m) => !m.needsReason);
  const leave = props.moves.find((m) => m.needsReason);
  return (
    <section aria-labelledby="state-title" className="card space-y-4">
      <h2 id="state-title" className="section-title">
        状態の変更
      </h2>
      <p>
        現在の状態：<strong>{STATE_LABELS[props.state]}</strong>
        {props.stateReason ? `（理由：${props.stateReason}）` : ''}
      </p>
      {props.moves.length === 0 ? <p className="text-sm text-solid-gray-700">あなたが今行える状態の変更はありません。</p> : null}
      <div className="flex flex-wrap gap-3">
        {forward.map((m) => (
          <Form method="post" key={m.to}>
            <input type="hidden" name="intent" value="state" />
            <input type="hidden" name="to" value={m.to} />
            <button type="submit" className="btn-secondary">
              {m.label}
            </button>
          </Form>
        ))}
      </div>
      {leave ? (
        <details>
          <summary className="cursor-pointer">{leave.label}</summary>
          <Form method="post" className="mt-3 space-y-2">
            <input type="hidden" name="intent" value="state" />
            <input type="hidden" name="to" value={leave.to} />
            <label htmlFor="state-reason" className="field-label">
              理由<span className="required-mark">必須</span>
            </label>
            <textarea id="state-reason" name="reason" required maxLength={500} rows={3} className="field-input" defaultValue={props.values?.reason ?? ''} />
            <button type="submit" className="btn-danger">
              {leave.label}
            </button>
          </Form>
        </details>
      ) : null}
    </section>
  );
}
