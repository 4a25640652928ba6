import type { SubmissionResult } from '@conform-to/react';
import { Form } from '@remix-run/react';
import { ErrorList, Field, SubmissionKey, SubmitButton } from '../forms';

type Slot = { id: number; label: string; location: string; status: 'proposed' | 'accepted' | 'declined' | 'withdrawn'; mine: boolean };

const STATUS: Record<Slot['status'], string> = { proposed: '回答待ち', accepted: '承諾済み', declined: '不採用', withdrawn: '取り下げ' };

/** Proposed interview slots: the other side accepts one; the accepted one downloads as .ics. */
/** The rows typed in a refused proposal, in order. */
const rows = (v: unknown): string[] => (Array.isArray(v) ? v.map((x) => (typeof x === 'string' ? x : '')) : typeof v === 'string' ? [v] : []);

/** The proposal is the form `slots`; a refused one comes back open, with its errors and everything typed. */
export function SlotsPanel(props: {
  applicationId: number;
  slots: Slot[];
  canPropose: boolean;
  result?: SubmissionResult<string[]>;
  /** a refused acceptance (the form `accept`): its error is shown at the slot choice, where the summary links */
  acceptResult?: SubmissionResult<string[]>;
  submissionKey?: string;
}) {
  const typed = props.result?.initialValue ?? {};
  const starts = rows(typed.slotStart);
  const ends = rows(typed.slotEnd);
  const errors = props.result?.error ?? {};
  const acceptErrors = props.acceptResult?.error?.slotId ?? undefined;
  const open = props.slots.filter((s) => s.status === 'proposed' || s.status === 'accepted');
  return (
    <section id="slots" aria-labelledby="slots-title" className="card space-y-4">
      <h2 id="slots-title" className="section-title">
        面談日時
      </h2>
      {/* The slot choice: an accept form's one field is the button pressed, so the summary's link for slotId lands here. */}
      <div id="accept-slotId" tabIndex={-1} className="space-y-2" aria-describedby={acceptErrors?.length ? 'accept-slotId-error' : undefined}>
        {open.length === 0 ? <p className="text-sm text-solid-gray-700">提案された候補日時はまだありません。</p> : null}
        <ErrorList id="accept-slotId-error" errors={acceptErrors} />
        <ul className="space-y-2">
          {open.map((s) => (
            <li key={s.id} className="flex flex-wrap items-center gap-3" data-testid="slot">
              <span>
                {s.label}
                {s.location ? `（${s.location}）` : ''}
              </span>
              <span className={`badge ${s.status === 'accepted' ? 'badge-green' : 'badge-gray'}`}>{STATUS[s.status]}</span>
              {s.status === 'proposed' && !s.mine ? (
                <Form method="post">
                  <input type="hidden" name="intent" value="accept" />
                  <input type="hidden" name="slotId" value={s.id} />
                  {props.submissionKey ? <SubmissionKey value={props.submissionKey} /> : null}
                  <SubmitButton className="btn-primary btn-small">この日時で承諾する</SubmitButton>
                </Form>
              ) : null}
              {s.status === 'accepted' ? (
                <a href={`/applications/${props.applicationId}/slots/${s.id}/ics`} download>
                  カレンダーに追加（.ics）
                </a>
              ) : null}
            </li>
          ))}
        </ul>
      </div>
      {props.canPropose ? (
        <details open={props.result ? true : undefined}>
          <summary className="cursor-pointer font-bold">候補日時を提案する</summary>
          <Form method="post" id="slots" className="mt-3 space-y-3">
            <input type="hidden" name="intent" value="slots" />
            {props.submissionKey ? <SubmissionKey value={props.submissionKey} /> : null}
            <p className="field-hint">日本時間で入力してください。最大5件まで提案できます。</p>
            {[0, 1, 2].map((i) => (
              <fieldset key={i} className="flex min-w-0 flex-wrap items-end gap-3">
                <legend className="field-label">候補{i + 1}</legend>
                <label className="text-sm">
                  開始
                  <input type="datetime-local" name="slotStart" id={i === 0 ? 'slots-slotStart' : undefined} className="field-input max-w-full" required={i === 0} defaultValue={starts[i] ?? ''} />
                </label>
                <label className="text-sm">
                  終了
                  <input type="datetime-local" name="slotEnd" id={i === 0 ? 'slots-slotEnd' : undefined} className="field-input max-w-full" required={i === 0} defaultValue={ends[i] ?? ''} />
                </label>
              </fieldset>
            ))}
            <ErrorList id="slots-slotStart-error" errors={errors.slotStart ?? undefined} />
            <ErrorList id="slots-slotEnd-error" errors={errors.slotEnd ?? undefined} />
            <Field
              name="location"
              formId="slots"
              label="場所・方法"
              maxLength={200}
              errors={errors.location ?? undefined}
              defaultValue={typeof typed.location === 'string' ? typed.location : undefined}
              placeholder="例：オンライン（URLは後日お送りします）"
            />
            <SubmitButton className="btn-secondary">候補日時を送る</SubmitButton>
          </Form>
        </details>
      ) : null}
    </section>
  );
}
