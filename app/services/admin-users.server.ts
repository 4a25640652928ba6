import { findUserWithOrganisation, listUsersForAdmin, lockActiveOperatorIds, setUserDisabledAt } from '../../db/queries/admin-users';
import { latestConsents } from '../../db/queries/legal';
import { deleteUserSessions } from '../../db/queries/sessions';
import { reactivationRefusal, suspensionRefusal, USERS_PAGE_SIZE } from '../domain/accounts/suspension';
import type { SessionUser } from '../domain/accounts/types';
import type { Services } from './accounts.server';
import { audit } from './audit.server';
import { sendMail } from './mail.server';

type Result = { ok: true } | { ok: false; status: 404 | 409; message: string };

/** One page of the operators' user list. */
export async function listUsers(services: Pick<Services, 'db'>, query: { q: string; page: number }) {
  const { rows: users, total } = await listUsersForAdmin(services.db, { q: query.q, limit: USERS_PAGE_SIZE, offset: (query.page - 1) * USERS_PAGE_SIZE });
  // The versions of 利用規約 and プライバシーポリシー each agreed to (at sign-up), newest first per document.
  const consents = await latestConsents(services.db, users.map((u) => u.id));
  const rows = users.map((u) => ({ ...u, consents: consents.filter((c) => c.user_id === u.id).map((c) => ({ document: c.document, version: c.version, agreedAt: c.agreed_at })) }));
  return { rows, total, pages: Math.max(1, Math.ceil(total / USERS_PAGE_SIZE)) };
}

/**
 * Suspends an account: sets disabled_at, ends every one of its sessions in the same transaction
 * (its next request is anonymous), records the reason in the audit log and tells the user by mail.
 * Nobody suspends themselves, and the last operator who can sign in stays.
 */
export async function suspendUser(services: Services, operator: SessionUser, input: { userId: string; reason: string }, ip: string): Promise<Result> {
  const { db, config } = services;
  const done = await db.transaction().execute(async (trx): Promise<Result | { ok: true; user: { name: string; email: string } }> => {
    const activeOperators = await lockActiveOperatorIds(trx);
    const user = await findUserWithOrganisation(trx, input.userId);
    if (!user) return { ok: false, status: 404, message: 'この利用者は見つかりません。' };
    const refusal = suspensionRefusal(operator.id, { id: user.id, isOperator: user.kind === 'operator', disabled: user.disabled_at !== null }, activeOperators);
    if (refusal) return { ok: false, status: 409, message: refusal };
    await setUserDisabledAt(trx, user.id, new Date());
    const sessions = await deleteUserSessions(trx, user.id);
    await audit(trx, {
      actor: operator, action: 'user.suspend', targetType: 'user', targetId: user.id, ip,
      details: { email: user.email, organisation: user.organisation_name, reason: input.reason, sessions },
    });
    return { ok: true, user };
  });
  if (!done.ok || !('user' in done)) return done;
  await sendMail(config, {
    to: done.user.email,
    subject: '【起業人マッチ】アカウントの利用を停止しました',
    text: `${done.user.name} 様\n\n起業人マッチの運営事務局です。次の理由により、お客様のアカウント（${done.user.email}）の利用を停止しました。\n\n理由：\n${input.reason}\n\n停止中はログインできません。ログイン中の画面からも自動的にログアウトしています。\nご不明な点がございましたら、運営事務局までお問い合わせください。\n\n${config.publicUrl}/`,
  });
  return { ok: true };
}

/** Lifts a suspension; the user signs in again with their password. Audited and mailed. */
export async function reactivateUser(services: Services, operator: SessionUser, input: { userId: string }, ip: string): Promise<Result> {
  const { db, config } = services;
  const done = await db.transaction().execute(async (trx): Promise<Result | { ok: true; user: { name: string; email: string } }> => {
    const user = await findUserWithOrganisation(trx, input.userId);
    if (!user) return { ok: false, status: 404, message: 'この利用者は見つかりません。' };
    const refusal = reactivationRefusal({ id: user.id, isOperator: user.kind === 'operator', disabled: user.disabled_at !== null });
    if (refusal) return { ok: false, status: 409, message: refusal };
    await setUserDisabledAt(trx, user.id, null);
    await audit(trx, {
      actor: operator, action: 'user.reactivate', targetType: 'user', targetId: user.id, ip,
      details: { email: user.email, organisation: user.organisation_name, suspendedAt: user.disabled_at },
    });
    return { ok: true, user };
  });
  if (!done.ok || !('user' in done)) return done;
  await sendMail(config, {
    to: done.user.email,
    subject: '【起業人マッチ】アカウントの利用を再開しました',
    text: `${done.user.name} 様\n\n起業人マッチの運営事務局です。お客様のアカウント（${done.user.email}）の利用停止を解除しました。\nこれまでのメールアドレスとパスワードでログインできます。\n\n${config.publicUrl}/login`,
  });
  return { ok: true };
}
