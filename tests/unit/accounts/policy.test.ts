import { describe, expect, it } from 'vitest';
import type { OrganisationStatus, Role, SessionUser } from '../../../app/domain/accounts/types';
import { ACTIONS, can, type Action, type Resource } from '../../../app/domain/policy';

function user(role: Role, organisationId: string, status: OrganisationStatus = 'approved', orgRole: 'owner' | 'member' = 'owner'): SessionUser {
  return {
    id: `u-${organisationId}`, email: `${organisationId}@example.jp`, name: organisationId, role, orgRole, organisationId,
    organisation: { id: organisationId, kind: role, status, name: organisationId, slug: organisationId, lgCode: null, headOfficeLgCode: null, companyClass: null },
    employment: null, totpEnabled: false,
  };
}

const muniX = user('municipality', 'mx');
const muniY = user('municipality', 'my');
const company = user('company', 'co');
const individual = user('individual', 'in');
const ministry = user('ministry', 'mi');
const operator = user('operator', 'op');
const pendingCompany = user('company', 'pc', 'pending');
const suspended = user('municipality', 'sx', 'suspended');

const draftOpeningOfX: Resource = { type: 'listing', listingKind: 'opening', ownerOrganisationId: 'mx', published: false };
const publishedOpeningOfX: Resource = { type: 'listing', listingKind: 'opening', ownerOrganisationId: 'mx', published: true };
const publishedSolutionOfCo: Resource = { type: 'listing', listingKind: 'solution', ownerOrganisationId: 'co', published: true };
const conversationXCo: Resource = { type: 'conversation', participantOrganisationIds: ['mx', 'co'] };
const agreementXCo: Resource = { type: 'agreement', partyOrganisationIds: ['mx', 'co'] };

type Case = [string, SessionUser | null, Action, Resource | undefined, boolean];

const CASES: Case[] = [
  ['anyone reads a published opening', null, 'listing.view', publishedOpeningOfX, true],
  ['anonymous cannot read a draft', null, 'listing.view', draftOpeningOfX, false],
  ['the owner reads its draft', muniX, 'listing.view', draftOpeningOfX, true],
  ['another municipality cannot read the draft', muniY, 'listing.view', draftOpeningOfX, false],
  ['the ministry cannot read drafts', ministry, 'listing.view', draftOpeningOfX, false],
  ['operators cannot read drafts', operator, 'listing.view', draftOpeningOfX, false],
  ['a municipality posts openings', muniX, 'listing.create', { type: 'listing', listingKind: 'opening' }, true],
  ['a company cannot post openings', company, 'listing.create', { type: 'listing', listingKind: 'opening' }, false],
  ['a company posts solutions', company, 'listing.create', { type: 'listing', listingKind: 'solution' }, true],
  ['an individual posts solutions', individual, 'listing.create', { type: 'listing', listingKind: 'solution' }, true],
  ['a municipality cannot post solutions', muniX, 'listing.create', { type: 'listing', listingKind: 'solution' }, false],
  ['a pending company cannot post', pendingCompany, 'listing.create', { type: 'listing', listingKind: 'solution' }, false],
  ['a suspended municipality cannot post', suspended, 'listing.create', { type: 'listing', listingKind: 'opening' }, false],
  ['the ministry cannot post', ministry, 'listing.create', { type: 'listing', listingKind: 'opening' }, false],
  ['only the owner edits', muniY, 'listing.edit', publishedOpeningOfX, false],
  ['the owner edits', muniX, 'listing.edit', publishedOpeningOfX, true],
  ['operators moderate, they do not edit', operator, 'listing.edit', publishedOpeningOfX, false],
  ['operators moderate', operator, 'listing.moderate', publishedOpeningOfX, true],
  ['a company applies to a published opening', company, 'application.create', publishedOpeningOfX, true],
  ['a company cannot apply to a draft', company, 'application.create', draftOpeningOfX, false],
  ['a municipality cannot apply to an opening', muniY, 'application.create', publishedOpeningOfX, false],
  ['a municipality applies to a solution', muniX, 'application.create', publishedSolutionOfCo, true],
  ['nobody applies to its own listing', company, 'application.create', publishedSolutionOfCo, false],
  ['parties join their conversation', company, 'conversation.join', conversationXCo, true],
  ['other municipalities cannot', muniY, 'conversation.view', conversationXCo, false],
  ['the ministry never reads conversations', ministry, 'conversation.view', conversationXCo, false],
  ['operators never read conversations', operator, 'conversation.view', conversationXCo, false],
  ['parties edit an open agreement', muniX, 'agreement.edit', agreementXCo, true],
  ['nobody edits a locked agreement', muniX, 'agreement.edit', { ...agreementXCo, locked: true } as Resource, false],
  ['the ministry cannot see agreements', ministry, 'agreement.view', agreementXCo, false],
  ['the ministry monitors', ministry, 'monitoring.view', undefined, true],
  ['municipalities do not monitor', muniX, 'monitoring.view', undefined, false],
  ['operators approve', operator, 'admin.approve', undefined, true],
  ['the ministry does not approve', ministry, 'admin.approve', undefined, false],
  ['a pending account still reaches its settings', pendingCompany, 'account.settings', undefined, true],
  ['anonymous has no settings', null, 'account.settings', undefined, false],
  ['a pending organisation is hidden from the public', null, 'organisation.view', { type: 'organisation', id: 'pc', kind: 'company', status: 'pending' }, false],
  ['but visible to its member', pendingCompany, 'organisation.view', { type: 'organisation', id: 'pc', kind: 'company', status: 'pending' }, true],
  ['only owners invite', user('company', 'co', 'approved', 'member'), 'organisation.invite', { type: 'organisation', id: 'co', kind: 'company', status: 'approved' }, false],
  ['owners invite', company, 'organisation.invite', { type: 'organisation', id: 'co', kind: 'company', status: 'approved' }, true],
  ['a company marks a published opening 気になる', company, 'listing.favourite', publishedOpeningOfX, true],
  ['a municipality marks a published solution', muniY, 'listing.favourite', publishedSolutionOfCo, true],
  ['nobody marks a draft', company, 'listing.favourite', draftOpeningOfX, false],
  ['nobody marks its own listing', company, 'listing.favourite', publishedSolutionOfCo, false],
  ['a municipality does not mark another opening', muniY, 'listing.favourite', publishedOpeningOfX, false],
  ['the ministry does not mark', ministry, 'listing.favourite', publishedOpeningOfX, false],
  ['a pending company does not mark', pendingCompany, 'listing.favourite', publishedOpeningOfX, false],
  ['municipalities get matching proposals', muniX, 'proposal.view', undefined, true],
  ['individuals get matching proposals', individual, 'proposal.view', undefined, true],
  ['the ministry gets no proposals', ministry, 'proposal.view', undefined, false],
  ['a pending company gets no proposals', pendingCompany, 'proposal.view', undefined, false],
  ['application parties see it', muniX, 'application.view', { type: 'application', applicantOrganisationId: 'co', listingOwnerOrganisationId: 'mx' }, true],
  ['outsiders do not', muniY, 'application.view', { type: 'application', applicantOrganisationId: 'co', listingOwnerOrganisationId: 'mx' }, false],
];

describe('can(user, action, resource)', () => {
  it.each(CASES)('%s', (_name, u, action, resource, expected) => {
    expect(can(u, action, resource)).toBe(expected);
  });

  it('denies every action to anonymous visitors except reading public records', () => {
    const allowed = ACTIONS.filter((a) => can(null, a, publishedOpeningOfX) || can(null, a, { type: 'organisation', id: 'mx', kind: 'municipality', status: 'approved' }));
    expect(allowed.sort()).toEqual(['listing.view', 'organisation.view']);
  });

  it('denies when the resource is of the wrong type', () => {
    expect(can(muniX, 'listing.edit', conversationXCo)).toBe(false);
    expect(can(company, 'conversation.join', publishedOpeningOfX)).toBe(false);
  });
});
