import { json, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { useLoaderData } from '@remix-run/react';
import { requireCan } from '../services/auth.server';

export const meta: MetaFunction = () => [{ title: '管理メニュー｜起業人マッチ 管理' }];

const LINKS = [
  { href: '/admin/approvals', label: '登録審査', description: '自治体・企業の登録申請を確認し、承認または却下します。' },
  { href: '/admin/audit', label: '監査ログ', description: '登録・承認・ログイン・掲載・応募などすべての変更の記録を確認します。' },
  { href: '/admin/synonyms', label: '同義語辞書', description: '検索で同じ意味として扱う語（例：DX とデジタル化）を追加・編集・削除します。' },
  { href: '/admin/templates', label: '協定書・契約書のひな形', description: '協定書・契約書の条文のひな形を確認します。' },
  { href: '/admin/users', label: '利用者の管理', description: '利用者を検索し、アカウントの利用停止・再開を行います。' },
] as const;

export async function loader({ request, context }: LoaderFunctionArgs) {
  await requireCan(request, context, 'admin.index');
  return json({ links: LINKS });
}

export default function AdminIndex() {
  const { links } = useLoaderData<typeof loader>();
  return (
    <div className="space-y-6">
      <h1 className="text-3xl font-bold">管理メニュー</h1>
      <ul className="grid gap-4 md:grid-cols-2">
        {links.map((l) => (
          <li key={l.href} className="card space-y-2">
            <h2 className="text-xl font-bold">
              <a href={l.href}>{l.label}</a>
            </h2>
            <p>{l.description}</p>
          </li>
        ))}
      </ul>
    </div>
  );
}
