import { json, type LoaderFunctionArgs } from '@remix-run/node';
import { useLoaderData } from '@remix-run/react';
import { countMunicipalities } from '../services/municipalities.server';

export async function loader({ context }: LoaderFunctionArgs) {
  return json({ municipalities: await countMunicipalities(context.db) });
}

const TYPES = [
  { name: '企業派遣型', text: '自治体と企業が協定を結び、社員が月の半分以上その地域で働きます。期間は6か月〜3年。' },
  { name: '副業型', text: '企業に勤める方が自治体と契約し、月4日・20時間以上、うち1日以上は現地で活動します。' },
  { name: 'シニア型', text: '企業を退職した方が、副業型と同じ条件で自治体と契約して活動します。' },
];

export default function Index() {
  const { municipalities } = useLoaderData<typeof loader>();
  const fmt = new Intl.NumberFormat('ja-JP');
  return (
    <div className="space-y-10">
      <section aria-labelledby="hero-title" className="space-y-4">
        <h1 id="hero-title" className="text-3xl font-bold leading-snug text-solid-gray-900 sm:text-4xl">
          地域の課題と、企業・個人の力をつなぐ。
        </h1>
        <p className="max-w-3xl text-lg">
          起業人マッチは、総務省「地域活性化起業人」制度で自治体と企業・個人が出会い、対話し、協定・契約まで進めるためのプラットフォームです。
          すべての組み合わせを制度の対象要件で確認し、特別交付税措置を失うミスを未然に防ぎます。
        </p>
      </section>
      <section aria-labelledby="stats-title">
        <h2 id="stats-title" className="mb-4 text-2xl font-bold">
          受入対象の市町村
        </h2>
        <dl className="grid gap-4 sm:grid-cols-3">
          <div className="card">
            <dt className="text-sm text-solid-gray-700">登録市区町村</dt>
            <dd className="text-3xl font-bold" data-testid="municipality-total">
              {fmt.format(municipalities.total)}
            </dd>
          </div>
          <div className="card">
            <dt className="text-sm text-solid-gray-700">三大都市圏の企業から受入可能</dt>
            <dd className="text-3xl font-bold">{fmt.format(municipalities.eligible1433)}</dd>
          </div>
          <div className="card">
            <dt className="text-sm text-solid-gray-700">三大都市圏外の政令市等の企業から受入可能</dt>
            <dd className="text-3xl font-bold">{fmt.format(municipalities.eligible1375)}</dd>
          </div>
        </dl>
      </section>
      <section aria-labelledby="types-title">
        <h2 id="types-title" className="mb-4 text-2xl font-bold">
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
