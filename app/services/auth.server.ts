import { createHash, randomBytes } from 'node:crypto';
import { createCookie, json, redirect, type AppLoadContext, type Cookie } from '@remix-run/node';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/database';
import { deleteSession, findSessionWithUser, insertSession } from '../../db/queries/sessions';
import type { CompanyClass, IndividualTrack, OrganisationStatus, OrgRole, Role, SessionUser } from '../domain/accounts/types';
import { can, type Action, type Resource } from '../domain/policy';
import type { Config } from '../server/config';
import { inboxCounts } from './inbox.server';

export type { SessionUser } from '../domain/accounts/types';
export type { Action, Resource } from '../domain/policy';
export { can } from '../domain/policy';

const SESSION_DAYS = 14;
/** Between the password and the second factor: long enough to open the authenticator app. */
const MFA_PENDING_MINUTES = 10;

type Services = { db: Kysely<Database>; config: Config };

const cookies = new WeakMap<Config, Cookie>();

/** The session cookie: an opaque random token, signed, httpOnly, SameSite=Lax, Secure when the site is https. */
export function sessionCookie(config: Config): Cookie {
  let cookie = cookies.get(config);
  if (!cookie) {
    cookie = createCookie('km_session', {
      httpOnly: true,
      sameSite: 'lax',
      secure: config.publicUrl.startsWith('https://'),
      path: '/',
      secrets: [config.sessionSecret],
      maxAge: SESSION_DAYS * 24 * 3600,
    });
    cookies.set(config, cookie);
  }
  return cookie;
}

export const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');
export const newToken = () => randomBytes(32).toString('base64url');

async function sessionTokenFrom(config: Config, cookieHeader: string | null | undefined): Promise<string | null> {
  if (!cookieHeader) return null;
  const value: unknown = await sessionCookie(config).parse(cookieHeader);
  return typeof value === 'string' && /^[\w-]{43}$/.test(value) ? value : null;
}

/** The stored id (hash) of the session the request carries, valid or not. */
export async function sessionIdOf(request: Request, config: Config): Promise<string | null> {
  const token = await sessionTokenFrom(config, request.headers.get('cookie'));
  return token ? hashToken(token) : null;
}

type SessionRow = NonNullable<Awaited<ReturnType<typeof findSessionWithUser>>>;

function toSessionUser(row: SessionRow): SessionUser {
  const role = row.kind as Role;
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    role,
    orgRole: row.org_role as OrgRole,
    organisationId: row.organisation_id,
    organisation: {
      id: row.organisation_id,
      kind: role,
      status: row.status as OrganisationStatus,
      name: row.organisation_name,
      slug: row.slug,
      lgCode: row.lg_code,
      headOfficeLgCode: row.head_office_lg_code,
      companyClass: row.company_class as CompanyClass | null,
    },
    employment:
      role === 'individual' && row.individual_track
        ? {
            track: row.individual_track as IndividualTrack,
            employerName: row.employer_name,
            employerHeadOfficeLgCode: row.head_office_lg_code,
            employerClass: row.company_class as CompanyClass | null,
          }
        : null,
    totpEnabled: row.totp_enabled_at !== null,
  };
}

/** Loads the signed-in account from a session id; a session still waiting for its second factor does not count. */
async function userForSession(db: Kysely<Database>, sessionId: string): Promise<SessionUser | null> {
  const row = await findSessionWithUser(db, sessionId);
  if (!row || row.mfa_pending || row.disabled_at || !row.email_verified_at) return null;
  return toSessionUser(row);
}

/*
 * The loaders of one page share one lookup. Remix hands every loader its own copy of the Request, but
 * the same load context, made once per HTTP request (app/server/app.ts): a GET is keyed by that context.
 * Other methods keep one lookup per Request, so the loaders that run after an action see what it changed.
 */
const perRequest = new WeakMap<object, { cookie: string | null; user: Promise<SessionUser | null> }>();

export function getOptionalUser(request: Request, context: AppLoadContext | Services): Promise<SessionUser | null> {
  const key: object = request.method === 'GET' && 'requestId' in context ? context : request;
  const cookie = request.headers.get('cookie');
  const known = perRequest.get(key);
  if (known && known.cookie === cookie) return known.user;
  const user = sessionTokenFrom(context.config, cookie).then((token) => (token ? userForSession(context.db, hashToken(token)) : null));
  perRequest.set(key, { cookie, user });
  return user;
}

/** For socket.io handshakes: the account behind a raw Cookie header. */
export async function getUserFromCookieHeader(services: Services, cookieHeader: string | undefined): Promise<SessionUser | null> {
  const token = await sessionTokenFrom(services.config, cookieHeader);
  return token ? userForSession(services.db, hashToken(token)) : null;
}

/** For socket.io handshakes: the session's stored id (closing the socket when it ends) and its account. */
export async function getSessionFromCookieHeader(services: Services, cookieHeader: string | undefined): Promise<{ sessionId: string; user: SessionUser } | null> {
  const token = await sessionTokenFrom(services.config, cookieHeader);
  if (!token) return null;
  const sessionId = hashToken(token);
  const user = await userForSession(services.db, sessionId);
  return user ? { sessionId, user } : null;
}

export function loginRedirect(request: Request): Response {
  const url = new URL(request.url);
  const back = `${url.pathname}${url.search}`;
  return redirect(back === '/' ? '/login' : `/login?redirectTo=${encodeURIComponent(back)}`);
}

/** The signed-in account, or a redirect to the log-in page that comes back here afterwards. */
export async function requireUser(request: Request, context: AppLoadContext | Services): Promise<SessionUser> {
  const user = await getOptionalUser(request, context);
  if (!user) throw loginRedirect(request);
  if (mustSetUpTotp(user, context.config) && new URL(request.url).pathname !== TOTP_SETUP_PATH) {
    const url = new URL(request.url);
    throw redirect(`${TOTP_SETUP_PATH}?required=1&redirectTo=${encodeURIComponent(`${url.pathname}${url.search}`)}`);
  }
  return user;
}

export const TOTP_SETUP_PATH = '/settings/totp';

/** Operators see across organisations: with OPERATOR_TOTP=required (the default in production) no signed-in page opens until TOTP is set up. */
export function mustSetUpTotp(user: Pick<SessionUser, 'role' | 'totpEnabled'>, config: Pick<Config, 'operatorTotp'>): boolean {
  return user.role === 'operator' && !user.totpEnabled && config.operatorTotp === 'required';
}

export function forbidden(message = 'この操作を行う権限がありません。'): Response {
  return new Response(message, { status: 403, statusText: 'Forbidden', headers: { 'content-type': 'text/plain; charset=utf-8' } });
}

/**
 * Throws unless the policy allows the action: anonymous visitors are sent to log in,
 * signed-in accounts get 403; with deniedStatus 404 everyone denied gets 404, for records
 * whose very existence is private.
 */
export function assertCan(
  request: Request,
  user: SessionUser | null,
  action: Action,
  resource?: Resource,
  opts: { deniedStatus?: 403 | 404 } = {},
): void {
  if (can(user, action, resource)) return;
  if (opts.deniedStatus === 404) throw new Response('見つかりません。', { status: 404, headers: { 'content-type': 'text/plain; charset=utf-8' } });
  if (!user) throw loginRedirect(request);
  throw forbidden(user.organisation.status === 'approved' ? undefined : notApprovedMessage(user.organisation.status));
}

/** What a member of an organisation that is not (yet) approved reads instead of the page, and what happens next. */
export function notApprovedMessage(status: OrganisationStatus): string {
  if (status === 'pending') {
    return '登録内容を運営者が審査しています。承認されるとメールでお知らせし、掲載・応募・スカウトができるようになります（通常2営業日以内）。それまではプロフィールと設定を確認できます。';
  }
  if (status === 'rejected') return '登録は承認されませんでした。理由はお送りしたメールをご覧ください。内容を改めて、再度お申し込みいただけます。';
  return 'この組織のアカウントは停止されています。運営者にお問い合わせください。';
}

/** requireUser + assertCan in one call, for pages and actions that need a signed-in account. */
export async function requireCan(request: Request, context: AppLoadContext | Services, action: Action, resource?: Resource): Promise<SessionUser> {
  const user = await requireUser(request, context);
  assertCan(request, user, action, resource);
  return user;
}

/**
 * The mail viewer (/dev/mail, mails written to DATA_DIR/mail/ when SMTP_URL is unset) holds reset and
 * confirmation links, so it is never public: absent in production; a signed-in operator may read it;
 * anyone else only with DEV_MAIL=1 and only from this machine (a loopback peer, not forwarded by a proxy).
 */
export async function requireMailViewer(request: Request, context: AppLoadContext): Promise<void> {
  const notFound = () => new Response('見つかりません。', { status: 404, headers: { 'content-type': 'text/plain; charset=utf-8' } });
  if (context.config.nodeEnv === 'production') throw notFound();
  if (context.config.devMail && context.fromLoopback) return;
  const user = await getOptionalUser(request, context);
  if (user?.role === 'operator') return;
  if (!user) throw loginRedirect(request);
  throw forbidden('送信メールの一覧は運営者だけが見られます。');
}

/**
 * Starts a new session and returns its Set-Cookie header. The session the request arrived with,
 * if any, is deleted first, so an id planted before log-in never becomes authenticated (fixation).
 */
export async function startSession(
  services: Services,
  request: Request,
  userId: string,
  meta: { ip: string; mfaPending?: boolean },
): Promise<string> {
  const previous = await sessionIdOf(request, services.config);
  if (previous) await deleteSession(services.db, previous);
  const token = newToken();
  const minutes = meta.mfaPending ? MFA_PENDING_MINUTES : SESSION_DAYS * 24 * 60;
  const expires = new Date(Date.now() + minutes * 60_000);
  await insertSession(services.db, {
    id: hashToken(token),
    user_id: userId,
    expires_at: expires,
    ip: meta.ip,
    user_agent: (request.headers.get('user-agent') ?? '').slice(0, 300),
    mfa_pending: meta.mfaPending ?? false,
  });
  return sessionCookie(services.config).serialize(token, meta.mfaPending ? { maxAge: MFA_PENDING_MINUTES * 60 } : undefined);
}

/** Ends the request's session (if any) and returns the Set-Cookie header that clears the cookie. */
export async function endSession(services: Services, request: Request): Promise<string> {
  const id = await sessionIdOf(request, services.config);
  if (id) await deleteSession(services.db, id);
  return sessionCookie(services.config).serialize('', { maxAge: 0, expires: new Date(0) });
}

/** What the page header shows about the signed-in account (the root route's loader data). */
export type HeaderUser = { name: string; role: SessionUser['role']; organisationName: string; organisationStatus: SessionUser['organisation']['status'] };

/** The root route's loader: the header's user menu on every page. */
export async function rootLoader({ request, context }: { request: Request; context: AppLoadContext }) {
  const user = await getOptionalUser(request, context);
  const headerUser: HeaderUser | null = user
    ? { name: user.name, role: user.role, organisationName: user.organisation.name, organisationStatus: user.organisation.status }
    : null;
  const inbox = user && user.organisation.status === 'approved' ? await inboxCounts(context.db, user) : null;
  return json({ user: headerUser, inbox });
}
