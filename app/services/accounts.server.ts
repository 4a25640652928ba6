import type { FieldErrors } from '../schemas/form';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/database';
import {
  findActiveCompanyByCorporateNumber,
  findActiveOrganisationByLgCode,
  findOrganisationById,
  findOrganisationOwner,
  findOrganisationProfile,
  findUserByEmail,
  insertOrganisation,
  insertUser,
  listOrganisationMembers,
  listPendingOrganisations,
  updateOrganisation,
  updateUser,
} from '../../db/queries/accounts';
import { insertConsents, type Consent } from '../../db/queries/legal';
import { consumeAuthToken, findUsableAuthToken, insertAuthToken } from '../../db/queries/sessions';
import type { CompanyClass, SessionUser } from '../domain/accounts/types';
import { classifyCompany } from '../domain/eligibility/classify';
import type { Municipality } from '../domain/eligibility/types';
import type { Config } from '../server/config';
import { audit } from './audit.server';
import { findMunicipality } from './municipalities.server';
import { hashToken, newToken } from './auth.server';
import { sendMail } from './mail.server';
import { hashPassword } from './passwords.server';
import { LIMITS, limitersFor, lockedFor, minutesLeft, recordFailure, type LimiterName } from './rate-limit.server';
import type { CompanySignupValues, IndividualSignupValues, MunicipalitySignupValues } from '../schemas/signup';
import { isUuid } from '../utils/params';

export type Services = { db: Kysely<Database>; config: Config };
type Result<T = object> = ({ ok: true } & T) | { ok: false; errors: FieldErrors };

const CONFIRM_HOURS = 48;
const INVITATION_DAYS = 7;

export const companyClassOf = (hq: Municipality): CompanyClass => classifyCompany(hq);

const randomSlug = (prefix: string) => `${prefix}-${newToken().slice(0, 10).toLowerCase().replace(/[^a-z0-9]/g, 'x')}`;

type SignupInput = (
  | { kind: 'municipality'; data: MunicipalitySignupValues }
  | { kind: 'company'; data: CompanySignupValues }
  | { kind: 'individual'; data: IndividualSignupValues }
) & {
  /** the versions of 利用規約 and プライバシーポリシー the person agreed to on the form */
  consents: Consent[];
};

const isUniqueViolation = (error: unknown) => typeof error === 'object' && error !== null && (error as { code?: unknown }).code === '23505';

/**
 * The problems of a sign-up that need the database (a municipality or head office that cannot be
 * found, an organisation already registered), for the fields given: the form reports them together
 * with its own.
 */
export async function signupProblems(
  db: Kysely<Database>,
  kind: SignupInput['kind'],
  v: { municipality?: string; corporateNumber?: string; headOffice?: string; track?: string; employerHeadOffice?: string },
): Promise<FieldErrors> {
  const errors: FieldErrors = {};
  if (kind === 'municipality' && v.municipality) {
    const m = await findMunicipality(db, v.municipality);
    if (!m.ok) errors.municipality = [m.message];
    else if (await findActiveOrganisationByLgCode(db, m.municipality.lgCode))
      errors.municipality = [`${m.municipality.prefName}${m.municipality.name}は既に登録されています。登録済みの担当者に招待を依頼してください。`];
  }
  if (kind === 'company') {
    if (v.corporateNumber && (await findActiveCompanyByCorporateNumber(db, v.corporateNumber)))
      errors.corporateNumber = ['この法人番号の企業は既に登録されています。登録済みの担当者に招待を依頼してください。'];
    if (v.headOffice) {
      const hq = await findMunicipality(db, v.headOffice);
      if (!hq.ok) errors.headOffice = [hq.message];
    }
  }
  if (kind === 'individual' && v.track !== 'freelance' && v.employerHeadOffice) {
    const hq = await findMunicipality(db, v.employerHeadOffice);
    if (!hq.ok) errors.employerHeadOffice = [hq.message];
  }
  return errors;
}

/**
 * Creates the organisation (pending) and its first member (owner, e-mail unconfirmed) and sends the
 * confirmation link. An address that already has an account gets a notice instead, and the page
 * answers the same either way, so sign-up does not reveal who is registered.
 */
export async function signUp(services: Services, input: SignupInput, ip: string): Promise<Result> {
  try {
    return await signUpOnce(services, input, ip);
  } catch (error) {
    // The same sign-up sent twice at once: the other request created the account first. Answer as it did.
    if (isUniqueViolation(error) && (await findUserByEmail(services.db, input.data.email))) return { ok: true };
    if (isUniqueViolation(error)) return signUpOnce(services, input, ip);
    throw error;
  }
}

async function signUpOnce(services: Services, input: SignupInput, ip: string): Promise<Result> {
  const { db, config } = services;
  const { name, email, password } = input.data;
  const org = await organisationFields(db, input);
  if (!org.ok) return org;

  const existing = await findUserByEmail(db, email);
  if (existing) {
    // The notice goes to someone else's inbox: at most 5 an hour per address, then silently none.
    const limiters = limitersFor(db, config);
    const keys: [LimiterName, string][] = [['mail', `signup-notice:${email.toLowerCase()}`]];
    if ((await lockedFor(limiters, keys)) > 0) return { ok: true };
    await recordFailure(limiters, keys);
    await sendMail(config, {
      to: email,
      subject: '【起業人マッチ】このメールアドレスは登録済みです',
      text: `起業人マッチへの新規登録の申込みがありましたが、このメールアドレスのアカウントは既にあります。\n\nログイン：${config.publicUrl}/login\nパスワードを忘れた場合：${config.publicUrl}/password/forgot\n\nお心当たりがない場合は、このメールを破棄してください。`,
    });
    return { ok: true };
  }
  const passwordHash = await hashPassword(password);
  const token = newToken();
  await db.transaction().execute(async (trx) => {
    const organisation = await insertOrganisation(trx, org.row);
    const user = await insertUser(trx, { organisation_id: organisation.id, email, name, password_hash: passwordHash, org_role: 'owner' });
    await insertConsents(trx, user.id, input.consents, ip);
    await insertAuthToken(trx, {
      purpose: 'email_confirm', token_hash: hashToken(token), user_id: user.id, organisation_id: organisation.id, email,
      created_by: null, expires_at: new Date(Date.now() + CONFIRM_HOURS * 3600_000),
    });
    await audit(trx, {
      actor: { id: user.id, organisationId: organisation.id, email }, action: 'account.signup', targetType: 'organisation',
      targetId: organisation.id, ip, details: { kind: organisation.kind, name: organisation.name, consents: input.consents.map((c) => c.version) },
    });
  });
  const review = input.kind === 'individual' ? '' : '\n確認後、運営者が登録内容を審査します。審査結果はメールでお知らせします（通常2営業日以内）。\n';
  await sendMail(config, {
    to: email,
    subject: '【起業人マッチ】メールアドレスの確認',
    text: `${name} 様\n\n起業人マッチへのご登録ありがとうございます。\n次のリンクを開いて、メールアドレスを確認してください（${CONFIRM_HOURS}時間有効）。\n\n${config.publicUrl}/signup/confirm/${token}\n${review}\nお心当たりがない場合は、このメールを破棄してください。`,
  });
  return { ok: true };
}

async function organisationFields(db: Kysely<Database>, input: SignupInput): Promise<Result<{ row: Parameters<typeof insertOrganisation>[1] }>> {
  if (input.kind === 'municipality') {
    const d = input.data;
    const m = await findMunicipality(db, d.municipality);
    if (!m.ok) return { ok: false, errors: { municipality: [m.message] } };
    if (m.ward) return { ok: false, errors: { municipality: [`${m.display}は行政区です。市（${m.municipality.prefName}${m.municipality.name}）として登録してください。`] } };
    if (await findActiveOrganisationByLgCode(db, m.municipality.lgCode)) {
      return { ok: false, errors: { municipality: [`${m.municipality.prefName}${m.municipality.name}は既に登録されています。登録済みの担当者に招待を依頼してください。`] } };
    }
    return {
      ok: true,
      row: {
        kind: 'municipality', status: 'pending', name: `${m.municipality.prefName}${m.municipality.name}`, slug: `muni-${m.municipality.lgCode}`,
        lg_code: m.municipality.lgCode, department: d.department, phone: d.phone, evidence: d.evidence, name_kana: m.municipality.nameKana ?? null,
        head_office_lg_code: null, corporate_number: null, company_class: null, individual_track: null, employer_name: null, website: null,
        reviewed_by: null, reviewed_at: null, review_reason: null,
      },
    };
  }
  if (input.kind === 'company') {
    const d = input.data;
    const hq = await findMunicipality(db, d.headOffice);
    if (!hq.ok) return { ok: false, errors: { headOffice: [hq.message] } };
    if (await findActiveCompanyByCorporateNumber(db, d.corporateNumber)) {
      return { ok: false, errors: { corporateNumber: ['この法人番号の企業は既に登録されています。登録済みの担当者に招待を依頼してください。'] } };
    }
    return {
      ok: true,
      row: {
        kind: 'company', status: 'pending', name: d.companyName, slug: `co-${d.corporateNumber}`, corporate_number: d.corporateNumber,
        head_office_lg_code: hq.municipality.lgCode, company_class: companyClassOf(hq.municipality), department: d.department, phone: d.phone,
        website: d.website || null, evidence: d.evidence, name_kana: null, lg_code: null, individual_track: null, employer_name: null,
        reviewed_by: null, reviewed_at: null, review_reason: null,
      },
    };
  }
  const d = input.data;
  let employerHq: Municipality | null = null;
  if (d.track !== 'freelance') {
    const hq = await findMunicipality(db, d.employerHeadOffice);
    if (!hq.ok) return { ok: false, errors: { employerHeadOffice: [hq.message] } };
    employerHq = hq.municipality;
  }
  return {
    ok: true,
    row: {
      kind: 'individual', status: 'pending', name: d.name, slug: randomSlug('ind'), individual_track: d.track,
      employer_name: d.track === 'freelance' ? null : d.employerName, head_office_lg_code: employerHq?.lgCode ?? null,
      company_class: employerHq ? companyClassOf(employerHq) : null, description: d.description, name_kana: null, lg_code: null,
      corporate_number: null, department: null, phone: null, website: null, reviewed_by: null, reviewed_at: null, review_reason: null,
    },
  };
}

/** Confirms the address; an individual's one-person organisation is approved by it, the others wait for review. */
export async function confirmEmail(services: Services, token: string, ip: string) {
  const { db } = services;
  return db.transaction().execute(async (trx) => {
    const row = await findUsableAuthToken(trx, 'email_confirm', hashToken(token));
    if (!row || !row.user_id || !(await consumeAuthToken(trx, row.id))) return { ok: false as const };
    await updateUser(trx, row.user_id, { email_verified_at: new Date() });
    const org = row.organisation_id ? await findOrganisationById(trx, row.organisation_id) : undefined;
    let status = org?.status ?? 'pending';
    if (org && org.kind === 'individual' && org.status === 'pending') {
      await updateOrganisation(trx, org.id, { status: 'approved' });
      status = 'approved';
    }
    await audit(trx, { actor: { id: row.user_id, organisationId: row.organisation_id ?? '', email: row.email }, action: 'account.email_confirmed', targetType: 'user', targetId: row.user_id, ip });
    return { ok: true as const, kind: org?.kind, status, track: org?.individual_track ?? null };
  });
}

export function pendingApprovals(db: Kysely<Database>) {
  return listPendingOrganisations(db);
}

/** An operator's decision on a pending organisation, logged and sent to its first member. */
export async function reviewOrganisation(
  services: Services,
  operator: SessionUser,
  input: { organisationId: string; decision: 'approve' | 'reject'; reason: string },
  ip: string,
): Promise<Result> {
  const { db, config } = services;
  const done = await db.transaction().execute(async (trx) => {
    const org = await findOrganisationById(trx, input.organisationId);
    if (!org || org.status !== 'pending') return null;
    const status = input.decision === 'approve' ? 'approved' : 'rejected';
    await updateOrganisation(trx, org.id, { status, reviewed_by: operator.id, reviewed_at: new Date(), review_reason: input.reason || null });
    await audit(trx, {
      actor: operator, action: input.decision === 'approve' ? 'organisation.approve' : 'organisation.reject', targetType: 'organisation',
      targetId: org.id, ip, details: { name: org.name, kind: org.kind, reason: input.reason || null },
    });
    return { org, owner: await findOrganisationOwner(trx, org.id) };
  });
  if (!done) return { ok: false, errors: { _form: ['この申請は既に審査済みか、見つかりません。'] } };
  if (done.owner) {
    const approved = input.decision === 'approve';
    await sendMail(config, {
      to: done.owner.email,
      subject: approved ? '【起業人マッチ】登録を承認しました' : '【起業人マッチ】登録を承認できませんでした',
      text: approved
        ? `${done.owner.name} 様\n\n${done.org.name} の登録を承認しました。ログインして募集・ソリューションの掲載や応募ができます。\n${input.reason ? `\n運営者からのコメント：\n${input.reason}\n` : ''}\n${config.publicUrl}/login`
        : `${done.owner.name} 様\n\n${done.org.name} の登録は、次の理由により承認できませんでした。\n\n理由：\n${input.reason}\n\n内容を改めて、再度お申し込みいただけます：${config.publicUrl}/signup`,
    });
  }
  return { ok: true };
}

/** Invites a colleague into the inviter's organisation; the link lets them choose a name and password. */
export async function inviteColleague(services: Services, inviter: SessionUser, email: string, ip: string): Promise<Result> {
  const { db, config } = services;
  if (await findUserByEmail(db, email)) return { ok: false, errors: { email: ['このメールアドレスは既に登録されています。'] } };
  // Invitations land in another person's inbox: at most 5 an hour per address, whoever invites.
  const limiters = limitersFor(db, config);
  const keys: [LimiterName, string][] = [['mail', `invitation:${email.toLowerCase()}`]];
  const wait = await lockedFor(limiters, keys);
  if (wait > 0) return { ok: false, errors: { email: [`このメールアドレスへの招待は1時間に${LIMITS.mail.points}通までです。${minutesLeft(wait)}分ほど待ってから再度お試しください。`] } };
  await recordFailure(limiters, keys);
  const token = newToken();
  await db.transaction().execute(async (trx) => {
    const row = await insertAuthToken(trx, {
      purpose: 'invitation', token_hash: hashToken(token), user_id: null, organisation_id: inviter.organisationId, email,
      created_by: inviter.id, expires_at: new Date(Date.now() + INVITATION_DAYS * 24 * 3600_000),
    });
    await audit(trx, { actor: inviter, action: 'organisation.invite', targetType: 'organisation', targetId: inviter.organisationId, ip, details: { email, invitation: row.id } });
  });
  await sendMail(config, {
    to: email,
    subject: `【起業人マッチ】${inviter.organisation.name}への招待`,
    text: `${inviter.name} さん（${inviter.organisation.name}）から、起業人マッチへの招待が届いています。\n次のリンクから氏名とパスワードを設定してください（${INVITATION_DAYS}日間有効）。\n\n${config.publicUrl}/invitations/${token}\n\nお心当たりがない場合は、このメールを破棄してください。`,
  });
  return { ok: true };
}

export async function findInvitation(db: Kysely<Database>, token: string) {
  const row = await findUsableAuthToken(db, 'invitation', hashToken(token));
  if (!row || !row.organisation_id) return null;
  const org = await findOrganisationById(db, row.organisation_id);
  return org ? { email: row.email, organisation: { id: org.id, name: org.name, kind: org.kind } } : null;
}

/** Creates the invited account (its address is proven by the link) and returns its id. */
export async function acceptInvitation(services: Services, token: string, input: { name: string; password: string }, ip: string): Promise<Result<{ userId: string }>> {
  const { db } = services;
  const passwordHash = await hashPassword(input.password);
  const userId = await db.transaction().execute(async (trx) => {
    const row = await findUsableAuthToken(trx, 'invitation', hashToken(token));
    if (!row || !row.organisation_id || (await findUserByEmail(trx, row.email)) || !(await consumeAuthToken(trx, row.id))) return null;
    const user = await insertUser(trx, { organisation_id: row.organisation_id, email: row.email, name: input.name, password_hash: passwordHash, org_role: 'member', email_verified_at: new Date() });
    await audit(trx, { actor: { id: user.id, organisationId: row.organisation_id, email: row.email }, action: 'account.invitation_accepted', targetType: 'user', targetId: user.id, ip, details: { invitedBy: row.created_by } });
    return user.id;
  });
  return userId ? { ok: true, userId } : { ok: false, errors: { _form: ['招待リンクが無効か、期限が切れています。招待した方に再送を依頼してください。'] } };
}

export function organisationProfile(db: Kysely<Database>, id: string) {
  if (!isUuid(id)) return Promise.resolve(undefined);
  return findOrganisationProfile(db, id);
}

export function organisationMembers(db: Kysely<Database>, organisationId: string) {
  return listOrganisationMembers(db, organisationId);
}

export async function updateOrganisationProfile(services: Services, user: SessionUser, input: { description: string; website: string }, ip: string) {
  await services.db.transaction().execute(async (trx) => {
    await updateOrganisation(trx, user.organisationId, { description: input.description, website: input.website || null });
    await audit(trx, { actor: user, action: 'organisation.edit', targetType: 'organisation', targetId: user.organisationId, ip });
  });
}
