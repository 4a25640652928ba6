import { InboxLinks } from './applications/inbox-links';
import { UserMenu } from './accounts/user-menu';
import { MonitoringNavItem } from './monitoring/header-link';
import { SearchBox } from './search-box';

export function SiteHeader() {
  return (
    <header className="border-b border-solid-gray-200 bg-white">
      <div className="mx-auto flex max-w-6xl flex-wrap items-center justify-between gap-4 px-4 py-3">
        <a href="/" className="text-xl font-bold text-solid-gray-900 no-underline">
          起業人マッチ
          <span className="ml-2 hidden text-sm font-normal text-solid-gray-700 sm:inline">地域活性化起業人のマッチング</span>
        </a>
        <nav aria-label="メインメニュー">
          <ul className="flex flex-wrap gap-4 text-sm">
            <li>
              <a href="/openings">起業人募集</a>
            </li>
            <li>
              <a href="/solutions">ソリューション</a>
            </li>
            <li>
              <a href="/eligibility">対象判定</a>
            </li>
            <MonitoringNavItem />
          </ul>
        </nav>
        <SearchBox id="header-search" />
        <InboxLinks />
        <UserMenu />
      </div>
    </header>
  );
}

export function SiteFooter() {
  return (
    <footer className="mt-12 border-t border-solid-gray-200 bg-solid-gray-50">
      <div className="mx-auto max-w-6xl px-4 py-6 text-sm text-solid-gray-700">
        <p>起業人マッチ — 地域活性化起業人（企業派遣型・副業型・シニア型）のマッチングプラットフォーム</p>
        <p>対象市町村の一覧は総務省の公表資料に基づきます（令和7・8年度：1,433市町村）。</p>
      </div>
    </footer>
  );
}
