import { z } from 'zod';
import { passwordProblems } from '../domain/accounts/password';
import { PROPOSAL_DIGEST_FREQUENCIES, PROPOSAL_DIGEST_FREQUENCY_LABELS } from '../domain/alerts/proposal-digest';
import { NOTIFICATION_KINDS, type NotificationKind } from '../domain/applications/notifications';
import { formSchema, type FormCheck } from './form';

/*
 * The account forms outside sign-up and log-in: /settings (name, password), /settings/organisation
 * (profile, invitation), /invitations/:token, /admin/users, /admin/approvals. Each field is parsed on
 * its own (formSchema), so one answer lists every problem; the labels are in the form's order.
 * Also the notification preferences (/settings/notifications).
 */

const str = (v: unknown) => (typeof v === 'string' ? v : '');

const text = (label: string, max: number) =>
  z.preprocess((v) => str(v).normalize('NFKC').trim(), z.string().min(1, `${label}を入力してください。`).max(max, `${label}は${max}文字以内で入力してください。`));

const optionalText = (label: string, max: number) => z.preprocess((v) => str(v).trim(), z.string().max(max, `${label}は${max}文字以内で入力してください。`));

const email = z.preprocess(
  (v) => str(v).normalize('NFKC').trim().toLowerCase(),
  z.string().min(1, 'メールアドレスを入力してください。').max(254, 'メールアドレスが長すぎます。').pipe(z.string().email('メールアドレスの形式が正しくありません（例：taro@example.jp）。')),
);

const website = z.preprocess(
  (v) => str(v).normalize('NFKC').trim(),
  z.union([z.literal(''), z.string().url('URLは https:// から入力してください。').regex(/^https?:\/\//, 'URLは https:// から入力してください。')]),
);

const password = z.preprocess(str, z.string().min(1, 'パスワードを入力してください。'));

/** The password rules, which need the account's e-mail address (and name, when it is typed in the same form). */
export function passwordRules<T extends { password: string; name?: string }>(emailAddress: string | undefined): FormCheck<T> {
  return (v, report) => {
    if (typeof v.password !== 'string' || v.password === '') return;
    for (const message of passwordProblems(v.password, { email: emailAddress, name: v.name })) report('password', message);
  };
}

export const ProfileForm = formSchema({ name: text('氏名', 60) });
export const PROFILE_LABELS = { name: '氏名' };

export const ChangePasswordForm = formSchema({
  currentPassword: z.preprocess(str, z.string().min(1, '現在のパスワードを入力してください。')),
  password,
});
export const CHANGE_PASSWORD_LABELS = { currentPassword: '現在のパスワード', password: '新しいパスワード' };

export const OrganisationProfileForm = formSchema({ description: optionalText('紹介文', 2000), website });
export const ORGANISATION_PROFILE_LABELS = { description: '紹介文', website: 'ウェブサイト' };

export const InviteForm = formSchema({ email });
export const INVITE_LABELS = { email: 'メールアドレス' };

export const AcceptInvitationForm = formSchema({ name: text('氏名', 60), password });
export const ACCEPT_INVITATION_LABELS = { name: '氏名', password: 'パスワード' };

/** One row's 利用停止 / 利用再開 on /admin/users: a reason is required to suspend (it is mailed to the user). */
export const UserSuspensionForm = formSchema(
  {
    intent: z.enum(['suspend', 'reactivate'], { errorMap: () => ({ message: '操作が正しくありません。' }) }),
    userId: z.string({ required_error: '対象の利用者が正しくありません。' }).uuid('対象の利用者が正しくありません。'),
    reason: z.preprocess((v) => str(v).normalize('NFKC').trim(), z.string().max(1000, '理由は1000文字以内で入力してください。')),
  },
  (v, report) => {
    if (v.intent === 'suspend' && v.reason === '') report('reason', '理由を入力してください（利用者へのメールに記載されます）。');
  },
);

/** 承認 / 却下 of one application on /admin/approvals: a rejection needs a reason (it is mailed to the applicant). */
export const ReviewForm = formSchema(
  {
    organisationId: z.string({ required_error: '対象が正しくありません。' }).uuid('対象が正しくありません。'),
    decision: z.enum(['approve', 'reject'], { errorMap: () => ({ message: '承認か却下を選んでください。' }) }),
    reason: optionalText('理由', 1000),
  },
  (v, report) => {
    if (v.decision === 'reject' && v.reason === '') report('reason', '却下する場合は理由を入力してください（申請者にメールで送られます）。');
  },
);
export const REVIEW_LABELS = { reason: '理由・コメント', decision: '判断' };

const ticked = z.preprocess((v) => v === 'on', z.boolean());

const switches = z.object({ inApp: ticked, email: ticked });
const asObject = (v: unknown) => (v && typeof v === 'object' ? v : {});

export const PROPOSAL_FREQUENCY_MESSAGE = `お知らせの頻度を${PROPOSAL_DIGEST_FREQUENCIES.map((f) => `「${PROPOSAL_DIGEST_FREQUENCY_LABELS[f]}」`).join('')}から選んでください。`;

/**
 * /settings/notifications: two checkboxes per kind (`message.inApp`, `message.email`, …), unticked =
 * off, and the frequency of the マッチング提案 digest (`proposal.frequency`: daily, weekly or none).
 */
export const PreferencesForm = formSchema({
  ...(Object.fromEntries(NOTIFICATION_KINDS.filter((k) => k !== 'proposal').map((k) => [k, z.preprocess(asObject, switches)])) as Record<
    Exclude<NotificationKind, 'proposal'>,
    z.ZodEffects<typeof switches>
  >),
  proposal: z.preprocess(
    asObject,
    switches.extend({ frequency: z.enum(PROPOSAL_DIGEST_FREQUENCIES, { errorMap: () => ({ message: PROPOSAL_FREQUENCY_MESSAGE }) }) }),
  ),
});
