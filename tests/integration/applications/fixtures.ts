import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../../../db/database';
import type { SessionUser } from '../../../app/domain/accounts/types';
import { getUserFromCookieHeader, hashToken, newToken, sessionCookie } from '../../../app/services/auth.server';
import type { Config } from '../../../app/server/config';

/*
 * Parties for application and chat tests, written straight into the test database: organisations,
 * verified users with a live session (the cookie a browser would send), and published listings.
 */

type Services = { db: Kysely<Database>; config: Config };

export type Party = { organisationId: string; user: SessionUser; cookie: string };

const uniq = () => randomBytes(4).toString('hex');

export async function makeParty(
  s: Services,
  org: { kind: 'municipality' | 'company' | 'individual' | 'ministry' | 'operator'; name: string; lgCode?: string; hq?: string; companyClass?: 'A' | 'B'; track?: 'side_job' | 'senior' | 'freelance'; status?: 'approved' | 'pending' },
): Promise<Party> {
  const slug = `${org.kind}-${uniq()}`;
  const { id: organisationId } = await s.db
    .insertInto('organisations')
    .values({
      kind: org.kind,
      status: org.status ?? 'approved',
      name: org.name,
      name_kana: null,
      slug,
      lg_code: org.lgCode ?? null,
      head_office_lg_code: org.hq ?? null,
      corporate_number: org.kind === 'company' ? String(Math.floor(1e12 + Math.random() * 8.99e12)) : null,
      company_class: org.companyClass ?? null,
      individual_track: org.track ?? null,
      employer_name: null,
      department: null,
      phone: null,
      website: null,
      reviewed_by: null,
      reviewed_at: null,
      review_reason: null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return addMember(s, organisationId, `${org.name}の担当者`);
}

export async function addMember(s: Services, organisationId: string, name: string): Promise<Party> {
  const { id: userId } = await s.db
    .insertInto('users')
    .values({ organisation_id: organisationId, email: `u-${uniq()}@example.jp`, name, password_hash: 'x', email_verified_at: new Date(), totp_secret: null, totp_enabled_at: null, disabled_at: null, last_login_at: null })
    .returning('id')
    .executeTakeFirstOrThrow();
  const cookie = await sessionFor(s, userId);
  const user = await getUserFromCookieHeader(s, cookie);
  if (!user) throw new Error('fixture session did not resolve');
  return { organisationId, user, cookie };
}

/** A live session of a user, written into the database: the cookie a browser would send with it (name=value). */
export async function sessionFor(s: Services, userId: string, options: { userAgent?: string; ttlMs?: number } = {}): Promise<string> {
  const token = newToken();
  await s.db
    .insertInto('sessions')
    .values({ id: hashToken(token), user_id: userId, expires_at: new Date(Date.now() + (options.ttlMs ?? 86_400_000)), ip: '', user_agent: options.userAgent ?? '', mfa_pending: false })
    .execute();
  return (await sessionCookie(s.config).serialize(token)).split(';')[0];
}

export async function makeListing(s: Services, l: { kind: 'opening' | 'solution'; organisationId: string; title: string; lgCode?: string; types?: ('dispatch' | 'side_job' | 'senior')[] }) {
  const { id } = await s.db
    .insertInto('listings')
    .values({
      kind: l.kind,
      organisation_id: l.organisationId,
      status: 'published',
      close_reason: null,
      title: l.title,
      summary: '概要',
      body: '本文',
      duties: '',
      skills: '',
      track_record: '',
      conditions: '',
      categories: ['dx'],
      types: l.types ?? ['dispatch', 'side_job'],
      term_min_months: 6,
      term_max_months: 12,
      start_from: null,
      deadline: null,
      days_on_site: null,
      remote_ok: true,
      budget_min_yen: null,
      budget_max_yen: null,
      headcount: null,
      lg_code: l.lgCode ?? null,
      pref_code: l.lgCode ? l.lgCode.slice(0, 2) : null,
      region_pref_codes: [],
      region_anywhere: true,
      contact_name: '担当',
      contact_email: 'contact@example.jp',
      contact_phone: '',
      published_at: new Date(),
      closed_at: null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return id;
}

/**
 * 海士町 (eligible receiver) with an opening; an A-class company in 千代田区 (eligible); a B-class
 * company in 札幌市 (ineligible for 北海道 municipalities); 東川町 (北海道) with an opening; an
 * unrelated company; the ministry.
 */
export async function scenario(s: Services) {
  const municipality = await makeParty(s, { kind: 'municipality', name: '島根県海士町', lgCode: '325252' });
  const company = await makeParty(s, { kind: 'company', name: '株式会社みらい地域創生', hq: '131016', companyClass: 'A' });
  const sapporo = await makeParty(s, { kind: 'company', name: '株式会社北の森', hq: '011002', companyClass: 'B' });
  const hokkaido = await makeParty(s, { kind: 'municipality', name: '北海道東川町', lgCode: '014583' });
  const stranger = await makeParty(s, { kind: 'company', name: '無関係株式会社', hq: '131016', companyClass: 'A' });
  const ministry = await makeParty(s, { kind: 'ministry', name: '総務省' });
  const opening = await makeListing(s, { kind: 'opening', organisationId: municipality.organisationId, title: '観光DXの推進', lgCode: '325252' });
  const hokkaidoOpening = await makeListing(s, { kind: 'opening', organisationId: hokkaido.organisationId, title: '写真の町のブランディング', lgCode: '014583' });
  const solution = await makeListing(s, { kind: 'solution', organisationId: company.organisationId, title: '自治体DX伴走支援' });
  return { municipality, company, sapporo, hokkaido, stranger, ministry, opening, hokkaidoOpening, solution };
}

export const form = (values: Record<string, string | string[]>) => {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(values)) for (const x of Array.isArray(v) ? v : [v]) p.append(k, x);
  return p;
};
