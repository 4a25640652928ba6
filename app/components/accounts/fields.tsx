import type { ReactNode } from 'react';

export type Errors = Record<string, string[] | undefined>;

type FieldProps = {
  name: string;
  label: string;
  errors?: Errors;
  defaultValue?: string;
  type?: 'text' | 'email' | 'password' | 'tel' | 'url';
  autoComplete?: string;
  hint?: ReactNode;
  required?: boolean;
  inputMode?: 'numeric' | 'text' | 'email' | 'tel' | 'url';
  maxLength?: number;
};

/** A labelled input with its hint and errors wired to it for screen readers (aria-describedby, aria-invalid). */
export function TextField({ name, label, errors, defaultValue, type = 'text', autoComplete, hint, required = true, inputMode, maxLength }: FieldProps) {
  const messages = errors?.[name] ?? [];
  const id = `f-${name}`;
  const described = [hint ? `${id}-hint` : null, messages.length ? `${id}-error` : null].filter(Boolean).join(' ') || undefined;
  return (
    <div className="space-y-1">
      <label htmlFor={id} className="field-label">
        {label}
        {required ? <span className="ml-2 text-sm font-normal text-red-800">必須</span> : <span className="ml-2 text-sm font-normal text-solid-gray-700">任意</span>}
      </label>
      {hint ? (
        <p id={`${id}-hint`} className="text-sm text-solid-gray-700">
          {hint}
        </p>
      ) : null}
      <input
        id={id}
        name={name}
        type={type}
        className="field-input"
        defaultValue={type === 'password' ? undefined : defaultValue}
        autoComplete={autoComplete}
        required={required}
        inputMode={inputMode}
        maxLength={maxLength}
        aria-invalid={messages.length ? true : undefined}
        aria-describedby={described}
      />
      <FieldErrors id={`${id}-error`} messages={messages} />
    </div>
  );
}

export function TextAreaField({ name, label, errors, defaultValue, hint, required = true, rows = 5 }: Omit<FieldProps, 'type'> & { rows?: number }) {
  const messages = errors?.[name] ?? [];
  const id = `f-${name}`;
  const described = [hint ? `${id}-hint` : null, messages.length ? `${id}-error` : null].filter(Boolean).join(' ') || undefined;
  return (
    <div className="space-y-1">
      <label htmlFor={id} className="field-label">
        {label}
        {required ? <span className="ml-2 text-sm font-normal text-red-800">必須</span> : <span className="ml-2 text-sm font-normal text-solid-gray-700">任意</span>}
      </label>
      {hint ? (
        <p id={`${id}-hint`} className="text-sm text-solid-gray-700">
          {hint}
        </p>
      ) : null}
      <textarea
        id={id}
        name={name}
        rows={rows}
        className="field-input"
        defaultValue={defaultValue}
        required={required}
        aria-invalid={messages.length ? true : undefined}
        aria-describedby={described}
      />
      <FieldErrors id={`${id}-error`} messages={messages} />
    </div>
  );
}

export function FieldErrors({ id, messages }: { id: string; messages: string[] }) {
  if (!messages.length) return null;
  return (
    <div id={id} className="field-error">
      {messages.map((m) => (
        <p key={m}>{m}</p>
      ))}
    </div>
  );
}

/** The list of problems at the top of a form, each linking to its field; focused so it is read out first. */
export function ErrorSummary({ errors, labels }: { errors?: Errors; labels: Record<string, string> }) {
  const entries = Object.entries(errors ?? {}).filter(([, m]) => m && m.length) as [string, string[]][];
  if (!entries.length) return null;
  return (
    <div role="alert" aria-labelledby="error-summary-title" tabIndex={-1} className="error-summary mb-0 border-2 p-4" data-testid="error-summary">
      <h2 id="error-summary-title" className="mb-2 font-bold">
        入力内容を確認してください
      </h2>
      <ul className="list-disc space-y-1 pl-5">
        {entries.flatMap(([field, messages]) =>
          messages.map((m) => (
            <li key={`${field}-${m}`}>
              {field === '_form' ? m : <a href={`#f-${field}`}>{`${labels[field] ?? field}：${m}`}</a>}
            </li>
          )),
        )}
      </ul>
    </div>
  );
}

export { Notice } from '../notice';
