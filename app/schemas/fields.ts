import { z } from 'zod';
import { parseCorporateNumber } from '../domain/accounts/corporate-number';

/** The fields the account forms share (sign-up, log-in, settings); every message is shown next to its field. */

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
