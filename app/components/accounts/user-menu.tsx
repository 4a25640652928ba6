import { useRouteLoaderData } from '@remix-run/react';
import { roleAndOrganisation } from '../../domain/accounts/names';
import type { OrganisationStatus, Role } from '../../domain/accounts/types';

type RootData = { user: { name: string; role: Role; organisationName: string; organisationStatus: OrganisationStatus } | null };

/** Log-in / sign-up links, or the signed-in account with its menu and a log-out button (a plain form: works without JavaScript). */
export function UserMenu() {
  const data = useRouteLoaderData('root') as RootData | undefined;
  const user = data?.user;
  if (!user) {
    return (
      <ul className="flex flex-wrap items-center gap-4 text-sm" aria-label="アカウント">
        <li>
          <a href="/login">ログイン</a>
        </li>
        <li>
          <a href="/signup" className="btn-secondary px-4 py-2 text-sm">
            新規登録
          </a>
        </li>
      </ul>
    );
  }
  return (
    <ul className="flex flex-wrap items-center gap-4 text-sm" aria-label="アカウント">
      <li className="text-solid-gray-800">
        <span className="font-bold" data-testid="current-user">
          {user.name}
        </span>
        <span className="ml-1 text-solid-gray-700">
          （{roleAndOrganisation(user.role, user.organisationName, user.name)}
          {user.organisationStatus === 'pending' ? '・審査中' : ''}）
        </span>
      </li>
      {user.role === 'operator' ? (
        <li>
          <a href="/admin">管理</a>
        </li>
      ) : null}
      <li>
        <a href="/my/favourites">気になる</a>
      </li>
      <li>
        <a href="/settings">設定</a>
      </li>
      <li>
        <form method="post" action="/logout">
          <button type="submit" className="text-blue-1000 underline underline-offset-[3px]">
            ログアウト
          </button>
        </form>
      </li>
    </ul>
  );
}
