import { Form } from '@remix-run/react';
import { Field, fieldId, SelectField, SubmissionKey, SubmitButton, TextareaField, type Errors } from '../forms';
import { displayValue, fieldsFor, FORM_SECTIONS, type FormFieldSpec } from '../../domain/agreements/form';
import type { AgreementKind } from '../../domain/agreements/draft';

function Control({ f, value, errors }: { f: FormFieldSpec; value: string; errors?: string[] }) {
  const common = { name: f.name, label: f.label, hint: f.hint, errors, required: !f.optional };
  switch (f.input) {
    case 'textarea':
      return <TextareaField {...common} defaultValue={value} rows={3} className="field" />;
    case 'lines':
      return <TextareaField {...common} defaultValue={value} rows={f.name === 'duties' ? 6 : 3} />;
    case 'select':
    case 'yesno':
      return <SelectField {...common} options={f.options ?? []} defaultValue={value} placeholder="選択してください" />;
    case 'date':
      return <Field {...common} type="date" defaultValue={value} />;
    case 'number':
      return (
        <Field
          {...common}
          type="text"
          inputMode="numeric"
          defaultValue={value}
          hint={[f.hint, f.unit ? `単位：${f.unit}` : null].filter(Boolean).join('／') || undefined}
        />
      );
    default:
      return <Field {...common} type="text" defaultValue={value} />;
  }
}

/**
 * The structured form of a draft, one fieldset per section. It names the version it was based on, so a
 * save on top of a newer version is refused instead of silently overwriting it.
 */
export function AgreementForm(props: { kind: AgreementKind; baseVersion: number; values: Record<string, string>; errors: Errors; submissionKey?: string }) {
  const fields = fieldsFor(props.kind);
  return (
    <Form method="post" noValidate aria-labelledby="form-title" className="space-y-6">
      <input type="hidden" name="intent" value="save" />
      <input type="hidden" name="baseVersion" value={props.baseVersion} />
      {props.submissionKey ? <SubmissionKey value={props.submissionKey} /> : null}
      {FORM_SECTIONS.map((s) => {
        const inSection = fields.filter((f) => f.section === s.id);
        if (inSection.length === 0) return null;
        return (
          <fieldset key={s.id} className="card">
            <legend className="px-2 text-lg font-bold">{s.title}</legend>
            <div className="grid gap-x-6 md:grid-cols-2">
              {inSection.map((f) => (
                <div key={f.name} className={f.input === 'textarea' || f.input === 'lines' ? 'md:col-span-2' : undefined}>
                  <Control f={f} value={props.values[f.name] ?? ''} errors={props.errors[f.name]} />
                </div>
              ))}
            </div>
          </fieldset>
        );
      })}
      <div className="flex flex-wrap items-center gap-4">
        <SubmitButton>保存して新しい版にする</SubmitButton>
        <p className="text-sm text-solid-gray-700">保存するたびに新しい版になります。保存すると、それより前の版への合意は取り消されます。</p>
      </div>
    </Form>
  );
}

/** The draft as read-only text (after conclusion, or for a version page). */
export function AgreementValues(props: { kind: AgreementKind; values: Record<string, string>; errors?: Errors }) {
  const fields = fieldsFor(props.kind);
  return (
    <div className="space-y-6">
      {FORM_SECTIONS.map((s) => {
        const inSection = fields.filter((f) => f.section === s.id);
        if (inSection.length === 0) return null;
        return (
          <section key={s.id} className="card" aria-labelledby={`values-${s.id}`}>
            <h3 id={`values-${s.id}`} className="mb-3 text-lg font-bold">
              {s.title}
            </h3>
            <dl className="dl-grid">
              {inSection.map((f) => (
                <div key={f.name} className="contents">
                  <dt id={fieldId(f.name)}>{f.label}</dt>
                  <dd className="whitespace-pre-wrap break-words">
                    {displayValue(f, props.values[f.name] ?? '') || <span className="text-solid-gray-600">（未入力）</span>}
                    {props.errors?.[f.name]?.map((e) => (
                      <span key={e} className="field-error block">
                        <span aria-hidden="true">⚠ </span>
                        {e}
                      </span>
                    ))}
                  </dd>
                </div>
              ))}
            </dl>
          </section>
        );
      })}
    </div>
  );
}
