import { json, type LoaderFunctionArgs } from '@remix-run/node';
import { Link, useLoaderData } from '@remix-run/react';
import { ListingGrid, type CardData } from '../components/listings/listing-card';
import { DISMISSED_MESSAGE, ProposalList } from '../components/proposals/proposal-list';
import { getOptionalUser } from '../services/auth.server';
import { homeListings } from '../services/listings.server';
import { homeProposals } from '../services/proposal-pages.server';
import { countMunicipalities } from '../services/municipalities.server';
import { sharedReadOf } from '../services/shared-reads.server';
import { formatNumber } from '../utils/dates';
import { Notice } from '../components/notice';

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await getOptionalUser(request, context);
  // What every reader sees alike is read once for all of them while it does not change.
  const shared = sharedReadOf(context);
  const [municipalities, listings, proposals] = await Promise.all([
    shared('municipality-counts', () => countMunicipalities(context.db)),
    homeListings(context.db, user, undefined, shared),
    homeProposals(context.db, user),
  ]);
  const { counts, newest } = listings;
  // An organisation with published listings gets its matching proposals instead of the category picks.
  const recommended = proposals ? null : listings.recommended;
  // Only what the cards show travels to the browser as hydration data.
  return json({
    municipalities,
    listings: {
      counts,
      newest: { openings: newest.openings.map(shown), solutions: newest.solutions.map(shown) },
      recommended: recommended && { ...recommended, cards: recommended.cards.map(shown) },
    },
    proposals,
    dismissed: new URL(request.url).searchParams.get('done') === 'dismissed',
    role: user?.role ?? null,
  });
}

function shown(c: CardData): CardData {
  return {
    id: c.id,
    kind: c.kind,
    title: c.title,
    summary: c.summary,
    categories: c.categories,
    types: c.types,
    termMinMonths: c.termMinMonths,
    termMaxMonths: c.termMaxMonths,
    remoteOk: c.remoteOk,
    regionPrefCodes: c.regionPrefCodes,
    regionAnywhere: c.regionAnywhere,
    headcount: c.headcount,
    deadline: c.deadline,
    startFrom: c.startFrom,
    organisationName: c.organisationName,
    place: c.place,
    status: c.status,
  };
}

const TYPES = [
  { name: '企業派遣型', text: '自治体と企業が協定を結び、社員が月の半分以上その地域で働きます。期間は6か月〜3年。' },
  { name: '副業型', text: '企業に勤める方が自治体と契約し、月4日・20時間以上、うち1日以上は現地で活動します。' },
  { name: 'シニア型', text: '企業を退職した方が、副業型と同じ条件で自治体と契約して活動します。' },
];

export default function Index() {
  const { municipalities, listings, proposals, dismissed, role } = useLoaderData<typeof loader>();
  const rec = listings.recommended;
  return (
    <div className="space-y-12">
      <section aria-labelledby="hero-title" className="space-y-4">
        <h1 id="hero-title" className="text-3xl font-bold leading-snug text-solid-gray-900 sm:text-4xl">
          地域の課題と、企業・個人の力をつなぐ。
        </h1>
        <p className="max-w-3xl text-lg">
          起業人マッチは、総務省「地域活性化起業人」制度で自治体と企業・個人が出会い、対話し、協定・契約まで進めるためのプラットフォームです。
          すべての組み合わせを制度の対象要件で確認し、特別交付税措置を失うミスを未然に防ぎます。
        </p>
        <div className="flex flex-wrap gap-4">
          <a href="/openings" className="btn-primary">
            起業人募集を見る（{formatNumber(listings.counts.openings)}件）
          </a>
          <a href="/solutions" className="btn-secondary">
            ソリューションを見る（{formatNumber(listings.counts.solutions)}件）
          </a>
          {role === 'municipality' || role === 'company' || role === 'individual' ? (
            <a href="/my/listings" className="btn-secondary">
              自分の掲載
            </a>
          ) : null}
        </div>
      </section>

      {proposals ? (
        <section aria-labelledby="rec-title">
          <div className="mb-4 flex flex-wrap items-baseline justify-between gap-2">
            <h2 id="rec-title" className="section-title mb-0">
              あなたへの提案
            </h2>
            <Link to="/proposals">すべての提案</Link>
          </div>
          {dismissed ? (
            <Notice tone="success" as="p">
              {DISMISSED_MESSAGE}
            </Notice>
          ) : null}
          <p className="mb-4 text-sm text-solid-gray-700">あなたの掲載に、制度の対象となる相手だけを合う順に提案しています。</p>
          {proposals.length ? <ProposalList proposals={proposals} back="home" showFor /> : <p>いまお出しできる提案はありません。</p>}
        </section>
      ) : null}

      {rec ? (
        <section aria-labelledby="rec-title">
          <h2 id="rec-title" className="section-title">
            あなたへのおすすめ{rec.kind === 'opening' ? 'の起業人募集' : 'のソリューション'}
          </h2>
          <p className="mb-4 text-sm text-solid-gray-700">
            {rec.basedOn.length ? `あなたの掲載の分野（${rec.basedOn.slice(0, 3).join('、')}）` : 'あなたの地域'}
            {rec.kind === 'opening' ? 'と、制度上派遣できる自治体' : ''}をもとに選んでいます。
          </p>
          <ListingGrid cards={rec.cards} empty="おすすめできる掲載はまだありません。" />
        </section>
      ) : null}

      <section aria-labelledby="new-openings-title">
        <div className="mb-4 flex flex-wrap items-baseline justify-between gap-2">
          <h2 id="new-openings-title" className="section-title mb-0">
            新着の起業人募集
          </h2>
          <a href="/openings">すべての起業人募集</a>
        </div>
        <ListingGrid cards={listings.newest.openings} empty="公開中の起業人募集はまだありません。" />
      </section>

      <section aria-labelledby="new-solutions-title">
        <div className="mb-4 flex flex-wrap items-baseline justify-between gap-2">
          <h2 id="new-solutions-title" className="section-title mb-0">
            新着のソリューション
          </h2>
          <a href="/solutions">すべてのソリューション</a>
        </div>
        <ListingGrid cards={listings.newest.solutions} empty="公開中のソリューションはまだありません。" />
      </section>

      <section aria-labelledby="stats-title">
        <h2 id="stats-title" className="section-title">
          受入対象の市町村
        </h2>
        <dl className="grid gap-4 sm:grid-cols-3">
          <div className="card">
            <dt className="text-sm text-solid-gray-700">登録市区町村</dt>
            <dd className="text-3xl font-bold" data-testid="municipality-total">
              {formatNumber(municipalities.total)}
            </dd>
          </div>
          <div className="card">
            <dt className="text-sm text-solid-gray-700">三大都市圏の企業から受入可能</dt>
            <dd className="text-3xl font-bold">{formatNumber(municipalities.eligible1433)}</dd>
          </div>
          <div className="card">
            <dt className="text-sm text-solid-gray-700">三大都市圏外の政令市等の企業から受入可能</dt>
            <dd className="text-3xl font-bold">{formatNumber(municipalities.eligible1375)}</dd>
          </div>
        </dl>
      </section>

      <section aria-labelledby="types-title">
        <h2 id="types-title" className="section-title">
          3つの類型
        </h2>
        <ul className="grid gap-4 sm:grid-cols-3">
          {TYPES.map((t) => (
            <li key={t.name} className="card">
              <h3 className="mb-2 text-lg font-bold">{t.name}</h3>
              <p>{t.text}</p>
            </li>
          ))}
        </ul>
      </section>
    </div>
  );
}
