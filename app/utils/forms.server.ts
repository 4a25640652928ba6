import type { SubmissionResult } from '@conform-to/react';
import { parseWithZod } from '@conform-to/zod';
import { json } from '@remix-run/node';
import type { ZodRawShape } from 'zod';
import { toZod, type FormCheck, type FormSchema, type FormValuesOf } from '../schemas/form';
import { textResponse } from './errors';

/*
 * Reading and answering form posts, for route actions (services never see FormData). Every form is
 * parsed with conform's parseWithZod against its FormSchema; a refusal goes back as
 * `json({ result: submission.reply() }, 400)`, which the page's useForm shows next to each field and
 * in the error summary, with everything typed kept (never passwords, codes or tokens).
 *
 * NUL: PostgreSQL text cannot hold U+0000, so a field that contains it is refused with a field error
 * on that field (「使用できない文字（NUL）が含まれています。」), reported together with every other
 * problem of the form. It is never stripped silently and never a bare 400 page.
 */

export type FieldErrors = Record<string, string[]>;

export const NUL_MESSAGE = '使用できない文字（NUL）が含まれています。削除してから送信してください。';

const UNREADABLE = '送信された内容を読み取れませんでした。ページを再読み込みして、もう一度送信してください。';

/** The posted form; a malformed body (broken encoding, wrong content type) is the client's error: 400, not 500. */
export async function readFormData(request: Request): Promise<FormData> {
  try {
    return await request.formData();
  } catch {
    throw textResponse(UNREADABLE, 400);
  }
}

/**
 * A multipart form with its files in memory; a file over `maxFileBytes` gives `tooLarge` instead of the form.
 * The body's total size, its part count and its file count were capped by the server before any of it was
 * kept (app/server/body-limit.ts). It is parsed by the platform's own FormData parser, which reads quoted
 * file names with `;` or `=` correctly.
 */
export async function readMultipartFormData(request: Request, maxFileBytes: number): Promise<{ formData: FormData; tooLarge: boolean }> {
  const formData = await readFormData(request);
  if (!(request.headers.get('content-type') ?? '').startsWith('multipart/form-data')) return { formData, tooLarge: false };
  const tooLarge = [...formData.values()].some((v) => typeof v !== 'string' && v.size > maxFileBytes);
  return tooLarge ? { formData: new FormData(), tooLarge: true } : { formData, tooLarge: false };
}

/** Never sent back to the browser in a refused form. */
const SECRET = /password|code|token/i;

type ReplyExtra = { fieldErrors?: FieldErrors; formErrors?: string[] };
export type Parsed<T> = ({ ok: true; value: T } | { ok: false }) & {
  /** The answer for useForm: the form's problems plus any `extra` (a service's refusal). */
  reply: (extra?: ReplyExtra) => SubmissionResult<string[]>;
  /** the problems found so far, by field ('' for the form) */
  errors: FieldErrors;
};

function merge(...sources: (Record<string, string[] | null | undefined> | undefined)[]): FieldErrors {
  const out: FieldErrors = {};
  for (const source of sources)
    for (const [k, v] of Object.entries(source ?? {})) {
      if (!v?.length) continue;
      const list = (out[k] ??= []);
      for (const m of v) if (!list.includes(m)) list.push(m);
    }
  return out;
}

/**
 * Parses a posted form against its schema and the server's own checks (which see the fields that
 * parsed, so a check that reads the database runs even when another field is wrong).
 */
export async function parseSubmission<S extends ZodRawShape>(formData: FormData, form: FormSchema<S>, checks: FormCheck<FormValuesOf<S>>[] = []): Promise<Parsed<FormValuesOf<S>>> {
  const nul: FieldErrors = {};
  const secret = new Set<string>();
  for (const [name, value] of formData) {
    if (SECRET.test(name)) secret.add(name);
    if (typeof value === 'string' && value.includes('\u0000')) nul[name] = [NUL_MESSAGE];
  }
  const submission = await parseWithZod(formData, { schema: toZod(form, checks), async: true, disableAutoCoercion: true });
  const errors = merge(submission.status === 'success' ? {} : (submission.error ?? {}), nul);
  const reply = (extra: ReplyExtra = {}) => {
    const { '': formErrors, ...fieldErrors } = merge(errors, extra.fieldErrors, { '': extra.formErrors });
    return submission.reply({ formErrors: formErrors ?? [], fieldErrors, hideFields: [...secret] });
  };
  if (submission.status === 'success' && Object.keys(nul).length === 0) return { ok: true, value: submission.value as FormValuesOf<S>, reply, errors };
  return { ok: false, reply, errors };
}

/** The action's answer to a refused form: the reply for useForm under `result`, with any extra data the page shows. */
export function refused<Extra extends Record<string, unknown>>(result: SubmissionResult<string[]>, status = 400, extra?: Extra) {
  return json({ result, ...(extra ?? ({} as Extra)) }, { status });
}
