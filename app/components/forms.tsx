import { useEffect, useRef, type InputHTMLAttributes, type ReactNode, type TextareaHTMLAttributes } from 'react';

/*
 * Form building blocks that follow the Digital Agency design system and JIS X 8341-3:
 * every control has a visible label, hints and errors are tied to it with aria-describedby,
 * an invalid control says so with aria-invalid, and the summary at the top links to each field.
 */

export type Errors = Record<string, string[] | undefined>;
export type Values = Record<string, string | string[] | undefined>;

export const fieldId = (name: string) => `field-${name}`;
const errorId = (name: string) => `${fieldId(name)}-error`;
const hintId = (name: string) => `${fieldId(name)}-hint`;

function describedBy(name: string, hint: unknown, errors: string[] | undefined) {
  return [hint ? hintId(name) : null, errors?.length ? errorId(name) : null].filter(Boolean).join(' ') || undefined;
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

/** The list of problems at the top of a form; focused after a failed submit so screen readers read it first. */
export function ErrorSummary({ errors, labels, formError }: { errors?: Errors; labels: Record<string, string>; formError?: string }) {
  const entries = Object.entries(errors ?? {}).filter(([, v]) => v?.length);
  const ref = useRef<HTMLDivElement>(null);
  const shown = entries.length > 0 || Boolean(formError);
  useEffect(() => {
    if (shown) ref.current?.focus();
  }, [shown, errors, formError]);
  if (!shown) return null;
  return (
    <div ref={ref} role="alert" aria-labelledby="error-summary-title" tabIndex={-1} className="error-summary" id="error-summary">
      <h2 id="error-summary-title" className="text-lg font-bold">
        {entries.length ? `入力内容に${entries.length}件の問題があります` : '操作を完了できませんでした'}
      </h2>
      {formError ? <p className="mt-2">{formError}</p> : null}
      {entries.length ? (
        <ul className="mt-2 list-disc space-y-1 pl-6">
          {entries.map(([name, msgs]) => (
            <li key={name}>
              <a href={`#${fieldId(name)}`}>
                {labels[name] ? `${labels[name]}: ` : ''}
                {msgs![0]}
              </a>
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}

function Label({ name, label, required, as = 'label' }: { name: string; label: ReactNode; required?: boolean; as?: 'label' | 'legend' }) {
  const content = (
    <>
      {label}
      {required ? <span className="required-mark">必須</span> : <span className="optional-mark">任意</span>}
    </>
  );
  return as === 'legend' ? (
    <legend className="field-label">{content}</legend>
  ) : (
    <label htmlFor={fieldId(name)} className="field-label">
      {content}
    </label>
  );
}

function Hint({ name, hint }: { name: string; hint?: ReactNode }) {
  return hint ? (
    <p id={hintId(name)} className="field-hint">
      {hint}
    </p>
  ) : null;
}

type FieldProps = {
  name: string;
  label: ReactNode;
  hint?: ReactNode;
  errors?: string[];
  required?: boolean;
  className?: string;
};

export function Field({ name, label, hint, errors, required, className, ...input }: FieldProps & Omit<InputHTMLAttributes<HTMLInputElement>, 'name'>) {
  return (
    <div className={className ?? 'field'}>
      <Label name={name} label={label} required={required} />
      <Hint name={name} hint={hint} />
      <input
        id={fieldId(name)}
        name={name}
        className="field-input"
        aria-invalid={errors?.length ? true : undefined}
        aria-describedby={describedBy(name, hint, errors)}
        aria-required={required || undefined}
        {...input}
      />
      <ErrorList id={errorId(name)} errors={errors} />
    </div>
  );
}

export function TextareaField({ name, label, hint, errors, required, className, ...input }: FieldProps & Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, 'name'>) {
  return (
    <div className={className ?? 'field'}>
      <Label name={name} label={label} required={required} />
      <Hint name={name} hint={hint} />
      <textarea
        id={fieldId(name)}
        name={name}
        className="field-input min-h-[10rem]"
        aria-invalid={errors?.length ? true : undefined}
        aria-describedby={describedBy(name, hint, errors)}
        aria-required={required || undefined}
        rows={8}
        {...input}
      />
      <ErrorList id={errorId(name)} errors={errors} />
    </div>
  );
}

export function SelectField({
  name,
  label,
  hint,
  errors,
  required,
  options,
  defaultValue,
  placeholder,
  className,
}: FieldProps & { options: readonly { value: string; label: string }[]; defaultValue?: string; placeholder?: string }) {
  return (
    <div className={className ?? 'field'}>
      <Label name={name} label={label} required={required} />
      <Hint name={name} hint={hint} />
      <select
        id={fieldId(name)}
        name={name}
        className="field-input"
        defaultValue={defaultValue ?? ''}
        aria-invalid={errors?.length ? true : undefined}
        aria-describedby={describedBy(name, hint, errors)}
      >
        {placeholder !== undefined ? <option value="">{placeholder}</option> : null}
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
      <ErrorList id={errorId(name)} errors={errors} />
    </div>
  );
}

/** A group of checkboxes sharing one name; the first box carries the field id so the summary link lands on it. */
export function CheckboxGroup({
  name,
  legend,
  hint,
  errors,
  required,
  options,
  values,
  columns = 2,
}: {
  name: string;
  legend: ReactNode;
  hint?: ReactNode;
  errors?: string[];
  required?: boolean;
  options: readonly { value: string; label: string }[];
  values?: readonly string[];
  columns?: 1 | 2 | 3 | 4;
}) {
  const grid = { 1: '', 2: 'sm:grid-cols-2', 3: 'sm:grid-cols-3', 4: 'grid-cols-2 sm:grid-cols-4' }[columns];
  return (
    <fieldset className="field" aria-describedby={describedBy(name, hint, errors)} aria-invalid={errors?.length ? true : undefined}>
      <Label name={name} label={legend} required={required} as="legend" />
      <Hint name={name} hint={hint} />
      <div className={`grid gap-2 ${grid}`}>
        {options.map((o, i) => (
          <label key={o.value} className="checkbox-row">
            <input type="checkbox" name={name} value={o.value} defaultChecked={values?.includes(o.value)} id={i === 0 ? fieldId(name) : undefined} className="checkbox" />
            <span>{o.label}</span>
          </label>
        ))}
      </div>
      <ErrorList id={errorId(name)} errors={errors} />
    </fieldset>
  );
}

export function Checkbox({ name, label, hint, checked, errors }: { name: string; label: ReactNode; hint?: ReactNode; checked?: boolean; errors?: string[] }) {
  return (
    <div className="field">
      <label className="checkbox-row">
        <input
          type="checkbox"
          id={fieldId(name)}
          name={name}
          defaultChecked={checked}
          className="checkbox"
          aria-describedby={describedBy(name, hint, errors)}
        />
        <span className="font-bold">{label}</span>
      </label>
      <Hint name={name} hint={hint} />
      <ErrorList id={errorId(name)} errors={errors} />
    </div>
  );
}

/** A value for defaultValue from re-displayed form values. */
export function str(values: Values | undefined, name: string): string {
  const v = values?.[name];
  return Array.isArray(v) ? (v[0] ?? '') : (v ?? '');
}

export function arr(values: Values | undefined, name: string): string[] {
  const v = values?.[name];
  return Array.isArray(v) ? v : v ? [v] : [];
}
