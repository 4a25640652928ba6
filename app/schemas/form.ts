import { z, type ZodRawShape } from 'zod';

/*
 * A form's schema: one zod schema per field plus checks across fields. zod runs an object's
 * refinements only when every field parsed, so a form would report its cross-field problems (a
 * deadline before today, min above max) only after the field errors were fixed. Here each field is
 * parsed on its own and every check runs on the fields that did parse, so one answer lists every
 * problem. `fields` is the plain object, for getZodConstraint in the browser.
 */

/** The hidden field carrying a form's one-time submission key (see answerOnce in app/utils/forms.server.ts). */
export const SUBMISSION_FIELD = 'submissionKey';

/** A form's problems by field name ('' for the whole form), as the forms show them; the one type for it. */
export type FieldErrors = Record<string, string[]>;

export type FormValuesOf<S extends ZodRawShape> = z.output<z.ZodObject<S>>;

/** Reports a problem on a field ('' for the whole form). */
export type Report<T> = (field: (keyof T & string) | '', message: string) => void;

/** A check across fields: it sees only the fields that parsed (Partial), so it must test for what it uses. */
export type FormCheck<T> = (values: Partial<T>, report: Report<T>) => void | Promise<void>;

export type FormSchema<S extends ZodRawShape> = {
  shape: S;
  fields: z.ZodObject<S>;
  checks: FormCheck<FormValuesOf<S>>[];
};

export function formSchema<S extends ZodRawShape>(shape: S, ...checks: FormCheck<FormValuesOf<S>>[]): FormSchema<S> {
  return { shape, fields: z.object(shape), checks };
}

/**
 * A field's posted value: conform reads a dotted name (`handling.travel`) as a path into nested
 * objects, so a schema keyed by such names finds its value along that path.
 */
export function valueAt(input: unknown, name: string): unknown {
  if (input && typeof input === 'object' && Object.hasOwn(input, name)) return (input as Record<string, unknown>)[name];
  let current = input;
  for (const key of name.split('.')) {
    if (!current || typeof current !== 'object') return undefined;
    current = (current as Record<string, unknown>)[key];
  }
  return current;
}

/** The zod schema conform parses with (asynchronous, so checks may read the database). */
export function toZod<S extends ZodRawShape>(form: FormSchema<S>, extra: FormCheck<FormValuesOf<S>>[] = []) {
  return z.any().transform(async (raw: unknown, ctx): Promise<FormValuesOf<S>> => {
    const input = (raw && typeof raw === 'object' ? raw : {}) as Record<string, unknown>;
    const values: Record<string, unknown> = {};
    const seen = new Map<string, Set<string>>();
    const report = (field: string, message: string) => {
      const list = seen.get(field) ?? new Set<string>();
      if (list.has(message)) return;
      list.add(message);
      seen.set(field, list);
      ctx.addIssue({ code: 'custom', path: field ? [field] : [], message });
    };
    let ok = true;
    for (const [key, schema] of Object.entries(form.shape)) {
      const parsed = await schema.safeParseAsync(valueAt(input, key));
      if (parsed.success) values[key] = parsed.data;
      else {
        ok = false;
        for (const issue of parsed.error.issues) report(key, issue.message);
      }
    }
    for (const check of [...form.checks, ...extra]) await check(values as Partial<FormValuesOf<S>>, report as Report<FormValuesOf<S>>);
    return ok && seen.size === 0 ? (values as FormValuesOf<S>) : z.NEVER;
  });
}
