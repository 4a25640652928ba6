import { sql, type Kysely } from 'kysely';
import type { Database } from '../../../db/database';
import type { SessionUser } from '../../../app/domain/accounts/types';
import type { OpeningInput, SolutionInput } from '../../../app/schemas/listings';

let counter = 0;

/** An approved organisation with one member, as the session would present it. */
export async function makeUser(
  db: Kysely<Database>,
  o: { slug: string; kind: SessionUser['role']; lgCode?: string; hq?: string; companyClass?: 'A' | 'B' | 'none'; track?: 'side_job' | 'senior' | 'freelance' },
): Promise<SessionUser> {
  const org = await db
    .insertInto('organisations')
    .values({
      kind: o.kind,
      status: 'approved',
      name: `${o.slug} 団体`,
      name_kana: null,
      slug: o.slug,
      lg_code: o.lgCode ?? null,
      head_office_lg_code: o.hq ?? null,
      corporate_number: o.kind === 'company' ? String(1_000_000_000_000 + (counter += 1)) : null,
      company_class: o.companyClass ?? null,
      individual_track: o.track ?? null,
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
  const user = await db
    .insertInto('users')
    .values({ organisation_id: org.id, email: `${o.slug}@test.example.jp`, name: `${o.slug} 担当`, password_hash: 'x', email_verified_at: sql`now()` as never, totp_secret: null, totp_enabled_at: null, disabled_at: null, last_login_at: null })
    .returning('id')
    .executeTakeFirstOrThrow();
  return {
    id: user.id,
    email: `${o.slug}@test.example.jp`,
    name: `${o.slug} 担当`,
    role: o.kind,
    orgRole: 'owner',
    organisationId: org.id,
    organisation: { id: org.id, kind: o.kind, status: 'approved', name: `${o.slug} 団体`, slug: o.slug, lgCode: o.lgCode ?? null, headOfficeLgCode: o.hq ?? null, companyClass: o.companyClass ?? null },
    employment: o.kind === 'individual' ? { track: o.track ?? 'side_job', employerName: null, employerHeadOfficeLgCode: o.hq ?? null, employerClass: o.companyClass ?? null } : null,
    totpEnabled: false,
  };
}

export const openingInput = (over: Partial<OpeningInput> = {}): OpeningInput => ({
  title: '島の宿泊施設のDX担当',
  summary: '予約と会計をひとつにしたい',
  body: '紙の台帳で予約を管理しています。',
  duties: '- 聞き取り\n- 導入支援',
  skills: '- 宿泊業のシステム導入',
  conditions: '町営住宅あり',
  categories: ['dx', 'tourism'],
  types: ['dispatch', 'side_job'],
  termMinMonths: 12,
  termMaxMonths: 24,
  startFrom: '2027-04-01',
  remoteOk: true,
  daysOnSite: 16,
  budgetMin: 400,
  budgetMax: 560,
  contactName: '大野',
  contactEmail: 'ono@example.lg.jp',
  contactPhone: '',
  deadline: '2026-12-31',
  ...over,
});

export const solutionInput = (over: Partial<SolutionInput> = {}): SolutionInput => ({
  title: '自治体DXの伴走',
  summary: '計画から定着まで',
  body: '業務の棚卸しから始めます。',
  skills: '- BPR',
  trackRecord: '- 20自治体',
  conditions: '',
  categories: ['dx'],
  types: ['dispatch'],
  termMinMonths: 12,
  termMaxMonths: 36,
  startFrom: '2027-01-01',
  remoteOk: true,
  regionAnywhere: false,
  regionPrefCodes: ['32', '46'],
  headcount: 2,
  contactName: '高橋',
  contactEmail: 'takahashi@example.jp',
  contactPhone: '',
  ...over,
});
