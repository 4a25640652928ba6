import type { FieldMetadata, SubmissionResult } from '@conform-to/react';
import type { HeadersFunction } from '@remix-run/node';
import { useNavigation } from '@remix-run/react';
import { SUBMISSION_FIELD } from '../schemas/form';
import { useEffect, useRef, type ButtonHTMLAttributes, type InputHTMLAttributes, type ReactNode, type TextareaHTMLAttributes } from 'react';

/*
 * The field kit, following the Digital Agency design system and JIS X 8341-3: every control has a
 * visible label; hints and errors are tied to it with aria-describedby; an invalid control says so
 * with aria-invalid; the summary at the top lists every problem in the order of the fields and
 * links to each one.
 *
 * One id scheme, conform's: a control is `<formId>-<name>`, its error list `<id>-error`, its hint
 * `<id>-description`. A page with one form uses the form id "field" (`field-title`); a page with
 * several gives each its own (`profile-name`, `password-password`).
 *
 * Every control takes either `field` (conform's metadata from useForm, which carries the id, the
 * server's errors and the value to show again) or, for forms laid out from data, `name` with
 * `errors` and `defaultValue`.
 */

export type Errors = Record<string, string[] | undefined>;
type Meta = FieldMetadata<unknown, Record<string, unknown>, string[]>;

export const DEFAULT_FORM_ID = 'field';
export const fieldId = (name: string, formId: string = DEFAULT_FORM_ID) => `${formId}-${name}`;

type Source = { field?: Meta; name?: string; formId?: string; errors?: string[]; defaultValue?: string };

function resolve(p: Source) {
  if (p.field) {
    const v = p.field.initialValue;
    return {
      id: p.field.id,
      name: p.field.name as string,
      errorId: p.field.errorId,
      hintId: p.field.descriptionId,
      errors: p.field.errors,
      value: typeof v === 'string' ? v : undefined,
      values: Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : typeof v === 'string' && v !== '' ? [v] : [],
      maxLength: p.field.maxLength,
    };
  }
  const id = fieldId(p.name!, p.formId);
  return { id, name: p.name!, errorId: `${id}-error`, hintId: `${id}-description`, errors: p.errors, value: p.defaultValue, values: p.defaultValue ? [p.defaultValue] : [], maxLength: undefined };
}

function describedBy(r: { hintId: string; errorId: string; errors?: string[] }, hint: unknown) {
  return [hint ? r.hintId : null, r.errors?.length ? r.errorId : null].filter(Boolean).join(' ') || undefined;
}

export function ErrorList({ id, errors }: { id?: string; errors?: string[] }) {
  if (!errors?.length) return null;
  return (
    <ul id={id} className="field-error space-y-1">
      {errors.map((e) => (
        <li key={e}>
          <span aria-hidden="true">⚠ </span>
          {e}
        </li>
      ))}
    </ul>
  );
}

function Label({ htmlFor, label, required, unmarked, as = 'label' }: { htmlFor?: string; label: ReactNode; required?: boolean; unmarked?: boolean; as?: 'label' | 'legend' }) {
  const content = (
    <>
      {label}
      {required ? <span className="required-mark">必須</span> : unmarked ? null : <span className="optional-mark">任意</span>}
    </>
  );
  return as === 'legend' ? (
    <legend className="field-label">{content}</legend>
  ) : (
    <label htmlFor={htmlFor} className="field-label">
      {content}
    </label>
  );
}

function Hint({ id, hint }: { id: string; hint?: ReactNode }) {
  return hint ? (
    <p id={id} className="field-hint">
      {hint}
    </p>
  ) : null;
}

type Common = Source & { label: ReactNode; hint?: ReactNode; required?: boolean; className?: string };

export function Field({ field, name, formId, errors, defaultValue, label, hint, required, className, type = 'text', ...input }: Common & Omit<InputHTMLAttributes<HTMLInputElement>, 'name' | 'defaultValue' | 'form'>) {
  const r = resolve({ field, name, formId, errors, defaultValue });
  return (
    <div className={className ?? 'field'}>
      <Label htmlFor={r.id} label={label} required={required} />
      <Hint id={r.hintId} hint={hint} />
      <input
        id={r.id}
        name={r.name}
        type={type}
        className="field-input"
        // Passwords are never sent back, so never shown again.
        defaultValue={type === 'password' ? undefined : r.value}
        maxLength={r.maxLength}
        aria-invalid={r.errors?.length ? true : undefined}
        aria-describedby={describedBy(r, hint)}
        aria-required={required || undefined}
        {...input}
      />
      <ErrorList id={r.errorId} errors={r.errors} />
    </div>
  );
}

/**
 * A textarea; `compact` sizes it by `rows` alone (a clause of a template, not a long answer) and
 * `unmarked` leaves out the 任意 mark on a form whose fields are all edited texts.
 */
export function TextareaField({
  field,
  name,
  formId,
  errors,
  defaultValue,
  label,
  hint,
  required,
  className,
  compact,
  mono,
  unmarked,
  ...input
}: Common & { compact?: boolean; mono?: boolean; unmarked?: boolean } & Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, 'name' | 'defaultValue' | 'form'>) {
  const r = resolve({ field, name, formId, errors, defaultValue });
  return (
    <div className={className ?? 'field'}>
      <Label htmlFor={r.id} label={label} required={required} unmarked={unmarked} />
      <Hint id={r.hintId} hint={hint} />
      <textarea
        id={r.id}
        name={r.name}
        className={`field-input${compact ? '' : ' min-h-[6rem]'}${mono ? ' font-mono text-sm' : ''}`}
        spellCheck={mono ? false : undefined}
        defaultValue={r.value}
        aria-invalid={r.errors?.length ? true : undefined}
        aria-describedby={describedBy(r, hint)}
        aria-required={required || undefined}
        rows={8}
        {...input}
      />
      <ErrorList id={r.errorId} errors={r.errors} />
    </div>
  );
}

export type SelectOption = { value: string; label: string };
/** Options under a heading (`<optgroup>`), such as the audit log's actions by area. */
export type SelectOptionGroup = { group: string; options: readonly SelectOption[] };

const optionOf = (o: SelectOption) => (
  <option key={o.value} value={o.value}>
    {o.label}
  </option>
);

/** A select; `options` may mix plain options and groups. `unmarked` leaves out the 任意 mark (a filter, where every field is optional). */
export function SelectField({
  options,
  placeholder,
  label,
  hint,
  required,
  unmarked,
  className,
  ...source
}: Common & { options: readonly (SelectOption | SelectOptionGroup)[]; placeholder?: string; unmarked?: boolean }) {
  const r = resolve(source);
  return (
    <div className={className ?? 'field'}>
      <Label htmlFor={r.id} label={label} required={required} unmarked={unmarked} />
      <Hint id={r.hintId} hint={hint} />
      <select id={r.id} name={r.name} className="field-input" defaultValue={r.value ?? ''} aria-invalid={r.errors?.length ? true : undefined} aria-describedby={describedBy(r, hint)}>
        {placeholder !== undefined ? <option value="">{placeholder}</option> : null}
        {options.map((o) =>
          'group' in o ? (
            <optgroup key={`group-${o.group}`} label={o.group}>
              {o.options.map(optionOf)}
            </optgroup>
          ) : (
            optionOf(o)
          ),
        )}
      </select>
      <ErrorList id={r.errorId} errors={r.errors} />
    </div>
  );
}

/** Checkboxes (or radio buttons) sharing one name; the first carries the field id so the summary link lands on it. */
export function ChoiceGroup({
  type = 'checkbox',
  options,
  legend,
  hint,
  required,
  columns = 2,
  values,
  onChoose,
  ...source
}: Omit<Common, 'label'> & {
  type?: 'checkbox' | 'radio';
  legend: ReactNode;
  options: readonly { value: string; label: ReactNode }[];
  /** chosen values when the form is laid out from data */
  values?: readonly string[];
  columns?: 1 | 2 | 3 | 4;
  onChoose?: (value: string) => void;
}) {
  const r = resolve(source);
  const chosen = values ?? r.values;
  const grid = { 1: '', 2: 'sm:grid-cols-2', 3: 'sm:grid-cols-3', 4: 'grid-cols-2 sm:grid-cols-4' }[columns];
  return (
    <fieldset className="field" aria-describedby={describedBy(r, hint)} aria-invalid={r.errors?.length ? true : undefined}>
      <Label label={legend} required={required} as="legend" />
      <Hint id={r.hintId} hint={hint} />
      <div className={`grid gap-2 ${grid}`}>
        {options.map((o, i) => (
          <label key={o.value} className="checkbox-row">
            <input
              type={type}
              name={r.name}
              value={o.value}
              defaultChecked={chosen.includes(o.value)}
              id={i === 0 ? r.id : undefined}
              className="checkbox"
              onChange={onChoose ? () => onChoose(o.value) : undefined}
            />
            <span>{o.label}</span>
          </label>
        ))}
      </div>
      <ErrorList id={r.errorId} errors={r.errors} />
    </fieldset>
  );
}

/** One checkbox (sent as "on" when ticked). */
export function Checkbox({ label, hint, checked, ...source }: Omit<Common, 'required' | 'className'> & { checked?: boolean }) {
  const r = resolve(source);
  return (
    <div className="field">
      <label className="checkbox-row">
        <input type="checkbox" id={r.id} name={r.name} defaultChecked={checked ?? r.value === 'on'} className="checkbox" aria-describedby={describedBy(r, hint)} aria-invalid={r.errors?.length ? true : undefined} />
        <span className="font-bold">{label}</span>
      </label>
      <Hint id={r.hintId} hint={hint} />
      <ErrorList id={r.errorId} errors={r.errors} />
    </div>
  );
}

/** The problems to list: form-level first, then each field in the order of `labels` (the form's order), then any other. */
export function summaryEntries(errors: Record<string, string[] | null | undefined>, labels: Record<string, string>) {
  const base = (key: string) => key.replace(/\[\d+\]$/, '');
  const byField = new Map<string, string[]>();
  for (const [key, messages] of Object.entries(errors)) {
    if (!messages?.length) continue;
    const name = base(key);
    const list = byField.get(name) ?? [];
    for (const m of messages) if (!list.includes(m)) list.push(m);
    byField.set(name, list);
  }
  const order = Object.keys(labels);
  const rank = (name: string) => (name === '' ? -1 : order.includes(name) ? order.indexOf(name) : order.length);
  return [...byField.entries()].sort(([a], [b]) => rank(a) - rank(b));
}

/**
 * The list of problems at the top of a form. It takes focus when a failed submission comes back,
 * so a screen reader reads it first; each entry links to its field. Give it the action's
 * SubmissionResult (`result`), or plain `errors` for forms laid out from data.
 */
export function ErrorSummary({
  result,
  errors,
  formErrors,
  labels,
  formId = DEFAULT_FORM_ID,
  title,
  className,
  children,
}: {
  result?: SubmissionResult<string[]> | null;
  errors?: Errors;
  formErrors?: string[];
  labels: Record<string, string>;
  formId?: string;
  /** the heading, where the page says more than the count (a filter shown with its default instead) */
  title?: ReactNode;
  /** more classes (`print-hidden` on a page meant for printing) */
  className?: string;
  children?: ReactNode;
}) {
  const all: Record<string, string[] | null | undefined> = { ...(result?.error ?? {}), ...(errors ?? {}) };
  if (formErrors?.length) all[''] = [...(all[''] ?? []), ...formErrors];
  const entries = summaryEntries(all, labels);
  const ref = useRef<HTMLDivElement>(null);
  const shown = entries.length > 0;
  const trigger = result ?? errors ?? formErrors;
  useEffect(() => {
    if (shown) ref.current?.focus();
  }, [shown, trigger]);
  if (!shown) return null;
  const fieldCount = entries.filter(([name]) => name !== '').reduce((n, [, m]) => n + m.length, 0);
  return (
    <div ref={ref} role="alert" aria-labelledby={`${formId}-error-summary-title`} tabIndex={-1} className={className ? `error-summary ${className}` : 'error-summary'} data-testid="error-summary">
      <h2 id={`${formId}-error-summary-title`} className="text-lg font-bold">
        {title ?? (fieldCount ? `入力内容に${fieldCount}件の問題があります` : '操作を完了できませんでした')}
      </h2>
      <ul className="mt-2 list-disc space-y-1 pl-6">
        {entries.flatMap(([name, messages]) =>
          messages.map((m) => (
            <li key={`${name}-${m}`}>
              {name === '' ? (
                m
              ) : (
                <a href={`#${fieldId(name, formId)}`}>
                  {labels[name] ? `${labels[name]}: ` : ''}
                  {m}
                </a>
              )}
            </li>
          )),
        )}
      </ul>
      {children}
    </div>
  );
}

/**
 * A submit button that shows the busy state while its form is being sent: with JavaScript every
 * SubmitButton on the page is disabled during a submission and the pressed one reads 「送信中…」, so a
 * second click cannot send the form twice. Without JavaScript it is a plain button.
 */
export function SubmitButton({
  children,
  name,
  value,
  formAction,
  disabled,
  className = 'btn-primary',
  ...rest
}: Omit<ButtonHTMLAttributes<HTMLButtonElement>, 'type' | 'value'> & { value?: string; formAction?: string }) {
  const navigation = useNavigation();
  const busy = navigation.state !== 'idle' && navigation.formData !== undefined;
  // The pressed button is the one whose name=value was sent (or, unnamed, the one posting to that action).
  const mine = busy && (name ? navigation.formData?.get(name) === value : !formAction || navigation.formAction === formAction);
  return (
    <button {...rest} type="submit" name={name} value={value} formAction={formAction} className={className} disabled={busy || disabled}>
      {mine ? '送信中…' : children}
    </button>
  );
}

/**
 * The one-time key of a create form (made by the page's loader with newSubmissionKey): the server
 * answers the same submission sent twice with the first answer (answerOnce in app/utils/forms.server.ts).
 */
export function SubmissionKey({ value }: { value: string }) {
  return <input type="hidden" name={SUBMISSION_FIELD} value={value} />;
}

/**
 * The `headers` export of a page whose loader hands out a submission key: the loader's
 * `Cache-Control: private, no-store` reaches the page itself, so no cache (the page cache for
 * anonymous visitors, the browser's) gives two visitors, or two visits, the same key.
 */
export const submissionPageHeaders: HeadersFunction = ({ loaderHeaders }) => {
  const cacheControl = loaderHeaders.get('Cache-Control');
  return cacheControl ? { 'Cache-Control': cacheControl } : new Headers();
};
