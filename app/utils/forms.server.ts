import { createHash, randomUUID } from 'node:crypto';
import type { SubmissionResult } from '@conform-to/react';
import { parseWithZod } from '@conform-to/zod';
import { json } from '@remix-run/node';
import type { Kysely } from 'kysely';
import type { ZodRawShape } from 'zod';
import type { Database } from '../../db/database';
import { SUBMISSION_FIELD } from '../schemas/form';
import { answerOnce as answerOnce_, type RecordedAnswer } from '../services/submissions.server';
import { toZod, type FieldErrors, type FormCheck, type FormSchema, type FormValuesOf } from '../schemas/form';
import { asErrorResponse, textResponse } from './errors';

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

export type { FieldErrors };

const NUL_MESSAGE = '使用できない文字（NUL）が含まれています。削除してから送信してください。';

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

/** Never sent back to the browser in a refused form: passwords, tokens and the one-time `code` (a 自治体コード is not one). */
const SECRET = /password|token|^code$/i;

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

// ——— the same submission answered once ———

/** A one-time key for a form, made by the loader of the page that shows it (see `answerOnce`). */
export const newSubmissionKey = () => randomUUID();

/** Loaders that hand out a submission key must not be kept by the page cache or the browser. */
export const NO_STORE = { 'Cache-Control': 'private, no-store' } as const;

const KEY = /^[A-Za-z0-9_-]{16,64}$/;

async function digestOf(formData: FormData): Promise<string> {
  const hash = createHash('sha256');
  for (const [name, value] of formData) {
    // The key names the submission; secrets are left out so the table never holds anything derived from them.
    if (name === SUBMISSION_FIELD || SECRET.test(name)) continue;
    if (typeof value === 'string') hash.update(JSON.stringify([name, value]));
    else hash.update(JSON.stringify([name, value.name, value.size, createHash('sha256').update(new Uint8Array(await value.arrayBuffer())).digest('hex')]));
    hash.update('\n');
  }
  return hash.digest('hex');
}

async function recordOf(response: Response): Promise<RecordedAnswer | null> {
  // Only an accepted submission is kept; a refused one (4xx) may be corrected and sent again.
  if (response.status >= 400) return null;
  const location = response.headers.get('location');
  return {
    status: response.status,
    location,
    contentType: response.headers.get('content-type'),
    body: location ? null : await response.clone().text(),
  };
}

function replay(answer: RecordedAnswer): Response {
  const headers = new Headers();
  if (answer.location) headers.set('location', answer.location);
  if (answer.contentType) headers.set('content-type', answer.contentType);
  return new Response(answer.body, { status: answer.status, headers });
}

/**
 * Answers the same submission once: a form rendered with a `SubmissionKey` and sent twice (a double
 * click, a resend after a lost answer) gets the first answer the second time, without the work being
 * done again. `scope` names the form and whose it is (`listing.create:opening:<user id>`); the key,
 * the scope and the submitted values together identify the submission, so a form changed and sent
 * with the same key is a new one. A post without a key (a script) is simply worked on.
 * A second request that finds the first still working waits for it; after 20 s it gets a 409 page
 * saying so.
 */
export async function answerOnce(
  context: { db: Kysely<Database> },
  formData: FormData,
  scope: string,
  handler: () => Promise<Response>,
): Promise<Response> {
  const key = formData.get(SUBMISSION_FIELD);
  if (typeof key !== 'string' || !KEY.test(key)) return handler();
  const id = createHash('sha256').update(`${scope}\u0000${key}\u0000${await digestOf(formData)}`).digest('hex');
  const once = await answerOnce_(context.db, id, handler, recordOf).catch(asErrorResponse);
  return once.first ? once.value : replay(once.answer);
}
