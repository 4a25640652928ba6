import { ORGANISATION_KINDS, type OrganisationKind } from '../vocabulary';

/** The five kinds of account; an account's role is the kind of the organisation it belongs to. */
export { ORGANISATION_KINDS as ROLES };
export type Role = OrganisationKind;

export const ORGANISATION_STATUSES = ['pending', 'approved', 'rejected', 'suspended'] as const;
export type OrganisationStatus = (typeof ORGANISATION_STATUSES)[number];

/** A company's class under the programme, from its head office: A (三大都市圏), B (圏外の政令市・中核市・県庁所在市), none. */
export type CompanyClass = 'A' | 'B' | 'none';

/** side_job: 副業型 (employed now); senior: シニア型 (retired); freelance: may register, not eligible for 副業型. */
export const INDIVIDUAL_TRACKS = ['side_job', 'senior', 'freelance'] as const;
export type IndividualTrack = (typeof INDIVIDUAL_TRACKS)[number];

export type OrgRole = 'owner' | 'member';

export interface SessionOrganisation {
  id: string;
  kind: Role;
  status: OrganisationStatus;
  name: string;
  slug: string;
  /** municipality organisations: the municipality's 全国地方公共団体コード */
  lgCode: string | null;
  /** companies: head office; individuals: the (former) employer's head office */
  headOfficeLgCode: string | null;
  /** companies: their class; individuals: their (former) employer's class */
  companyClass: CompanyClass | null;
}

export interface Employment {
  track: IndividualTrack;
  employerName: string | null;
  employerHeadOfficeLgCode: string | null;
  employerClass: CompanyClass | null;
}

/** The signed-in account as every loader, action and socket handler sees it. */
export interface SessionUser {
  id: string;
  email: string;
  name: string;
  role: Role;
  /** the organisation's first member is its owner and may invite colleagues */
  orgRole: OrgRole;
  organisationId: string;
  organisation: SessionOrganisation;
  /** individuals only */
  employment: Employment | null;
  totpEnabled: boolean;
}

export const ROLE_LABELS: Record<Role, string> = {
  municipality: '自治体',
  company: '企業',
  individual: '個人',
  ministry: '総務省',
  operator: '運営者',
};

export const ORGANISATION_STATUS_LABELS: Record<OrganisationStatus, string> = {
  pending: '審査中',
  approved: '承認済み',
  rejected: '却下',
  suspended: '停止中',
};

export const INDIVIDUAL_TRACK_LABELS: Record<IndividualTrack, string> = {
  side_job: '副業型（企業に在籍中）',
  senior: 'シニア型（企業を退職）',
  freelance: 'フリーランス・自営業',
};
