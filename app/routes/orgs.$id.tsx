import { json, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { useLoaderData } from '@remix-run/react';
import { COMPANY_CLASS_LABELS } from '../domain/accounts/company-class';
import { INDIVIDUAL_TRACK_LABELS, ROLE_LABELS, type CompanyClass, type IndividualTrack, type OrganisationStatus, type Role } from '../domain/accounts/types';
import { organisationProfile } from '../services/accounts.server';
import { assertCan, getOptionalUser } from '../services/auth.server';
import { IndividualProfile } from '../components/accounts/individual-profile';
import { OrganisationListings } from '../components/listings/organisation-listings';
import { profileFor } from '../services/profiles.server';
import { organisationListings } from '../services/listings.server';
import { formatWareki } from '../utils/dates';

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.org.name ?? '組織'}｜起業人マッチ` }];

/** Public fields only: no contact details, evidence or (for individuals) employer name. */
export async function loader({ params, request, context }: LoaderFunctionArgs) {
  const row = await organisationProfile(context.db, params.id ?? '');
  if (!row) throw new Response('見つかりません。', { status: 404 });
  const user = await getOptionalUser(request, context);
  assertCan(request, user, 'organisation.view', { type: 'organisation', id: row.id, kind: row.kind as Role, status: row.status as OrganisationStatus }, { deniedStatus: 404 });
  const kind = row.kind as Role;
  return json({
    org: {
      id: row.id,
      kind,
      name: row.name,
      status: row.status,
      description: row.description,
      website: row.website,
      municipality: row.municipality_name ? `${row.municipality_pref}${row.municipality_name}` : null,
      headOffice: kind === 'company' && row.head_office_name ? `${row.head_office_pref}${row.head_office_name}` : null,
      corporateNumber: kind === 'company' ? row.corporate_number : null,
      companyClass: (row.company_class as CompanyClass | null) ?? null,
      track: (row.individual_track as IndividualTrack | null) ?? null,
      since: row.created_at,
    },
    listings: await organisationListings(context.db, user, row.id),
    // An individual's profile: only for signed-in municipalities, operators and the individual (never in the anonymous page).
    profile: await profileFor(context.db, user, { id: row.id, kind, status: row.status as OrganisationStatus }),
    mine: user?.organisationId === row.id,
  });
}

export default function OrganisationProfile() {
  const { org, listings, profile, mine } = useLoaderData<typeof loader>();
  return (
    <article aria-labelledby="org-title" className="mx-auto max-w-3xl space-y-6">
      <p className="text-sm text-solid-gray-700">{ROLE_LABELS[org.kind]}</p>
      <h1 id="org-title" className="text-3xl font-bold">
        {org.name}
      </h1>
      {org.status !== 'approved' ? <p className="rounded-lg border-2 border-yellow-700 bg-yellow-50 p-3">この組織は審査中です（メンバーと運営者だけに表示されています）。</p> : null}
      <dl className="card grid gap-x-6 gap-y-2 sm:grid-cols-[12rem_1fr]">
        {org.municipality ? (
          <>
            <dt className="font-bold">自治体</dt>
            <dd>{org.municipality}</dd>
          </>
        ) : null}
        {org.headOffice ? (
          <>
            <dt className="font-bold">本社所在地</dt>
            <dd>{org.headOffice}</dd>
          </>
        ) : null}
        {org.corporateNumber ? (
          <>
            <dt className="font-bold">法人番号</dt>
            <dd>{org.corporateNumber}</dd>
          </>
        ) : null}
        {org.companyClass && org.kind === 'company' ? (
          <>
            <dt className="font-bold">制度上の区分</dt>
            <dd>{COMPANY_CLASS_LABELS[org.companyClass]}</dd>
          </>
        ) : null}
        {org.track ? (
          <>
            <dt className="font-bold">働き方</dt>
            <dd>{INDIVIDUAL_TRACK_LABELS[org.track]}</dd>
          </>
        ) : null}
        {org.website ? (
          <>
            <dt className="font-bold">ウェブサイト</dt>
            <dd className="break-all">
              <a href={org.website} rel="noopener noreferrer nofollow">
                {org.website}
              </a>
            </dd>
          </>
        ) : null}
        <dt className="font-bold">登録日</dt>
        <dd>{formatWareki(org.since)}</dd>
      </dl>
      {org.description ? <p className="whitespace-pre-wrap">{org.description}</p> : null}
      {profile ? <IndividualProfile name={org.name} profile={profile} /> : null}
      {mine && org.kind === 'individual' ? (
        <p>
          <a href="/settings/profile">プロフィールを編集する</a>
        </p>
      ) : null}
      {org.kind === 'municipality' || org.kind === 'company' || org.kind === 'individual' ? <OrganisationListings listings={listings} /> : null}
    </article>
  );
}
