import type { OrganisationStatus, Role, SessionUser } from '../accounts/types';
import type { ListingKind } from '../vocabulary';

/**
 * The one authorisation module. Every loader, action, API route and socket handler asks
 * `can(user, action, resource)`; nothing else looks at roles. A feature that needs a new
 * action adds it to ACTIONS and a rule to RULES below (one line each), and a row to the
 * authorisation matrix test.
 */
export const ACTIONS = [
  // accounts
  'account.settings',
  'organisation.view',
  'organisation.edit',
  'organisation.invite',
  // an individual's profile (career, skills, residence, availability, photo)
  'profile.view',
  'profile.edit',
  // listings: 起業人募集 (opening, by municipalities) and ソリューション (solution, by companies/individuals)
  'listing.create',
  'listing.view',
  'listing.edit',
  'listing.publish',
  'listing.delete',
  'listing.moderate',
  'listing.favourite',
  // matching proposals (マッチング提案) for the organisations that post listings
  'proposal.view',
  // applications and chat
  'application.create',
  'application.view',
  'application.update',
  'application.withdraw',
  'conversation.view',
  'conversation.join',
  'conversation.post',
  // agreements
  'agreement.create',
  'agreement.view',
  'agreement.edit',
  // monitoring and administration
  'monitoring.view',
  'admin.approve',
  'admin.audit',
  'admin.users',
  'admin.index',
  'admin.synonyms',
  'admin.templates',
] as const;
export type Action = (typeof ACTIONS)[number];

export type { ListingKind };

/** What an action is about. Callers build these from their rows; only the fields named here matter. */
export type Resource =
  | { type: 'site' }
  | { type: 'user'; id: string; organisationId: string }
  | { type: 'organisation'; id: string; kind: Role; status: OrganisationStatus }
  /** ownerOrganisationId is absent for listing.create */
  | { type: 'listing'; listingKind: ListingKind; ownerOrganisationId?: string; published?: boolean }
  | { type: 'application'; applicantOrganisationId: string; listingOwnerOrganisationId: string }
  | { type: 'conversation'; participantOrganisationIds: readonly string[] }
  | { type: 'agreement'; partyOrganisationIds: readonly string[]; locked?: boolean };

/** The fields of SessionUser the policy reads (a SessionUser is one). */
export type Actor = Pick<SessionUser, 'id' | 'role' | 'orgRole' | 'organisationId'> & {
  organisation: Pick<SessionUser['organisation'], 'status'>;
};

type Rule = (user: Actor | null, resource: Resource) => boolean;

const SITE: Resource = { type: 'site' };

/** Approved members act; pending, rejected or suspended organisations may only look after their own account. */
const active = (u: Actor | null): u is Actor => u !== null && u.organisation.status === 'approved';
const isRole = (u: Actor | null, ...roles: Role[]): u is Actor => active(u) && roles.includes(u.role);
const memberOf = (u: Actor | null, orgId: string | undefined) => active(u) && orgId !== undefined && u.organisationId === orgId;
const among = (u: Actor | null, orgIds: readonly string[]) => active(u) && orgIds.includes(u.organisationId);

/** Who may post which kind of listing: municipalities post openings; companies and individuals post solutions. */
const POSTERS: Record<ListingKind, Role[]> = { opening: ['municipality'], solution: ['company', 'individual'] };
/** Who may apply to which kind of listing: the other side. */
const APPLICANTS: Record<ListingKind, Role[]> = { opening: ['company', 'individual'], solution: ['municipality'] };

const RULES: Record<Action, Rule> = {
  'account.settings': (u) => u !== null,
  'organisation.view': (u, r) =>
    r.type === 'organisation' &&
    (r.status === 'approved' || (u !== null && (u.organisationId === r.id || isRole(u, 'operator')))),
  'organisation.edit': (u, r) => r.type === 'organisation' && memberOf(u, r.id),
  'organisation.invite': (u, r) =>
    r.type === 'organisation' && memberOf(u, r.id) && u!.orgRole === 'owner' && (r.kind === 'municipality' || r.kind === 'company'),

  // Read by municipalities before a scout (and operators); never by anonymous visitors, companies or the ministry.
  'profile.view': (u, r) =>
    r.type === 'organisation' && r.kind === 'individual' && u !== null && (u.organisationId === r.id || (r.status === 'approved' && isRole(u, 'municipality', 'operator'))),
  'profile.edit': (u, r) => r.type === 'organisation' && r.kind === 'individual' && memberOf(u, r.id),

  'listing.create': (u, r) => r.type === 'listing' && isRole(u, ...POSTERS[r.listingKind]),
  // The ministry and operators see published records only; drafts stay with their organisation.
  'listing.view': (u, r) => r.type === 'listing' && (r.published === true || memberOf(u, r.ownerOrganisationId)),
  'listing.edit': (u, r) => r.type === 'listing' && memberOf(u, r.ownerOrganisationId),
  'listing.publish': (u, r) => r.type === 'listing' && memberOf(u, r.ownerOrganisationId) && isRole(u, ...POSTERS[r.listingKind]),
  'listing.delete': (u, r) => r.type === 'listing' && memberOf(u, r.ownerOrganisationId),
  'listing.moderate': (u, r) => r.type === 'listing' && isRole(u, 'operator'),
  'proposal.view': (u) => isRole(u, 'municipality', 'company', 'individual'),
  // 気になる: the side that could apply to (or scout) the listing marks it; never its own organisation.
  'listing.favourite': (u, r) =>
    r.type === 'listing' && r.published === true && isRole(u, ...APPLICANTS[r.listingKind]) && u.organisationId !== r.ownerOrganisationId,

  'application.create': (u, r) =>
    r.type === 'listing' &&
    r.published === true &&
    isRole(u, ...APPLICANTS[r.listingKind]) &&
    u.organisationId !== r.ownerOrganisationId,
  'application.view': (u, r) => r.type === 'application' && among(u, [r.applicantOrganisationId, r.listingOwnerOrganisationId]),
  'application.update': (u, r) => r.type === 'application' && memberOf(u, r.listingOwnerOrganisationId),
  'application.withdraw': (u, r) => r.type === 'application' && memberOf(u, r.applicantOrganisationId),

  // Conversations are private to their parties: not the ministry, not operators.
  'conversation.view': (u, r) => r.type === 'conversation' && among(u, r.participantOrganisationIds),
  'conversation.join': (u, r) => r.type === 'conversation' && among(u, r.participantOrganisationIds),
  'conversation.post': (u, r) => r.type === 'conversation' && among(u, r.participantOrganisationIds),

  'agreement.create': (u, r) => r.type === 'agreement' && among(u, r.partyOrganisationIds),
  'agreement.view': (u, r) => r.type === 'agreement' && among(u, r.partyOrganisationIds),
  'agreement.edit': (u, r) => r.type === 'agreement' && r.locked !== true && among(u, r.partyOrganisationIds),

  'monitoring.view': (u) => isRole(u, 'ministry', 'operator'),
  'admin.approve': (u) => isRole(u, 'operator'),
  'admin.audit': (u) => isRole(u, 'operator'),
  'admin.users': (u) => isRole(u, 'operator'),
  'admin.index': (u) => isRole(u, 'operator'),
  'admin.synonyms': (u) => isRole(u, 'operator'),
  'admin.templates': (u) => isRole(u, 'operator'),
};

/** True when `user` (null = anonymous) may perform `action` on `resource` (default: the site as a whole). */
export function can(user: Actor | null, action: Action, resource: Resource = SITE): boolean {
  const rule = RULES[action];
  return rule ? rule(user, resource) : false;
}
