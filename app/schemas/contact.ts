import { z } from 'zod';
import { INQUIRY_CATEGORY_IDS, INQUIRY_LIMITS } from '../domain/inquiries';
import { formSchema, type FormValuesOf } from './form';

/* The お問い合わせ form (/contact). */

const text = (label: string, max: number, required: boolean) =>
  z.preprocess(
    (v) => (typeof v === 'string' ? v.replace(/\r\n/g, '\n').trim() : v ?? ''),
    required
      ? z.string().min(1, `${label}を入力してください。`).max(max, `${label}は${max}文字以内で入力してください。`)
      : z.string().max(max, `${label}は${max}文字以内で入力してください。`),
  );

const shape = {
  name: text('お名前', INQUIRY_LIMITS.nameMax, true),
  // One message at a time: the format is checked only once something was typed.
  email: z.preprocess(
    (v) => (typeof v === 'string' ? v.normalize('NFKC').trim().toLowerCase() : ''),
    z
      .string()
      .min(1, 'メールアドレスを入力してください。')
      .max(254, 'メールアドレスが長すぎます。')
      .pipe(z.string().email('メールアドレスの形式が正しくありません（例：taro@example.jp）。')),
  ),
  organisation: text('ご所属', INQUIRY_LIMITS.organisationMax, false),
  category: z.enum(INQUIRY_CATEGORY_IDS, { errorMap: () => ({ message: 'お問い合わせの種類を一覧から選んでください。' }) }),
  body: text('お問い合わせ内容', INQUIRY_LIMITS.bodyMax, true),
  agree: z.preprocess((v) => v === 'on', z.literal(true, { errorMap: () => ({ message: 'プライバシーポリシーをご確認のうえ、同意してください。' }) })),
  // Generated with the page: a second post of the same form is the same inquiry.
  submissionKey: z.string().uuid('ページを再読み込みして、もう一度送信してください。'),
};

export const ContactForm = formSchema(shape);
export type ContactValues = FormValuesOf<typeof shape>;

/** The labels in the form's order, for the error summary. */
export const CONTACT_LABELS: Record<keyof typeof shape, string> = {
  name: 'お名前',
  email: 'メールアドレス',
  organisation: 'ご所属',
  category: 'お問い合わせの種類',
  body: 'お問い合わせ内容',
  agree: 'プライバシーポリシーへの同意',
  submissionKey: 'フォーム',
};
