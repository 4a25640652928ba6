import type { Kysely } from 'kysely';
import type { Database } from '../../db/database';
import { findUserByEmail, findUserById, updateUser } from '../../db/queries/accounts';
import {
  consumeAuthToken,
  deleteUserSessions,
  findSessionWithUser,
  findUsableAuthToken,
  insertAuthToken,
  retireAuthTokens,
} from '../../db/queries/sessions';
import type { SessionUser } from '../domain/accounts/types';
import type { Services } from './accounts.server';
import { audit } from './audit.server';
import { endSession, hashToken, mustSetUpTotp, newToken, sessionIdOf, startSession } from './auth.server';
import { sendMail } from './mail.server';
import { hashPassword, verifyPassword } from './passwords.server';
import { clearFailures, limitersFor, lockedFor, minutesLeft, recordFailure, type LimiterName } from './rate-limit.server';

const RESET_MINUTES = 30;
/** TOTP for these roles: they see across organisations. */
export const TOTP_ROLES = ['operator', 'ministry'] as const;

export type LoginOutcome =
  | { ok: true; cookie: string; mfa: boolean; totpSetup?: 'required' | 'offered' }
  | { ok: false; status: 401 | 403 | 429; message: string };

const GENERIC_FAILURE = 'メールアドレスまたはパスワードが正しくありません。';

const accountKeys = (email: string): [LimiterName, string][] => [
  ['account', email],
  ['accountDaily', email],
];

/**
 * Password log-in with lock-out: 5 failures on an account within 15 minutes (or 20 in a day), or
 * 30 failures from one IP address within an hour, refuse further attempts until the window ends,
 * without checking the password at all. A success clears the account's counters and starts a
 * fresh session (the one the browser arrived with is deleted).
 */
export async function logIn(services: Services, request: Request, input: { email: string; password: string }, ip: string): Promise<LoginOutcome> {
  const { db } = services;
  const limiters = limitersFor(db, services.config);
  const keys: [LimiterName, string][] = [...accountKeys(input.email), ['ip', ip]];
  const wait = await lockedFor(limiters, keys);
  if (wait > 0) {
    await audit(db, { actor: null, action: 'auth.login_refused_locked', targetType: 'email', targetId: input.email, ip });
    return {
      ok: false,
      status: 429,
      message: `ログインの失敗が続いたため、ログインを一時的に制限しています。約${minutesLeft(wait)}分後にもう一度お試しいただくか、パスワードを再設定してください。`,
    };
  }
  const user = await findUserByEmail(db, input.email);
  const valid = await verifyPassword(user?.password_hash ?? null, input.password);
  if (!user || !valid) {
    const locked = await recordFailure(limiters, keys);
    await audit(db, {
      actor: null, action: locked ? 'auth.locked' : 'auth.login_failed', targetType: user ? 'user' : 'email',
      targetId: user?.id ?? input.email, ip, details: user ? {} : { unknownAccount: true },
    });
    return { ok: false, status: 401, message: GENERIC_FAILURE };
  }
  if (user.disabled_at) return { ok: false, status: 403, message: 'このアカウントは利用停止中です。運営者にお問い合わせください。' };
  if (!user.email_verified_at) {
    return { ok: false, status: 403, message: 'メールアドレスの確認が済んでいません。登録時に送信したメールのリンクを開いてください。' };
  }
  await clearFailures(limiters, accountKeys(input.email));
  const mfa = user.totp_enabled_at !== null;
  const cookie = await startSession(services, request, user.id, { ip, mfaPending: mfa });
  const totpSetup = mfa ? undefined : await totpSetupAtSignIn(db, services.config, user);
  if (!mfa) await updateUser(db, user.id, { last_login_at: new Date() });
  await audit(db, { actor: { id: user.id, organisationId: user.organisation_id, email: user.email }, action: mfa ? 'auth.password_ok_mfa_pending' : 'auth.login', targetType: 'user', targetId: user.id, ip });
  return { ok: true, cookie, mfa, totpSetup };
}

/**
 * TOTP at sign-in for the roles that have it: an operator without it must set it up first when
 * OPERATOR_TOTP=required (the default in production); otherwise it is offered at the first sign-in.
 */
async function totpSetupAtSignIn(db: Kysely<Database>, config: Services['config'], user: { organisation_id: string; last_login_at: Date | null }): Promise<'required' | 'offered' | undefined> {
  const org = await db.selectFrom('organisations').select('kind').where('id', '=', user.organisation_id).executeTakeFirst();
  if (!org || !(TOTP_ROLES as readonly string[]).includes(org.kind)) return undefined;
  if (mustSetUpTotp({ role: org.kind as SessionUser['role'], totpEnabled: false }, config)) return 'required';
  return user.last_login_at === null ? 'offered' : undefined;
}

/** The account whose password was accepted and whose second factor is awaited, if any. */
export async function pendingMfaUser(services: Services, request: Request) {
  const id = await sessionIdOf(request, services.config);
  const row = id ? await findSessionWithUser(services.db, id) : undefined;
  return row && row.mfa_pending ? row : null;
}

/** TOTP code is loaded when a second factor is first checked or set up, not at start-up. */
const otp = () => import('otplib');

async function checkTotp(db: Kysely<Database>, userId: string, secret: string, code: string): Promise<boolean> {
  const user = await findUserById(db, userId);
  const { verify: verifyTotp } = await otp();
  const result = await verifyTotp({ secret, token: code, epochTolerance: 30, afterTimeStep: user?.totp_last_step ?? undefined }).catch(() => ({ valid: false as const }));
  if (!result.valid || !('timeStep' in result)) return false;
  // Remember the step so the same code cannot be replayed within its window.
  const claimed = await db
    .updateTable('users')
    .set({ totp_last_step: result.timeStep })
    .where('id', '=', userId)
    .where((eb) => eb.or([eb('totp_last_step', 'is', null), eb('totp_last_step', '<', result.timeStep)]))
    .executeTakeFirst();
  return Number(claimed.numUpdatedRows) === 1;
}

/** Second step of log-in: the code from the authenticator app turns the pending session into a full one. */
export async function completeMfa(services: Services, request: Request, code: string, ip: string): Promise<LoginOutcome> {
  const { db } = services;
  const pending = await pendingMfaUser(services, request);
  if (!pending) return { ok: false, status: 401, message: 'ログインの有効期限が切れました。もう一度メールアドレスとパスワードを入力してください。' };
  const user = await findUserById(db, pending.id);
  const limiters = limitersFor(db, services.config);
  const keys = accountKeys(pending.email);
  if ((await lockedFor(limiters, keys)) > 0) return { ok: false, status: 429, message: '確認コードの誤りが続いたため、ログインを一時的に制限しています。' };
  if (!user?.totp_secret || !(await checkTotp(db, user.id, user.totp_secret, code))) {
    await recordFailure(limiters, keys);
    await audit(db, { actor: null, action: 'auth.totp_failed', targetType: 'user', targetId: pending.id, ip });
    return { ok: false, status: 401, message: '確認コードが正しくありません。' };
  }
  const cookie = await startSession(services, request, user.id, { ip });
  await updateUser(db, user.id, { last_login_at: new Date() });
  await audit(db, { actor: { id: user.id, organisationId: user.organisation_id, email: user.email }, action: 'auth.login', targetType: 'user', targetId: user.id, ip, details: { totp: true } });
  return { ok: true, cookie, mfa: false };
}

export async function logOut(services: Services, request: Request, user: SessionUser | null, ip: string): Promise<string> {
  const cookie = await endSession(services, request);
  if (user) await audit(services.db, { actor: user, action: 'auth.logout', targetType: 'user', targetId: user.id, ip });
  return cookie;
}

/** Ends every session of the account, this one included. */
export async function logOutEverywhere(services: Services, request: Request, user: SessionUser, ip: string): Promise<string> {
  const n = await deleteUserSessions(services.db, user.id);
  await audit(services.db, { actor: user, action: 'auth.logout_everywhere', targetType: 'user', targetId: user.id, ip, details: { sessions: n } });
  return endSession(services, request);
}

/**
 * Sends a reset link valid for 30 minutes when the address has an account. The page answers the
 * same whether or not it has one; at most 5 mails per address and per IP an hour.
 */
export async function requestPasswordReset(services: Services, email: string, ip: string): Promise<void> {
  const { db, config } = services;
  const limiters = limitersFor(db, config);
  const keys: [LimiterName, string][] = [['mail', `reset:${email}`], ['mail', `reset-ip:${ip}`]];
  if ((await lockedFor(limiters, keys)) > 0) return;
  await recordFailure(limiters, keys);
  const user = await findUserByEmail(db, email);
  if (!user || user.disabled_at) return;
  const token = newToken();
  await db.transaction().execute(async (trx) => {
    await retireAuthTokens(trx, user.id, 'password_reset');
    await insertAuthToken(trx, {
      purpose: 'password_reset', token_hash: hashToken(token), user_id: user.id, organisation_id: user.organisation_id, email,
      created_by: null, expires_at: new Date(Date.now() + RESET_MINUTES * 60_000),
    });
    await audit(trx, { actor: null, action: 'auth.password_reset_requested', targetType: 'user', targetId: user.id, ip });
  });
  await sendMail(config, {
    to: email,
    subject: '【起業人マッチ】パスワードの再設定',
    text: `${user.name} 様\n\nパスワード再設定の申込みを受け付けました。次のリンクから新しいパスワードを設定してください。\nリンクの有効期限は${RESET_MINUTES}分で、一度だけ使えます。\n\n${config.publicUrl}/password/reset/${token}\n\nお心当たりがない場合は、このメールを破棄してください（パスワードは変わりません）。`,
  });
}

export async function isUsableResetToken(db: Kysely<Database>, token: string) {
  return (await findUsableAuthToken(db, 'password_reset', hashToken(token))) !== undefined;
}

/** Sets the new password, uses up the token, ends every session and lifts a lock-out. */
export async function resetPassword(services: Services, token: string, password: string, ip: string): Promise<boolean> {
  const { db } = services;
  const passwordHash = await hashPassword(password);
  const email = await db.transaction().execute(async (trx) => {
    const row = await findUsableAuthToken(trx, 'password_reset', hashToken(token));
    if (!row || !row.user_id || !(await consumeAuthToken(trx, row.id))) return null;
    // Following the link proves the address, so it also confirms it.
    const user = await findUserById(trx, row.user_id);
    await updateUser(trx, row.user_id, { password_hash: passwordHash, email_verified_at: user?.email_verified_at ?? new Date() });
    await deleteUserSessions(trx, row.user_id);
    await audit(trx, { actor: { id: row.user_id, organisationId: row.organisation_id ?? '', email: row.email }, action: 'auth.password_reset', targetType: 'user', targetId: row.user_id, ip });
    return row.email;
  });
  if (!email) return false;
  await clearFailures(limitersFor(db, services.config), accountKeys(email));
  return true;
}

/** Changes the password after checking the current one; other sessions end, this one stays. */
export async function changePassword(services: Services, request: Request, user: SessionUser, current: string, next: string, ip: string): Promise<boolean> {
  const { db } = services;
  const row = await findUserById(db, user.id);
  if (!row || !(await verifyPassword(row.password_hash, current))) return false;
  const passwordHash = await hashPassword(next);
  const keep = (await sessionIdOf(request, services.config)) ?? undefined;
  await db.transaction().execute(async (trx) => {
    await updateUser(trx, user.id, { password_hash: passwordHash });
    await deleteUserSessions(trx, user.id, keep);
    await audit(trx, { actor: user, action: 'auth.password_changed', targetType: 'user', targetId: user.id, ip });
  });
  return true;
}

export async function updateName(services: Services, user: SessionUser, name: string, ip: string) {
  await services.db.transaction().execute(async (trx) => {
    await updateUser(trx, user.id, { name });
    await audit(trx, { actor: user, action: 'account.edit', targetType: 'user', targetId: user.id, ip });
  });
}

/** Starts TOTP enrolment: a new secret is kept (not yet active) until a code from the app confirms it. */
export async function beginTotpEnrolment(services: Services, user: SessionUser) {
  const row = await findUserById(services.db, user.id);
  let secret = row?.totp_secret;
  if (!secret || row?.totp_enabled_at) {
    if (row?.totp_enabled_at) return null;
    secret = (await otp()).generateSecret();
    await updateUser(services.db, user.id, { totp_secret: secret, totp_last_step: null });
  }
  const { generateURI } = await otp();
  return { secret, uri: generateURI({ issuer: '起業人マッチ', label: user.email, secret }) };
}

/** Turns TOTP on once a code from the app confirms it; every other session of the account ends (`keepSessionId` stays). */
export async function confirmTotpEnrolment(services: Services, user: SessionUser, code: string, ip: string, keepSessionId?: string): Promise<boolean> {
  const row = await findUserById(services.db, user.id);
  if (!row?.totp_secret || row.totp_enabled_at || !(await checkTotp(services.db, user.id, row.totp_secret, code))) return false;
  await services.db.transaction().execute(async (trx) => {
    await updateUser(trx, user.id, { totp_enabled_at: new Date() });
    const ended = await deleteUserSessions(trx, user.id, keepSessionId);
    await audit(trx, { actor: user, action: 'auth.totp_enabled', targetType: 'user', targetId: user.id, ip, details: { sessionsEnded: ended } });
  });
  return true;
}

export async function disableTotp(services: Services, user: SessionUser, code: string, ip: string): Promise<boolean> {
  const row = await findUserById(services.db, user.id);
  if (!row?.totp_secret || !row.totp_enabled_at || !(await checkTotp(services.db, user.id, row.totp_secret, code))) return false;
  await updateUser(services.db, user.id, { totp_enabled_at: null, totp_secret: null, totp_last_step: null });
  await audit(services.db, { actor: user, action: 'auth.totp_disabled', targetType: 'user', targetId: user.id, ip });
  return true;
}
