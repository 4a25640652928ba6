import { useLocation, useRouteLoaderData } from '@remix-run/react';
import { useEffect, useRef } from 'react';
import type { InboxCounts } from '../services/inbox.server';
import { InboxLinks } from './applications/inbox-links';
import { UserMenu } from './accounts/user-menu';
import { MonitoringNavItem } from './monitoring/header-link';
import { SearchBox } from './search-box';

const MENU_ID = 'site-menu';

/**
 * The phone menu: a <details> toggle whose open state shows the panel right after it (CSS in
 * app.css), so it opens and closes without JavaScript. With JavaScript it also closes after a
 * navigation, on Escape (focus back on the toggle) and on a click outside the header.
 */
function useMenuToggle() {
  const ref = useRef<HTMLDetailsElement>(null);
  const location = useLocation();

  useEffect(() => {
    const details = ref.current;
    if (!details?.open) return;
    details.open = false;
    // A link in the panel had focus and is hidden now: continue at the new page's content.
    if (document.activeElement === document.body || document.getElementById(MENU_ID)?.contains(document.activeElement)) {
      document.getElementById('main')?.focus();
    }
  }, [location.key]);

  useEffect(() => {
    const close = (returnFocus: boolean) => {
      const details = ref.current;
      if (!details?.open) return false;
      details.open = false;
      if (returnFocus) details.querySelector('summary')?.focus();
      return true;
    };
    const onKeyDown = (e: KeyboardEvent) => {
      if (e.key !== 'Escape') return;
      const inMenu = ref.current?.contains(document.activeElement) || document.getElementById(MENU_ID)?.contains(document.activeElement);
      if (close(Boolean(inMenu))) e.preventDefault();
    };
    const onPointerDown = (e: PointerEvent) => {
      if (!(e.target instanceof Node) || ref.current?.closest('header')?.contains(e.target)) return;
      close(false);
    };
    document.addEventListener('keydown', onKeyDown);
    document.addEventListener('pointerdown', onPointerDown);
    return () => {
      document.removeEventListener('keydown', onKeyDown);
      document.removeEventListener('pointerdown', onPointerDown);
    };
  }, []);

  return ref;
}

/** Unread messages and notifications together, shown on the closed phone menu. */
function useUnreadTotal(): number {
  const inbox = (useRouteLoaderData('root') as { inbox?: InboxCounts | null } | undefined)?.inbox;
  return inbox ? inbox.messages + inbox.notifications : 0;
}

export function SiteHeader() {
  const toggle = useMenuToggle();
  const unread = useUnreadTotal();
  return (
    <header className="site-header">
      <div className="site-header-bar">
        <a href="/" className="site-logo">
          <SiteMark />
          起業人マッチ
          <span className="ml-2 hidden text-sm font-normal text-solid-gray-700 lg:inline">地域活性化起業人のマッチング</span>
        </a>
        <details ref={toggle} className="site-menu-toggle" data-testid="menu-toggle">
          <summary aria-controls={MENU_ID}>
            <svg aria-hidden="true" viewBox="0 0 24 24" className="site-menu-icon">
              <path className="site-menu-icon-closed" d="M3 6h18M3 12h18M3 18h18" />
              <path className="site-menu-icon-open" d="M5 5l14 14M19 5L5 19" />
            </svg>
            メニュー
            {unread > 0 ? (
              <span className="badge badge-red" data-testid="menu-unread">
                <span className="sr-only">未読</span>
                {unread}
                <span className="sr-only">件</span>
              </span>
            ) : null}
          </summary>
        </details>
        <div id={MENU_ID} className="site-menu">
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
      </div>
    </header>
  );
}

/** The product mark: two pieces, one from each side, that meet in the middle (also public/favicon.svg). */
function SiteMark() {
  return (
    <svg aria-hidden="true" viewBox="0 0 32 32" className="site-logo-mark">
      <rect width="32" height="32" rx="7" fill="#0017c1" />
      <path d="M6 8h11a4 4 0 0 1 0 8H6z" fill="#ffffff" />
      <path d="M26 24H15a4 4 0 0 1 0-8h11z" fill="#ffd43d" />
    </svg>
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
