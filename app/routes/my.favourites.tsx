import { json, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Form, Link, useLoaderData } from '@remix-run/react';
import { FAVOURITE_MESSAGES } from '../components/favourites/favourite-panel';
import { SubmitButton } from '../components/forms';
import { StatusBadge } from '../components/listings/listing-card';
import { KIND_LABELS, KIND_PATHS } from '../domain/listings';
import { requireCan } from '../services/auth.server';
import { myFavourites } from '../services/favourites.server';
import { formatWareki } from '../utils/dates';
import { NO_STORE } from '../utils/forms.server';
import { Notice } from '../components/notice';

export const meta: MetaFunction = () => [{ title: '気になる｜起業人マッチ' }];

/** The signed-in user's own 気になる list: nobody else sees it. */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requireCan(request, context, 'account.settings');
  const done = new URL(request.url).searchParams.get('done');
  return json({ favourites: await myFavourites(context.db, user), removed: done === 'removed' }, { headers: NO_STORE });
}

export default function MyFavourites() {
  const { favourites, removed } = useLoaderData<typeof loader>();
  return (
    <div>
      <h1 className="page-title mb-2">気になる</h1>
      <p className="mb-6">「気になる」に登録した掲載です。この一覧はあなたにだけ表示されます。</p>
      {removed ? (
        <Notice tone="success" as="p">
          {FAVOURITE_MESSAGES.unfavourited}
        </Notice>
      ) : null}
      {favourites.length === 0 ? (
        <p className="rounded-lg bg-solid-gray-50 p-6">
          まだ登録はありません。<Link to="/openings">起業人募集</Link>や<Link to="/solutions">ソリューション</Link>の各ページの「気になる」から登録できます。
        </p>
      ) : (
        <ul className="space-y-4" aria-label="気になる掲載">
          {favourites.map((f) => (
            <li key={f.id} className="card flex flex-wrap items-start justify-between gap-4">
              <div className="min-w-0">
                <div className="mb-1 flex flex-wrap gap-2 text-sm">
                  <span className="badge badge-blue">{KIND_LABELS[f.kind]}</span>
                  <StatusBadge kind={f.kind} status={f.status} closeReason={f.closeReason} />
                </div>
                <h2 className="text-lg font-bold">
                  <Link to={`${KIND_PATHS[f.kind]}/${f.id}`}>{f.title}</Link>
                </h2>
                <p className="text-sm">
                  <Link to={`/orgs/${f.organisationId}`}>{f.organisationName}</Link>
                  {f.deadline ? `・締切 ${formatWareki(f.deadline)}` : ''}
                  {f.showName ? '・団体名を掲載者に知らせています' : ''}
                </p>
                {f.summary ? <p className="mt-1">{f.summary}</p> : null}
              </div>
              <Form method="post" action={`${KIND_PATHS[f.kind]}/${f.id}/favourite`}>
                <input type="hidden" name="intent" value="remove" />
                <input type="hidden" name="back" value="favourites" />
                <SubmitButton className="btn-secondary btn-small" formAction={`${KIND_PATHS[f.kind]}/${f.id}/favourite`}>
                  外す<span className="sr-only">（{f.title}）</span>
                </SubmitButton>
              </Form>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
