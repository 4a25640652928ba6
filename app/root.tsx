import type { LinksFunction, MetaFunction } from '@remix-run/node';
import { Links, Meta, Outlet, Scripts, ScrollRestoration } from '@remix-run/react';
import type { ReactNode } from 'react';
import { GeneralErrorBoundary } from './components/error-boundary';
import { SiteFooter, SiteHeader } from './components/layout';
import faviconIco from '../public/favicon.ico';
import faviconSvg from '../public/favicon.svg';
import stylesHref from './styles/app.generated.css';
import { useNonce } from './utils/nonce';

export { rootLoader as loader } from './services/auth.server';

// The icons are build assets (hashed names, cached for a year); /favicon.ico leads to the same file.
export const links: LinksFunction = () => [
  { rel: 'stylesheet', href: stylesHref },
  { rel: 'icon', href: faviconIco, sizes: '16x16 32x32 48x48' },
  { rel: 'icon', href: faviconSvg, type: 'image/svg+xml' },
];

export const meta: MetaFunction = () => [
  { title: '起業人マッチ｜地域活性化起業人のマッチングプラットフォーム' },
  { name: 'description', content: '自治体と企業・個人をつなぐ、地域活性化起業人（企業派遣型・副業型・シニア型）のマッチングプラットフォーム。' },
];

export function Layout({ children }: { children: ReactNode }) {
  const nonce = useNonce();
  return (
    <html lang="ja">
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <Meta />
        <Links />
      </head>
      <body className="flex min-h-screen flex-col">
        <a href="#main" className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-50 focus:bg-white focus:p-3">
          本文へスキップ
        </a>
        <SiteHeader />
        <main id="main" tabIndex={-1} className="mx-auto w-full max-w-6xl flex-1 px-4 py-8">
          {children}
        </main>
        <SiteFooter />
        <ScrollRestoration nonce={nonce} />
        <Scripts nonce={nonce} />
      </body>
    </html>
  );
}

export default function App() {
  return <Outlet />;
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
