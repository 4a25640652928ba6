import { Link, useLocation, useRouteLoaderData } from '@remix-run/react';
import { useEffect, useRef } from 'react';
import type { ReactNode } from 'react';
import type { PolicyDocument } from '../domain/legal';
import type { InboxCounts } from '../services/inbox.server';
import { formatWareki } from '../utils/dates';
import { InboxLinks } from './applications/inbox-links';
import { UserMenu } from './accounts/user-menu';
import { MonitoringNavItem } from './monitoring/header-link';
import { ProposalsNavItem } from './proposals/nav-link';
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
        <Link to="/" className="site-logo">
          <SiteMark />
          起業人マッチ
          <span className="ml-2 hidden text-sm font-normal text-solid-gray-700 lg:inline">地域活性化起業人のマッチング</span>
        </Link>
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
                <Link to="/openings">起業人募集</Link>
              </li>
              <li>
                <Link to="/solutions">ソリューション</Link>
              </li>
              <li>
                <Link to="/eligibility">対象判定</Link>
              </li>
              <ProposalsNavItem />
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

export const FOOTER_LINKS = [
  { href: '/terms', label: '利用規約' },
  { href: '/privacy', label: 'プライバシーポリシー' },
  { href: '/accessibility', label: 'アクセシビリティ方針' },
  { href: '/about', label: '運営者情報' },
  { href: '/contact', label: 'お問い合わせ' },
] as const;

export function SiteFooter() {
  return (
    <footer className="mt-12 border-t border-solid-gray-200 bg-solid-gray-50">
      <div className="mx-auto max-w-6xl space-y-4 px-4 py-6 text-sm text-solid-gray-700">
        <nav aria-label="このサイトについて">
          <ul className="flex flex-wrap gap-x-6 gap-y-2">
            {FOOTER_LINKS.map((l) => (
              <li key={l.href}>
                <a href={l.href}>{l.label}</a>
              </li>
            ))}
          </ul>
        </nav>
        <p>起業人マッチ — 地域活性化起業人（企業派遣型・副業型・シニア型）のマッチングプラットフォーム</p>
        <p>対象市町村の一覧は総務省の公表資料に基づきます（令和7・8年度：1,433市町村）。</p>
      </div>
    </footer>
  );
}

/** A page of running text (運営者情報, アクセシビリティ方針): a title and a readable measure. */
export function TextPage({ title, lead, children }: { title: string; lead?: ReactNode; children: ReactNode }) {
  return (
    <article aria-labelledby="page-title" className="text-page">
      <h1 id="page-title" className="page-title">
        {title}
      </h1>
      {lead ? <div className="mb-8">{lead}</div> : null}
      {children}
    </article>
  );
}

/** 利用規約 / プライバシーポリシー: the text of one version, with its id and the date it took effect. */
export function PolicyPage({ doc }: { doc: PolicyDocument }) {
  return (
    <TextPage
      title={doc.title}
      lead={
        <p className="text-sm text-solid-gray-700" data-testid="policy-version">
          {formatWareki(doc.effectiveOn)}施行（版：{doc.id}）
        </p>
      }
    >
      {doc.intro.map((p) => (
        <p key={p}>{p}</p>
      ))}
      <nav aria-label="目次" className="my-8 rounded-lg bg-solid-gray-50 p-5">
        <h2 className="mb-2 text-base font-bold">目次</h2>
        <ol className="space-y-1">
          {doc.sections.map((s, i) => (
            <li key={s.heading}>
              <a href={`#section-${i + 1}`}>{s.heading}</a>
            </li>
          ))}
        </ol>
      </nav>
      {doc.sections.map((s, i) => (
        <section key={s.heading} aria-labelledby={`section-${i + 1}`}>
          <h2 id={`section-${i + 1}`}>{s.heading}</h2>
          {s.paragraphs.map((p) => (
            <p key={p}>{p}</p>
          ))}
          {s.items?.length ? (
            <ol>
              {s.items.map((item) => (
                <li key={item}>{item}</li>
              ))}
            </ol>
          ) : null}
        </section>
      ))}
    </TextPage>
  );
}
