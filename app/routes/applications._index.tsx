import { json, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { useLoaderData } from '@remix-run/react';
import { InquiryBadge, StateBadge } from '../components/applications/state-badge';
import { KIND_LABELS } from '../domain/applications/parties';
import { can } from '../domain/policy';
import { listApplications } from '../services/applications.server';
import { forbidden, notApprovedMessage, requireUser } from '../services/auth.server';
import { formatDateTime } from '../utils/dates';

/* /applications: the applications and scouts an organisation sent and received. */

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requireUser(request, context);
  // Applications belong to the organisations that post listings (approved municipalities, companies, individuals).
  const party = can(user, 'listing.create', { type: 'listing', listingKind: 'opening' }) || can(user, 'listing.create', { type: 'listing', listingKind: 'solution' });
  if (!party) throw forbidden(user.organisation.status === 'approved' ? '応募・スカウトは自治体・企業・個人の方のページです。' : notApprovedMessage(user.organisation.status));
  return json({ applications: await listApplications(context.db, user), role: user.role });
}

export const meta: MetaFunction = () => [{ title: '応募・スカウト｜起業人マッチ' }];


export default function ApplicationsPage() {
  const { applications } = useLoaderData<typeof loader>();
  const sent = applications.filter((a) => a.side === 'applicant');
  const received = applications.filter((a) => a.side === 'owner');
  return (
    <div className="space-y-8">
      <h1 className="page-title">応募・スカウト</h1>
      {[
        { title: '受け取ったもの', items: received, empty: 'あなたの団体の掲載に届いた応募・スカウトはまだありません。' },
        { title: '送ったもの', items: sent, empty: '送った応募・スカウトはまだありません。掲載を探して応募できます。' },
      ].map((group) => (
        <section key={group.title} aria-labelledby={`h-${group.title}`} className="space-y-3">
          <h2 id={`h-${group.title}`} className="section-title">
            {group.title}（{group.items.length}件）
          </h2>
          {group.items.length === 0 ? <p className="text-solid-gray-700">{group.empty}</p> : null}
          <ul className="space-y-2">
            {group.items.map((a) => (
              <li key={a.id} className="card flex flex-wrap items-center justify-between gap-3">
                <div>
                  <a href={`/applications/${a.id}`} className="font-bold">
                    {a.listingTitle}
                  </a>
                  <p className="text-sm text-solid-gray-700">
                    {KIND_LABELS[a.kind]}・相手：{a.otherName}・最終更新 {formatDateTime(a.lastActivityAt)}
                  </p>
                </div>
                <p className="flex flex-wrap items-center gap-2">
                  <StateBadge state={a.state} kind={a.kind} />
                  {a.inquiry ? <InquiryBadge /> : null}
                  {a.unread > 0 ? (
                    <span className="badge badge-red" data-testid="unread">
                      未読 {a.unread}
                    </span>
                  ) : null}
                </p>
              </li>
            ))}
          </ul>
        </section>
      ))}
    </div>
  );
}
