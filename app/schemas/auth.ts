import { z } from 'zod';
import { passwordProblems } from '../domain/accounts/password';
import { emailField, newPassword } from './fields';
import { formSchema } from './form';

/*
 * The sign-in forms: /login, the second factor (/login/totp, /settings/totp) and the password
 * reset (/password/forgot, /password/reset/:token). Each field is parsed on its own (formSchema),
 * so one answer lists every problem; the labels are in the form's order.
 */

export const LoginForm = formSchema({
  email: emailField,
  password: z.string({ required_error: 'パスワードを入力してください。' }).min(1, 'パスワードを入力してください。'),
  redirectTo: z.string().optional(),
});
export const LOGIN_LABELS = { email: 'メールアドレス', password: 'パスワード' };

const totpCode = z
  .string({ required_error: '確認コードを入力してください。' })
  .transform((v) => v.normalize('NFKC').replace(/\s/g, ''))
  .pipe(z.string().regex(/^\d{6}$/, '確認コードは6桁の数字です。'));

export const TotpCodeForm = formSchema({ code: totpCode, redirectTo: z.string().optional() });
/** /settings/totp: the same code, to turn the second factor on or off. */
export const TotpSettingsForm = formSchema({ code: totpCode, intent: z.string().optional(), redirectTo: z.string().optional() });
export const TOTP_LABELS = { code: '確認コード' };

export const ForgotPasswordForm = formSchema({ email: emailField });
export const FORGOT_PASSWORD_LABELS = { email: 'メールアドレス' };

export const ResetPasswordForm = formSchema({ password: newPassword }, (v, report) => {
  if (v.password === undefined) return;
  for (const message of passwordProblems(v.password)) report('password', message);
});
export const RESET_PASSWORD_LABELS = { password: '新しいパスワード' };
