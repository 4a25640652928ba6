import { json, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Link, useLoaderData } from '@remix-run/react';
import { StatusBadge } from '../components/listings/listing-card';
import { KIND_LABELS, KIND_PATHS, POSTERS, type ListingKind } from '../domain/listings';
import { requireCan } from '../services/auth.server';
import { myListings } from '../services/listings.server';
import { formatDateTime, formatWareki } from '../utils/dates';

export const meta: MetaFunction = () => [{ title: '自分の掲載｜起業人マッチ' }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requireCan(request, context, 'account.settings');
  const kind: ListingKind | null = POSTERS.opening.includes(user.role) ? 'opening' : POSTERS.solution.includes(user.role) ? 'solution' : null;
  return json({ kind, organisationName: user.organisation.name, listings: kind ? await myListings(context.db, user) : [] });
}

export default function MyListings() {
  const { kind, listings, organisationName } = useLoaderData<typeof loader>();
  return (
    <div>
      <div className="mb-6 flex flex-wrap items-end justify-between gap-4">
        <div>
          <h1 className="page-title mb-2">自分の掲載</h1>
          <p>{organisationName} の掲載（下書きを含む）です。</p>
          <p className="mt-1">
            <Link to="/my/favourites">「気になる」に登録した掲載</Link>
          </p>
        </div>
        {kind ? (
          <Link to={`${KIND_PATHS[kind]}/new`} className="btn-primary">
            {kind === 'opening' ? '起業人を募集する' : 'ソリューションを掲載する'}
          </Link>
        ) : null}
      </div>
      {!kind ? (
        <p>この種類のアカウントでは掲載を作成できません。</p>
      ) : listings.length === 0 ? (
        <p className="rounded-lg bg-solid-gray-50 p-6">まだ掲載はありません。「{kind === 'opening' ? '起業人を募集する' : 'ソリューションを掲載する'}」から作成できます。</p>
      ) : (
        <div className="overflow-x-auto">
          <table className="w-full min-w-[36rem] border-collapse text-left">
            <caption className="sr-only">{KIND_LABELS[kind]}の一覧</caption>
            <thead>
              <tr className="border-b-2 border-solid-gray-600">
                <th scope="col" className="p-2">
                  タイトル
                </th>
                <th scope="col" className="p-2">
                  状態
                </th>
                <th scope="col" className="p-2">
                  締切
                </th>
                <th scope="col" className="p-2">
                  最終更新
                </th>
                <th scope="col" className="p-2">
                  <span className="sr-only">操作</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {listings.map((l) => (
                <tr key={l.id} className="border-b border-solid-gray-200">
                  <td className="p-2">
                    <Link to={`${KIND_PATHS[l.kind]}/${l.id}`}>{l.title}</Link>
                  </td>
                  <td className="p-2">
                    <StatusBadge kind={l.kind} status={l.status} closeReason={l.closeReason} />
                  </td>
                  <td className="p-2">{l.deadline ? formatWareki(l.deadline) : '—'}</td>
                  <td className="p-2 text-sm">
                    {formatDateTime(l.updatedAt)}（第{l.revision}版）
                  </td>
                  <td className="p-2">
                    {l.status !== 'closed' ? (
                      <Link to={`${KIND_PATHS[l.kind]}/${l.id}/edit`}>
                        編集<span className="sr-only">（{l.title}）</span>
                      </Link>
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
