import type { SubmissionResult } from '@conform-to/react';
import { Form } from '@remix-run/react';
import { TextareaField } from '../forms';
import { STATE_LABELS, type ApplicationState } from '../../domain/applications/states';

type Move = { to: ApplicationState; label: string; needsReason: boolean };

/** The state changes this party may make now; leaving (辞退/見送り) asks for a reason. */
/** The leave form is the form `state`; a refused one comes back open, with its error and the reason typed. */
export function StatePanel(props: { moves: Move[]; state: ApplicationState; stateReason: string | null; result?: SubmissionResult<string[]> }) {
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
        <details open={props.result?.initialValue?.to === leave.to || undefined}>
          <summary className="cursor-pointer">{leave.label}</summary>
          <Form method="post" id="state" className="mt-3 space-y-2">
            <input type="hidden" name="intent" value="state" />
            <input type="hidden" name="to" value={leave.to} />
            <TextareaField
              name="reason"
              formId="state"
              label="理由"
              required
              maxLength={500}
              rows={3}
              compact
              errors={props.result?.error?.reason ?? undefined}
              defaultValue={typeof props.result?.initialValue?.reason === 'string' ? props.result.initialValue.reason : undefined}
            />
            <button type="submit" className="btn-danger">
              {leave.label}
            </button>
          </Form>
        </details>
      ) : null}
    </section>
  );
}
