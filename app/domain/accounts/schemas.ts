import { z } from 'zod';
import { parseCorporateNumber } from './corporate-number';
import { passwordProblems } from './password';
import { INDIVIDUAL_TRACKS } from './types';

/** Form schemas shared by the pages and the services; every message is shown next to its field. */

export const text = (label: string, max: number) =>
  z
    .string({ required_error: `${label}を入力してください。` })
    .transform((v) => v.normalize('NFKC').trim())
    .pipe(z.string().min(1, `${label}を入力してください。`).max(max, `${label}は${max}文字以内で入力してください。`));

export const optionalText = (label: string, max: number) =>
  z
    .string()
    .optional()
    .transform((v) => (v ?? '').trim())
    .pipe(z.string().max(max, `${label}は${max}文字以内で入力してください。`));

export const emailField = z
  .string({ required_error: 'メールアドレスを入力してください。' })
  .transform((v) => v.normalize('NFKC').trim().toLowerCase())
  .pipe(
    z
      .string()
      .min(1, 'メールアドレスを入力してください。')
      .max(254, 'メールアドレスが長すぎます。')
      .email('メールアドレスの形式が正しくありません（例：taro@example.jp）。'),
  );

export const newPassword = z.string({ required_error: 'パスワードを入力してください。' });

export const phoneField = z
  .string({ required_error: '電話番号を入力してください。' })
  .transform((v) => v.normalize('NFKC').replace(/[\s‐‑–—―ー−]/g, '-').trim())
  .pipe(z.string().regex(/^0\d{1,4}-?\d{1,4}-?\d{3,4}$/, '電話番号は市外局番から入力してください（例：03-1234-5678）。'));

export const websiteField = z
  .string()
  .optional()
  .transform((v) => (v ?? '').normalize('NFKC').trim())
  .pipe(z.union([z.literal(''), z.string().url('URLは https:// から入力してください。').regex(/^https?:\/\//, 'URLは https:// から入力してください。')]));

export const corporateNumberField = z
  .string({ required_error: '法人番号を入力してください。' })
  .transform((v, ctx) => {
    const parsed = parseCorporateNumber(v);
    if (!parsed.ok) {
      ctx.addIssue({ code: 'custom', message: parsed.message });
      return z.NEVER;
    }
    return parsed.value;
  });

/** Adds the password rules (which need the e-mail address) to a schema with `email` and `password`. */
function withPasswordRules<T extends z.ZodTypeAny>(schema: T) {
  return schema.superRefine((v: { email?: string; password: string; name?: string }, ctx) => {
    for (const message of passwordProblems(v.password, { email: v.email, name: v.name })) ctx.addIssue({ code: 'custom', path: ['password'], message });
  });
}

const accountFields = {
  name: text('氏名', 60),
  email: emailField,
  password: newPassword,
};

export const MunicipalitySignupSchema = withPasswordRules(
  z.object({
    ...accountFields,
    municipality: text('自治体名', 40),
    department: text('担当部署', 80),
    phone: phoneField,
    evidence: text('確認資料', 2000),
  }),
);

export const CompanySignupSchema = withPasswordRules(
  z.object({
    ...accountFields,
    companyName: text('法人名', 100),
    corporateNumber: corporateNumberField,
    headOffice: text('本社所在地の市区町村', 40),
    department: text('担当部署', 80),
    phone: phoneField,
    website: websiteField,
    evidence: text('確認資料', 2000),
  }),
);

export const IndividualSignupSchema = withPasswordRules(
  z
    .object({
      ...accountFields,
      track: z.enum(INDIVIDUAL_TRACKS, { errorMap: () => ({ message: '働き方を選んでください。' }) }),
      employerName: optionalText('勤務先', 100),
      employerHeadOffice: optionalText('勤務先の本社所在地', 40),
      description: optionalText('自己紹介', 2000),
    })
    .superRefine((v, ctx) => {
      if (v.track === 'freelance') return;
      const which = v.track === 'side_job' ? '現在の勤務先' : '退職した勤務先';
      if (!v.employerName) ctx.addIssue({ code: 'custom', path: ['employerName'], message: `${which}を入力してください。` });
      if (!v.employerHeadOffice) ctx.addIssue({ code: 'custom', path: ['employerHeadOffice'], message: `${which}の本社所在地（市区町村）を入力してください。` });
    }),
);

export type FieldErrors = Record<string, string[]>;

/** zod issues as { field: [messages] }, the shape the forms render. */
export function fieldErrors(error: z.ZodError): FieldErrors {
  const out: FieldErrors = {};
  for (const issue of error.issues) {
    const key = issue.path.length ? String(issue.path[0]) : '_form';
    (out[key] ??= []).push(issue.message);
  }
  return out;
}

/** Control characters, every kind of whitespace (tab, CR, LF, U+3000 …), invisible format characters and backslashes. */
// eslint-disable-next-line no-control-regex -- control characters are exactly what this refuses
const UNSAFE_IN_REDIRECT = /[\u0000-\u0020\u007f-\u00a0\u1680\u180e\u2000-\u200f\u2028-\u202f\u205f-\u206f\u3000\ufeff\\]/;
/** A path segment that is `.` or `..`, written out or percent-encoded. */
const DOT_SEGMENT = /(^|\/)(\.|%2e){1,2}(\/|\?|#|$)/i;

/**
 * Safe redirect targets: a path on this site only. The target must start with one `/`, contain no
 * control character, whitespace or backslash (in its path also after percent-decoding), no `.`/`..` segment,
 * and resolve (new URL(to, base)) to the same origin as `base` (PUBLIC_URL). Anything else gives
 * `fallback`. The answer is the resolved path, percent-encoded, so it is always a valid header value.
 */
export function safeRedirect(to: unknown, base = 'http://localhost', fallback = '/'): string {
  if (typeof to !== 'string' || !to.startsWith('/') || to.startsWith('//') || to.length > 2000) return fallback;
  if (UNSAFE_IN_REDIRECT.test(to)) return fallback;
  // The path (not the query, where an encoded space is ordinary) is also checked after decoding.
  const pathPart = to.split(/[?#]/, 1)[0]!;
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathPart);
  } catch {
    return fallback;
  }
  if (UNSAFE_IN_REDIRECT.test(decoded) || decoded.startsWith('//') || DOT_SEGMENT.test(pathPart) || DOT_SEGMENT.test(decoded)) return fallback;
  let origin: string;
  let url: URL;
  try {
    origin = new URL(base).origin;
    url = new URL(to, origin);
  } catch {
    return fallback;
  }
  if (url.origin !== origin || url.pathname.startsWith('//')) return fallback;
  return `${url.pathname}${url.search}${url.hash}`;
}
